// Group-commit fsync. acks=all produce requests and offset commits wait until their bytes are on disk, but
// concurrent requests share fsyncs: whoever asks while a round is running waits for the next round, which syncs
// every file made dirty in the meantime with one fdatasync each.
/** A file whose appended bytes can be made durable. */
export interface SyncTarget {
  /** fdatasyncs pending appends (a no-op when there are none). */
  flushAsync(): Promise<void>;
}

interface Round {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(e: unknown): void;
}

function newRound(): Round {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Coalesces fdatasync calls across concurrent requests. */
export class Flusher {
  private dirty = new Set<SyncTarget>();
  private running = false;
  private next: Round | null = null;
  /** Number of fsync rounds run, for tests and diagnostics. */
  rounds = 0;

  /** Records that `target` holds bytes that a later sync() must make durable. */
  markDirty(target: SyncTarget): void {
    this.dirty.add(target);
  }

  /** Resolves once everything marked dirty before this call is on disk. */
  sync(): Promise<void> {
    this.next ??= newRound();
    const { promise } = this.next;
    if (!this.running) this.startRound();
    return promise;
  }

  private startRound(): void {
    const round = this.next;
    if (round === null) return;
    this.next = null;
    this.running = true;
    const targets = [...this.dirty];
    this.dirty = new Set();
    this.rounds++;
    Promise.all(targets.map((t) => t.flushAsync())).then(
      () => round.resolve(),
      (e: unknown) => round.reject(e),
    ).finally(() => {
      this.running = false;
      if (this.next !== null) this.startRound();
    });
  }

  /** Waits for any running round, then syncs what is left (used when the broker stops). */
  async drain(): Promise<void> {
    if (this.running || this.dirty.size > 0) await this.sync();
  }
}
