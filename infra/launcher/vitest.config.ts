import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The tests start real processes; one file at a time keeps the shared two-core machine responsive.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
