// Hostile and broken input on raw sockets. Kafka's rules: a frame whose size or header cannot be trusted closes that
// connection (Kafka closes it; an error answer is acceptable where a correlation id is known); a well-framed request
// with bad contents gets the protocol's error code (CORRUPT_MESSAGE, UNKNOWN_TOPIC_OR_PARTITION, …). In every case
// the broker stays up and a concurrent kafkajs client, connected all along, keeps producing and reading.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { isEmbedded, useBrokerUnderTest } from '../support/broker-under-test.ts';
import { createKafka, createTopic, producerConfig, sleep, uniqueName } from '../support/kafka-helpers.ts';
import {
  ApiKey,
  BATCH_CRC_OFFSET,
  ErrorCode,
  WireWriter,
  containsInt16,
  decodeApiVersionsV0,
  decodeFetchV4,
  decodeMetadataV4,
  decodeProduceV3,
  encodeFetchV4,
  encodeMetadataV4,
  encodeProduceV3,
  encodeRecordBatch,
} from '../support/kafka-wire.ts';
import { RawKafkaConnection, type Outcome } from '../support/raw-connection.ts';

// Kafka's default (auto.create.topics.enable=true) matters for the invalid-name Metadata case.
const broker = useBrokerUnderTest({ autoCreateTopics: true });
let kafka: Kafka;
let admin: Admin;
let canaryProducer: Producer;
let canaryTopic: string;
let canarySent = 0;
const connections: RawKafkaConnection[] = [];

beforeAll(async () => {
  kafka = createKafka(broker.brokers, 'conformance-canary');
  admin = kafka.admin();
  await admin.connect();
  canaryTopic = uniqueName('canary');
  await createTopic(admin, canaryTopic, 1);
  canaryProducer = kafka.producer(producerConfig());
  await canaryProducer.connect();
});

afterAll(async () => {
  for (const connection of connections) connection.close();
  await canaryProducer?.disconnect();
  await admin?.disconnect();
});

async function connect(): Promise<RawKafkaConnection> {
  const connection = await RawKafkaConnection.open(broker.address.host, broker.address.port);
  connections.push(connection);
  return connection;
}

/** The kafkajs client that was connected throughout still produces, and its writes are visible. */
async function expectOtherClientsUnaffected(): Promise<void> {
  canarySent += 1;
  const [result] = await canaryProducer.send({ topic: canaryTopic, messages: [{ value: `canary-${canarySent}` }], acks: -1 });
  expect(result?.errorCode).toBe(ErrorCode.NONE);
  const offsets = await admin.fetchTopicOffsets(canaryTopic);
  expect(offsets[0]?.high).toBe(String(canarySent));
  const fresh = await connect();
  const versions = decodeApiVersionsV0(await fresh.request(ApiKey.ApiVersions, 0, Buffer.alloc(0)));
  expect(versions.errorCode).toBe(ErrorCode.NONE);
  if (isEmbedded) expect(broker.embedded.isRunning(), 'the broker process is alive').toBe(true);
}

const ERROR_ANSWERS = [ErrorCode.CORRUPT_MESSAGE, ErrorCode.UNSUPPORTED_VERSION, ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_RECORD];

function expectClosedOrErrorAnswer(outcome: Outcome, correlationId: number): void {
  expect(outcome.kind, 'the broker neither answered nor closed the connection').not.toBe('silent');
  if (outcome.kind === 'response') {
    expect(outcome.frame.correlationId).toBe(correlationId);
    expect(ERROR_ANSWERS.some((code) => containsInt16(outcome.frame.payload, code)), 'the answer carries an error code').toBe(true);
  }
}

function header(apiKey: number, apiVersion: number, correlationId: number): WireWriter {
  return new WireWriter().int16(apiKey).int16(apiVersion).int32(correlationId).string('bad-input');
}

function frame(payload: Buffer): Buffer {
  return new WireWriter().int32(payload.length).raw(payload).build();
}

