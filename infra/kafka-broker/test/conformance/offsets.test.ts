// Committed offsets, resuming, seeking and offset lookups (ListOffsets earliest, latest and by timestamp).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { useBrokerUnderTest } from '../support/broker-under-test.ts';
import { QUICK_GROUP, createKafka, createTopic, producerConfig, uniqueName, waitFor, withTimeout } from '../support/kafka-helpers.ts';
import {
  ApiKey,
  EARLIEST_TIMESTAMP,
  ErrorCode,
  LATEST_TIMESTAMP,
  decodeListOffsetsV1,
  encodeListOffsetsV1,
} from '../support/kafka-wire.ts';
import { RawKafkaConnection } from '../support/raw-connection.ts';

const broker = useBrokerUnderTest();
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
const consumers: Consumer[] = [];

beforeAll(async () => {
  kafka = createKafka(broker.brokers);
  admin = kafka.admin();
  await admin.connect();
  producer = kafka.producer(producerConfig());
  await producer.connect();
});

afterAll(async () => {
  await Promise.allSettled(consumers.map((consumer) => consumer.disconnect()));
  await producer?.disconnect();
  await admin?.disconnect();
});

async function produceNumbered(topic: string, count: number, partition = 0): Promise<void> {
  for (let start = 0; start < count; start += 100) {
    const messages = Array.from({ length: Math.min(100, count - start) }, (_, i) => ({ value: String(start + i), partition }));
    await producer.send({ topic, messages, acks: -1 });
  }
}

function newConsumer(groupId: string): Consumer {
  const consumer = kafka.consumer({ groupId, ...QUICK_GROUP });
  consumers.push(consumer);
  return consumer;
}

/** Runs a consumer until `stop` says so, returning the offsets it processed on partition 0, in order. */
async function consumeOffsets(
  consumer: Consumer,
  topic: string,
  stop: (offsets: number[]) => boolean,
  options: { autoCommit?: boolean; afterEach?: (offset: number) => Promise<void> } = {},
): Promise<number[]> {
  const offsets: number[] = [];
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: options.autoCommit ?? false,
    eachMessage: async ({ message }) => {
      if (stop(offsets)) return;
      offsets.push(Number(message.offset));
      await options.afterEach?.(Number(message.offset));
      if (stop(offsets)) finish();
    },
  });
  await withTimeout(done, 30_000, () => `consumed offsets ${offsets.slice(-5).join(',')} (${offsets.length})`);
  return offsets;
}

describe('commit and resume', () => {
  it('a member commits after 40 of 100 messages; the group resumes at offset 40 with nothing skipped', async () => {
    const topic = uniqueName('commit-resume');
    const groupId = uniqueName('resume');
    await createTopic(admin, topic, 1);
    await produceNumbered(topic, 100);

    const first = newConsumer(groupId);
    const firstRun = await consumeOffsets(first, topic, (offsets) => offsets.length >= 40, {
      afterEach: async (offset) => {
        if (offset === 39) await first.commitOffsets([{ topic, partition: 0, offset: '40' }]);
      },
    });
    await first.disconnect();
    expect(firstRun).toEqual(Array.from({ length: 40 }, (_, i) => i));

    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed).toEqual([{ topic, partitions: [expect.objectContaining({ partition: 0, offset: '40' })] }]);

    const second = newConsumer(groupId);
    const secondRun = await consumeOffsets(second, topic, (offsets) => offsets.length >= 60);
    await second.disconnect();
    expect(secondRun).toEqual(Array.from({ length: 60 }, (_, i) => 40 + i));
  });

  it('a group that never committed has no offset (-1) for the partition', async () => {
    const topic = uniqueName('no-commit');
    await createTopic(admin, topic, 2);
    const offsets = await admin.fetchOffsets({ groupId: uniqueName('never-committed'), topics: [topic] });
    expect(offsets[0]?.partitions.map((p) => p.offset).sort()).toEqual(['-1', '-1']);
  });

  it('autoCommit commits processed offsets: a new member of the group starts after the last processed message', async () => {
    const topic = uniqueName('auto-commit');
    const groupId = uniqueName('auto');
    await createTopic(admin, topic, 1);
    await produceNumbered(topic, 50);
    const first = newConsumer(groupId);
    await consumeOffsets(first, topic, (offsets) => offsets.length >= 50, { autoCommit: true });
    // kafkajs commits resolved offsets after each batch it hands to eachMessage.
    await waitFor('the processed offsets to be committed', async () =>
      (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions[0]?.offset === '50');
    await first.disconnect();

    await produceNumbered(topic, 10);
    const second = newConsumer(groupId);
    const resumed = await consumeOffsets(second, topic, (offsets) => offsets.length >= 10);
    await second.disconnect();
    expect(resumed).toEqual(Array.from({ length: 10 }, (_, i) => 50 + i));
  });

  it('admin.setOffsets moves an empty group; its next member starts there', async () => {
    const topic = uniqueName('set-offsets');
    const groupId = uniqueName('moved');
    await createTopic(admin, topic, 1);
    await produceNumbered(topic, 30);

    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '25' }] });
    expect((await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions[0]?.offset).toBe('25');
    const moved = newConsumer(groupId);
    expect(await consumeOffsets(moved, topic, (offsets) => offsets.length >= 5)).toEqual([25, 26, 27, 28, 29]);
    await moved.disconnect();
  });
});

