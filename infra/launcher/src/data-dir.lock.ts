// One launcher per data directory. PostgreSQL guards its own directory, but the broker's and the identity
// provider's files would be written by two launchers at once; a second `npm start` should say so plainly.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { DataDirectoryInUseError } from './launcher.errors.ts';
import { isProcessAlive, readProcStat } from './process.group.ts';

const LOCK_FILE = 'launcher.pid';

/** A held lock; release() removes it if it is still ours. */
export interface DataDirectoryLock {
  release(): void;
}

/**
 * Creates the data directory if needed and records this launcher in it; throws if a live launcher holds it. The lock
 * holds the pid and the process's start time, so a lock left by a killed launcher whose pid was reused is not
 * mistaken for a live one.
 */
export function lockDataDirectory(dataDir: string): DataDirectoryLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
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
  throw new Error(`could not lock ${dataDir}: ${file} keeps reappearing`);
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
