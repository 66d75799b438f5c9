// Process-group helpers. Every child is spawned as the leader of its own group (detached: true), so signalling the
// negative pid reaches the child and everything it started (PostgreSQL's server processes, a dev server's workers).
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const HAS_PROC = existsSync('/proc/self/stat');

/** Sends a signal to a whole process group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/**
 * True while a group has a live (non-zombie) member. kill(-pgid, 0) alone also counts zombies, and a grandchild
 * orphaned by its parent's death stays a zombie until init gets round to reaping it, which can take a second or more
 * in containers and micro-VMs; on Linux we read /proc to skip those.
 */
export function groupHasLiveMembers(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  const members = liveGroupMembersFromProc(pgid);
  return members === null ? true : members.length > 0;
}

/** Live (non-zombie) pids of a process group from /proc, or null where /proc is not available. */
export function liveGroupMembersFromProc(pgid: number): number[] | null {
  if (!HAS_PROC) return null;
  const entries = readdirSync('/proc');
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat !== null && stat.pgid === pgid && stat.state !== 'Z' && stat.state !== 'X') members.push(Number(entry));
  }
  return members;
}

/** True when a pid exists and is not a zombie. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (!HAS_PROC) return true;
  const stat = readProcStat(pid);
  return stat !== null && stat.state !== 'Z' && stat.state !== 'X';
}

interface ProcStat {
  state: string;
  ppid: number;
  pgid: number;
  /** Clock ticks after boot at which the process started: with the pid, it identifies a process for good. */
  startTime: string;
}

/** Parses /proc/<pid>/stat; the command name may contain spaces and parentheses, so split after the last ')'. */
export function readProcStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Fields from the third on: state, ppid, pgrp, ... starttime is the 22nd field, index 19 here.
  const [state, ppid, pgid] = fields;
  const startTime = fields[19];
  if (state === undefined || ppid === undefined || pgid === undefined || startTime === undefined) return null;
  return { state, ppid: Number(ppid), pgid: Number(pgid), startTime };
}
