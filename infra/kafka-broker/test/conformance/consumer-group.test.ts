// Consumer groups under churn, driven through kafkajs: members join, leave and stall while messages flow, and the
// broker, as group coordinator, must keep every message delivered and never give one partition to two members of
// the same generation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logLevel, type Admin, type Consumer, type Kafka, type Producer } from 'kafkajs';
import { useBrokerUnderTest } from '../support/broker-under-test.ts';
import {
  QUICK_GROUP,
  createKafka,
  createTopic,
  producerConfig,
  sleep,
  uniqueName,
  waitFor,
  withTimeout,
} from '../support/kafka-helpers.ts';

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

/** What one member last learned from SyncGroup, and every assignment it received. */
interface MemberView {
  name: string;
  memberId: string | undefined;
  generationId: number | undefined;
  assignments: { generationId: number; memberId: string; partitions: number[] }[];
}

/** One message as a member processed it. */
interface Processed {
  id: number;
  partition: number;
  offset: number;
  member: string;
  memberId: string | undefined;
  generationId: number | undefined;
}

// kafkajs does not expose the generation a member belongs to; its debug log "Received assignment" (written right
// after SyncGroup) carries it. Each member gets its own client so that the log identifies the member.
function trackedMember(name: string, topic: string): { kafka: Kafka; view: MemberView } {
  const view: MemberView = { name, memberId: undefined, generationId: undefined, assignments: [] };
  const memberKafka = createKafka(broker.brokers, `group-member-${name}`, {
    logLevel: logLevel.DEBUG,
    logCreator: () => (entry) => {
      const log = entry.log as { message?: string; memberId?: string; generationId?: number; memberAssignment?: Record<string, number[]> };
      if (log.message !== 'Received assignment' || log.memberId === undefined || log.generationId === undefined) return;
      view.memberId = log.memberId;
      view.generationId = log.generationId;
      view.assignments.push({ generationId: log.generationId, memberId: log.memberId, partitions: log.memberAssignment?.[topic] ?? [] });
    },
  });
  return { kafka: memberKafka, view };
}

async function startMember(
  name: string,
  topic: string,
  groupId: string,
  processed: Processed[],
  onMessage: (record: Processed) => Promise<void> = async () => undefined,
): Promise<{ consumer: Consumer; view: MemberView }> {
  const { kafka: memberKafka, view } = trackedMember(name, topic);
  const consumer = memberKafka.consumer({ groupId, ...QUICK_GROUP });
  consumers.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    // Offsets are committed only after eachMessage returns, so a message is either processed or re-delivered.
    autoCommit: true,
    autoCommitInterval: 500,
    autoCommitThreshold: 50,
    eachMessage: async ({ partition, message }) => {
      const record: Processed = {
        id: Number(message.value?.toString('utf8')),
        partition,
        offset: Number(message.offset),
        member: name,
        memberId: view.memberId,
        generationId: view.generationId,
      };
      processed.push(record);
      await onMessage(record);
    },
  });
  return { consumer, view };
}

function expectNoPartitionSharedWithinAGeneration(processed: Processed[], views: MemberView[]): void {
  // Per message: within one generation, one (partition, offset) is processed by at most one member.
  const owners = new Map<string, Set<string>>();
  for (const record of processed) {
    expect(record.generationId, `${record.member} knew its generation when processing`).toBeDefined();
    const key = `${record.generationId}/${record.partition}/${record.offset}`;
    const set = owners.get(key) ?? new Set<string>();
    set.add(record.memberId ?? record.member);
    owners.set(key, set);
  }
  const shared = [...owners].filter(([, members]) => members.size > 1).map(([key, members]) => `${key}: ${[...members].join(', ')}`);
  expect(shared, 'messages processed by two members in the same generation').toEqual([]);

  // Per assignment: the coordinator handed out the leader's plan, so members of one generation hold disjoint sets.
  const holders = new Map<string, string>();
  const conflicts: string[] = [];
  for (const view of views) {
    for (const assignment of view.assignments) {
      for (const partition of assignment.partitions) {
        const key = `${assignment.generationId}/${partition}`;
        const holder = holders.get(key);
        if (holder !== undefined && holder !== assignment.memberId) conflicts.push(`${key}: ${holder} and ${assignment.memberId}`);
        holders.set(key, assignment.memberId);
      }
    }
  }
  expect(conflicts, 'partitions assigned to two members of one generation').toEqual([]);
}

