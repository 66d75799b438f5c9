import { injectTraceContext } from '../telemetry/trace-context.ts';
import type { SqlExecutor } from './sql-executor.ts';

/** One event to publish, as it is stored in the outbox. */
export interface OutboxMessage {
  /** The event id (UUIDv7); Kafka consumers de-duplicate on it. */
  eventId: string;
  /** The Kafka topic. */
  topic: string;
  /** The partition key, normally the aggregate id: events of one aggregate stay in order. */
  partitionKey: string;
  /** The event type, copied into a header for routing without decoding. */
  eventType: string;
  /** The encoded event (the envelope). */
  payload: Uint8Array;
  /** Kafka headers (trace context, correlation id…). */
  headers?: Record<string, string>;
}

/** Appends events to the outbox inside the caller's transaction, so they commit or roll back with the state change. */
export async function appendToOutbox(tx: SqlExecutor, messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  // One multi-row INSERT keeps the statement count (and the NOTIFY trigger) at one per transaction.
  const values: unknown[] = [];
  const tuples = messages.map((m, i) => {
    // The active trace (the request that caused the change) travels with the event to its consumers.
    const headers = injectTraceContext({ ...m.headers });
    values.push(m.eventId, m.topic, m.partitionKey, m.eventType, Buffer.from(m.payload), JSON.stringify(headers));
    const b = i * 6;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}::jsonb)`;
  });
  await tx.query(
    `INSERT INTO outbox (event_id, topic, partition_key, event_type, payload, headers) VALUES ${tuples.join(', ')}`,
    values,
  );
}
