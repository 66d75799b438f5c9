// Fetch and Produce semantics: long polling (maxWaitTime, minBytes), size limits (maxBytes, KIP-74), acks 0/1/all,
// headers, gzip, null keys and values, and error answers for offsets out of range.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompressionTypes, type Admin, type Kafka, type Producer } from 'kafkajs';
import { useBrokerUnderTest } from '../support/broker-under-test.ts';
import { createKafka, createTopic, producerConfig, readTopic, sleep, uniqueName, waitFor } from '../support/kafka-helpers.ts';
import {
  ApiKey,
  ErrorCode,
  decodeApiVersionsV0,
  decodeFetchV4,
  decodeProduceV3,
  decodeRecordBatches,
  encodeFetchV4,
  encodeProduceV3,
  encodeRecordBatch,
  type FetchPartitionResponse,
} from '../support/kafka-wire.ts';
import { RawKafkaConnection } from '../support/raw-connection.ts';

const broker = useBrokerUnderTest();
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
const connections: RawKafkaConnection[] = [];

beforeAll(async () => {
  kafka = createKafka(broker.brokers);
  admin = kafka.admin();
  await admin.connect();
  producer = kafka.producer(producerConfig());
  await producer.connect();
});

afterAll(async () => {
  for (const connection of connections) connection.close();
  await producer?.disconnect();
  await admin?.disconnect();
});

async function connect(): Promise<RawKafkaConnection> {
  const connection = await RawKafkaConnection.open(broker.address.host, broker.address.port);
  connections.push(connection);
  return connection;
}

async function fetch(
  connection: RawKafkaConnection,
  options: { topic: string; fetchOffset?: number; maxWaitMs?: number; minBytes?: number; maxBytes?: number; partitionMaxBytes?: number },
): Promise<{ answer: FetchPartitionResponse }> {
  const reader = await connection.request(
    ApiKey.Fetch,
    4,
    encodeFetchV4({
      topic: options.topic,
      partition: 0,
      fetchOffset: options.fetchOffset ?? 0,
      maxWaitMs: options.maxWaitMs ?? 0,
      minBytes: options.minBytes ?? 0,
      maxBytes: options.maxBytes ?? 50 * 1024 * 1024,
      partitionMaxBytes: options.partitionMaxBytes ?? 1024 * 1024,
    }),
    // Only a safety net so that a broker that never answers fails the test instead of hanging it.
    { timeoutMs: (options.maxWaitMs ?? 0) + 10_000 },
  );
  const [answer] = decodeFetchV4(reader);
  if (answer === undefined) throw new Error('Fetch response without a partition');
  return { answer };
}

/**
 * Records the order in which things happen, so that tests assert "the long poll answered after the append" or "after
 * its maxWait" by comparing events instead of measuring elapsed time against bounds that a loaded machine breaks.
 */
function eventLog(): { order: string[]; track: <T>(name: string, promise: Promise<T>) => Promise<T>; isDone: (name: string) => boolean } {
  const order: string[] = [];
  return {
    order,
    track: (name, promise) =>
      promise.then((value) => {
        order.push(name);
        return value;
      }),
    isDone: (name) => order.includes(name),
  };
}

/** A timer that can be cancelled, so that a deadline nobody reached does not keep the test waiting. */
function deadline(ms: number): { reached: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { reached, cancel: () => clearTimeout(timer) };
}

/** Resolves with the name of whichever settles first. */
async function first(named: Record<string, Promise<unknown>>): Promise<string> {
  return Promise.race(Object.entries(named).map(([name, promise]) => promise.then(() => name)));
}

async function sendValues(topic: string, count: number, size = 100): Promise<void> {
  const messages = Array.from({ length: count }, (_, i) => ({ value: Buffer.alloc(size, i % 256), partition: 0 }));
  await producer.send({ topic, messages, acks: -1 });
}

