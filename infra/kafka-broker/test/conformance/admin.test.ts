// Topic and group administration through kafkajs' admin client: CreateTopics, Metadata, CreatePartitions,
// DeleteTopics, ListGroups and DeleteGroups, including the protocol's answers to requests that must be refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { useBrokerUnderTest } from '../support/broker-under-test.ts';
import {
  QUICK_GROUP,
  createKafka,
  createTopic,
  expectKafkaError,
  producerConfig,
  readTopic,
  uniqueName,
  waitFor,
  withTimeout,
} from '../support/kafka-helpers.ts';
import { ApiKey, ErrorCode, decodeProduceV3, encodeProduceV3, encodeRecordBatch } from '../support/kafka-wire.ts';
import { RawKafkaConnection } from '../support/raw-connection.ts';

const broker = useBrokerUnderTest();
let kafka: Kafka;
let admin: Admin;
let producer: Producer;

beforeAll(async () => {
  kafka = createKafka(broker.brokers);
  admin = kafka.admin();
  await admin.connect();
  producer = kafka.producer(producerConfig());
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
});

describe('topics', () => {
  it('CreateTopics makes a topic that listTopics and Metadata show with a leader for every partition', async () => {
    const topic = uniqueName('admin-create');
    await createTopic(admin, topic, 3);
    expect(await admin.listTopics()).toContain(topic);
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics).toHaveLength(1);
    const partitions = [...(topics[0]?.partitions ?? [])].sort((a, b) => a.partitionId - b.partitionId);
    expect(partitions.map((p) => p.partitionId)).toEqual([0, 1, 2]);
    const cluster = await admin.describeCluster();
    const nodeIds = cluster.brokers.map((b) => b.nodeId);
    for (const partition of partitions) {
      expect(partition.partitionErrorCode).toBe(ErrorCode.NONE);
      expect(nodeIds).toContain(partition.leader);
      expect(partition.replicas).toContain(partition.leader);
      expect(partition.isr).toContain(partition.leader);
    }
  });

  it('creating a topic that exists is refused with TOPIC_ALREADY_EXISTS (kafkajs reports false) and changes nothing', async () => {
    const topic = uniqueName('admin-exists');
    await createTopic(admin, topic, 2);
    const again = await admin.createTopics({ topics: [{ topic, numPartitions: 5 }], timeout: 10_000 });
    expect(again).toBe(false);
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0]?.partitions).toHaveLength(2);
  });

  it('an invalid partition count gets INVALID_PARTITIONS and an invalid name INVALID_TOPIC_EXCEPTION', async () => {
    const badCount = uniqueName('admin-zero');
    await expectKafkaError(() => admin.createTopics({ topics: [{ topic: badCount, numPartitions: 0 }] }), 'INVALID_PARTITIONS');
    await expectKafkaError(() => admin.createTopics({ topics: [{ topic: 'not a valid/topic name!' }] }), 'INVALID_TOPIC_EXCEPTION');
    await expectKafkaError(() => admin.createTopics({ topics: [{ topic: 'x'.repeat(250) }] }), 'INVALID_TOPIC_EXCEPTION');
    await expectKafkaError(() => admin.createTopics({ topics: [{ topic: '..' }] }), 'INVALID_TOPIC_EXCEPTION');
    expect(await admin.listTopics()).not.toContain(badCount);
  });

  it('CreatePartitions grows a topic; the new partitions take writes; shrinking is refused with INVALID_PARTITIONS', async () => {
    const topic = uniqueName('admin-grow');
    await createTopic(admin, topic, 2);
    await admin.createPartitions({ topicPartitions: [{ topic, count: 5 }], timeout: 10_000 });
    const grown = await waitFor('five partitions in metadata', async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      return topics[0]?.partitions.length === 5 ? topics[0] : undefined;
    });
    expect(grown.partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2, 3, 4]);

    // kafkajs refreshes its metadata before sending to a partition it has not seen.
    await producer.send({ topic, messages: [{ value: 'to-new-partition', partition: 4 }], acks: -1 });
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.find((p) => p.partition === 4)?.high).toBe('1');

    await expectKafkaError(() => admin.createPartitions({ topicPartitions: [{ topic, count: 3 }] }), 'INVALID_PARTITIONS');
    await expectKafkaError(() => admin.createPartitions({ topicPartitions: [{ topic, count: 5 }] }), 'INVALID_PARTITIONS');
    await expectKafkaError(
      () => admin.createPartitions({ topicPartitions: [{ topic: uniqueName('admin-missing'), count: 3 }] }),
      'UNKNOWN_TOPIC_OR_PARTITION',
    );
  });

  it('DeleteTopics removes a topic: it leaves listTopics, produce gets UNKNOWN_TOPIC_OR_PARTITION, and the name can be reused', async () => {
    const topic = uniqueName('admin-delete');
    const survivor = uniqueName('admin-survivor');
    await createTopic(admin, topic, 2);
    await createTopic(admin, survivor, 1);
    await producer.send({ topic, messages: [{ value: 'old-1' }, { value: 'old-2' }], acks: -1 });
    await producer.send({ topic: survivor, messages: [{ value: 'kept' }], acks: -1 });

    await admin.deleteTopics({ topics: [topic], timeout: 10_000 });
    await waitFor('the topic to disappear', async () => !(await admin.listTopics()).includes(topic));
    expect(await admin.listTopics()).toContain(survivor);

    // A raw Produce: kafkajs would retry an unknown topic; the protocol answer itself is what is specified.
    const connection = await RawKafkaConnection.open(broker.address.host, broker.address.port);
    try {
      const records = encodeRecordBatch({ records: [{ value: Buffer.from('after-delete') }] });
      const [answer] = decodeProduceV3(
        await connection.request(ApiKey.Produce, 3, encodeProduceV3({ acks: -1, topic, partition: 0, records })),
      );
      expect(answer?.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    } finally {
      connection.close();
    }

    await expectKafkaError(() => admin.deleteTopics({ topics: [topic], timeout: 5_000 }), 'UNKNOWN_TOPIC_OR_PARTITION');

    // Recreated under the same name, the topic starts empty: nothing of the deleted log comes back.
    await waitFor('the name to be reusable', async () => {
      try {
        return await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true, timeout: 10_000 });
      } catch {
        return false;
      }
    });
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets).toEqual([expect.objectContaining({ partition: 0, low: '0', high: '0' })]);
    await producer.send({ topic, messages: [{ value: 'new-life' }], acks: -1 });
    const messages = await readTopic(kafka, admin, topic);
    expect(messages.map((m) => m.value?.toString())).toEqual(['new-life']);
    expect((await readTopic(kafka, admin, survivor)).map((m) => m.value?.toString())).toEqual(['kept']);
  });
});

