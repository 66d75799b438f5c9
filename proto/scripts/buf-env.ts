// Runs buf with the repository's node_modules/.bin first on PATH, so `buf` and the local `protoc-gen-es` plugin
// resolve even when a script is started with plain `node` rather than through npm.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The proto workspace's directory (buf.yaml lives here). */
export const protoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `buf <args>` in the proto workspace; returns its exit status and output. */
export function runBuf(args: readonly string[]): { status: number; stdout: string; stderr: string } {
  const bin = [path.join(protoDir, 'node_modules', '.bin'), path.join(protoDir, '..', 'node_modules', '.bin')];
  const result = spawnSync('buf', args, {
    cwd: protoDir,
    encoding: 'utf8',
    env: { ...process.env, PATH: [...bin, process.env.PATH ?? ''].join(path.delimiter) },
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
