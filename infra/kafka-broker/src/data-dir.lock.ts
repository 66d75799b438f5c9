// One broker per data directory. The lock file records the owning process's pid and, where /proc exists, its start
// time (field 22 of /proc/<pid>/stat): with the pid alone, a lock left by a killed broker would hold the directory
// for as long as some unrelated process happened to get the same pid. The launcher has the same check
// (infra/launcher/src/data-dir.lock.ts); the broker must not depend on the launcher, so these few lines are repeated
// until a small shared package holds them.
import fs from 'node:fs';
import path from 'node:path';
import { BrokerStartError } from './broker.errors.ts';

const LOCK_FILE = '.lock';
const HAS_PROC = fs.existsSync('/proc/self/stat');

/** The process a lock file names: its pid and, when recorded, its start time in clock ticks after boot. */
interface LockOwner {
  readonly pid: number;
  readonly startTime: string | null;
}

/**
 * Records this process as the owner of `dataDir` and returns the release function; throws DATA_DIR_LOCKED while the
 * process named in the lock is alive and is the one that wrote it. A lock left by a dead process (kill -9), by a
 * zombie, or naming a pid that now belongs to a process started later, is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  const identity = processIdentity(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${identity}\n`, { flag: 'wx' });
      return () => releaseIfOurs(file, identity);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = parseLock(fs.readFileSync(file, 'utf8'));
    if (owner !== null && ownsLock(owner)) {
      throw new BrokerStartError(
        'DATA_DIR_LOCKED',
        `data directory ${dataDir} is in use by another broker (process ${owner.pid}); stop it, or choose another directory with --data-dir or KAFKA_BROKER_DATA_DIR. ` +
          `If no broker is running there, delete ${file}.`,
      );
    }
    fs.rmSync(file, { force: true });
  }
  throw new BrokerStartError('DATA_DIR_LOCKED', `could not lock data directory ${dataDir}: ${file} keeps reappearing`);
}

/** "pid starttime" where /proc exists, else just the pid. */
function processIdentity(pid: number): string {
  const startTime = readStartTime(pid);
  return startTime === null ? String(pid) : `${pid} ${startTime}`;
}

// "pid" (written by brokers before the start time was recorded, or where /proc is missing) or "pid starttime".
function parseLock(text: string): LockOwner | null {
  const match = /^(\d+)(?: (\d+))?$/.exec(text.trim());
  if (match === null) return null;
  const pid = Number(match[1]);
  return Number.isSafeInteger(pid) && pid > 0 ? { pid, startTime: match[2] ?? null } : null;
}

// Whether the process that wrote the lock is still running.
function ownsLock(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!HAS_PROC) return true;
  const stat = readProcStat(owner.pid);
  if (stat === null || stat.state === 'Z' || stat.state === 'X') return false;
  return owner.startTime === null || owner.startTime === stat.startTime;
}

function readStartTime(pid: number): string | null {
  return readProcStat(pid)?.startTime ?? null;
}

// /proc/<pid>/stat: the command name may hold spaces and parentheses, so the fields are split after the last ')';
// from there, state is the 3rd field of the line and starttime the 22nd.
function readProcStat(pid: number): { state: string; startTime: string } | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTime = fields[19];
  return state === undefined || startTime === undefined ? null : { state, startTime };
}

function releaseIfOurs(file: string, identity: string): void {
  try {
    if (fs.readFileSync(file, 'utf8').trim() === identity) fs.rmSync(file, { force: true });
  } catch {
    // Already gone.
  }
}