describe('Fetch long poll', () => {
  it('with no data, holds the request until maxWaitTime while answering others, then answers with an empty record set', async () => {
    const topic = uniqueName('long-poll-empty');
    await createTopic(admin, topic, 1);
    const events = eventLog();
    const poll = events.track('long poll answered', fetch(await connect(), { topic, maxWaitMs: 1_000, minBytes: 1 }));
    // Started after the request was sent, so the broker's own 1 s deadline ends later; the margin absorbs timer
    // rounding, not machine load.
    const elapsed = events.track('900 ms elapsed', sleep(900));
    await events.track('request without wait answered', fetch(await connect(), { topic, maxWaitMs: 0 }));
    const { answer } = await poll;
    await elapsed;
    expect(events.order.indexOf('request without wait answered'), 'other requests are answered while the poll waits').toBeLessThan(events.order.indexOf('long poll answered'));
    expect(events.order.indexOf('900 ms elapsed'), 'held until maxWaitTime').toBeLessThan(events.order.indexOf('long poll answered'));
    expect(answer.errorCode).toBe(ErrorCode.NONE);
    expect(answer.highWatermark).toBe(0n);
    expect(answer.recordSet.length).toBe(0);
  });

  it('answers as soon as data arrives, before maxWaitTime', async () => {
    const topic = uniqueName('long-poll-wakeup');
    await createTopic(admin, topic, 1);
    const events = eventLog();
    const maxWait = deadline(20_000);
    try {
      const poll = events.track('long poll answered', fetch(await connect(), { topic, maxWaitMs: 20_000, minBytes: 1 }));
      await (await connect()).request(ApiKey.ApiVersions, 0, Buffer.alloc(0));
      expect(events.isDone('long poll answered'), 'still waiting before anything is produced').toBe(false);
      await sendValues(topic, 1);
      expect(await first({ poll, maxWait: maxWait.reached }), 'woken by the produce, not by the 20 s deadline').toBe('poll');
      const { answer } = await poll;
      expect(answer.errorCode).toBe(ErrorCode.NONE);
      expect(decodeRecordBatches(answer.recordSet).flatMap((batch) => batch.records ?? [])).toHaveLength(1);
    } finally {
      maxWait.cancel();
    }
  });

  it('keeps waiting while less than minBytes is available, then answers with what it has at maxWaitTime', async () => {
    const topic = uniqueName('min-bytes');
    await createTopic(admin, topic, 1);
    await sendValues(topic, 2, 50);
    const events = eventLog();
    const poll = events.track('long poll answered', fetch(await connect(), { topic, maxWaitMs: 1_000, minBytes: 1024 * 1024 }));
    await events.track('900 ms elapsed', sleep(900));
    const { answer } = await poll;
    expect(events.order, 'held until maxWaitTime although data was there').toEqual(['900 ms elapsed', 'long poll answered']);
    expect(decodeRecordBatches(answer.recordSet).flatMap((batch) => batch.records ?? [])).toHaveLength(2);
  });

  it('answers at once when minBytes is already available', async () => {
    const topic = uniqueName('min-bytes-met');
    await createTopic(admin, topic, 1);
    await sendValues(topic, 20, 200);
    const maxWait = deadline(20_000);
    try {
      const poll = fetch(await connect(), { topic, maxWaitMs: 20_000, minBytes: 1_000 });
      expect(await first({ poll, maxWait: maxWait.reached }), 'not held until the 20 s deadline').toBe('poll');
      expect((await poll).answer.recordSet.length).toBeGreaterThanOrEqual(1_000);
    } finally {
      maxWait.cancel();
    }
  });

  it('a long poll on one connection does not delay requests on another', async () => {
    const topic = uniqueName('long-poll-isolation');
    await createTopic(admin, topic, 1);
    const events = eventLog();
    const poll = events.track('long poll answered', fetch(await connect(), { topic, maxWaitMs: 20_000, minBytes: 1 }));
    const versions = decodeApiVersionsV0(await (await connect()).request(ApiKey.ApiVersions, 0, Buffer.alloc(0)));
    expect(versions.errorCode).toBe(ErrorCode.NONE);
    expect(events.isDone('long poll answered'), 'answered while the long poll was still waiting').toBe(false);
    await sendValues(topic, 1); // ends the poll
    expect((await poll).answer.errorCode).toBe(ErrorCode.NONE);
  });
});

