// The idempotent producer: the broker tracks (producerId, epoch, sequence) per partition, acknowledges a retried
// duplicate batch without appending it again, and refuses a sequence gap with OUT_OF_ORDER_SEQUENCE_NUMBER. Raw
// requests build the batches kafkajs would only produce under failure; a kafkajs idempotent producer covers the
// ordinary path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Kafka } from 'kafkajs';
import { useBrokerUnderTest } from '../support/broker-under-test.ts';
import { createKafka, createTopic, producerConfig, readTopic, uniqueName } from '../support/kafka-helpers.ts';
import {
  ApiKey,
  ErrorCode,
  LATEST_TIMESTAMP,
  decodeFetchV4,
  decodeInitProducerIdV0,
  decodeListOffsetsV1,
  decodeProduceV3,
  decodeRecordBatches,
  encodeFetchV4,
  encodeInitProducerIdV0,
  encodeListOffsetsV1,
  encodeProduceV3,
  encodeRecordBatch,
  type ProducePartitionResponse,
} from '../support/kafka-wire.ts';
import { RawKafkaConnection } from '../support/raw-connection.ts';

const broker = useBrokerUnderTest();
let kafka: Kafka;
let admin: Admin;
let connection: RawKafkaConnection;

beforeAll(async () => {
  kafka = createKafka(broker.brokers);
  admin = kafka.admin();
  await admin.connect();
  connection = await RawKafkaConnection.open(broker.address.host, broker.address.port);
});

afterAll(async () => {
  connection?.close();
  await admin?.disconnect();
});

async function initProducerId(): Promise<{ producerId: bigint; producerEpoch: number }> {
  const answer = decodeInitProducerIdV0(await connection.request(ApiKey.InitProducerId, 0, encodeInitProducerIdV0()));
  expect(answer.errorCode).toBe(ErrorCode.NONE);
  return answer;
}

async function produce(topic: string, batch: Buffer): Promise<ProducePartitionResponse> {
  const [answer] = decodeProduceV3(await connection.request(ApiKey.Produce, 3, encodeProduceV3({ acks: -1, topic, partition: 0, records: batch })));
  if (answer === undefined) throw new Error('Produce response without a partition');
  return answer;
}

async function highWatermark(topic: string): Promise<bigint> {
  const answer = decodeListOffsetsV1(await connection.request(ApiKey.ListOffsets, 1, encodeListOffsetsV1(topic, 0, LATEST_TIMESTAMP)));
  return answer.offset;
}

function idempotentBatch(producerId: bigint, producerEpoch: number, baseSequence: number, values: string[]): Buffer {
  return encodeRecordBatch({
    producerId,
    producerEpoch,
    baseSequence,
    records: values.map((value) => ({ value: Buffer.from(value) })),
  });
}

