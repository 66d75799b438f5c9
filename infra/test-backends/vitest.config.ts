import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Backends are real servers (and, with an engine, containers pulled on first use).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores shared with other suites: one file at a time.
    fileParallelism: false,
  },
});
