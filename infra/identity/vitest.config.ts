// Each test file starts its own provider (an RSA key generation and an HTTP server); on the shared two-core machine
// two files at a time is plenty.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