describe('Fetch size limits', () => {
  it('partition max bytes bounds the record set, but never below one whole batch (KIP-74)', async () => {
    const topic = uniqueName('max-bytes');
    await createTopic(admin, topic, 1);
    for (let i = 0; i < 10; i += 1) await sendValues(topic, 10, 200); // ten batches of about 2.1 KB
    const connection = await connect();

    const limited = await fetch(connection, { topic, partitionMaxBytes: 5_000 });
    const limitedBatches = decodeRecordBatches(limited.answer.recordSet);
    expect(limited.answer.recordSet.length).toBeLessThanOrEqual(5_000);
    expect(limitedBatches.length).toBeGreaterThanOrEqual(1);
    expect(limitedBatches.length).toBeLessThan(10);
    expect(limitedBatches[0]?.baseOffset).toBe(0n);

    const tiny = await fetch(connection, { topic, partitionMaxBytes: 1 });
    const tinyBatches = decodeRecordBatches(tiny.answer.recordSet);
    expect(tinyBatches.length, 'the first batch comes whole even though it is larger than the limit').toBe(1);
    expect(tinyBatches[0]?.records).toHaveLength(10);

    const requestLimited = await fetch(connection, { topic, maxBytes: 1, partitionMaxBytes: 1024 * 1024 });
    expect(decodeRecordBatches(requestLimited.answer.recordSet)).toHaveLength(1);

    const unlimited = await fetch(connection, { topic });
    expect(decodeRecordBatches(unlimited.answer.recordSet).flatMap((batch) => batch.records ?? [])).toHaveLength(100);
  });

  it('fetching from the middle of a batch returns that batch; the client skips the earlier offsets', async () => {
    const topic = uniqueName('mid-batch');
    await createTopic(admin, topic, 1);
    await sendValues(topic, 10);
    const { answer } = await fetch(await connect(), { topic, fetchOffset: 5 });
    const records = decodeRecordBatches(answer.recordSet).flatMap((batch) => batch.records ?? []);
    expect(records.map((record) => record.offset)).toContain(5n);
    expect(records.at(-1)?.offset).toBe(9n);
  });

  it('an offset past the end gets OFFSET_OUT_OF_RANGE; the high watermark itself is a valid, empty position', async () => {
    const topic = uniqueName('out-of-range');
    await createTopic(admin, topic, 1);
    await sendValues(topic, 3);
    const connection = await connect();
    const past = await fetch(connection, { topic, fetchOffset: 1_000 });
    expect(past.answer.errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    const atEnd = await fetch(connection, { topic, fetchOffset: 3 });
    expect(atEnd.answer).toMatchObject({ errorCode: ErrorCode.NONE, highWatermark: 3n });
    expect(atEnd.answer.recordSet.length).toBe(0);
  });
});

describe('Produce acknowledgements', () => {
  it('acks=-1 and acks=1 answer with the base offset; acks=0 gets no response at all, yet the records are written', async () => {
    const topic = uniqueName('acks');
    await createTopic(admin, topic, 1);
    const connection = await connect();
    const batch = (value: string): Buffer => encodeRecordBatch({ records: [{ value: Buffer.from(value) }] });

    const [all] = decodeProduceV3(await connection.request(ApiKey.Produce, 3, encodeProduceV3({ acks: -1, topic, partition: 0, records: batch('all') })));
    expect(all).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    const [leader] = decodeProduceV3(await connection.request(ApiKey.Produce, 3, encodeProduceV3({ acks: 1, topic, partition: 0, records: batch('one') })));
    expect(leader).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 1n });

    // With acks=0 Kafka sends nothing back: the next response on the connection belongs to the next request.
    connection.send(ApiKey.Produce, 3, encodeProduceV3({ acks: 0, topic, partition: 0, records: batch('none') }), { correlationId: 7_000 });
    connection.send(ApiKey.ApiVersions, 0, Buffer.alloc(0), { correlationId: 7_001 });
    const next = await connection.nextFrame(10_000);
    expect(next.correlationId).toBe(7_001);

    await waitFor('the acks=0 record to be written', async () => (await admin.fetchTopicOffsets(topic))[0]?.high === '3');
    const values = (await readTopic(kafka, admin, topic)).map((m) => m.value?.toString());
    expect(values).toEqual(['all', 'one', 'none']);
  });

  it('kafkajs acks 0, 1 and all all deliver', async () => {
    const topic = uniqueName('kafkajs-acks');
    await createTopic(admin, topic, 1);
    const withAll = await producer.send({ topic, messages: [{ value: 'all' }], acks: -1 });
    expect(withAll[0]).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: '0' });
    const withOne = await producer.send({ topic, messages: [{ value: 'one' }], acks: 1 });
    expect(withOne[0]).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: '1' });
    await producer.send({ topic, messages: [{ value: 'none' }], acks: 0 });
    await waitFor('the acks=0 message', async () => (await admin.fetchTopicOffsets(topic))[0]?.high === '3');
    expect((await readTopic(kafka, admin, topic)).map((m) => m.value?.toString())).toEqual(['all', 'one', 'none']);
  });
});

