// Ordering through kafkajs: within a partition offsets are dense and follow the order of appends; messages with one
// key stay in one partition in the order they were sent; concurrent producers never share an offset; and a topic
// with many partitions keeps each of them separate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { useBrokerUnderTest } from '../support/broker-under-test.ts';
import { byPartition, createKafka, createTopic, producerConfig, readTopic, uniqueName } from '../support/kafka-helpers.ts';

const broker = useBrokerUnderTest();
let kafka: Kafka;
let admin: Admin;
let producer: Producer;

beforeAll(async () => {
  kafka = createKafka(broker.brokers);
  admin = kafka.admin();
  await admin.connect();
  producer = kafka.producer(producerConfig({ idempotent: true, maxInFlightRequests: 1 }));
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
});

describe('ordering', () => {
  it('per partition and per key: 3,000 keyed messages keep their send order and offsets are dense', async () => {
    const topic = uniqueName('order-keys');
    await createTopic(admin, topic, 3);
    const keys = 30;
    const nextSequence = new Map<string, number>();
    for (let batch = 0; batch < 30; batch += 1) {
      const messages = Array.from({ length: 100 }, (_, i) => {
        const key = `key-${(batch * 100 + i) % keys}`;
        const sequence = nextSequence.get(key) ?? 0;
        nextSequence.set(key, sequence + 1);
        return { key, value: JSON.stringify({ key, sequence, global: batch * 100 + i }) };
      });
      await producer.send({ topic, messages, acks: -1 });
    }

    const messages = await readTopic(kafka, admin, topic);
    expect(messages).toHaveLength(3_000);
    const partitions = byPartition(messages);
    expect(partitions.size, 'keys spread over all partitions').toBe(3);
    for (const [partition, list] of partitions) {
      expect(list.map((m) => m.offset), `partition ${partition}: offsets 0..n-1 in order`).toEqual(list.map((_, i) => i));
      // Messages were sent one batch after another, so within a partition the global order is preserved too.
      const globals = list.map((m) => (JSON.parse(m.value?.toString() ?? '{}') as { global: number }).global);
      expect(globals).toEqual([...globals].sort((a, b) => a - b));
    }
    const partitionOfKey = new Map<string, number>();
    const sequencesOfKey = new Map<string, number[]>();
    for (const message of messages) {
      const { key, sequence } = JSON.parse(message.value?.toString() ?? '{}') as { key: string; sequence: number };
      expect(message.key).toBe(key);
      expect(partitionOfKey.get(key) ?? message.partition, `${key} stays in one partition`).toBe(message.partition);
      partitionOfKey.set(key, message.partition);
      sequencesOfKey.set(key, [...(sequencesOfKey.get(key) ?? []), sequence]);
    }
    for (const [key, sequences] of sequencesOfKey) {
      expect(sequences, `${key} in send order`).toEqual(sequences.map((_, i) => i));
    }
  });

  it('messages sent to an explicit partition land there', async () => {
    const topic = uniqueName('order-explicit');
    await createTopic(admin, topic, 4);
    const messages = Array.from({ length: 40 }, (_, i) => ({ partition: i % 4, value: `p${i % 4}-${Math.floor(i / 4)}` }));
    const results = await producer.send({ topic, messages, acks: -1 });
    expect(results.map((r) => r.partition).sort()).toEqual([0, 1, 2, 3]);
    const read = await readTopic(kafka, admin, topic);
    for (const [partition, list] of byPartition(read)) {
      expect(list.map((m) => m.value?.toString())).toEqual(Array.from({ length: 10 }, (_, i) => `p${partition}-${i}`));
    }
  });

  it('concurrent producers to one partition get distinct, dense offsets and each keeps its own order', async () => {
    const topic = uniqueName('order-concurrent');
    await createTopic(admin, topic, 1);
    const producers = await Promise.all(
      ['left', 'right', 'middle'].map(async (name) => {
        const p = createKafka(broker.brokers, `producer-${name}`).producer(producerConfig());
        await p.connect();
        return { name, producer: p };
      }),
    );
    try {
      await Promise.all(
        producers.map(async ({ name, producer: p }) => {
          for (let batch = 0; batch < 20; batch += 1) {
            const messages = Array.from({ length: 25 }, (_, i) => ({ partition: 0, value: `${name}:${batch * 25 + i}` }));
            await p.send({ topic, messages, acks: -1 });
          }
        }),
      );
    } finally {
      await Promise.all(producers.map(({ producer: p }) => p.disconnect()));
    }
    const read = await readTopic(kafka, admin, topic);
    expect(read.map((m) => m.offset)).toEqual(Array.from({ length: 1_500 }, (_, i) => i));
    for (const { name } of producers) {
      const own = read.map((m) => m.value?.toString() ?? '').filter((v) => v.startsWith(`${name}:`)).map((v) => Number(v.split(':')[1]));
      expect(own, `${name}'s messages in its send order`).toEqual(Array.from({ length: 500 }, (_, i) => i));
    }
  });

  it('a topic with 100 partitions keeps every partition separate and ordered', async () => {
    const topic = uniqueName('order-many');
    const partitions = 100;
    await createTopic(admin, topic, partitions);
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0]?.partitions).toHaveLength(partitions);
    for (let round = 0; round < 5; round += 1) {
      const messages = Array.from({ length: partitions * 4 }, (_, i) => ({
        partition: i % partitions,
        value: `${i % partitions}:${round * 4 + Math.floor(i / partitions)}`,
      }));
      await producer.send({ topic, messages, acks: -1 });
    }
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets).toHaveLength(partitions);
    expect(offsets.every((p) => p.high === '20' && p.low === '0')).toBe(true);

    const read = await readTopic(kafka, admin, topic);
    expect(read).toHaveLength(partitions * 20);
    const grouped = byPartition(read);
    expect(grouped.size).toBe(partitions);
    for (const [partition, list] of grouped) {
      expect(list.map((m) => m.value?.toString()), `partition ${partition}`).toEqual(Array.from({ length: 20 }, (_, i) => `${partition}:${i}`));
      expect(list.map((m) => m.offset)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    }
  });
});
