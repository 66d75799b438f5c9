// The cases screens under /pollution/cases/* (their own routes, so the app's router only mounts them).
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { usePageTitle } from '../../app/page-title.ts';

/** Routes below /pollution/cases. */
export default function CasesRoutes() {
  return (
    <Routes>
      <Route index element={<CasesPlaceholder />} />
    </Routes>
  );
}

function CasesPlaceholder() {
  const { t } = useTranslation();
  usePageTitle(t('cases.title'));
  return <h1>{t('cases.title')}</h1>;
}
