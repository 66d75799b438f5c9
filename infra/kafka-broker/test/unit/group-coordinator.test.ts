import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GroupStore } from '../../src/group/group-store.ts';
import { GroupCoordinator, type JoinRequest } from '../../src/group/group-coordinator.ts';
import { Group } from '../../src/group/group.ts';
import { ErrorCode } from '../../src/protocol/error-codes.ts';
import { tempDir } from './helpers/record-batches.ts';
import fs from 'node:fs';
import path from 'node:path';

const cleanups: Array<() => void> = [];
afterEach(() => {
  vi.useRealTimers();
  for (const c of cleanups.splice(0).reverse()) c();
});

function coordinator(dir: string, lines: string[] = []): GroupCoordinator {
  const c = new GroupCoordinator(new GroupStore(dir, (l) => lines.push(l)), {
    minSessionTimeoutMs: 100,
    maxSessionTimeoutMs: 60_000,
    initialRebalanceDelayMs: 0,
    maxOffsetMetadataBytes: 4096,
    partitionExists: (t, p) => t === 'orders' && p >= 0 && p < 4,
    log: (l) => lines.push(l),
  });
  c.load();
  cleanups.push(() => c.close());
  return c;
}

function newDir(): string {
  const t = tempDir('group');
  cleanups.push(t.remove);
  return t.dir;
}

const protocols = (...names: string[]) => names.map((name) => ({ name, metadata: Buffer.from(`meta-${name}`) }));

function joinReq(memberId: string, overrides: Partial<JoinRequest> = {}): JoinRequest {
  return {
    groupId: 'g',
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 5_000,
    memberId,
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: protocols('range', 'roundrobin'),
    clientId: 'client',
    clientHost: '/127.0.0.1',
    requireKnownMemberId: true,
    ...overrides,
  };
}

/** Runs JoinGroup v4's two steps for a new member. */
async function joinNew(c: GroupCoordinator, overrides: Partial<JoinRequest> = {}): Promise<{ memberId: string; result: ReturnType<GroupCoordinator['join']> }> {
  const first = await c.join(joinReq('', overrides));
  expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
  return { memberId: first.memberId, result: c.join(joinReq(first.memberId, overrides)) };
}

describe('Group protocol selection', () => {
  it('picks the protocol every member supports that most members prefer', () => {
    const g = new Group('g');
    const member = (id: string, names: string[]) => ({
      memberId: id, groupInstanceId: null, clientId: 'c', clientHost: 'h', sessionTimeoutMs: 1, rebalanceTimeoutMs: 1, protocolType: 'consumer',
      protocols: protocols(...names), assignment: Buffer.alloc(0), awaitingJoin: null, awaitingSync: null, sessionTimer: null, isNew: false,
    });
    g.members.set('a', member('a', ['range', 'roundrobin', 'sticky']));
    g.members.set('b', member('b', ['sticky', 'roundrobin']));
    g.members.set('c', member('c', ['roundrobin', 'sticky']));
    expect([...g.candidateProtocols()].sort()).toEqual(['roundrobin', 'sticky']);
    expect(g.selectProtocol()).toBe('roundrobin');
  });
});

