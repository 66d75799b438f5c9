// The alerts screens under /pollution/alerts/* (their own routes, so the app's router only mounts them): the inbox,
// the issue form, one alert by its global id and its sender's update form. Each page is loaded on demand.
import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../screens/not-found.page.tsx';

const AlertInboxPage = lazy(() => import('./alert-inbox.page.tsx'));
const IssueAlertPage = lazy(() => import('./issue-alert.page.tsx'));
const AlertDetailPage = lazy(() => import('./alert-detail.page.tsx'));
const UpdateAlertPage = lazy(() => import('./issue-alert.page.tsx').then((module) => ({ default: module.UpdateAlertPage })));

/** Routes below /pollution/alerts. */
export default function AlertsRoutes() {
  return (
    <Routes>
      <Route index element={<AlertInboxPage />} />
      <Route path="new" element={<IssueAlertPage />} />
      <Route path=":alertId" element={<AlertDetailPage />} />
      <Route path=":alertId/update" element={<UpdateAlertPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
