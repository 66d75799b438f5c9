// Throw-away directories (test servers, shadow servers) that do not pile up when their process dies without
// cleaning up: each name carries the creating process's pid, and the next creation removes those of dead processes.
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const swept = new Set<string>();

/**
 * Creates an empty directory `<tmp>/<prefix>-<pid>-<random>`, mode 0755 because as root PostgreSQL runs as
 * `postgres` and must enter it. The first call per prefix removes directories left by dead processes.
 */
export async function makeScratchDir(prefix: string): Promise<string> {
  const tmp = os.tmpdir();
  if (!swept.has(prefix)) {
    swept.add(prefix);
    await removeAbandoned(tmp, `${prefix}-`);
  }
  const dir = await fs.mkdtemp(path.join(tmp, `${prefix}-${process.pid}-`));
  await fs.chmod(dir, 0o755);
  return dir;
}

/** Removes a scratch directory and everything in it. */
export async function removeScratchDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

async function removeAbandoned(tmp: string, namePrefix: string): Promise<void> {
  for (const name of await fs.readdir(tmp).catch(() => [] as string[])) {
    if (!name.startsWith(namePrefix)) continue;
    const pid = Number.parseInt(name.slice(namePrefix.length), 10);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    await removeScratchDir(path.join(tmp, name)).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // An unreaped zombie answers signal 0 but is gone.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}
