// The sections screens under /pollution/sections/* (their own routes, so the app's router only mounts them).
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { usePageTitle } from '../../app/page-title.ts';

/** Routes below /pollution/sections. */
export default function SectionsRoutes() {
  return (
    <Routes>
      <Route index element={<SectionsPlaceholder />} />
    </Routes>
  );
}

function SectionsPlaceholder() {
  const { t } = useTranslation();
  usePageTitle(t('sections.title'));
  return <h1>{t('sections.title')}</h1>;
}