describe('GroupCoordinator rebalancing', () => {
  it('runs a two-member rebalance: one generation, one leader who sees both subscriptions, assignments delivered', async () => {
    const c = coordinator(newDir());
    const a = await joinNew(c);
    const joinA = await a.result; // alone: generation 1 completes at once
    expect(joinA).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1, leaderId: a.memberId, protocolName: 'range' });
    const syncA1 = await c.sync({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, assignments: [{ memberId: a.memberId, assignment: Buffer.from('all') }] });
    expect(syncA1.assignment.toString()).toBe('all');

    const b = await joinNew(c, { protocols: protocols('roundrobin') });
    // a learns of the rebalance from its heartbeat, then rejoins
    expect(c.heartbeat('g', 1, a.memberId, null)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const rejoinA = c.join(joinReq(a.memberId));
    const [ja, jb] = await Promise.all([rejoinA, b.result]);
    expect(ja.generationId).toBe(2);
    expect(jb.generationId).toBe(2);
    expect(ja.protocolName).toBe('roundrobin');
    const leader = ja.members.length > 0 ? ja : jb;
    const follower = leader === ja ? jb : ja;
    expect(leader.members.map((m) => m.memberId).sort()).toEqual([a.memberId, b.memberId].sort());
    expect(leader.members.every((m) => m.metadata.toString() === 'meta-roundrobin')).toBe(true);
    expect(follower.members).toEqual([]);

    const followerSync = c.sync({ groupId: 'g', generationId: 2, memberId: follower.memberId, groupInstanceId: null, assignments: [] });
    const leaderSync = c.sync({
      groupId: 'g', generationId: 2, memberId: leader.memberId, groupInstanceId: null,
      assignments: [{ memberId: leader.memberId, assignment: Buffer.from('p0') }, { memberId: follower.memberId, assignment: Buffer.from('p1') }],
    });
    expect((await followerSync).assignment.toString()).toBe('p1');
    expect((await leaderSync).assignment.toString()).toBe('p0');
    expect(c.describe('g')).toMatchObject({ state: 'Stable', protocolData: 'roundrobin' });
    expect(c.heartbeat('g', 1, a.memberId, null)).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(c.heartbeat('g', 2, a.memberId, null)).toBe(ErrorCode.NONE);
  });

  it('refuses members whose protocols share nothing with the group, and unknown members', async () => {
    const c = coordinator(newDir());
    await (await joinNew(c)).result;
    expect((await c.join(joinReq('', { protocols: protocols('sticky') }))).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect((await c.join(joinReq('', { protocolType: 'connect' }))).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect((await c.join(joinReq('ghost'))).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await c.join(joinReq('', { sessionTimeoutMs: 10 }))).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect(c.heartbeat('g', 1, 'ghost', null)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('evicts a member whose session times out and rebalances the rest', async () => {
    vi.useFakeTimers();
    const c = coordinator(newDir());
    const a = await joinNew(c, { sessionTimeoutMs: 1000 });
    const ja = await a.result;
    await c.sync({ groupId: 'g', generationId: ja.generationId, memberId: a.memberId, groupInstanceId: null, assignments: [] });
    const b = await joinNew(c, { sessionTimeoutMs: 1000 });
    // a never rejoins nor heartbeats: after the rebalance timeout it is dropped and b gets generation 3 alone
    await vi.advanceTimersByTimeAsync(5_100);
    const jb = await b.result;
    expect(jb.errorCode).toBe(ErrorCode.NONE);
    expect(jb.leaderId).toBe(b.memberId);
    expect(jb.members.map((m) => m.memberId)).toEqual([b.memberId]);
    await c.sync({ groupId: 'g', generationId: jb.generationId, memberId: b.memberId, groupInstanceId: null, assignments: [] });
    // b stops heartbeating: after its session timeout the group is empty
    await vi.advanceTimersByTimeAsync(1_100);
    expect(c.describe('g').state).toBe('Empty');
  });

  it('LeaveGroup removes a member at once and the group becomes Empty', async () => {
    const c = coordinator(newDir());
    const a = await joinNew(c);
    await a.result;
    expect(c.leave('g', [{ memberId: a.memberId, groupInstanceId: null }]).members[0]?.errorCode).toBe(ErrorCode.NONE);
    expect(c.describe('g')).toMatchObject({ state: 'Empty', members: [] });
    expect(c.leave('g', [{ memberId: a.memberId, groupInstanceId: null }]).members[0]?.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('fences the old member id when a static member comes back with a new one', async () => {
    const c = coordinator(newDir());
    const first = await c.join(joinReq('', { groupInstanceId: 'pod-1' }));
    expect(first.errorCode).toBe(ErrorCode.NONE);
    const second = await c.join(joinReq('', { groupInstanceId: 'pod-1' }));
    expect(second.memberId).not.toBe(first.memberId);
    expect(c.heartbeat('g', second.generationId, first.memberId, 'pod-1')).toBe(ErrorCode.FENCED_INSTANCE_ID);
  });
});

describe('GroupCoordinator offsets', () => {
  it('commits with membership checks and keeps offsets and group state across a restart', async () => {
    const dir = newDir();
    const c = coordinator(dir);
    const a = await joinNew(c);
    const ja = await a.result;
    await c.sync({ groupId: 'g', generationId: ja.generationId, memberId: a.memberId, groupInstanceId: null, assignments: [{ memberId: a.memberId, assignment: Buffer.from('asg') }] });
    const commit = (generationId: number, memberId: string, partition = 0) =>
      c.commitOffsets({ groupId: 'g', generationId, memberId, groupInstanceId: null, topics: [{ name: 'orders', partitions: [{ partition, offset: 42, leaderEpoch: 0, metadata: 'm' }] }] });
    expect((await commit(ja.generationId, a.memberId))[0]?.partitions[0]?.errorCode).toBe(ErrorCode.NONE);
    expect((await commit(ja.generationId + 1, a.memberId))[0]?.partitions[0]?.errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect((await commit(ja.generationId, 'ghost'))[0]?.partitions[0]?.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await commit(ja.generationId, a.memberId, 9))[0]?.partitions[0]?.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    c.close();

    const again = coordinator(dir);
    expect(again.fetchOffsets('g', [{ name: 'orders', partitions: [0, 1] }]).topics[0]?.partitions).toEqual([
      { partition: 0, offset: 42, leaderEpoch: 0, metadata: 'm', errorCode: 0 },
      { partition: 1, offset: -1, leaderEpoch: -1, metadata: '', errorCode: 0 },
    ]);
    // The member is restored with its generation and assignment, so it carries on without rebalancing.
    expect(again.heartbeat('g', ja.generationId, a.memberId, null)).toBe(ErrorCode.NONE);
    expect((await again.sync({ groupId: 'g', generationId: ja.generationId, memberId: a.memberId, groupInstanceId: null, assignments: [] })).assignment.toString()).toBe('asg');
  });

  it('accepts simple commits (generation -1) for groups without members and deletes empty groups', async () => {
    const c = coordinator(newDir());
    const res = await c.commitOffsets({ groupId: 'tool', generationId: -1, memberId: '', groupInstanceId: null, topics: [{ name: 'orders', partitions: [{ partition: 1, offset: 7, leaderEpoch: -1, metadata: null }] }] });
    expect(res[0]?.partitions[0]?.errorCode).toBe(ErrorCode.NONE);
    expect(c.list()).toContainEqual({ groupId: 'tool', protocolType: '' });
    expect(await c.deleteGroups(['tool', 'missing'])).toEqual([
      { groupId: 'tool', errorCode: ErrorCode.NONE },
      { groupId: 'missing', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
    ]);
    expect(c.fetchOffsets('tool', null).topics).toEqual([]);
  });

  it('truncates a torn record at the end of the group store and keeps what came before', async () => {
    const dir = newDir();
    const c = coordinator(dir);
    for (const offset of [1, 2]) {
      await c.commitOffsets({ groupId: 'tool', generationId: -1, memberId: '', groupInstanceId: null, topics: [{ name: 'orders', partitions: [{ partition: 0, offset, leaderEpoch: -1, metadata: null }] }] });
    }
    c.close();
    const file = path.join(dir, 'groups', 'group-store.log');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 5));
    const lines: string[] = [];
    const again = coordinator(dir, lines);
    expect(again.fetchOffsets('tool', [{ name: 'orders', partitions: [0] }]).topics[0]?.partitions[0]?.offset).toBe(1);
    expect(lines.join('\n')).toMatch(/truncated/);
  });
});

beforeEach(() => {
  vi.useRealTimers();
});
