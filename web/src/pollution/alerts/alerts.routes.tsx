// The alerts screens under /pollution/alerts/* (their own routes, so the app's router only mounts them).
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { usePageTitle } from '../../app/page-title.ts';

/** Routes below /pollution/alerts. */
export default function AlertsRoutes() {
  return (
    <Routes>
      <Route index element={<AlertsPlaceholder />} />
    </Routes>
  );
}

function AlertsPlaceholder() {
  const { t } = useTranslation();
  usePageTitle(t('alerts.title'));
  return <h1>{t('alerts.title')}</h1>;
}
