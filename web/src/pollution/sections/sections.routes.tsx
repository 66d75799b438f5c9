// The sections screens under /pollution/sections/*: every cross-boundary section, and one section's readings.
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../screens/not-found.page.tsx';
import { SectionDetailPage } from './section-detail.page.tsx';
import { SectionListPage } from './section-list.page.tsx';

/** Routes below /pollution/sections. */
export default function SectionsRoutes() {
  return (
    <Routes>
      <Route index element={<SectionListPage />} />
      <Route path=":code" element={<SectionDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
