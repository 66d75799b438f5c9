// The orphan reaper: a tiny process the launcher starts first, in a process group of its own, connected by an IPC
// channel. The launcher tells it the group of every child it spawns. If the launcher dies without saying goodbye
// (SIGKILL, a crash, an OOM kill), the operating system closes the channel, the reaper sees 'disconnect' and stops
// every group it was told about: SIGTERM, then SIGKILL after the grace period. Linux's PR_SET_PDEATHSIG would need a
// native addon, and a watchdog inside each child would only cover children that are Node programs we control.
import { groupHasLiveMembers, signalGroup } from './process.group.ts';
import type { ReaperMessage } from './orphan.reaper.ts';

const graceMs = Number(process.argv[2] ?? '5000');
const watched = new Map<number, NodeJS.Signals>();
let dismissed = false;

process.on('message', (message: ReaperMessage) => {
  if (message.type === 'watch') watched.set(message.pgid, message.signal);
  else if (message.type === 'release') watched.delete(message.pgid);
  else if (message.type === 'dismiss') dismissed = true;
});

process.once('disconnect', () => {
  if (dismissed || watched.size === 0) process.exit(0);
  void reap().then(() => process.exit(0));
});

// The reaper lives in its own process group, but a closing terminal or an impatient Ctrl-C must still not stop it
// before it has done its one job.
for (const signal of ['SIGINT', 'SIGHUP', 'SIGTERM'] as const) process.on(signal, () => undefined);

async function reap(): Promise<void> {
  process.stderr.write(`launcher exited without stopping its components; stopping ${watched.size} process group(s)\n`);
  for (const [pgid, signal] of watched) signalGroup(pgid, signal);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && [...watched.keys()].some((pgid) => groupHasLiveMembers(pgid))) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const pgid of watched.keys()) if (groupHasLiveMembers(pgid)) signalGroup(pgid, 'SIGKILL');
}
