// Scratch directories for embedded backends, removed when the backend stops.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Creates an empty directory under the system temp dir; 0755 because as root PostgreSQL runs as `postgres`. */
export async function makeScratchDir(service: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `xietong-test-${service}-`));
  await fs.chmod(dir, 0o755);
  return dir;
}

/** Removes a scratch directory and everything in it. */
export async function removeScratchDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}