describe('frames that cannot be trusted close the connection', () => {
  const untrustworthy: [string, Buffer][] = [
    ['a negative frame size', Buffer.from([0xff, 0xff, 0xff, 0xfe])],
    ['a frame size of 2 GiB, far over any request limit', Buffer.from([0x7f, 0xff, 0xff, 0xf0])],
    // Kafka's socket.request.max.bytes defaults to 100 MiB; a larger size is refused before any of it is read.
    ['a frame size of 150 MiB, over the 100 MiB request limit', new WireWriter().int32(150 * 1024 * 1024).build()],
    ['an empty frame', Buffer.from([0, 0, 0, 0])],
    ['a frame too short for a request header', frame(Buffer.from([0x00, 0x12, 0x00]))],
  ];
  for (const [name, bytes] of untrustworthy) {
    it(`${name}: the connection is closed promptly`, async () => {
      const connection = await connect();
      connection.writeRaw(bytes);
      const outcome = await connection.outcome(5_000);
      expect(outcome.kind).toBe('closed');
      await expectOtherClientsUnaffected();
    });
  }

  it('a client id longer than its frame: closed, or answered with an error', async () => {
    const connection = await connect();
    const payload = new WireWriter().int16(ApiKey.Metadata).int16(4).int32(41).int16(1_000).raw(Buffer.from('short')).build();
    connection.writeRaw(frame(payload));
    expectClosedOrErrorAnswer(await connection.outcome(5_000), 41);
    await expectOtherClientsUnaffected();
  });

  it('a Metadata body claiming two billion topics: closed, or answered with an error', async () => {
    const connection = await connect();
    const payload = header(ApiKey.Metadata, 4, 42).int32(2_000_000_000).raw(Buffer.from('x')).build();
    connection.writeRaw(frame(payload));
    expectClosedOrErrorAnswer(await connection.outcome(5_000), 42);
    await expectOtherClientsUnaffected();
  });

  it('a Produce body whose record set is shorter than its length: closed, or answered with an error', async () => {
    const connection = await connect();
    const payload = header(ApiKey.Produce, 3, 43)
      .string(null).int16(-1).int32(5_000)
      .int32(1).string(canaryTopic)
      .int32(1).int32(0).int32(10_000).raw(randomBytes(10))
      .build();
    connection.writeRaw(frame(payload));
    expectClosedOrErrorAnswer(await connection.outcome(5_000), 43);
    await expectOtherClientsUnaffected();
  });
});

describe('slow and noisy clients do not stall others', () => {
  it('a connection that sends half a frame and stops does not block other clients', async () => {
    const stalled = await connect();
    stalled.writeRaw(Buffer.concat([Buffer.from([0, 0, 0, 100]), randomBytes(10)]));
    await sleep(200);
    await expectOtherClientsUnaffected();
    expect(stalled.isOpen, 'the broker may wait for the rest of the frame').toBe(true);
  });

  it('200 pseudo-random frames on 20 connections crash nothing', { timeout: 90_000 }, async () => {
    // Seeded, so a failure can be replayed.
    let seed = 0x5eed;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const apiKeys = Object.values(ApiKey);
    const fuzzed: RawKafkaConnection[] = [];
    for (let c = 0; c < 20; c += 1) {
      const connection = await connect();
      fuzzed.push(connection);
      for (let f = 0; f < 10; f += 1) {
        const apiKey = apiKeys[Math.floor(random() * apiKeys.length)] ?? 0;
        const body = Buffer.from(Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256)));
        const payload = header(apiKey, Math.floor(random() * 6), c * 100 + f).raw(body).build();
        connection.writeRaw(frame(payload));
      }
    }
    // Answers, errors, closes and long polls are all acceptable; a dead or wedged broker is not.
    await sleep(1_000);
    await expectOtherClientsUnaffected();
    for (const connection of fuzzed) connection.close();
  });
});

