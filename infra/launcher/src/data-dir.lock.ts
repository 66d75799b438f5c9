// One launcher per data directory. PostgreSQL guards its own directory, but the broker's and the identity
// provider's files would be written by two launchers at once; a second `npm start` should say so plainly.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { DataDirectoryInUseError, DataDirectoryLockError, DataDirectoryUnusableError, LauncherError } from './launcher.errors.ts';
import { isProcessAlive, readProcStat } from './process.group.ts';

const LOCK_FILE = 'launcher.pid';

/** A held lock; release() removes it if it is still ours. */
export interface DataDirectoryLock {
  release(): void;
}

/**
 * Creates the data directory if needed and records this launcher in it. Throws DataDirectoryInUseError if a live
 * launcher holds it, DataDirectoryUnusableError if it cannot be created or written (naming the path), and
 * DataDirectoryLockError if a stale lock keeps coming back. The lock holds the pid and the process's start time, so a
 * lock left by a killed launcher whose pid was reused is not mistaken for a live one.
 */
export function lockDataDirectory(dataDir: string): DataDirectoryLock {
  const file = path.join(dataDir, LOCK_FILE);
  try {
    return takeLock(dataDir, file);
  } catch (error) {
    throw toUnusable(dataDir, file, error);
  }
}

function takeLock(dataDir: string, file: string): DataDirectoryLock {
  mkdirSync(dataDir, { recursive: true });
  const identity = processIdentity(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${identity}\n`, { flag: 'wx' });
      return { release: () => releaseIfOurs(file, identity) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readFileSync(file, 'utf8').trim();
    const pid = Number.parseInt(holder, 10);
    if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) && processIdentity(pid) === holder) {
      throw new DataDirectoryInUseError(dataDir, pid);
    }
    // Left by a launcher that was killed: take it over.
    rmSync(file, { force: true });
  }
  throw new DataDirectoryLockError(dataDir, file);
}

const FILE_SYSTEM_REASONS: Readonly<Record<string, string>> = {
  EEXIST: 'is a file, not a directory',
  ENOTDIR: 'has a file where a directory should be',
  EISDIR: 'is a directory where a file should be',
  EACCES: 'is not writable by this user',
  EPERM: 'is not writable (operation not permitted)',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'is on a full file system',
};

// A file-system failure becomes an answer naming the path (a read of the lock file reports none: name that); our
// own errors pass through.
function toUnusable(dataDir: string, lockFile: string, error: unknown): unknown {
  const e = error as NodeJS.ErrnoException;
  if (error instanceof LauncherError || typeof e.code !== 'string' || typeof e.syscall !== 'string') return error;
  return new DataDirectoryUnusableError(dataDir, `${e.path ?? lockFile} ${FILE_SYSTEM_REASONS[e.code] ?? 'cannot be used'} (${e.code} from ${e.syscall})`);
}

/** "pid starttime" where /proc exists, else just the pid. */
function processIdentity(pid: number): string {
  const stat = readProcStat(pid);
  return stat === null ? String(pid) : `${pid} ${stat.startTime}`;
}

function releaseIfOurs(file: string, identity: string): void {
  try {
    if (readFileSync(file, 'utf8').trim() === identity) rmSync(file, { force: true });
  } catch {
    // already gone
  }
}
