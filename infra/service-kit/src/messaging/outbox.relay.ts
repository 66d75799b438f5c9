import type { Pool, PoolClient } from 'pg';
import type { EventPublisher, PublishableMessage } from './event-publisher.ts';
import { outboxNotifyChannel } from './messaging.schema.ts';

/** Where the relay reports what it did; the service kit's metrics implement it with Prometheus gauges and counters. */
export interface OutboxRelayObserver {
  /** Called after each batch was acknowledged and marked sent. */
  published?(count: number): void;
  /** Called when publishing a batch failed; the batch is retried after a backoff. */
  failed?(error: unknown, attempt: number): void;
  /** Called with the number of unsent rows and the age in seconds of the oldest one. */
  lag?(unsent: number, oldestAgeSeconds: number): void;
}

/** Options of the outbox relay. */
export interface OutboxRelayOptions {
  /** A pool on the service's own database. */
  pool: Pool;
  /** Where events go (Kafka in production and tests). */
  publisher: EventPublisher;
  /** Rows per transaction; bigger batches raise throughput, smaller ones lower latency under load. */
  batchSize?: number;
  /** How often to look for rows when no notification arrives (the fallback when LISTEN is lost). */
  pollIntervalMs?: number;
  /** First and longest wait after a failed publish; doubles in between. */
  backoffMs?: { initial: number; max: number };
  /** How often to measure the lag. */
  lagIntervalMs?: number;
  /** Sent rows older than this are deleted; they are already on the broker. */
  keepSentMs?: number;
  observer?: OutboxRelayObserver;
  /** Logs unexpected problems (listener lost, publish failures). */
  log?: (message: string, error?: unknown) => void;
}

interface OutboxRow {
  id: string;
  topic: string;
  partition_key: string;
  event_type: string;
  event_id: string;
  payload: Buffer;
  headers: Record<string, string>;
}

// Advisory-lock namespace for the relay: a relay holds the lock of every partition key it is publishing, so two
// relays never publish events of one aggregate concurrently (which could reorder them), while SKIP LOCKED-style
// work sharing still lets several relays drain different aggregates at once.
const relayLockNamespace = 0x0b0c;

/**
 * Publishes committed outbox rows to the broker, in order per partition key, marking a row sent only after the broker
 * acknowledged it. Wakes on LISTEN/NOTIFY and polls as a fallback; several relays may run against one database.
 */
export class OutboxRelay {
  private readonly pool: Pool;
  private readonly publisher: EventPublisher;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: { initial: number; max: number };
  private readonly lagIntervalMs: number;
  private readonly keepSentMs: number;
  private readonly observer: OutboxRelayObserver;
  private readonly log: (message: string, error?: unknown) => void;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private pendingWake = false;
  private listener: PoolClient | undefined;
  private lagTimer: NodeJS.Timeout | undefined;
  private lastCleanup = 0;

  constructor(options: OutboxRelayOptions) {
    this.pool = options.pool;
    this.publisher = options.publisher;
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.backoff = options.backoffMs ?? { initial: 100, max: 10_000 };
    this.lagIntervalMs = options.lagIntervalMs ?? 5000;
    this.keepSentMs = options.keepSentMs ?? 24 * 3600_000;
    this.observer = options.observer ?? {};
    this.log = options.log ?? (() => {});
  }

