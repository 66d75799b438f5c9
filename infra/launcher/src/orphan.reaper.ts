// The launcher's side of the orphan reaper (see reaper.main.ts for why it exists and how it works).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Messages from the launcher to the reaper. */
export type ReaperMessage =
  | { type: 'watch'; pgid: number; signal: NodeJS.Signals }
  | { type: 'release'; pgid: number } | { type: 'dismiss' };

const REAPER_MAIN = fileURLToPath(new URL('./reaper.main.ts', import.meta.url));

/** Handle on the running reaper process. */
export class OrphanReaper {
  private readonly child: ChildProcess;

  private constructor(child: ChildProcess) {
    this.child = child;
  }

  /** Starts the reaper; it stops the watched groups if this process dies before calling dismiss(). */
  static start(graceMs: number): OrphanReaper {
    const child = spawn(process.execPath, [REAPER_MAIN, String(graceMs)], {
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    // The reaper must never keep the launcher alive on its own.
    child.unref();
    child.channel?.unref();
    return new OrphanReaper(child);
  }

  /** The reaper's pid (tests check that it is gone too). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Adds a process group to those stopped (first with `signal`, then SIGKILL) if the launcher dies. */
  watch(pgid: number, signal: NodeJS.Signals = 'SIGTERM'): void {
    this.send({ type: 'watch', pgid, signal });
  }

  /** Removes a group once the launcher has seen it stop, so a later reuse of its id is never signalled. */
  release(pgid: number): void {
    this.send({ type: 'release', pgid });
  }

  /** Tells the reaper the launcher stopped everything itself, and lets it exit. */
  dismiss(): Promise<void> {
    if (!this.child.connected) return Promise.resolve();
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    // Disconnect only once the dismissal is written, or the reaper could see the channel close first and reap.
    this.child.send({ type: 'dismiss' } satisfies ReaperMessage, () => {
      if (this.child.connected) this.child.disconnect();
    });
    // Keep the launcher alive until the reaper has gone, but bounded: a reaper that does not exit must not hold up
    // the launcher's own exit.
    this.child.ref();
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 2_000);
    });
    return Promise.race([exited, bound]).finally(() => {
      clearTimeout(timer);
      this.child.unref();
    });
  }

  private send(message: ReaperMessage): void {
    if (this.child.connected) this.child.send(message);
  }
}
