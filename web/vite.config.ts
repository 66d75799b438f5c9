// Vite: React, and the dev server the launcher starts (`vite --host --port --strictPort` in this folder).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    // No source maps in what is served: the sources of a government app stay in the repository.
    sourcemap: false,
    // The first route's budget is checked by bench/bundle-size.ts; a single chunk over this is a mistake anyway.
    chunkSizeWarningLimit: 400,
  },
  server: { strictPort: true },
  preview: { strictPort: true },
});
