// The compensation screens under /pollution/compensation/* (their own routes, so the app's router only mounts them).
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { usePageTitle } from '../../app/page-title.ts';

/** Routes below /pollution/compensation. */
export default function CompensationRoutes() {
  return (
    <Routes>
      <Route index element={<CompensationPlaceholder />} />
    </Routes>
  );
}

function CompensationPlaceholder() {
  const { t } = useTranslation();
  usePageTitle(t('compensation.title'));
  return <h1>{t('compensation.title')}</h1>;
}