describe('record contents', () => {
  it('headers round-trip: string and binary values, repeated keys, empty values', async () => {
    const topic = uniqueName('headers');
    await createTopic(admin, topic, 1);
    const binary = Buffer.from([0, 1, 2, 254, 255]);
    await producer.send({
      topic,
      messages: [
        { value: 'with-headers', headers: { 'trace-id': 'abc-123', binary, repeated: ['first', 'second'], empty: '' } },
        { value: 'without-headers' },
      ],
      acks: -1,
    });
    const [withHeaders, without] = await readTopic(kafka, admin, topic);
    expect(withHeaders?.headers['trace-id']?.toString()).toBe('abc-123');
    expect(Buffer.compare(withHeaders?.headers.binary as Buffer, binary)).toBe(0);
    expect((withHeaders?.headers.repeated as Buffer[]).map((value) => value.toString())).toEqual(['first', 'second']);
    expect(withHeaders?.headers.empty?.toString()).toBe('');
    expect(without?.headers).toEqual({});
  });

  it('gzip batches are stored as produced (compression.type=producer) and decompress to the original messages', async () => {
    const topic = uniqueName('gzip');
    await createTopic(admin, topic, 1);
    const messages = Array.from({ length: 200 }, (_, i) => ({ key: `k${i}`, value: `compressible value ${i} `.repeat(20), partition: 0 }));
    await producer.send({ topic, messages, compression: CompressionTypes.GZIP, acks: -1 });

    const { answer } = await fetch(await connect(), { topic });
    const batches = decodeRecordBatches(answer.recordSet);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.compression, 'gzip codec in the batch attributes').toBe(1);
    expect(batches[0]?.crcValid).toBe(true);
    expect(batches[0]?.lastOffset).toBe(199n);
    const rawSize = messages.reduce((sum, m) => sum + m.value.length, 0);
    expect(answer.recordSet.length, 'stored compressed').toBeLessThan(rawSize / 4);

    const read = await readTopic(kafka, admin, topic);
    expect(read.map((m) => [m.offset, m.key, m.value?.toString()])).toEqual(messages.map((m, i) => [i, m.key, m.value]));
  });

  it('null keys, null values (tombstones) and empty values are kept distinct', async () => {
    const topic = uniqueName('nulls');
    await createTopic(admin, topic, 1);
    await producer.send({ topic, messages: [{ key: null, value: 'no-key' }, { key: 'tombstone', value: null }, { key: 'empty', value: '' }], acks: -1 });
    const [noKey, tombstone, empty] = await readTopic(kafka, admin, topic);
    expect(noKey).toMatchObject({ key: null });
    expect(noKey?.value?.toString()).toBe('no-key');
    expect(tombstone).toMatchObject({ key: 'tombstone', value: null });
    expect(empty?.key).toBe('empty');
    expect(empty?.value?.length).toBe(0);
  });

  it('producer timestamps (CreateTime) are kept', async () => {
    const topic = uniqueName('timestamps');
    await createTopic(admin, topic, 1);
    const timestamp = String(Date.UTC(2026, 0, 2, 3, 4, 5));
    await producer.send({ topic, messages: [{ value: 'dated', timestamp }], acks: -1 });
    const [message] = await readTopic(kafka, admin, topic);
    expect(message?.timestamp).toBe(timestamp);
  });
});
