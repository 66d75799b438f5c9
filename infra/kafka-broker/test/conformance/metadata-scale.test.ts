// Metadata for 10,000 topics: created in bulk through CreateTopics, then listed completely by an all-topics Metadata
// request (raw and through kafkajs) while ordinary traffic keeps working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Kafka } from 'kafkajs';
import { isEmbedded, useBrokerUnderTest } from '../support/broker-under-test.ts';
import { createKafka, producerConfig, uniqueName } from '../support/kafka-helpers.ts';
import { ApiKey, ErrorCode, decodeMetadataV4, encodeMetadataV4 } from '../support/kafka-wire.ts';
import { RawKafkaConnection } from '../support/raw-connection.ts';

const TOPIC_COUNT = 10_000;
const CHUNK = 500;
const broker = useBrokerUnderTest({ startTimeoutMs: 60_000 });
let kafka: Kafka;
let admin: Admin;
const prefix = uniqueName('scale');
const names = Array.from({ length: TOPIC_COUNT }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);

beforeAll(async () => {
  kafka = createKafka(broker.brokers, 'conformance-scale', { requestTimeout: 60_000 });
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  // An external cluster keeps topics; do not leave 10,000 of them behind. The embedded broker's directory is deleted.
  if (!isEmbedded && admin !== undefined) {
    for (let start = 0; start < names.length; start += CHUNK) {
      await admin.deleteTopics({ topics: names.slice(start, start + CHUNK), timeout: 60_000 }).catch(() => undefined);
    }
  }
  await admin?.disconnect();
}, 180_000);

describe('metadata at scale', () => {
  it(`creates ${TOPIC_COUNT.toLocaleString('en')} topics and lists every one of them`, { timeout: 240_000 }, async () => {
    for (let start = 0; start < names.length; start += CHUNK) {
      const created = await admin.createTopics({
        topics: names.slice(start, start + CHUNK).map((topic) => ({ topic, numPartitions: 1 })),
        waitForLeaders: false,
        timeout: 60_000,
      });
      expect(created, `chunk starting at ${start}`).toBe(true);
    }

    const connection = await RawKafkaConnection.open(broker.address.host, broker.address.port);
    try {
      // A null topic list asks for all topics.
      const all = decodeMetadataV4(
        await connection.request(ApiKey.Metadata, 4, encodeMetadataV4(null, false), { timeoutMs: 60_000 }),
      );
      const listed = new Map(all.topics.map((topic) => [topic.name, topic]));
      const missing = names.filter((name) => !listed.has(name));
      expect(missing.length, `topics missing from Metadata (first: ${missing.slice(0, 3).join(', ')})`).toBe(0);
      const nodeIds = new Set(all.brokers.map((b) => b.nodeId));
      const unhealthy = names.filter((name) => {
        const topic = listed.get(name);
        return topic?.errorCode !== ErrorCode.NONE || topic.partitions.length !== 1 || !nodeIds.has(topic.partitions[0]?.leaderId ?? -1);
      });
      expect(unhealthy.slice(0, 3), 'topics without exactly one led partition').toEqual([]);

      // Asking for a handful by name answers for exactly those.
      const some = decodeMetadataV4(await connection.request(ApiKey.Metadata, 4, encodeMetadataV4([names[0] ?? '', names[9_999] ?? ''], false)));
      expect(some.topics.map((t) => t.name).sort()).toEqual([names[0], names[9_999]]);
    } finally {
      connection.close();
    }

    const viaKafkajs = await admin.listTopics();
    const viaKafkajsSet = new Set(viaKafkajs);
    expect(names.filter((name) => !viaKafkajsSet.has(name))).toEqual([]);

    // The broker still serves ordinary traffic with all of them in place.
    const producer = kafka.producer(producerConfig());
    await producer.connect();
    try {
      const [result] = await producer.send({ topic: names[4_321] ?? '', messages: [{ value: 'still-fine' }], acks: -1 });
      expect(result?.errorCode).toBe(ErrorCode.NONE);
    } finally {
      await producer.disconnect();
    }
  });
});
