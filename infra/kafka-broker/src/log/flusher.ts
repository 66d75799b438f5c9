// Group-commit fsync. acks=all produce requests and offset commits wait until their bytes are on disk, but
// concurrent requests share fsyncs: whoever asks while a round is running waits for the next round, which syncs
// every file made dirty in the meantime with one fdatasync each.
//
// A failed fdatasync fails every request waiting on that round (the produce handler answers KAFKA_STORAGE_ERROR,
// which kafkajs and Kafka's own clients retry, and which Kafka itself answers when a log directory fails), and the
// files that failed stay dirty: the next round syncs them again, so a retried batch that the idempotent producer
// check acknowledges without appending it again is not acknowledged before its original bytes have been synced.
// Caveat (Linux "fsyncgate"): after a failed fdatasync the kernel may have dropped the dirty pages, so a later
// successful sync does not prove that the earlier bytes reached the disk. Kafka takes the whole log directory offline
// at that point; this development broker keeps serving and says so in its log.
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
    // allSettled, not all: the round ends only when every fdatasync has, so that the next round never runs one on the
    // same file concurrently, and every failed file is known.
    void Promise.allSettled(targets.map((t) => t.flushAsync())).then((results) => {
      let failure: PromiseRejectedResult | undefined;
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') return;
        failure ??= r;
        this.dirty.add(targets[i]!);
      });
      if (failure === undefined) round.resolve();
      else round.reject(failure.reason);
    }).finally(() => {
      this.running = false;
      if (this.next !== null) this.startRound();
    });
  }

  /** Waits for any running round, then syncs what is left (used when the broker stops). */
  async drain(): Promise<void> {
    if (this.running || this.dirty.size > 0) await this.sync();
  }
}
