// Two projects: component tests in jsdom, and end-to-end tests in Node that build the app, serve it, and drive
// Debian's Chromium through playwright-core against the development identity provider and an in-process gateway.
import { createRequire } from 'node:module';
import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

const require = createRequire(import.meta.url);

export default mergeConfig(
  viteConfig,
  defineConfig({
    resolve: {
      // graphql 16 has no exports map: Node (and so the codegen packages, yoga and Pothos) load its CommonJS build,
      // while Vite would give our own imports the .mjs one — two graphql instances. Point Vite at Node's.
      alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
    },
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['test/unit/**/*.test.{ts,tsx}'],
            environment: 'jsdom',
            setupFiles: ['test/unit/support/setup.ts'],
            maxWorkers: 2,
          },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            include: ['test/e2e/**/*.test.ts'],
            environment: 'node',
            globalSetup: ['test/e2e/support/build-app.global.ts'],
            // One browser at a time on a two-core machine shared with other work.
            fileParallelism: false,
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  }),
);
