import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OutboxRelay,
  appendToOutbox,
  createKafkaPublisher,
  createPgTransactionRunner,
  type EventPublisher,
} from '../../src/messaging/index.ts';
import { readTopic, startMessagingBackends, type MessagingBackends } from './messaging.fixtures.ts';

let backends: MessagingBackends;

beforeAll(async () => {
  backends = await startMessagingBackends('kit_outbox_relay');
}, 120_000);

afterAll(async () => {
  await backends?.stop();
});

async function createTopic(topic: string, numPartitions: number): Promise<void> {
  const admin = backends.kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions }] });
  await admin.disconnect();
}

describe('outbox relay', () => {
  it('keeps the order of each partition key with three relays draining one outbox at once', async () => {
    const topic = `kit.test.ordered.${randomUUID().slice(0, 8)}`;
    await createTopic(topic, 3);
    const tx = createPgTransactionRunner(backends.pool);
    const keys = Array.from({ length: 20 }, (_, i) => `aggregate-${i}`);
    for (let sequence = 0; sequence < 100; sequence += 1) {
      await tx.inTransaction((t) =>
        appendToOutbox(
          t,
          keys.map((key) => ({ eventId: randomUUID(), topic, partitionKey: key, eventType: 'test.step', payload: Buffer.from(JSON.stringify({ key, sequence })) })),
        ),
      );
    }
    const producers = [1, 2, 3].map(() => backends.kafka.producer({ idempotent: true, maxInFlightRequests: 1 }));
    await Promise.all(producers.map((p) => p.connect()));
    const relays = producers.map((p) => new OutboxRelay({ pool: backends.pool, publisher: createKafkaPublisher(p), batchSize: 30, pollIntervalMs: 5 }));
    relays.forEach((r) => r.start());
    const published = await readTopic(backends.kafka, topic, (seen) => seen.length >= 2000, 60_000);
    await Promise.all(relays.map((r) => r.stop()));
    await Promise.all(producers.map((p) => p.disconnect()));

    expect(published).toHaveLength(2000);
    const lastByKey = new Map<string, number>();
    for (const message of published) {
      const { key, sequence } = JSON.parse(message.value) as { key: string; sequence: number };
      expect(message.key).toBe(key);
      expect(sequence).toBe((lastByKey.get(key) ?? -1) + 1);
      lastByKey.set(key, sequence);
    }
  }, 120_000);

  it('wakes on NOTIFY without waiting for its polling interval', async () => {
    const topic = `kit.test.notify.${randomUUID().slice(0, 8)}`;
    await createTopic(topic, 1);
    const producer = backends.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    // A poll interval far longer than the test: only the notification can make the relay publish in time.
    const relay = new OutboxRelay({ pool: backends.pool, publisher: createKafkaPublisher(producer), pollIntervalMs: 600_000 });
    relay.start();
    await new Promise((r) => setTimeout(r, 500)); // let the first (empty) pass finish and the listener attach
    const eventId = randomUUID();
    await createPgTransactionRunner(backends.pool).inTransaction((t) =>
      appendToOutbox(t, [{ eventId, topic, partitionKey: 'k', eventType: 'test.ping', payload: Buffer.from('{}'), headers: { 'correlation-id': 'c-1' } }]),
    );
    const seen = await readTopic(backends.kafka, topic, (s) => s.length >= 1, 20_000);
    await relay.stop();
    await producer.disconnect();
    expect(seen.map((m) => m.headers['event-id'])).toEqual([eventId]);
    expect(seen[0]!.headers['event-type']).toBe('test.ping');
    expect(seen[0]!.headers['correlation-id']).toBe('c-1');
  }, 60_000);

  it('leaves rows unsent while the broker refuses them, retries with backoff, then publishes them', async () => {
    const eventId = randomUUID();
    await backends.pool.query('DELETE FROM outbox');
    await createPgTransactionRunner(backends.pool).inTransaction((t) =>
      appendToOutbox(t, [{ eventId, topic: 'kit.test.flaky', partitionKey: 'k', eventType: 'test.ping', payload: Buffer.from('{}') }]),
    );
    let calls = 0;
    const delivered: string[] = [];
    const flaky: EventPublisher = {
      async publish(messages) {
        calls += 1;
        if (calls <= 3) throw new Error('broker unavailable');
        delivered.push(...messages.map((m) => m.headers['event-id']!));
      },
    };
    const failures: number[] = [];
    const relay = new OutboxRelay({ pool: backends.pool, publisher: flaky, pollIntervalMs: 20, backoffMs: { initial: 10, max: 40 }, observer: { failed: (_e, attempt) => failures.push(attempt) } });
    relay.start();
    for (let i = 0; i < 200 && delivered.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    await relay.stop();
    expect(failures).toEqual([1, 2, 3]);
    expect(delivered).toEqual([eventId]);
    const { rows } = await backends.pool.query<{ sent: boolean; last_error: string | null }>('SELECT sent_at IS NOT NULL AS sent, last_error FROM outbox WHERE event_id = $1', [eventId]);
    expect(rows[0]).toEqual({ sent: true, last_error: 'broker unavailable' });
  }, 30_000);
});
