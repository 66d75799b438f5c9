import type { Consumer, IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { withSpanFrom } from '../telemetry/trace-context.ts';
import { isTransientError } from './transient-error.ts';
import type { SqlExecutor, TransactionRunner } from './sql-executor.ts';

/** A consumed message as the handler sees it, before or after decoding. */
export interface ReceivedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** The result of decoding a message: at least its event id; the rest is the caller's event type. */
export interface DecodedEvent {
  /** The event id, the de-duplication key. */
  id: string;
}

/** Thrown by a decoder for a message that can never be processed; it goes to the dead-letter topic at once. */
export class UndecodableMessageError extends Error {
  readonly code = 'UNDECODABLE_MESSAGE';
}

/** Thrown out of a batch when the consumer stops while an event still waits for its retry; the event stays unresolved and is redelivered. */
class ConsumerStoppingError extends Error {}

/** Options of an idempotent consumer. */
export interface IdempotentConsumerOptions<E extends DecodedEvent> {
  /** A kafkajs consumer created with the group id below; the kit connects, subscribes and runs it. */
  consumer: Consumer;
  /** The consumer group id, also the inbox key's first part. */
  groupId: string;
  /** Topics to consume. */
  topics: string[];
  /** Where dead letters are published. */
  producer: Producer;
  /** Runs the handler's effects and the inbox row in one transaction. */
  transactions: TransactionRunner;
  /** Turns a message into an event; throws UndecodableMessageError for poison. */
  decode: (message: ReceivedMessage) => E;
  /** Applies the event's effects inside tx. Throwing rolls back effects and the inbox row together. */
  handle: (event: E, tx: SqlExecutor, message: ReceivedMessage) => Promise<void>;
  /** Attempts before a message whose handler keeps failing goes to the dead-letter topic. Transient infrastructure
   * failures (database unreachable, deadlock; see isTransientError) do not count: they are retried until they pass. */
  maxAttempts?: number;
  /** Wait between attempts: initial, doubled each time up to max. */
  retryBackoffMs?: { initial: number; max: number };
  /** Dead-letter topic for a source topic; default `<topic>.dlq.<group>` (proto/README.md: one group's poison never reaches another). */
  deadLetterTopic?: (topic: string) => string;
  /** Read topics from the beginning when the group has no committed offset. */
  fromBeginning?: boolean;
  /** Reports effects applied, duplicates skipped and dead letters. */
  observer?: { applied?(m: ReceivedMessage): void; duplicate?(m: ReceivedMessage): void; deadLettered?(m: ReceivedMessage, reason: string): void };
  log?: (message: string, error?: unknown) => void;
}

/** Records an event id for a consumer group in tx; false when it was recorded before (a duplicate delivery). */
export async function recordInInbox(tx: SqlExecutor, groupId: string, eventId: string, topic: string): Promise<boolean> {
  // RETURNING rather than rowCount: a Prisma raw query reports rows, not counts.
  const result = await tx.query(
    'INSERT INTO inbox (consumer_group, event_id, topic) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id',
    [groupId, eventId, topic],
  );
  return result.rows.length === 1;
}

/** Converts kafkajs headers (Buffers, arrays) to plain strings. */
export function readHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

/**
 * Consumes topics at least once and applies each event exactly once per consumer group: the event id goes into the
 * inbox in the same transaction as the effects. A message that keeps failing goes to the dead-letter topic with the
 * reason, and its partition moves on.
 */
export class IdempotentConsumer<E extends DecodedEvent> {
  private readonly options: IdempotentConsumerOptions<E>;
  private readonly maxAttempts: number;
  private readonly backoff: { initial: number; max: number };
  private readonly deadLetterTopic: (topic: string) => string;
  private readonly log: (message: string, error?: unknown) => void;

  constructor(options: IdempotentConsumerOptions<E>) {
    this.options = options;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoff = options.retryBackoffMs ?? { initial: 200, max: 5000 };
    this.deadLetterTopic = options.deadLetterTopic ?? ((topic) => `${topic}.dlq.${options.groupId}`);
    this.log = options.log ?? (() => {});
  }

  /** Connects, subscribes and starts consuming. */
  async start(): Promise<void> {
    const { consumer, topics } = this.options;
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
        for (const message of batch.messages) {
          // After a rebalance the partition may belong to another member: stop, it will resume from the commit.
          if (!isRunning() || isStale()) break;
          try {
            await this.process(toReceived(batch.topic, batch.partition, message), heartbeat, () => isRunning() && !isStale());
          } catch (error) {
            // Stopping mid-retry: leave this message unresolved so it is delivered again.
            if (error instanceof ConsumerStoppingError) break;
            throw error;
          }
          resolveOffset(message.offset);
          await commitOffsetsIfNecessary();
          await heartbeat();
        }
      },
    });
  }

  /** Stops consuming and leaves the group. */
  async stop(): Promise<void> {
    await this.options.consumer.disconnect();
  }

  private async process(message: ReceivedMessage, heartbeat: () => Promise<void>, stillOwned: () => boolean): Promise<void> {
    let event: E;
    try {
      event = this.options.decode(message);
    } catch (error) {
      await this.deadLetter(message, `undecodable: ${describe(error)}`, 0);
      return;
    }
    // attempt counts the handler's own failures (towards the dead-letter topic); failures counts every failure,
    // transient ones too, and paces the retries.
    for (let attempt = 1, failures = 0; ; attempt += 1) {
      try {
        // The handler runs in a span continuing the producer's trace (traceparent header).
        const applied = await withSpanFrom(`consume ${message.topic}`, message.headers, 'consumer', () =>
          this.options.transactions.inTransaction(async (tx) => {
            if (!(await recordInInbox(tx, this.options.groupId, event.id, message.topic))) return false;
            await this.options.handle(event, tx, message);
            return true;
          }),
        );
        if (applied) this.options.observer?.applied?.(message);
        else this.options.observer?.duplicate?.(message);
        return;
      } catch (error) {
        const transient = isTransientError(error);
        if (!transient && attempt >= this.maxAttempts) {
          await this.deadLetter(message, `failed ${attempt} times: ${describe(error)}`, attempt);
          return;
        }
        failures += 1;
        // A transient failure does not use up an attempt: an outage must not dead-letter good events.
        if (transient) attempt -= 1;
        this.log(`consumer ${this.options.groupId}: event ${event.id} failed${transient ? ' (transient)' : ` (attempt ${attempt})`}; retrying`, error);
        await sleep(Math.min(this.backoff.max, this.backoff.initial * 2 ** Math.min(failures - 1, 16)));
        if (!stillOwned()) throw new ConsumerStoppingError();
        await heartbeat();
      }
    }
  }

  private async deadLetter(message: ReceivedMessage, reason: string, attempts: number): Promise<void> {
    // Publishing the dead letter must succeed before the offset moves on, or the message would be lost; kafkajs
    // retries, and a failure here propagates so the batch is retried from this message.
    await this.options.producer.send({
      topic: this.deadLetterTopic(message.topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'dlq-reason': reason.slice(0, 4000),
            'dlq-original-topic': message.topic,
            'dlq-original-partition': String(message.partition),
            'dlq-original-offset': message.offset,
            'dlq-consumer-group': this.options.groupId,
            'dlq-attempts': String(attempts),
            'dlq-failed-at': new Date().toISOString(),
          },
        },
      ],
    });
    this.options.observer?.deadLettered?.(message, reason);
    this.log(`consumer ${this.options.groupId}: ${message.topic}/${message.partition}@${message.offset} dead-lettered: ${reason}`);
  }
}

function toReceived(topic: string, partition: number, message: KafkaMessage): ReceivedMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString() : null,
    value: message.value,
    headers: readHeaders(message.headers),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