describe('seek', () => {
  it('seeking back makes the consumer re-read from the chosen offset', async () => {
    const topic = uniqueName('seek-back');
    await createTopic(admin, topic, 1);
    await produceNumbered(topic, 60);
    const consumer = newConsumer(uniqueName('seeker'));
    let sought = false;
    const offsets = await consumeOffsets(consumer, topic, (seen) => seen.length >= 60 + 50, {
      afterEach: async (offset) => {
        if (offset === 59 && !sought) {
          sought = true;
          consumer.seek({ topic, partition: 0, offset: '10' });
        }
      },
    });
    await consumer.disconnect();
    const firstPass = offsets.slice(0, 60);
    expect(firstPass).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(offsets.slice(60)).toEqual(Array.from({ length: 50 }, (_, i) => 10 + i));
  });

  it('seeking forward skips to the chosen offset', async () => {
    const topic = uniqueName('seek-forward');
    await createTopic(admin, topic, 1);
    await produceNumbered(topic, 100);
    const consumer = newConsumer(uniqueName('skipper'));
    const offsets = await consumeOffsets(consumer, topic, (seen) => seen.at(-1) === 99, {
      afterEach: async (offset) => {
        if (offset === 4) consumer.seek({ topic, partition: 0, offset: '90' });
      },
    });
    await consumer.disconnect();
    expect(offsets.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    // kafkajs may deliver messages of the batch in hand before the seek takes effect; after it, offsets resume at 90.
    const resumedAt = offsets.indexOf(90);
    expect(resumedAt).toBeGreaterThanOrEqual(5);
    expect(offsets.slice(resumedAt)).toEqual(Array.from({ length: 10 }, (_, i) => 90 + i));
    expect(offsets.slice(5, resumedAt).every((offset) => offset < 90)).toBe(true);
  });
});

describe('ListOffsets', () => {
  it('earliest and latest: kafkajs and the raw protocol agree on log start 0 and the high watermark', async () => {
    const topic = uniqueName('list-offsets');
    await createTopic(admin, topic, 2);
    await produceNumbered(topic, 70, 0);
    await produceNumbered(topic, 5, 1);

    const offsets = await admin.fetchTopicOffsets(topic);
    const sorted = [...offsets].sort((a, b) => a.partition - b.partition);
    expect(sorted.map((p) => ({ partition: p.partition, low: p.low, high: p.high }))).toEqual([
      { partition: 0, low: '0', high: '70' },
      { partition: 1, low: '0', high: '5' },
    ]);

    const connection = await RawKafkaConnection.open(broker.address.host, broker.address.port);
    try {
      const earliest = decodeListOffsetsV1(await connection.request(ApiKey.ListOffsets, 1, encodeListOffsetsV1(topic, 0, EARLIEST_TIMESTAMP)));
      expect(earliest).toMatchObject({ errorCode: ErrorCode.NONE, offset: 0n });
      const latest = decodeListOffsetsV1(await connection.request(ApiKey.ListOffsets, 1, encodeListOffsetsV1(topic, 0, LATEST_TIMESTAMP)));
      expect(latest).toMatchObject({ errorCode: ErrorCode.NONE, offset: 70n });
      const empty = decodeListOffsetsV1(await connection.request(ApiKey.ListOffsets, 1, encodeListOffsetsV1(topic, 1, LATEST_TIMESTAMP)));
      expect(empty.offset).toBe(5n);
    } finally {
      connection.close();
    }
  });

  it('by timestamp: the first offset whose timestamp is at or after the target; -1 past the end', async () => {
    const topic = uniqueName('offsets-by-time');
    await createTopic(admin, topic, 1);
    const base = Date.now() - 60_000;
    // Ten messages one second apart (CreateTime, the default timestamp type).
    for (let i = 0; i < 10; i += 1) {
      await producer.send({ topic, messages: [{ value: String(i), timestamp: String(base + i * 1_000), partition: 0 }], acks: -1 });
    }
    const atSecond = await admin.fetchTopicOffsetsByTimestamp(topic, base + 3_000);
    expect(atSecond).toEqual([{ partition: 0, offset: '3' }]);
    const between = await admin.fetchTopicOffsetsByTimestamp(topic, base + 3_500);
    expect(between).toEqual([{ partition: 0, offset: '4' }]);
    const beforeAll = await admin.fetchTopicOffsetsByTimestamp(topic, base - 10_000);
    expect(beforeAll).toEqual([{ partition: 0, offset: '0' }]);

    const connection = await RawKafkaConnection.open(broker.address.host, broker.address.port);
    try {
      const exact = decodeListOffsetsV1(await connection.request(ApiKey.ListOffsets, 1, encodeListOffsetsV1(topic, 0, BigInt(base + 7_000))));
      expect(exact).toEqual({ errorCode: ErrorCode.NONE, offset: 7n, timestamp: BigInt(base + 7_000) });
      // No record is that new: Kafka answers offset -1 (and timestamp -1), which kafkajs turns into the high watermark.
      const future = decodeListOffsetsV1(await connection.request(ApiKey.ListOffsets, 1, encodeListOffsetsV1(topic, 0, BigInt(Date.now() + 3_600_000))));
      expect(future).toMatchObject({ errorCode: ErrorCode.NONE, offset: -1n });
    } finally {
      connection.close();
    }
    expect(await admin.fetchTopicOffsetsByTimestamp(topic, Date.now() + 3_600_000)).toEqual([{ partition: 0, offset: '10' }]);
  });

  it('an unknown topic gets UNKNOWN_TOPIC_OR_PARTITION', async () => {
    const connection = await RawKafkaConnection.open(broker.address.host, broker.address.port);
    try {
      const answer = decodeListOffsetsV1(
        await connection.request(ApiKey.ListOffsets, 1, encodeListOffsetsV1(uniqueName('no-such-topic'), 0, LATEST_TIMESTAMP)),
      );
      expect(answer.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    } finally {
      connection.close();
    }
  });
});
