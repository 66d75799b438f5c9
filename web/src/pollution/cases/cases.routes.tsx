// The cases screens under /pollution/cases/*: the list, and one case by its global id.
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../screens/not-found.page.tsx';
import { CaseDetailPage } from './case-detail.page.tsx';
import { CaseListPage } from './case-list.page.tsx';

/** Routes below /pollution/cases. */
export default function CasesRoutes() {
  return (
    <Routes>
      <Route index element={<CaseListPage />} />
      <Route path=":id" element={<CaseDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
