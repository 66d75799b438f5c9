// The compensation screens under /pollution/compensation/*: agreements and assessments, one agreement (any version),
// the form recording its next version, one assessment.
import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../screens/not-found.page.tsx';
import { AgreementPage } from './agreement.page.tsx';
import { AssessmentDetailPage } from './assessment-detail.page.tsx';
import { CompensationOverviewPage } from './compensation-overview.page.tsx';

// Loaded on demand: only a party's environmental bureau opens the form, and rarely.
const AgreementVersionPage = lazy(() => import('./agreement-version.page.tsx'));

/** Routes below /pollution/compensation. */
export default function CompensationRoutes() {
  return (
    <Routes>
      <Route index element={<CompensationOverviewPage />} />
      <Route path="agreements/:code" element={<AgreementPage />} />
      <Route path="agreements/:code/new-version" element={<AgreementVersionPage />} />
      <Route path="assessments/:id" element={<AssessmentDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
