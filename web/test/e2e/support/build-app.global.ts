// Builds the web app once for the end-to-end tests, into a temporary folder, with no VITE_* variables: the tests
// configure each served copy through /config.js, as the container does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built app's folder. */
    webDist: string;
  }
}

const webRoot = path.resolve(import.meta.dirname, '../../..');

/** Runs `vite build`; provides the output folder; removes it afterwards. */
export default function buildApp(project: TestProject): () => void {
  const outDir = mkdtempSync(path.join(tmpdir(), 'xietong-web-e2e-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITE_')));
  const vite = path.resolve(webRoot, '../node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: webRoot,
    env: { ...env, NODE_ENV: 'production' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    rmSync(outDir, { recursive: true, force: true });
    throw new Error(`vite build failed (status ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  project.provide('webDist', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
