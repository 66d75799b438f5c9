// 1 MiB messages: produced and consumed intact, served even to a consumer whose fetch limits are smaller (KIP-74),
// and refused with MESSAGE_TOO_LARGE above the limit (Kafka's default max.message.bytes is 1 MiB + 12 bytes, for a
// whole record batch; a topic can raise it with the max.message.bytes config).
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { useBrokerUnderTest } from '../support/broker-under-test.ts';
import { createKafka, createTopic, expectKafkaError, producerConfig, readTopic, uniqueName } from '../support/kafka-helpers.ts';
import { ApiKey, ErrorCode, decodeProduceV3, encodeProduceV3, encodeRecordBatch } from '../support/kafka-wire.ts';
import { RawKafkaConnection } from '../support/raw-connection.ts';

const MIB = 1024 * 1024;
const broker = useBrokerUnderTest();
let kafka: Kafka;
let admin: Admin;
let producer: Producer;

beforeAll(async () => {
  kafka = createKafka(broker.brokers);
  admin = kafka.admin();
  await admin.connect();
  producer = kafka.producer(producerConfig({ retry: { retries: 0 } }));
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
});

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('1 MiB messages', () => {
  it('five 1 MiB values on a topic allowing 2 MiB batches come back byte for byte, in order', async () => {
    const topic = uniqueName('large');
    await createTopic(admin, topic, 1, [{ name: 'max.message.bytes', value: String(2 * MIB) }]);
    const values = Array.from({ length: 5 }, () => randomBytes(MIB));
    for (const [index, value] of values.entries()) {
      // One message per request: five of them in one batch would exceed any sensible limit.
      await producer.send({ topic, messages: [{ key: `big-${index}`, value, headers: { sha256: sha256(value) } }], acks: -1 });
    }
    const messages = await readTopic(kafka, admin, topic);
    expect(messages).toHaveLength(5);
    for (const [index, message] of messages.entries()) {
      expect(message.key).toBe(`big-${index}`);
      expect(message.value?.length).toBe(MIB);
      expect(message.headers.sha256?.toString()).toBe(sha256(values[index] ?? Buffer.alloc(0)));
      expect(message.value?.equals(values[index] ?? Buffer.alloc(0))).toBe(true);
    }
  });

  it('a message just under the default limit is accepted on a topic with default settings', async () => {
    const topic = uniqueName('near-limit');
    await createTopic(admin, topic, 1);
    const value = randomBytes(MIB - 1_024);
    await producer.send({ topic, messages: [{ value }], acks: -1 });
    const [message] = await readTopic(kafka, admin, topic);
    expect(message?.value?.equals(value)).toBe(true);
  });

  it('a consumer whose fetch limits are far below the message size still receives it (KIP-74)', async () => {
    const topic = uniqueName('small-fetch');
    await createTopic(admin, topic, 1, [{ name: 'max.message.bytes', value: String(2 * MIB) }]);
    const values = [randomBytes(MIB), randomBytes(MIB)];
    for (const value of values) await producer.send({ topic, messages: [{ value }], acks: -1 });
    const messages = await readTopic(kafka, admin, topic, { consumer: { maxBytesPerPartition: 16 * 1024, maxBytes: 64 * 1024 } });
    expect(messages.map((m) => m.value?.equals(values[m.offset] ?? Buffer.alloc(0)))).toEqual([true, true]);
  });

  it('a batch over the default limit gets MESSAGE_TOO_LARGE and nothing is appended', async () => {
    const topic = uniqueName('too-large');
    await createTopic(admin, topic, 1);
    await expectKafkaError(() => producer.send({ topic, messages: [{ value: randomBytes(MIB + 64 * 1024) }], acks: -1 }), 'MESSAGE_TOO_LARGE');

    // The same on the wire, where the answer is the protocol's, not kafkajs' interpretation of it.
    const connection = await RawKafkaConnection.open(broker.address.host, broker.address.port);
    try {
      const records = encodeRecordBatch({ records: [{ value: randomBytes(MIB + 64 * 1024) }] });
      const [answer] = decodeProduceV3(await connection.request(ApiKey.Produce, 3, encodeProduceV3({ acks: -1, topic, partition: 0, records })));
      expect(answer?.errorCode).toBe(ErrorCode.MESSAGE_TOO_LARGE);
      // The connection stays usable after a refused batch.
      const small = encodeRecordBatch({ records: [{ value: Buffer.from('small') }] });
      const [ok] = decodeProduceV3(await connection.request(ApiKey.Produce, 3, encodeProduceV3({ acks: -1, topic, partition: 0, records: small })));
      expect(ok).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    } finally {
      connection.close();
    }
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets[0]?.high).toBe('1');
  });

  it('a topic-level max.message.bytes above the message size lets it through where the default would not', async () => {
    const topic = uniqueName('raised-limit');
    await createTopic(admin, topic, 1, [{ name: 'max.message.bytes', value: String(3 * MIB) }]);
    const value = randomBytes(2 * MIB);
    await producer.send({ topic, messages: [{ value }], acks: -1 });
    const [message] = await readTopic(kafka, admin, topic);
    expect(message?.value?.equals(value)).toBe(true);
  });
});
