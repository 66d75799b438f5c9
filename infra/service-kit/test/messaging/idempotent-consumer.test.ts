import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IdempotentConsumer,
  UndecodableMessageError,
  createPgTransactionRunner,
  type ReceivedMessage,
} from '../../src/messaging/index.ts';
import { readTopic, startMessagingBackends, type MessagingBackends } from './messaging.fixtures.ts';

let backends: MessagingBackends;

beforeAll(async () => {
  backends = await startMessagingBackends('kit_consumer');
  await backends.pool.query('CREATE TABLE IF NOT EXISTS effects (event_id TEXT NOT NULL, consumer TEXT NOT NULL)');
}, 120_000);

afterAll(async () => {
  await backends?.stop();
});

interface TestEvent {
  id: string;
  fail?: boolean;
  /** Fail this many times with a transient database error (admin shutdown, 57P01) before succeeding. */
  outages?: number;
}

// Transient failures so far, by event id.
const outagesSeen = new Map<string, number>();

function decodeJson(message: ReceivedMessage): TestEvent {
  try {
    const parsed = JSON.parse(message.value?.toString() ?? '') as Partial<TestEvent>;
    if (typeof parsed.id !== 'string') throw new Error('no id');
    return parsed as TestEvent;
  } catch (error) {
    throw new UndecodableMessageError(`not a test event: ${(error as Error).message}`);
  }
}

async function createTopics(...topics: Array<[string, number]>): Promise<void> {
  const admin = backends.kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: topics.map(([topic, numPartitions]) => ({ topic, numPartitions })) });
  await admin.disconnect();
}

// Duplicate deliveries the inbox caught, across every member of every test.
let duplicatesSkipped = 0;

function makeConsumer(groupId: string, topic: string, name: string, extra: { maxAttempts?: number } = {}) {
  const producer = backends.kafka.producer();
  const consumer = backends.kafka.consumer({ groupId, sessionTimeout: 6000, rebalanceTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
  const member = new IdempotentConsumer<TestEvent>({
    consumer,
    groupId,
    topics: [topic],
    producer,
    transactions: createPgTransactionRunner(backends.pool),
    decode: decodeJson,
    maxAttempts: extra.maxAttempts ?? 3,
    retryBackoffMs: { initial: 10, max: 20 },
    observer: { duplicate: () => void (duplicatesSkipped += 1) },
    handle: async (event, tx) => {
      if (event.fail) throw new Error(`handler refuses ${event.id}`);
      const seen = outagesSeen.get(event.id) ?? 0;
      if (seen < (event.outages ?? 0)) {
        outagesSeen.set(event.id, seen + 1);
        throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
      }
      await tx.query('INSERT INTO effects (event_id, consumer) VALUES ($1, $2)', [event.id, name]);
    },
  });
  return {
    member,
    async start() {
      await producer.connect();
      await member.start();
    },
    async stop() {
      await member.stop();
      await producer.disconnect();
    },
  };
}

async function effectsOf(ids: string[]): Promise<Map<string, number>> {
  const { rows } = await backends.pool.query<{ event_id: string; n: string }>(
    'SELECT event_id, count(*)::text AS n FROM effects WHERE event_id = ANY($1) GROUP BY event_id',
    [ids],
  );
  return new Map(rows.map((r) => [r.event_id, Number(r.n)]));
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('idempotent consumer', () => {
  it('applies each event exactly once under duplicate delivery and members joining and leaving', async () => {
    const topic = `kit.test.dedup.${randomUUID().slice(0, 8)}`;
    await createTopics([topic, 4]);
    const groupId = `dedup-${randomUUID().slice(0, 8)}`;
    const ids = Array.from({ length: 1500 }, () => randomUUID());
    const producer = backends.kafka.producer();
    await producer.connect();
    // Every event is published twice (as a producer retry or a relay crash would), the copy in another batch.
    const send = (slice: string[]) =>
      producer.send({ topic, acks: -1, messages: slice.map((id) => ({ key: id, value: JSON.stringify({ id }) })) });

    const a = makeConsumer(groupId, topic, 'a');
    const b = makeConsumer(groupId, topic, 'b');
    await a.start();
    await b.start();
    await send(ids.slice(0, 500));
    await send(ids.slice(0, 500));
    // A third member joins mid-stream, then the first leaves: two rebalances while messages flow.
    const c = makeConsumer(groupId, topic, 'c');
    await c.start();
    await send(ids.slice(500, 1000));
    await a.stop();
    await send(ids.slice(500, 1500));
    await send(ids.slice(1000, 1500));
    await producer.disconnect();

    await waitFor(async () => (await effectsOf(ids)).size === ids.length, 90_000);
    // Give any late redelivery after the rebalances a chance to show up as a second effect.
    await new Promise((r) => setTimeout(r, 1500));
    await b.stop();
    await c.stop();

    const effects = await effectsOf(ids);
    expect(effects.size).toBe(ids.length);
    // Every event was published twice: the inbox, not luck, kept the second copy from applying.
    expect(duplicatesSkipped).toBeGreaterThanOrEqual(ids.length);
    expect([...effects.values()].filter((n) => n !== 1)).toEqual([]);
    const { rows } = await backends.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM inbox WHERE consumer_group = $1', [groupId]);
    expect(Number(rows[0]!.n)).toBe(ids.length);
  }, 180_000);

  it('sends a poison message and a message that keeps failing to the dead-letter topic, and the partition keeps flowing', async () => {
    const topic = `kit.test.poison.${randomUUID().slice(0, 8)}`;
    const groupId = `poison-${randomUUID().slice(0, 8)}`;
    await createTopics([topic, 1], [`${topic}.dlq.${groupId}`, 1]);
    const good = [randomUUID(), randomUUID(), randomUUID()];
    const failing = randomUUID();
    const throughOutage = randomUUID();
    const producer = backends.kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: 'k', value: JSON.stringify({ id: good[0] }) },
        { key: 'k', value: '{not json' },
        { key: 'k', value: JSON.stringify({ id: good[1] }) },
        { key: 'k', value: JSON.stringify({ id: failing, fail: true }) },
        { key: 'k', value: JSON.stringify({ id: good[2] }) },
        // More transient failures than maxAttempts: an outage must not dead-letter a good event.
        { key: 'k', value: JSON.stringify({ id: throughOutage, outages: 5 }) },
      ],
    });
    await producer.disconnect();

    const member = makeConsumer(groupId, topic, 'p', { maxAttempts: 3 });
    await member.start();
    await waitFor(async () => (await effectsOf([...good, throughOutage])).size === good.length + 1, 60_000);
    const dead = await readTopic(backends.kafka, `${topic}.dlq.${groupId}`, (seen) => seen.length >= 2, 30_000);
    await member.stop();

    expect([...(await effectsOf(good)).values()]).toEqual([1, 1, 1]);
    expect(await effectsOf([failing])).toEqual(new Map());
    expect(await effectsOf([throughOutage])).toEqual(new Map([[throughOutage, 1]]));
    expect(outagesSeen.get(throughOutage)).toBe(5);
    expect(dead).toHaveLength(2);
    expect(dead[0]!.value).toBe('{not json');
    expect(dead[0]!.headers['dlq-reason']).toMatch(/^undecodable: /);
    expect(dead[0]!.headers['dlq-original-offset']).toBe('1');
    expect(dead[1]!.headers['dlq-reason']).toMatch(/^failed 3 times: Error: handler refuses/);
    expect(dead[1]!.headers['dlq-original-offset']).toBe('3');
    expect(dead[1]!.headers['dlq-consumer-group']).toBe(groupId);
  }, 120_000);
});
