import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file starts real PostgreSQL servers (initdb is about a second on these machines).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores shared with other suites: one file at a time.
    fileParallelism: false,
  },
});