describe('well-framed requests with bad contents get error codes', () => {
  it('a record batch with a wrong CRC gets CORRUPT_MESSAGE, nothing is appended, and the connection stays usable', async () => {
    const topic = uniqueName('bad-crc');
    await createTopic(admin, topic, 1);
    const connection = await connect();
    const batch = encodeRecordBatch({ records: [{ value: Buffer.from('checksummed') }] });
    batch.writeUInt32BE((batch.readUInt32BE(BATCH_CRC_OFFSET) ^ 0x1) >>> 0, BATCH_CRC_OFFSET);
    const [bad] = decodeProduceV3(await connection.request(ApiKey.Produce, 3, encodeProduceV3({ acks: -1, topic, partition: 0, records: batch })));
    expect(bad?.errorCode).toBe(ErrorCode.CORRUPT_MESSAGE);

    const flippedPayload = encodeRecordBatch({ records: [{ value: Buffer.from('payload flipped after the crc') }] });
    flippedPayload[flippedPayload.length - 3] = (flippedPayload[flippedPayload.length - 3] ?? 0) ^ 0x20;
    const [alsoBad] = decodeProduceV3(
      await connection.request(ApiKey.Produce, 3, encodeProduceV3({ acks: -1, topic, partition: 0, records: flippedPayload })),
    );
    expect(alsoBad?.errorCode).toBe(ErrorCode.CORRUPT_MESSAGE);
    expect((await admin.fetchTopicOffsets(topic))[0]?.high).toBe('0');

    const good = encodeRecordBatch({ records: [{ value: Buffer.from('fine') }] });
    const [ok] = decodeProduceV3(await connection.request(ApiKey.Produce, 3, encodeProduceV3({ acks: -1, topic, partition: 0, records: good })));
    expect(ok).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    await expectOtherClientsUnaffected();
  });

  it('a record batch cut short inside the record set gets CORRUPT_MESSAGE or INVALID_RECORD and nothing is appended', async () => {
    const topic = uniqueName('short-batch');
    await createTopic(admin, topic, 1);
    const connection = await connect();
    const batch = encodeRecordBatch({ records: [{ value: Buffer.from('a'.repeat(100)) }, { value: Buffer.from('b'.repeat(100)) }] });
    const [answer] = decodeProduceV3(
      await connection.request(ApiKey.Produce, 3, encodeProduceV3({ acks: -1, topic, partition: 0, records: batch.subarray(0, batch.length - 50) })),
    );
    expect([ErrorCode.CORRUPT_MESSAGE, ErrorCode.INVALID_RECORD]).toContain(answer?.errorCode);
    expect((await admin.fetchTopicOffsets(topic))[0]?.high).toBe('0');
    await expectOtherClientsUnaffected();
  });

  it('produce to an unknown topic or partition gets UNKNOWN_TOPIC_OR_PARTITION and creates nothing', async () => {
    const connection = await connect();
    const missing = uniqueName('never-created');
    const records = encodeRecordBatch({ records: [{ value: Buffer.from('lost') }] });
    const [unknownTopic] = decodeProduceV3(await connection.request(ApiKey.Produce, 3, encodeProduceV3({ acks: -1, topic: missing, partition: 0, records })));
    expect(unknownTopic?.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const [unknownPartition] = decodeProduceV3(
      await connection.request(ApiKey.Produce, 3, encodeProduceV3({ acks: -1, topic: canaryTopic, partition: 99, records })),
    );
    expect(unknownPartition?.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    expect(await admin.listTopics()).not.toContain(missing);
  });

  it('Metadata for an unknown topic without auto-creation gets UNKNOWN_TOPIC_OR_PARTITION and creates nothing', async () => {
    const connection = await connect();
    const missing = uniqueName('not-there');
    const metadata = decodeMetadataV4(await connection.request(ApiKey.Metadata, 4, encodeMetadataV4([missing, canaryTopic], false)));
    const byName = new Map(metadata.topics.map((topic) => [topic.name, topic]));
    expect(byName.get(missing)?.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    expect(byName.get(canaryTopic)?.errorCode).toBe(ErrorCode.NONE);
    expect(await admin.listTopics()).not.toContain(missing);
  });

  it('Metadata for an invalid topic name gets INVALID_TOPIC_EXCEPTION, even when auto-creation is allowed', async () => {
    const connection = await connect();
    const metadata = decodeMetadataV4(await connection.request(ApiKey.Metadata, 4, encodeMetadataV4(['bad name/with spaces'], true)));
    expect(metadata.topics[0]?.errorCode).toBe(ErrorCode.INVALID_TOPIC_EXCEPTION);
  });

  it('Fetch from an unknown topic gets UNKNOWN_TOPIC_OR_PARTITION at once', async () => {
    const connection = await connect();
    const [answer] = decodeFetchV4(
      await connection.request(
        ApiKey.Fetch,
        4,
        encodeFetchV4({ topic: uniqueName('absent'), partition: 0, fetchOffset: 0, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, partitionMaxBytes: 1 << 20 }),
      ),
    );
    expect(answer?.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  });
});