describe('consumer group membership changes during consumption', () => {
  it('3 members, a 4th joining and one leaving mid-stream: nothing lost, nothing shared within a generation', { timeout: 120_000 }, async () => {
    const topic = uniqueName('group-churn');
    const groupId = uniqueName('churn');
    const total = 3_000;
    await createTopic(admin, topic, 6);
    const processed: Processed[] = [];

    const members = [
      await startMember('a', topic, groupId, processed),
      await startMember('b', topic, groupId, processed),
      await startMember('c', topic, groupId, processed),
    ];
    await waitFor(
      'the first three members to settle in one generation',
      () => {
        const generations = new Set(members.map((m) => m.view.generationId));
        return generations.size === 1 && !generations.has(undefined);
      },
      { timeoutMs: 30_000 },
    );
    const firstGeneration = members[0]?.view.generationId ?? 0;

    let leaving: Promise<void> | undefined;
    let leftAt = Number.POSITIVE_INFINITY;
    for (let batch = 0; batch < 60; batch += 1) {
      const messages = Array.from({ length: 50 }, (_, i) => {
        const id = batch * 50 + i;
        return { key: `key-${id % 37}`, value: String(id) };
      });
      await producer.send({ topic, messages, acks: -1 });
      if (batch === 20) members.push(await startMember('d', topic, groupId, processed));
      if (batch === 40) {
        const leaver = members[0];
        leaving = leaver?.consumer.disconnect().then(() => {
          leftAt = processed.length;
        });
      }
      await sleep(100);
    }
    await leaving;

    const seen = new Set<number>();
    await withTimeout(
      waitFor('every message to be processed', () => {
        for (const record of processed) seen.add(record.id);
        return seen.size === total;
      }, { timeoutMs: 60_000 }),
      65_000,
      () => `${seen.size}/${total} processed`,
    );
    // Offsets were committed under churn too: once the group is quiet, its commits reach the end of every partition.
    const highs = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
    await waitFor('the group to commit every processed offset', async () => {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return committed?.partitions.every((p) => p.offset === highs.get(p.partition)) === true;
    }, { timeoutMs: 20_000 });
    await Promise.all(members.slice(1).map((m) => m.consumer.disconnect()));

    // Every produced message was processed at least once, and nothing else was.
    expect(seen.size).toBe(total);
    expect(Math.min(...seen)).toBe(0);
    expect(Math.max(...seen)).toBe(total - 1);

    // The broker serves one record per offset: the same (partition, offset) is always the same message.
    const idAt = new Map<string, number>();
    for (const record of processed) {
      const key = `${record.partition}/${record.offset}`;
      expect(idAt.get(key) ?? record.id, `offset ${key}`).toBe(record.id);
      idAt.set(key, record.id);
    }
    expectNoPartitionSharedWithinAGeneration(processed, members.map((m) => m.view));

    // The churn really happened while messages were flowing.
    expect(processed.filter((r) => r.member === 'd').length, 'the joining member processed messages').toBeGreaterThan(0);
    expect(processed.slice(leftAt).filter((r) => r.member === 'a'), 'the member that left processed nothing after leaving').toEqual([]);
    const generations = new Set(processed.map((r) => r.generationId));
    expect(generations.size, 'messages were processed in the initial, post-join and post-leave generations').toBeGreaterThanOrEqual(3);
    expect([...generations].every((g) => (g ?? 0) >= firstGeneration)).toBe(true);
  });

  it('a member that stops heartbeating is evicted after the session timeout and its partitions go to the others', { timeout: 90_000 }, async () => {
    const topic = uniqueName('group-stall');
    const groupId = uniqueName('stall');
    const total = 400;
    await createTopic(admin, topic, 4);
    const processed: Processed[] = [];
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let stalledOn: Processed | undefined;

    const healthy = await startMember('healthy', topic, groupId, processed);
    // kafkajs heartbeats only between messages, so a member stuck in eachMessage goes silent, like a hung process.
    const stuck = await startMember('stuck', topic, groupId, processed, async (record) => {
      if (stalledOn === undefined) {
        stalledOn = record;
        await released;
      }
    });
    await waitFor('both members in one generation', () =>
      healthy.view.generationId !== undefined && healthy.view.generationId === stuck.view.generationId, { timeoutMs: 30_000 });
    const sharedGeneration = healthy.view.generationId ?? 0;

    await producer.send({ topic, messages: Array.from({ length: total }, (_, id) => ({ key: `k${id}`, value: String(id) })), acks: -1 });
    const seen = new Set<number>();
    try {
      await waitFor('the healthy member to take over and process every message', () => {
        for (const record of processed) if (record.member === 'healthy') seen.add(record.id);
        return seen.size === total;
      }, { timeoutMs: 45_000 });
    } finally {
      release();
    }

    expect(stalledOn, 'the stuck member got a message before stalling').toBeDefined();
    const takeover = processed.filter((r) => r.member === 'healthy' && r.partition === stalledOn?.partition);
    expect(takeover.length, 'the stalled partition was reassigned').toBeGreaterThan(0);
    expect(Math.min(...takeover.map((r) => r.generationId ?? 0)), 'the takeover happened in a later generation').toBeGreaterThan(sharedGeneration);
    expectNoPartitionSharedWithinAGeneration(processed, [healthy.view, stuck.view]);
    await Promise.all([healthy.consumer.disconnect(), stuck.consumer.disconnect()]);
  });
});

describe('group administration', () => {
  it('DescribeGroups and ListGroups show a stable group with its members and assignments, then an empty one', async () => {
    const topic = uniqueName('group-describe');
    const groupId = uniqueName('described');
    await createTopic(admin, topic, 2);
    const processed: Processed[] = [];
    const member = await startMember('solo', topic, groupId, processed);
    await waitFor('the member to join', () => member.view.generationId !== undefined);

    const listed = await waitFor('the group to be listed', async () =>
      (await admin.listGroups()).groups.find((g) => g.groupId === groupId));
    expect(listed.protocolType).toBe('consumer');

    const stable = await waitFor('the group to be stable', async () => {
      const { groups } = await admin.describeGroups([groupId]);
      return groups[0]?.state === 'Stable' ? groups[0] : undefined;
    });
    expect(stable.protocolType).toBe('consumer');
    expect(stable.members).toHaveLength(1);
    expect(stable.members[0]?.memberId).toBe(member.view.memberId);
    expect(stable.members[0]?.clientId).toBe('group-member-solo');
    expect(stable.protocol.length).toBeGreaterThan(0);

    await member.consumer.disconnect();
    const empty = await waitFor('the group to be empty after its member left', async () => {
      const { groups } = await admin.describeGroups([groupId]);
      return groups[0]?.state === 'Empty' ? groups[0] : undefined;
    });
    expect(empty.members).toEqual([]);
  });
});
