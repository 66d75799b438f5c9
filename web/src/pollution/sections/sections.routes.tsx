// The sections screens under /pollution/sections/*: every cross-boundary section, one section's readings, and the
// readings upload (loaded on demand).
import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../screens/not-found.page.tsx';
import { SectionDetailPage } from './section-detail.page.tsx';
import { SectionListPage } from './section-list.page.tsx';

const ReadingsUploadPage = lazy(() => import('./readings-upload.page.tsx'));

/** Routes below /pollution/sections. */
export default function SectionsRoutes() {
  return (
    <Routes>
      <Route index element={<SectionListPage />} />
      <Route path="upload" element={<ReadingsUploadPage />} />
      <Route path=":code" element={<SectionDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