describe('groups', () => {
  it('ListGroups lists a consumer group; DeleteGroups refuses it while it has members (NON_EMPTY_GROUP) and deletes it once empty', async () => {
    const topic = uniqueName('admin-groups');
    const groupId = uniqueName('deletable');
    await createTopic(admin, topic, 1);
    await producer.send({ topic, messages: [{ value: 'one' }], acks: -1 });

    const consumer = kafka.consumer({ groupId, ...QUICK_GROUP });
    let received: () => void = () => undefined;
    const gotMessage = new Promise<void>((resolve) => {
      received = resolve;
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async () => received() });
      await withTimeout(gotMessage, 20_000, () => 'the consumer to receive its message');
      await consumer.commitOffsets([{ topic, partition: 0, offset: '1' }]);

      const listed = await waitFor('the group in ListGroups', async () =>
        (await admin.listGroups()).groups.find((group) => group.groupId === groupId));
      expect(listed.protocolType).toBe('consumer');

      await expectKafkaError(() => admin.deleteGroups([groupId]), 'NON_EMPTY_GROUP');
    } finally {
      await consumer.disconnect();
    }

    await waitFor('the group to be empty', async () => (await admin.describeGroups([groupId])).groups[0]?.state === 'Empty');
    const results = await admin.deleteGroups([groupId]);
    expect(results).toEqual([expect.objectContaining({ groupId, errorCode: ErrorCode.NONE })]);
    expect((await admin.listGroups()).groups.map((group) => group.groupId)).not.toContain(groupId);
    // Its committed offsets went with it.
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(offsets[0]?.partitions[0]?.offset).toBe('-1');
    // DescribeGroups of a group that does not exist is not an error in Kafka: it is reported as Dead with no members.
    const { groups } = await admin.describeGroups([groupId]);
    expect(groups[0]).toMatchObject({ groupId, state: 'Dead', members: [] });
  });
});