describe('idempotent producer on the wire', () => {
  it('InitProducerId hands out distinct producer ids with epoch 0', async () => {
    const first = await initProducerId();
    const second = await initProducerId();
    expect(first.producerId).toBeGreaterThanOrEqual(0n);
    expect(first.producerEpoch).toBeGreaterThanOrEqual(0);
    expect(second.producerId).not.toBe(first.producerId);
  });

  it('a retried duplicate batch is acknowledged with its original offset but not appended twice', async () => {
    const topic = uniqueName('dedupe');
    await createTopic(admin, topic, 1);
    const { producerId, producerEpoch } = await initProducerId();
    const first = idempotentBatch(producerId, producerEpoch, 0, ['a0', 'a1', 'a2']);
    const second = idempotentBatch(producerId, producerEpoch, 3, ['b0', 'b1']);

    expect(await produce(topic, first)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    // The acknowledgement was lost; the producer sends the very same batch again.
    expect(await produce(topic, first)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    expect(await highWatermark(topic)).toBe(3n);

    expect(await produce(topic, second)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 3n });
    // An older batch among the last five is still recognised.
    expect(await produce(topic, first)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    expect(await produce(topic, second)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 3n });
    expect(await highWatermark(topic)).toBe(5n);

    const [fetched] = decodeFetchV4(
      await connection.request(
        ApiKey.Fetch,
        4,
        encodeFetchV4({ maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, topic, partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }),
      ),
    );
    expect(fetched?.errorCode).toBe(ErrorCode.NONE);
    const batches = decodeRecordBatches(fetched?.recordSet ?? Buffer.alloc(0));
    expect(batches.every((batch) => batch.crcValid)).toBe(true);
    expect(batches.map((batch) => [batch.baseOffset, batch.producerId, batch.baseSequence])).toEqual([
      [0n, producerId, 0],
      [3n, producerId, 3],
    ]);
    const values = batches.flatMap((batch) => batch.records ?? []).map((record) => [record.offset, record.value?.toString()]);
    expect(values).toEqual([[0n, 'a0'], [1n, 'a1'], [2n, 'a2'], [3n, 'b0'], [4n, 'b1']]);
  });

  it('a sequence gap gets OUT_OF_ORDER_SEQUENCE_NUMBER and appends nothing; the right sequence then succeeds', async () => {
    const topic = uniqueName('sequence-gap');
    await createTopic(admin, topic, 1);
    const { producerId, producerEpoch } = await initProducerId();
    expect(await produce(topic, idempotentBatch(producerId, producerEpoch, 0, ['x0', 'x1']))).toMatchObject({ errorCode: ErrorCode.NONE });

    const gap = await produce(topic, idempotentBatch(producerId, producerEpoch, 10, ['lost-in-the-gap']));
    expect(gap.errorCode).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    expect(await highWatermark(topic)).toBe(2n);

    const next = await produce(topic, idempotentBatch(producerId, producerEpoch, 2, ['x2']));
    expect(next).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 2n });
    expect(await highWatermark(topic)).toBe(3n);
  });

  it('sequences are tracked per producer: another producer id starts its own sequence on the same partition', async () => {
    const topic = uniqueName('two-producers');
    await createTopic(admin, topic, 1);
    const one = await initProducerId();
    const two = await initProducerId();
    expect(await produce(topic, idempotentBatch(one.producerId, one.producerEpoch, 0, ['one-0']))).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    expect(await produce(topic, idempotentBatch(two.producerId, two.producerEpoch, 0, ['two-0']))).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 1n });
    expect(await produce(topic, idempotentBatch(one.producerId, one.producerEpoch, 1, ['one-1']))).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 2n });
    expect(await highWatermark(topic)).toBe(3n);
  });
});

describe('kafkajs idempotent producer', () => {
  it('delivers every message exactly once and in order', async () => {
    const topic = uniqueName('kafkajs-idempotent');
    await createTopic(admin, topic, 3);
    const producer = kafka.producer(producerConfig({ idempotent: true, maxInFlightRequests: 1 }));
    await producer.connect();
    try {
      for (let start = 0; start < 600; start += 50) {
        const messages = Array.from({ length: 50 }, (_, i) => ({ key: `key-${(start + i) % 7}`, value: String(start + i) }));
        const results = await producer.send({ topic, messages, acks: -1 });
        expect(results.every((result) => result.errorCode === ErrorCode.NONE)).toBe(true);
      }
    } finally {
      await producer.disconnect();
    }
    const messages = await readTopic(kafka, admin, topic);
    const values = messages.map((m) => Number(m.value?.toString()));
    expect(values).toHaveLength(600);
    expect(new Set(values).size).toBe(600);
    // Per key, the order of sending is the order in the log.
    const perKey = new Map<string, number[]>();
    for (const message of [...messages].sort((a, b) => a.partition - b.partition || a.offset - b.offset)) {
      const list = perKey.get(message.key ?? '') ?? [];
      list.push(Number(message.value?.toString()));
      perKey.set(message.key ?? '', list);
    }
    for (const [key, list] of perKey) expect(list, key).toEqual([...list].sort((a, b) => a - b));
  });
});
