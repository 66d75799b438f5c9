// A few quick end-to-end checks through kafkajs against the in-process broker (the conformance suite goes deeper).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompressionTypes, Kafka, logLevel, type Admin, type Consumer } from 'kafkajs';
import { startBroker, type RunningBroker } from '../../src/index.ts';
import { tempDir } from './helpers/record-batches.ts';

let broker: RunningBroker;
let dir: { dir: string; remove: () => void };
let kafka: Kafka;
let admin: Admin;
const logs: string[] = [];

async function restart(): Promise<void> {
  await broker.stop();
  broker = await startBroker({ dataDir: dir.dir, port: broker.port, logger: (l) => logs.push(l) });
}

beforeAll(async () => {
  dir = tempDir('e2e');
  broker = await startBroker({ dataDir: dir.dir, logger: (l) => logs.push(l) });
  kafka = new Kafka({ brokers: broker.brokers, clientId: 'unit-e2e', logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100 } });
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
  await broker?.stop();
  dir?.remove();
});

function collect(consumer: Consumer, want: number, into: Array<{ partition: number; value: string; headers: string }>): Promise<void> {
  return new Promise((resolve) => {
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        into.push({ partition, value: message.value!.toString(), headers: String(message.headers?.trace) });
        if (into.length >= want) resolve();
      },
    });
  });
}

describe('kafkajs against the broker', () => {
  it('produces with headers and gzip (acks=all, idempotent) and consumes every message in order', async () => {
    await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 1 }] });
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic: 'orders', acks: -1, compression: CompressionTypes.GZIP, messages: Array.from({ length: 50 }, (_, i) => ({ value: `o${i}`, headers: { trace: `t${i}` } })) });
    await producer.disconnect();
    const plain = kafka.producer();
    await plain.connect();
    await plain.send({ topic: 'orders', acks: 1, messages: [{ value: 'o50', headers: { trace: 't50' } }] });
    await plain.disconnect();
    const consumer = kafka.consumer({ groupId: 'readers' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'orders', fromBeginning: true });
    const got: Array<{ partition: number; value: string; headers: string }> = [];
    await collect(consumer, 51, got);
    await consumer.disconnect();
    expect(got.map((m) => m.value)).toEqual(Array.from({ length: 51 }, (_, i) => `o${i}`));
    expect(got[7]?.headers).toBe('t7');
    const committed = await admin.fetchOffsets({ groupId: 'readers', topics: ['orders'] });
    expect(committed[0]?.partitions[0]?.offset).toBe('51');
  });

  it('splits partitions between two members of a group, and the offsets survive a restart', { timeout: 45_000 }, async () => {
    await admin.createTopics({ topics: [{ topic: 'cases', numPartitions: 4 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'cases', messages: Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: `c${i}` })) });
    await producer.disconnect();
    const members = [kafka.consumer({ groupId: 'pair', heartbeatInterval: 500 }), kafka.consumer({ groupId: 'pair', heartbeatInterval: 500 })];
    const got: Array<{ partition: number; value: string; headers: string }> = [];
    const byMember: Array<Set<number>> = [new Set(), new Set()];
    for (const [i, m] of members.entries()) {
      await m.connect();
      await m.subscribe({ topic: 'cases', fromBeginning: true });
      m.on(m.events.GROUP_JOIN, (e) => {
        byMember[i] = new Set(e.payload.memberAssignment.cases ?? []);
      });
    }
    for (const m of members) void collect(m, Number.MAX_SAFE_INTEGER, got);
    // Both members settle into one generation with two partitions each; bounded wait.
    for (let i = 0; i < 150; i++) {
      const described = await admin.describeGroups(['pair']);
      const stable = described.groups[0]?.state === 'Stable' && described.groups[0].members.length === 2;
      if (stable && new Set(got.map((m) => m.value)).size === 40 && byMember[0]!.size + byMember[1]!.size === 4) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(new Set(got.map((m) => m.value)).size).toBe(40);
    expect((await admin.describeGroups(['pair'])).groups[0]?.members).toHaveLength(2);
    expect(byMember[0]!.size + byMember[1]!.size).toBe(4);
    expect([...byMember[0]!].some((p) => byMember[1]!.has(p))).toBe(false);
    await Promise.all(members.map((m) => m.disconnect()));

    await admin.disconnect();
    await restart();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId: 'pair', topics: ['cases'] });
    const total = offsets[0]!.partitions.reduce((n, p) => n + Number(p.offset), 0);
    expect(total).toBe(40);
    const high = await admin.fetchTopicOffsets('cases');
    expect(high.reduce((n, p) => n + Number(p.high), 0)).toBe(40);
  });
});