  /** Starts relaying in the background. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
    // Measured at once too, so the lag gauges hold a value from the start, not only after the first interval.
    void this.measureLag();
    this.lagTimer = setInterval(() => void this.measureLag(), this.lagIntervalMs);
    this.lagTimer.unref();
    this.loop = this.run();
  }

  /** Stops after the batch in flight; rows not yet acknowledged stay unsent for the next relay. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.lagTimer) clearInterval(this.lagTimer);
    this.signal();
    await this.loop;
    const listener = this.listener;
    this.listener = undefined;
    if (listener) {
      listener.removeAllListeners();
      // A listener that errored may already be released; releasing twice throws.
      try {
        listener.release();
      } catch {
        /* already released */
      }
    }
  }

  /** Publishes one batch; returns how many rows it published. Exposed for tests and for draining on shutdown. */
  async relayBatch(): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Three steps, so that a key is either wholly this relay's for the batch or wholly skipped:
      // 1. the keys of the oldest unsent rows; 2. try to lock each key (held until this transaction ends, released
      // by the other relay only when its own commit is visible); 3. read the locked keys' unsent rows in id order,
      // in a new statement whose snapshot is taken after the locks, so it sees every row the other relay sent.
      // (Locking per row inside one scan would not do: a key skipped early in the scan could be locked later in
      // the same scan and its later rows published before its earlier ones.)
      const { rows: candidates } = await client.query<{ partition_key: string }>(
        `SELECT partition_key FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1`,
        [this.batchSize],
      );
      const keys = [...new Set(candidates.map((c) => c.partition_key))];
      const { rows: locked } = await client.query<{ key: string }>(
        `SELECT key FROM unnest($1::text[]) AS key WHERE pg_try_advisory_xact_lock($2, hashtext(key))`,
        [keys, relayLockNamespace],
      );
      const { rows } =
        locked.length === 0
          ? { rows: [] as OutboxRow[] }
          : await client.query<OutboxRow>(
              `SELECT id, topic, partition_key, event_type, event_id, payload, headers
                 FROM outbox
                WHERE sent_at IS NULL AND partition_key = ANY($2::text[])
                ORDER BY id
                LIMIT $1
                  FOR UPDATE`,
              [this.batchSize, locked.map((l) => l.key)],
            );
      if (rows.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      const messages: PublishableMessage[] = rows.map((row) => ({
        topic: row.topic,
        key: row.partition_key,
        value: row.payload,
        headers: { ...row.headers, 'event-id': row.event_id, 'event-type': row.event_type },
      }));
      await this.publisher.publish(messages);
      await client.query('UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])', [
        rows.map((r) => r.id),
      ]);
      await client.query('COMMIT');
      this.observer.published?.(rows.length);
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let published: number;
      try {
        published = await this.relayBatch();
        failures = 0;
        await this.cleanup();
      } catch (error) {
        failures += 1;
        this.observer.failed?.(error, failures);
        this.log(`outbox relay: publish failed (attempt ${failures})`, error);
        await this.recordFailure(error);
        await this.sleep(Math.min(this.backoff.max, this.backoff.initial * 2 ** (failures - 1)), false);
        continue;
      }
      // A full batch means more is probably waiting: go again at once.
      if (published < this.batchSize) await this.sleep(this.pollIntervalMs, true);
    }
  }

  private async recordFailure(error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    // Visible to operators (SELECT … WHERE last_error IS NOT NULL); best effort, the retry does not depend on it.
    await this.pool
      .query(
        `UPDATE outbox SET attempts = attempts + 1, last_error = $1
          WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $2)`,
        [message.slice(0, 2000), this.batchSize],
      )
      .catch(() => {});
  }

  private async cleanup(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCleanup < 60_000) return;
    this.lastCleanup = now;
    await this.pool.query(`DELETE FROM outbox WHERE sent_at < now() - ($1::double precision * interval '1 millisecond')`, [
      this.keepSentMs,
    ]);
  }

  private async measureLag(): Promise<void> {
    if (!this.observer.lag) return;
    try {
      const { rows } = await this.pool.query<{ unsent: string; age: number | null }>(
        `SELECT count(*)::text AS unsent, extract(epoch FROM now() - min(created_at))::float8 AS age
           FROM outbox WHERE sent_at IS NULL`,
      );
      this.observer.lag(Number(rows[0]?.unsent ?? 0), rows[0]?.age ?? 0);
    } catch (error) {
      this.log('outbox relay: lag measurement failed', error);
    }
  }

  private async listen(): Promise<void> {
    while (this.running && !this.listener) {
      try {
        const client = await this.pool.connect();
        client.on('notification', () => this.signal());
        client.on('error', (error) => {
          // The fallback poll keeps the relay going; reconnect the listener in the background.
          this.log('outbox relay: notification listener lost', error);
          if (this.listener === client) this.listener = undefined;
          try {
            client.release(error);
          } catch {
            /* already released */
          }
          if (this.running) setTimeout(() => void this.listen(), this.pollIntervalMs).unref();
        });
        await client.query(`LISTEN ${outboxNotifyChannel}`);
        if (!this.running) {
          client.release();
          return;
        }
        this.listener = client;
      } catch (error) {
        this.log('outbox relay: cannot listen for notifications; polling', error);
        // A timer of its own: sleep() owns the single waker of the publishing loop, which this must not replace.
        await new Promise((resolve) => setTimeout(resolve, this.pollIntervalMs).unref());
      }
    }
  }

  private signal(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  private sleep(ms: number, wakeOnNotify: boolean): Promise<void> {
    if (wakeOnNotify && this.pendingWake) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.pendingWake = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      // A stop always wakes; a notification wakes only the idle wait, never a backoff.
      this.wake = wakeOnNotify ? done : () => (this.running ? undefined : done());
    });
  }
}
