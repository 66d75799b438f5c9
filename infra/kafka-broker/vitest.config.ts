// Conformance test files each start their own broker process and the machine has two cores, so files run one at a
// time; the broker's own unit tests (test/unit) are quick and do not mind.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
  },
});
