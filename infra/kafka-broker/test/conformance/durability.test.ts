// Crash safety: kill -9 and restart the broker while clients work, then check that nothing acknowledged was lost,
// nothing was duplicated for an idempotent producer, groups kept their offsets, and a torn tail was cut off rather
// than served. Killing the broker and editing its files needs the embedded broker, so against external Kafka these
// tests are not registered (and the run says so).
import { randomBytes } from 'node:crypto';
import { appendFile, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { isEmbedded, reportNotApplicable, useBrokerUnderTest } from '../support/broker-under-test.ts';
import {
  QUICK_GROUP,
  byPartition,
  createKafka,
  createTopic,
  producerConfig,
  readTopic,
  sleep,
  uniqueName,
  waitFor,
  withTimeout,
} from '../support/kafka-helpers.ts';

reportNotApplicable('durability tests (kill -9, restart, torn writes)', 'they kill the broker process and edit its data directory');

describe.runIf(isEmbedded)('durability across kill -9', () => {
  const broker = useBrokerUnderTest();
  let kafka: Kafka;
  let admin: Admin;
  const producers: Producer[] = [];
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    kafka = createKafka(broker.brokers);
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await Promise.allSettled(consumers.map((consumer) => consumer.disconnect()));
    await Promise.allSettled(producers.map((producer) => producer.disconnect()));
    await admin?.disconnect();
  });

  async function newProducer(config: Parameters<Kafka['producer']>[0] = {}): Promise<Producer> {
    const producer = kafka.producer(producerConfig(config));
    producers.push(producer);
    await producer.connect();
    return producer;
  }

  async function crashAndRestart(pauseMs = 0): Promise<void> {
    await broker.embedded.kill9();
    expect(broker.embedded.isRunning()).toBe(false);
    if (pauseMs > 0) await sleep(pauseMs);
    await broker.embedded.restart();
  }

  it('records acknowledged with acks=all, and the topics themselves, survive kill -9', async () => {
    const topic = uniqueName('durable');
    await createTopic(admin, topic, 3);
    await admin.createPartitions({ topicPartitions: [{ topic, count: 4 }] });
    const producer = await newProducer();
    for (let batch = 0; batch < 20; batch += 1) {
      const messages = Array.from({ length: 100 }, (_, i) => ({ key: `k${(batch * 100 + i) % 50}`, value: String(batch * 100 + i) }));
      await producer.send({ topic, messages, acks: -1 });
    }
    await crashAndRestart();

    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0]?.partitions).toHaveLength(4);
    const messages = await readTopic(kafka, admin, topic);
    expect(messages).toHaveLength(2_000);
    expect(new Set(messages.map((m) => Number(m.value?.toString()))).size).toBe(2_000);
    for (const [partition, list] of byPartition(messages)) {
      expect(list.map((m) => m.offset), `partition ${partition} offsets`).toEqual(list.map((_, i) => i));
    }
  });

  it('kill -9 in the middle of a produce stream loses no acknowledged record and invents none', { timeout: 90_000 }, async () => {
    const topic = uniqueName('mid-stream');
    await createTopic(admin, topic, 2);
    // No client retries: every batch is sent once, so "acknowledged" and "failed" are exact and duplicates impossible.
    const producer = await newProducer({ retry: { retries: 0 } });
    const acked = new Set<number>();
    const failed = new Set<number>();
    let nextId = 0;
    let stop = false;
    const stream = (async () => {
      const deadline = Date.now() + 45_000;
      while (!stop && Date.now() < deadline) {
        const ids = Array.from({ length: 25 }, () => nextId++);
        try {
          await producer.send({ topic, messages: ids.map((id) => ({ key: `k${id % 10}`, value: String(id) })), acks: -1 });
          for (const id of ids) acked.add(id);
        } catch {
          for (const id of ids) failed.add(id);
          await sleep(50);
        }
      }
    })();

    await waitFor('some acknowledged batches before the crash', () => acked.size >= 500);
    await crashAndRestart(300);
    const ackedBeforeRestartDone = acked.size;
    await waitFor('acknowledgements to resume after the restart', () => acked.size >= ackedBeforeRestartDone + 500, { timeoutMs: 40_000 });
    stop = true;
    await stream;

    expect(failed.size, 'the crash interrupted the stream').toBeGreaterThan(0);
    const messages = await readTopic(kafka, admin, topic);
    const read = messages.map((m) => Number(m.value?.toString()));
    const readSet = new Set(read);
    const lost = [...acked].filter((id) => !readSet.has(id));
    expect(lost, 'acknowledged records missing after the crash').toEqual([]);
    expect(read.length, 'no record appears twice').toBe(readSet.size);
    expect(read.filter((id) => !acked.has(id) && !failed.has(id)), 'records nobody sent').toEqual([]);
    for (const [partition, list] of byPartition(messages)) {
      expect(list.map((m) => m.offset), `partition ${partition} offsets are dense`).toEqual(list.map((_, i) => i));
    }
  });

  it('an idempotent producer retrying across kill -9 ends with every record exactly once, in order', { timeout: 90_000 }, async () => {
    const topic = uniqueName('idempotent-crash');
    await createTopic(admin, topic, 1);
    const producer = await newProducer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1_000 },
    });
    const total = 2_000;
    let sent = 0;
    const stream = (async () => {
      for (let start = 0; start < total; start += 20) {
        await producer.send({ topic, messages: Array.from({ length: 20 }, (_, i) => ({ value: String(start + i) })), acks: -1 });
        sent = start + 20;
      }
    })();
    await waitFor('the stream to be under way', () => sent >= 400);
    // Crash while a request is in flight: the batch may be on disk without its acknowledgement having been sent.
    await crashAndRestart(200);
    await withTimeout(stream, 60_000, () => `idempotent stream stuck at ${sent}/${total}`);

    const messages = await readTopic(kafka, admin, topic);
    expect(messages.map((m) => Number(m.value?.toString()))).toEqual(Array.from({ length: total }, (_, i) => i));
  });

  it('committed offsets and groups survive kill -9; a member resumes where the group left off', async () => {
    const topic = uniqueName('group-durable');
    const groupId = uniqueName('durable-group');
    await createTopic(admin, topic, 2);
    const producer = await newProducer();
    await producer.send({ topic, messages: Array.from({ length: 50 }, (_, i) => ({ value: String(i), partition: 0 })), acks: -1 });
    await producer.send({ topic, messages: Array.from({ length: 50 }, (_, i) => ({ value: String(50 + i), partition: 1 })), acks: -1 });
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '30' }, { partition: 1, offset: '45' }] });

    await crashAndRestart();

    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect([...(offsets[0]?.partitions ?? [])].sort((a, b) => a.partition - b.partition).map((p) => p.offset)).toEqual(['30', '45']);
    expect((await admin.listGroups()).groups.map((g) => g.groupId)).toContain(groupId);
    expect((await admin.describeGroups([groupId])).groups[0]?.state).toBe('Empty');

    const consumer = kafka.consumer({ groupId, ...QUICK_GROUP });
    consumers.push(consumer);
    const seen: { partition: number; offset: number }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ partition, message }) => void seen.push({ partition, offset: Number(message.offset) }) });
    await waitFor('the member to read the rest of both partitions', () => seen.length >= 25);
    await sleep(300);
    await consumer.disconnect();
    const firstOf = (partition: number): number => Math.min(...seen.filter((s) => s.partition === partition).map((s) => s.offset));
    expect(firstOf(0)).toBe(30);
    expect(firstOf(1)).toBe(45);
    expect(seen).toHaveLength(25);
  });

  it('a running consumer group carries on after the broker restarts under it, without losing messages', { timeout: 90_000 }, async () => {
    const topic = uniqueName('group-across-crash');
    const groupId = uniqueName('survivor');
    await createTopic(admin, topic, 2);
    const producer = await newProducer({ retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1_000 } });
    const consumer = kafka.consumer({ groupId, ...QUICK_GROUP, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1_000 } });
    consumers.push(consumer);
    const received = new Set<number>();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.add(Number(message.value?.toString())) });

    await producer.send({ topic, messages: Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value: String(i) })), acks: -1 });
    await waitFor('the messages sent before the crash', () => received.size === 100);
    await crashAndRestart(300);
    await producer.send({ topic, messages: Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value: String(100 + i) })), acks: -1 });
    await waitFor('the messages sent after the restart', () => received.size === 200, { timeoutMs: 60_000 });
    await consumer.disconnect();
    expect([...received].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  describe('a torn or corrupt tail after a crash', () => {
    /** Sizes of every file under the data directory. */
    async function fileSizes(dir: string): Promise<Map<string, number>> {
      const sizes = new Map<string, number>();
      for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const file = path.join(entry.parentPath, entry.name);
        sizes.set(file, (await stat(file)).size);
      }
      return sizes;
    }

    /**
     * Produces one batch carrying a unique marker and finds, without assuming the broker's file layout, the file it
     * was appended to and the bytes the append added (one on-disk frame).
     */
    async function appendMarkedBatch(producer: Producer, topic: string): Promise<{ file: string; frame: Buffer; cleanSize: number; marker: Buffer }> {
      const marker = Buffer.from(`TORN-TAIL-${randomBytes(8).toString('hex')}-${'Z'.repeat(3_000)}`);
      const before = await fileSizes(broker.embedded.dataDir);
      await producer.send({ topic, messages: [{ value: marker, partition: 0 }], acks: -1 });
      const after = await fileSizes(broker.embedded.dataDir);
      for (const [file, size] of after) {
        const previous = before.get(file) ?? 0;
        if (size <= previous) continue;
        const added = (await readFile(file)).subarray(previous, size);
        if (added.includes(marker)) return { file, frame: Buffer.from(added), cleanSize: size, marker };
      }
      throw new Error('found no file in the data directory that received the acknowledged batch');
    }

    async function prepareTopic(): Promise<{ topic: string; producer: Producer }> {
      const topic = uniqueName('torn');
      await createTopic(admin, topic, 1);
      const producer = await newProducer({ retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1_000 } });
      for (let i = 0; i < 10; i += 1) await producer.send({ topic, messages: [{ value: `before-${i}`, partition: 0 }], acks: -1 });
      return { topic, producer };
    }

    async function expectCleanLogAfterRestart(topic: string, producer: Producer, file: string, cleanSize: number, marker: Buffer): Promise<void> {
      // Recovery cut the damaged bytes off the file…
      expect((await stat(file)).size, 'the damaged tail was truncated').toBe(cleanSize);
      // …and serves exactly the acknowledged records, the last being the marker.
      const offsets = await admin.fetchTopicOffsets(topic);
      expect(offsets[0]?.high).toBe('11');
      const messages = await readTopic(kafka, admin, topic);
      expect(messages.map((m) => m.offset)).toEqual(Array.from({ length: 11 }, (_, i) => i));
      expect(messages.at(-1)?.value?.equals(marker)).toBe(true);
      // The log keeps going from the right offset.
      const [result] = await producer.send({ topic, messages: [{ value: 'after-recovery', partition: 0 }], acks: -1 });
      expect(result?.baseOffset).toBe('11');
      const again = await readTopic(kafka, admin, topic);
      expect(again.map((m) => m.value?.toString()).slice(-2)).toEqual([marker.toString(), 'after-recovery']);
    }

    it('half a batch at the end of the log is detected and truncated on restart, never served', async () => {
      const { topic, producer } = await prepareTopic();
      const { file, frame, cleanSize, marker } = await appendMarkedBatch(producer, topic);
      await broker.embedded.kill9();
      // The crash happened while the next batch was being written: only its first half reached the disk.
      await appendFile(file, frame.subarray(0, Math.floor(frame.length / 2)));
      await broker.embedded.restart();
      await expectCleanLogAfterRestart(topic, producer, file, cleanSize, marker);
    });

    it('a whole batch whose CRC does not match its bytes is detected and truncated on restart, never served', async () => {
      const { topic, producer } = await prepareTopic();
      const { file, frame, cleanSize, marker } = await appendMarkedBatch(producer, topic);
      await broker.embedded.kill9();
      const corrupt = Buffer.from(frame);
      // When the file holds Kafka record batches, give the copy the next offset so that only its CRC betrays it.
      if (corrupt.length >= 8 && corrupt.readBigInt64BE(0) === 10n) corrupt.writeBigInt64BE(11n, 0);
      const markerAt = corrupt.indexOf(marker);
      const flipAt = markerAt + marker.length - 100;
      corrupt[flipAt] = (corrupt[flipAt] ?? 0) ^ 0xff;
      await appendFile(file, corrupt);
      await broker.embedded.restart();
      await expectCleanLogAfterRestart(topic, producer, file, cleanSize, marker);
    });
  });
});
