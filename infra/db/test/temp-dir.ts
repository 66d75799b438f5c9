// Temporary directories for tests. As root the server runs as `postgres`, which must be able to enter them.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Creates an empty directory under the system temp dir that every user may enter; remove it with fs.rm. */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
  await fs.chmod(dir, 0o755);
  return dir;
}
