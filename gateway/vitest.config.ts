// Test files start an identity provider (RSA key generation) and gateways; two files at a time suit the two-core
// machine shared with other work.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 has no exports map: Node (and so Pothos and yoga) load its CommonJS build, while Vite would pick the
    // `module` (.mjs) build for our sources — two graphql instances. Point Vite at the one Node loads.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
