// The group coordinator: JoinGroup/SyncGroup/Heartbeat/LeaveGroup rebalancing with session and rebalance timeouts,
// committed offsets, and their persistence. It follows Kafka's classic GroupCoordinator closely, including the
// two-step join of JoinGroup v4+ (MEMBER_ID_REQUIRED), the protocol vote, the pending-sync timeout, and static
// membership (group.instance.id) in a simplified form: a returning static member replaces its old member id (which
// is then fenced) but, unlike Kafka, this triggers a rebalance instead of handing back the previous assignment.
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../protocol/error-codes.ts';
import { Group, type JoinResult, type Member, type MemberProtocol, type SyncResult } from './group.ts';
import type { CommittedOffset, GroupStore, StoredGroup } from './group-store.ts';

/** Coordinator settings (Kafka's broker config names in comments). */
export interface CoordinatorOptions {
  /** group.min.session.timeout.ms */
  readonly minSessionTimeoutMs: number;
  /** group.max.session.timeout.ms */
  readonly maxSessionTimeoutMs: number;
  /** group.initial.rebalance.delay.ms */
  readonly initialRebalanceDelayMs: number;
  /** offset.metadata.max.bytes */
  readonly maxOffsetMetadataBytes: number;
  /** Whether a topic partition exists (commits to unknown partitions are refused). */
  readonly partitionExists: (topic: string, partition: number) => boolean;
  readonly log: (line: string) => void;
}

/** A JoinGroup request as the coordinator sees it. */
export interface JoinRequest {
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly protocolType: string;
  readonly protocols: MemberProtocol[];
  readonly clientId: string;
  readonly clientHost: string;
  /** JoinGroup v4+: a member without an id first receives one with MEMBER_ID_REQUIRED. */
  readonly requireKnownMemberId: boolean;
}

/** A SyncGroup request as the coordinator sees it. */
export interface SyncRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly assignments: ReadonlyArray<{ memberId: string; assignment: Buffer }>;
}

/** Offsets to commit, by topic. */
export interface CommitRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly topics: ReadonlyArray<{ name: string; partitions: ReadonlyArray<{ partition: number; offset: number; leaderEpoch: number; metadata: string | null }> }>;
}

/** Per-partition results of a commit. */
export type CommitResult = Array<{ name: string; partitions: Array<{ partition: number; errorCode: number }> }>;

/** Committed offsets of a group, by topic. */
export interface FetchedOffsets {
  readonly errorCode: number;
  readonly topics: Array<{ name: string; partitions: Array<{ partition: number; offset: number; leaderEpoch: number; metadata: string | null; errorCode: number }> }>;
}

/** DescribeGroups' view of a group. */
export interface GroupDescription {
  readonly errorCode: number;
  readonly groupId: string;
  readonly state: string;
  readonly protocolType: string;
  readonly protocolData: string;
  readonly members: Array<{ memberId: string; groupInstanceId: string | null; clientId: string; clientHost: string; metadata: Buffer; assignment: Buffer }>;
}

const EMPTY = Buffer.alloc(0);

function joinError(errorCode: number, memberId = ''): JoinResult {
  return { errorCode, generationId: -1, protocolName: null, leaderId: '', memberId, members: [] };
}

/** Runs every consumer group of the broker. */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  private readonly store: GroupStore;
  private readonly opts: CoordinatorOptions;
  private readonly pendingSync = new Map<Group, Set<string>>();
  private closed = false;

  constructor(store: GroupStore, opts: CoordinatorOptions) {
    this.store = store;
    this.opts = opts;
  }

  /** Restores groups and offsets from the store; restored members get a fresh session timeout to come back. */
  load(): void {
    const { groups, offsets } = this.store.load();
    for (const stored of groups.values()) {
      const g = this.getOrCreate(stored.groupId);
      g.generationId = stored.generationId;
      g.protocolType = stored.protocolType;
      g.protocolName = stored.protocolName;
      g.leaderId = stored.leaderId;
      for (const sm of stored.members) {
        const m: Member = {
          memberId: sm.memberId,
          groupInstanceId: sm.groupInstanceId,
          clientId: sm.clientId,
          clientHost: sm.clientHost,
          sessionTimeoutMs: sm.sessionTimeoutMs,
          rebalanceTimeoutMs: sm.rebalanceTimeoutMs,
          protocolType: stored.protocolType ?? '',
          protocols: sm.protocols.map((p) => ({ name: p.name, metadata: Buffer.from(p.metadata, 'base64') })),
          assignment: Buffer.from(sm.assignment, 'base64'),
          awaitingJoin: null,
          awaitingSync: null,
          sessionTimer: null,
          isNew: false,
        };
        g.members.set(m.memberId, m);
        if (m.groupInstanceId !== null) g.staticMembers.set(m.groupInstanceId, m.memberId);
        this.scheduleSession(g, m);
      }
      g.state = g.members.size > 0 ? 'Stable' : 'Empty';
    }
    for (const [groupId, topics] of offsets) {
      const g = this.getOrCreate(groupId);
      for (const [topic, ps] of topics) g.offsets.set(topic, new Map(ps));
    }
  }

  private getOrCreate(groupId: string): Group {
    let g = this.groups.get(groupId);
    if (g === undefined) {
      g = new Group(groupId);
      this.groups.set(groupId, g);
    }
    return g;
  }

  // ---- JoinGroup --------------------------------------------------------------------------------------------------

  /** Handles a JoinGroup; resolves when the rebalance it takes part in completes (or at once on an error). */
  join(req: JoinRequest): Promise<JoinResult> {
    if (this.closed) return Promise.resolve(joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, req.memberId));
    if (req.groupId === '') return Promise.resolve(joinError(ErrorCode.INVALID_GROUP_ID, req.memberId));
    if (req.sessionTimeoutMs < this.opts.minSessionTimeoutMs || req.sessionTimeoutMs > this.opts.maxSessionTimeoutMs) {
      return Promise.resolve(joinError(ErrorCode.INVALID_SESSION_TIMEOUT, req.memberId));
    }
    let group = this.groups.get(req.groupId);
    if (group === undefined) {
      if (req.memberId !== '') return Promise.resolve(joinError(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId));
      group = this.getOrCreate(req.groupId);
    }
    if (group.state === 'Dead') return Promise.resolve(joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, req.memberId));
    if (!group.supportsProtocols(req.protocolType, req.protocols)) return Promise.resolve(joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, req.memberId));

    if (req.memberId === '') {
      const newId = `${req.clientId}-${randomUUID()}`;
      if (req.groupInstanceId !== null) {
        const previous = group.staticMembers.get(req.groupInstanceId);
        const old = previous === undefined ? undefined : group.members.get(previous);
        if (old !== undefined) return this.replaceStaticMember(group, old, newId, req);
        return this.addMemberAndRebalance(group, newId, req);
      }
      if (req.requireKnownMemberId) {
        const timer = setTimeout(() => this.expirePending(group, newId), req.sessionTimeoutMs);
        timer.unref();
        group.pendingMembers.set(newId, timer);
        return Promise.resolve(joinError(ErrorCode.MEMBER_ID_REQUIRED, newId));
      }
      return this.addMemberAndRebalance(group, newId, req);
    }

    if (group.isFencedStaticMember(req.memberId, req.groupInstanceId)) return Promise.resolve(joinError(ErrorCode.FENCED_INSTANCE_ID, req.memberId));
    const pending = group.pendingMembers.get(req.memberId);
    if (pending !== undefined) {
      clearTimeout(pending);
      group.pendingMembers.delete(req.memberId);
      return this.addMemberAndRebalance(group, req.memberId, req);
    }
    const member = group.members.get(req.memberId);
    if (member === undefined) return Promise.resolve(joinError(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId));
    switch (group.state) {
      case 'PreparingRebalance':
        return this.updateMemberAndRebalance(group, member, req);
      case 'CompletingRebalance':
        if (Group.sameProtocols(member.protocols, req.protocols)) {
          // A retried JoinGroup after the join phase finished: answer with the generation it already belongs to.
          return Promise.resolve(this.joinResultFor(group, member));
        }
        return this.updateMemberAndRebalance(group, member, req);
      case 'Stable':
        if (member.memberId === group.leaderId || !Group.sameProtocols(member.protocols, req.protocols)) {
          return this.updateMemberAndRebalance(group, member, req);
        }
        this.scheduleSession(group, member);
        return Promise.resolve(this.joinResultFor(group, member));
      default:
        return Promise.resolve(joinError(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId));
    }
  }

  private joinResultFor(group: Group, member: Member): JoinResult {
    const isLeader = member.memberId === group.leaderId;
    return {
      errorCode: ErrorCode.NONE,
      generationId: group.generationId,
      protocolName: group.protocolName,
      leaderId: group.leaderId ?? '',
      memberId: member.memberId,
      members: isLeader ? [...group.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: group.metadataFor(m) })) : [],
    };
  }

  private awaitJoin(member: Member): Promise<JoinResult> {
    // A member that sends JoinGroup again while one is parked gets an answer for the first one now: every request
    // must be answered for the connection's responses to stay in order.
    member.awaitingJoin?.(joinError(ErrorCode.REBALANCE_IN_PROGRESS, member.memberId));
    return new Promise((resolve) => {
      member.awaitingJoin = resolve;
    });
  }

  private addMemberAndRebalance(group: Group, memberId: string, req: JoinRequest): Promise<JoinResult> {
    const member: Member = {
      memberId,
      groupInstanceId: req.groupInstanceId,
      clientId: req.clientId,
      clientHost: req.clientHost,
      sessionTimeoutMs: req.sessionTimeoutMs,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs,
      protocolType: req.protocolType,
      protocols: req.protocols,
      assignment: EMPTY,
      awaitingJoin: null,
      awaitingSync: null,
      sessionTimer: null,
      isNew: true,
    };
    if (group.members.size === 0) group.protocolType = req.protocolType;
    group.members.set(memberId, member);
    if (req.groupInstanceId !== null) group.staticMembers.set(req.groupInstanceId, memberId);
    if (group.leaderId === null || !group.members.has(group.leaderId)) group.leaderId = memberId;
    const result = this.awaitJoin(member);
    this.scheduleSession(group, member);
    this.opts.log(`group ${group.groupId}: member ${memberId} joined`);
    this.maybePrepareRebalance(group, `member ${memberId} joined`);
    this.tryCompleteJoin(group);
    return result;
  }

  private updateMemberAndRebalance(group: Group, member: Member, req: JoinRequest): Promise<JoinResult> {
    member.protocols = req.protocols;
    member.sessionTimeoutMs = req.sessionTimeoutMs;
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    member.clientId = req.clientId;
    member.clientHost = req.clientHost;
    const result = this.awaitJoin(member);
    this.scheduleSession(group, member);
    this.maybePrepareRebalance(group, `member ${member.memberId} rejoined`);
    this.tryCompleteJoin(group);
    return result;
  }

  private replaceStaticMember(group: Group, old: Member, newId: string, req: JoinRequest): Promise<JoinResult> {
    this.opts.log(`group ${group.groupId}: static member ${req.groupInstanceId} replaces member ${old.memberId} with ${newId}`);
    old.awaitingJoin?.(joinError(ErrorCode.FENCED_INSTANCE_ID, old.memberId));
    old.awaitingJoin = null;
    old.awaitingSync?.({ errorCode: ErrorCode.FENCED_INSTANCE_ID, assignment: EMPTY });
    old.awaitingSync = null;
    group.members.delete(old.memberId);
    this.pendingSync.get(group)?.delete(old.memberId);
    old.memberId = newId;
    group.members.set(newId, old);
    group.staticMembers.set(req.groupInstanceId!, newId);
    if (group.leaderId !== null && !group.members.has(group.leaderId)) group.leaderId = newId;
    return this.updateMemberAndRebalance(group, old, req);
  }

  private maybePrepareRebalance(group: Group, reason: string): void {
    if (group.state === 'Stable' || group.state === 'CompletingRebalance' || group.state === 'Empty') this.prepareRebalance(group, reason);
  }

  private prepareRebalance(group: Group, reason: string): void {
    if (group.state === 'CompletingRebalance') {
      for (const m of group.members.values()) {
        m.assignment = EMPTY;
        const cb = m.awaitingSync;
        m.awaitingSync = null;
        cb?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: EMPTY });
      }
    }
    this.clearSyncTimer(group);
    const wasEmpty = group.state === 'Empty';
    group.state = 'PreparingRebalance';
    this.opts.log(`group ${group.groupId}: preparing rebalance for generation ${group.generationId + 1} (${reason})`);
    const rebalanceTimeout = group.maxRebalanceTimeoutMs();
    const delay = wasEmpty ? Math.min(this.opts.initialRebalanceDelayMs, rebalanceTimeout) : 0;
    if (group.rebalanceTimer !== null) clearTimeout(group.rebalanceTimer);
    if (delay > 0) {
      group.initialDelayUntil = Date.now() + delay;
      group.rebalanceTimer = setTimeout(() => {
        group.initialDelayUntil = 0;
        group.rebalanceTimer = null;
        if (group.allMembersJoined()) this.completeJoin(group);
        else {
          group.rebalanceTimer = setTimeout(() => this.completeJoin(group), Math.max(rebalanceTimeout - delay, 0));
          group.rebalanceTimer.unref();
        }
      }, delay);
    } else {
      group.initialDelayUntil = 0;
      group.rebalanceTimer = setTimeout(() => this.completeJoin(group), rebalanceTimeout);
    }
    group.rebalanceTimer.unref();
  }

  private tryCompleteJoin(group: Group): void {
    if (group.state === 'PreparingRebalance' && group.initialDelayUntil === 0 && group.allMembersJoined()) this.completeJoin(group);
  }

  private completeJoin(group: Group): void {
    if (group.state !== 'PreparingRebalance') return;
    if (group.rebalanceTimer !== null) clearTimeout(group.rebalanceTimer);
    group.rebalanceTimer = null;
    for (const m of [...group.members.values()]) {
      if (m.awaitingJoin === null) {
        this.opts.log(`group ${group.groupId}: member ${m.memberId} did not rejoin within the rebalance timeout, removing it`);
        this.detachMember(group, m);
      }
    }
    group.generationId++;
    if (group.members.size === 0) {
      group.state = 'Empty';
      group.protocolName = null;
      group.leaderId = null;
      this.opts.log(`group ${group.groupId}: generation ${group.generationId} is empty`);
      this.persistGroup(group);
      return;
    }
    group.protocolName = group.selectProtocol();
    group.state = 'CompletingRebalance';
    if (group.leaderId === null || !group.members.has(group.leaderId)) group.leaderId = group.members.keys().next().value!;
    this.opts.log(`group ${group.groupId}: generation ${group.generationId} with ${group.members.size} member(s), protocol ${group.protocolName}, leader ${group.leaderId}`);
    const pending = new Set<string>();
    for (const m of group.members.values()) {
      const cb = m.awaitingJoin;
      m.awaitingJoin = null;
      m.isNew = false;
      pending.add(m.memberId);
      this.scheduleSession(group, m);
      cb?.(this.joinResultFor(group, m));
    }
    this.pendingSync.set(group, pending);
    const generation = group.generationId;
    group.syncTimer = setTimeout(() => this.expirePendingSync(group, generation), group.maxRebalanceTimeoutMs());
    group.syncTimer.unref();
  }

  // Members that received their JoinGroup answer but never sent SyncGroup within the rebalance timeout are removed.
  private expirePendingSync(group: Group, generation: number): void {
    group.syncTimer = null;
    const pending = this.pendingSync.get(group);
    if (group.generationId !== generation || pending === undefined || pending.size === 0) return;
    if (group.state !== 'CompletingRebalance' && group.state !== 'Stable') return;
    for (const id of pending) {
      const m = group.members.get(id);
      if (m !== undefined) {
        this.opts.log(`group ${group.groupId}: member ${id} did not send SyncGroup within the rebalance timeout, removing it`);
        this.detachMember(group, m);
      }
    }
    pending.clear();
    this.prepareRebalance(group, 'members failed to sync');
    this.tryCompleteJoin(group);
  }

  private clearSyncTimer(group: Group): void {
    if (group.syncTimer !== null) clearTimeout(group.syncTimer);
    group.syncTimer = null;
    this.pendingSync.delete(group);
  }

  // ---- SyncGroup --------------------------------------------------------------------------------------------------

  /** Handles a SyncGroup; followers wait until the leader has sent the assignment. */
  sync(req: SyncRequest): Promise<SyncResult> {
    const error = (errorCode: number): Promise<SyncResult> => Promise.resolve({ errorCode, assignment: EMPTY });
    if (this.closed) return error(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    const group = this.groups.get(req.groupId);
    if (group === undefined) return error(ErrorCode.UNKNOWN_MEMBER_ID);
    if (group.state === 'Dead') return error(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    if (group.isFencedStaticMember(req.memberId, req.groupInstanceId)) return error(ErrorCode.FENCED_INSTANCE_ID);
    const member = group.members.get(req.memberId);
    if (member === undefined) return error(ErrorCode.UNKNOWN_MEMBER_ID);
    if (req.generationId !== group.generationId) return error(ErrorCode.ILLEGAL_GENERATION);
    switch (group.state) {
      case 'Empty':
        return error(ErrorCode.UNKNOWN_MEMBER_ID);
      case 'PreparingRebalance':
        return error(ErrorCode.REBALANCE_IN_PROGRESS);
      case 'Stable':
        this.pendingSync.get(group)?.delete(member.memberId);
        this.scheduleSession(group, member);
        return Promise.resolve({ errorCode: ErrorCode.NONE, assignment: member.assignment });
      case 'CompletingRebalance': {
        this.pendingSync.get(group)?.delete(member.memberId);
        this.scheduleSession(group, member);
        member.awaitingSync?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: EMPTY });
        const result = new Promise<SyncResult>((resolve) => {
          member.awaitingSync = resolve;
        });
        if (member.memberId === group.leaderId) {
          const assignments = new Map(req.assignments.map((a) => [a.memberId, a.assignment]));
          for (const m of group.members.values()) m.assignment = Buffer.from(assignments.get(m.memberId) ?? EMPTY);
          group.state = 'Stable';
          this.opts.log(`group ${group.groupId}: generation ${group.generationId} is stable`);
          this.persistGroup(group);
          const generation = group.generationId;
          void this.store.sync().then(
            () => this.propagateAssignment(group, generation, ErrorCode.NONE),
            (e: unknown) => {
              this.opts.log(`group ${group.groupId}: could not persist the group: ${(e as Error).message}`);
              this.propagateAssignment(group, generation, ErrorCode.COORDINATOR_NOT_AVAILABLE);
            },
          );
        }
        return result;
      }
      default:
        return error(ErrorCode.UNKNOWN_MEMBER_ID);
    }
  }

  private propagateAssignment(group: Group, generation: number, errorCode: number): void {
    if (group.generationId !== generation) return;
    for (const m of group.members.values()) {
      const cb = m.awaitingSync;
      m.awaitingSync = null;
      cb?.({ errorCode, assignment: errorCode === ErrorCode.NONE ? m.assignment : EMPTY });
    }
  }

  // ---- Heartbeat / LeaveGroup / sessions ---------------------------------------------------------------------------

  /** Handles a Heartbeat and returns its error code. */
  heartbeat(groupId: string, generationId: number, memberId: string, groupInstanceId: string | null): number {
    if (this.closed) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const group = this.groups.get(groupId);
    if (group === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (group.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (group.isFencedStaticMember(memberId, groupInstanceId)) return ErrorCode.FENCED_INSTANCE_ID;
    const member = group.members.get(memberId);
    if (member === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    switch (group.state) {
      case 'Empty':
        return ErrorCode.UNKNOWN_MEMBER_ID;
      case 'PreparingRebalance':
        this.scheduleSession(group, member);
        return ErrorCode.REBALANCE_IN_PROGRESS;
      default:
        this.scheduleSession(group, member);
        return ErrorCode.NONE;
    }
  }

  /** Handles a LeaveGroup for one or more members (v3 batches them). */
  leave(groupId: string, leaving: ReadonlyArray<{ memberId: string; groupInstanceId: string | null }>): { errorCode: number; members: Array<{ memberId: string; groupInstanceId: string | null; errorCode: number }> } {
    if (this.closed) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
    const group = this.groups.get(groupId);
    if (group === undefined) return { errorCode: ErrorCode.NONE, members: leaving.map((l) => ({ ...l, errorCode: ErrorCode.UNKNOWN_MEMBER_ID })) };
    if (group.state === 'Dead') return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
    const results = leaving.map(({ memberId, groupInstanceId }) => {
      let id = memberId;
      if (groupInstanceId !== null) {
        const mapped = group.staticMembers.get(groupInstanceId);
        if (mapped === undefined) return { memberId, groupInstanceId, errorCode: ErrorCode.UNKNOWN_MEMBER_ID };
        if (memberId !== '' && memberId !== mapped) return { memberId, groupInstanceId, errorCode: ErrorCode.FENCED_INSTANCE_ID };
        id = mapped;
      }
      const pending = group.pendingMembers.get(id);
      if (pending !== undefined) {
        clearTimeout(pending);
        group.pendingMembers.delete(id);
        this.tryCompleteJoin(group);
        return { memberId, groupInstanceId, errorCode: ErrorCode.NONE };
      }
      const member = group.members.get(id);
      if (member === undefined) return { memberId, groupInstanceId, errorCode: ErrorCode.UNKNOWN_MEMBER_ID };
      this.opts.log(`group ${group.groupId}: member ${id} left`);
      this.removeMemberAndUpdateGroup(group, member, `member ${id} left`);
      return { memberId, groupInstanceId, errorCode: ErrorCode.NONE };
    });
    return { errorCode: ErrorCode.NONE, members: results };
  }

  private scheduleSession(group: Group, member: Member): void {
    if (member.sessionTimer !== null) clearTimeout(member.sessionTimer);
    member.sessionTimer = setTimeout(() => this.expireSession(group, member), member.sessionTimeoutMs);
    member.sessionTimer.unref();
  }

  private expireSession(group: Group, member: Member): void {
    member.sessionTimer = null;
    if (group.members.get(member.memberId) !== member) return;
    // A member parked in JoinGroup or SyncGroup is alive by definition: the coordinator owes it the answer.
    if ((member.awaitingJoin !== null && group.state === 'PreparingRebalance') || (member.awaitingSync !== null && group.state === 'CompletingRebalance')) {
      this.scheduleSession(group, member);
      return;
    }
    this.opts.log(`group ${group.groupId}: member ${member.memberId} expired after its ${member.sessionTimeoutMs} ms session timeout`);
    this.removeMemberAndUpdateGroup(group, member, `member ${member.memberId} expired`);
  }

  private expirePending(group: Group, memberId: string): void {
    if (!group.pendingMembers.delete(memberId)) return;
    this.tryCompleteJoin(group);
  }

  // Removes a member without touching the group state.
  private detachMember(group: Group, member: Member): void {
    if (member.sessionTimer !== null) clearTimeout(member.sessionTimer);
    member.sessionTimer = null;
    const join = member.awaitingJoin;
    member.awaitingJoin = null;
    join?.(joinError(ErrorCode.UNKNOWN_MEMBER_ID, member.memberId));
    const sync = member.awaitingSync;
    member.awaitingSync = null;
    sync?.({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: EMPTY });
    group.members.delete(member.memberId);
    this.pendingSync.get(group)?.delete(member.memberId);
    if (member.groupInstanceId !== null && group.staticMembers.get(member.groupInstanceId) === member.memberId) group.staticMembers.delete(member.groupInstanceId);
    if (group.leaderId === member.memberId) group.leaderId = group.members.keys().next().value ?? null;
  }

  private removeMemberAndUpdateGroup(group: Group, member: Member, reason: string): void {
    this.detachMember(group, member);
    switch (group.state) {
      case 'Stable':
      case 'CompletingRebalance':
        this.prepareRebalance(group, reason);
        this.tryCompleteJoin(group);
        break;
      case 'PreparingRebalance':
        this.tryCompleteJoin(group);
        break;
      default:
        break;
    }
  }

  private persistGroup(group: Group): void {
    this.store.writeGroup(group.groupId, this.snapshotGroup(group));
  }

  // ---- Offsets ----------------------------------------------------------------------------------------------------

  /** Commits offsets after Kafka's membership checks (written at once, fsynced in the background). */
  commitOffsets(req: CommitRequest): CommitResult {
    const all = (errorCode: number): CommitResult => req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partition: p.partition, errorCode })) }));
    if (this.closed) return all(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    if (req.groupId === '') return all(ErrorCode.INVALID_GROUP_ID);
    let group = this.groups.get(req.groupId);
    if (group === undefined) {
      // Without group management (generation -1) the group exists only to hold offsets.
      if (req.generationId >= 0) return all(ErrorCode.ILLEGAL_GENERATION);
      group = this.getOrCreate(req.groupId);
    }
    if (group.state === 'Dead') return all(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    if (group.isFencedStaticMember(req.memberId, req.groupInstanceId)) return all(ErrorCode.FENCED_INSTANCE_ID);
    if (!(req.generationId < 0 && group.state === 'Empty')) {
      if (group.state === 'CompletingRebalance') return all(ErrorCode.REBALANCE_IN_PROGRESS);
      const member = group.members.get(req.memberId);
      if (member === undefined) return all(ErrorCode.UNKNOWN_MEMBER_ID);
      if (req.generationId !== group.generationId) return all(ErrorCode.ILLEGAL_GENERATION);
      this.scheduleSession(group, member);
    }
    const now = Date.now();
    const writes: Array<{ topic: string; partition: number; value: CommittedOffset }> = [];
    const result: CommitResult = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => {
        if (p.metadata !== null && Buffer.byteLength(p.metadata, 'utf8') > this.opts.maxOffsetMetadataBytes) return { partition: p.partition, errorCode: ErrorCode.OFFSET_METADATA_TOO_LARGE };
        if (!this.opts.partitionExists(t.name, p.partition)) return { partition: p.partition, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        writes.push({ topic: t.name, partition: p.partition, value: { offset: p.offset, leaderEpoch: p.leaderEpoch, metadata: p.metadata, commitTimestamp: now } });
        return { partition: p.partition, errorCode: ErrorCode.NONE };
      }),
    }));
    if (writes.length === 0) return result;
    for (const w of writes) {
      let ps = group.offsets.get(w.topic);
      if (ps === undefined) {
        ps = new Map();
        group.offsets.set(w.topic, ps);
      }
      ps.set(w.partition, w.value);
    }
    // Written before the answer (so a crash of the broker process, even kill -9, keeps them) and fsynced in the next
    // shared round without holding the answer: like Kafka, which acknowledges a commit once it is replicated, not
    // once it is on disk. kafkajs commits after every batch and waits for the answer before fetching again, so an
    // fsync here would sit on every message's path from producer to consumer.
    this.store.writeOffsets(group.groupId, writes);
    this.store.sync().catch((e: unknown) => this.opts.log(`group ${group.groupId}: could not fsync offsets: ${(e as Error).message}`));
    this.maybeCompactStore();
    return result;
  }

  private maybeCompactStore(): void {
    const groups = new Map<string, StoredGroup>();
    const offsets = new Map<string, Map<string, Map<number, CommittedOffset>>>();
    // Building the live view costs a walk over all groups, so only do it when the store might be worth compacting.
    if (!this.shouldConsiderCompaction()) return;
    for (const g of this.groups.values()) {
      if (g.state === 'Dead') continue;
      groups.set(g.groupId, this.snapshotGroup(g));
      if (g.offsets.size > 0) offsets.set(g.groupId, g.offsets);
    }
    this.store.maybeCompact(groups, offsets);
  }

  private commitsSinceCheck = 0;
  private shouldConsiderCompaction(): boolean {
    this.commitsSinceCheck++;
    if (this.commitsSinceCheck < 10_000) return false;
    this.commitsSinceCheck = 0;
    return true;
  }

  private snapshotGroup(group: Group): StoredGroup {
    return {
      groupId: group.groupId,
      protocolType: group.protocolType,
      generationId: group.generationId,
      protocolName: group.state === 'Stable' ? group.protocolName : null,
      leaderId: group.state === 'Stable' ? group.leaderId : null,
      members:
        group.state === 'Stable'
          ? [...group.members.values()].map((m) => ({
              memberId: m.memberId,
              groupInstanceId: m.groupInstanceId,
              clientId: m.clientId,
              clientHost: m.clientHost,
              sessionTimeoutMs: m.sessionTimeoutMs,
              rebalanceTimeoutMs: m.rebalanceTimeoutMs,
              protocols: m.protocols.map((p) => ({ name: p.name, metadata: p.metadata.toString('base64') })),
              assignment: m.assignment.toString('base64'),
            }))
          : [],
    };
  }

  /** Committed offsets of a group: the requested partitions (-1 when none), or every committed one when topics is null. */
  fetchOffsets(groupId: string, topics: ReadonlyArray<{ name: string; partitions: readonly number[] }> | null): FetchedOffsets {
    if (this.closed) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, topics: [] };
    const group = this.groups.get(groupId);
    const stored = group?.state === 'Dead' ? undefined : group?.offsets;
    const entry = (topic: string, partition: number): { partition: number; offset: number; leaderEpoch: number; metadata: string | null; errorCode: number } => {
      const c = stored?.get(topic)?.get(partition);
      return c === undefined
        ? { partition, offset: -1, leaderEpoch: -1, metadata: '', errorCode: ErrorCode.NONE }
        : { partition, offset: c.offset, leaderEpoch: c.leaderEpoch, metadata: c.metadata, errorCode: ErrorCode.NONE };
    };
    if (topics === null) {
      return {
        errorCode: ErrorCode.NONE,
        topics: [...(stored ?? new Map<string, Map<number, CommittedOffset>>()).entries()].map(([name, ps]) => ({ name, partitions: [...ps.keys()].sort((a, b) => a - b).map((p) => entry(name, p)) })),
      };
    }
    return { errorCode: ErrorCode.NONE, topics: topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => entry(t.name, p)) })) };
  }

  /** Forgets the offsets of a deleted topic in every group. */
  removeTopicOffsets(topic: string): void {
    for (const g of this.groups.values()) {
      const ps = g.offsets.get(topic);
      if (ps === undefined) continue;
      this.store.writeOffsets(g.groupId, [...ps.keys()].map((partition) => ({ topic, partition, value: null })));
      g.offsets.delete(topic);
    }
  }

  // ---- Describe / list / delete -----------------------------------------------------------------------------------

  /** DescribeGroups' answer for one group (state Dead when it does not exist, as Kafka reports). */
  describe(groupId: string): GroupDescription {
    const group = this.groups.get(groupId);
    if (group === undefined || group.state === 'Dead') {
      return { errorCode: ErrorCode.NONE, groupId, state: 'Dead', protocolType: '', protocolData: '', members: [] };
    }
    const stable = group.state === 'Stable';
    return {
      errorCode: ErrorCode.NONE,
      groupId,
      state: group.state,
      protocolType: group.protocolType ?? '',
      protocolData: stable ? (group.protocolName ?? '') : '',
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        metadata: stable ? group.metadataFor(m) : EMPTY,
        assignment: stable ? m.assignment : EMPTY,
      })),
    };
  }

  /** Every live group with its protocol type. */
  list(): Array<{ groupId: string; protocolType: string }> {
    return [...this.groups.values()].filter((g) => g.state !== 'Dead').map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? '' }));
  }

  /** Deletes empty groups and their offsets. */
  async deleteGroups(groupIds: readonly string[]): Promise<Array<{ groupId: string; errorCode: number }>> {
    const results = groupIds.map((groupId) => {
      if (this.closed) return { groupId, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE };
      if (groupId === '') return { groupId, errorCode: ErrorCode.INVALID_GROUP_ID };
      const group = this.groups.get(groupId);
      if (group === undefined || group.state === 'Dead') return { groupId, errorCode: ErrorCode.GROUP_ID_NOT_FOUND };
      if (group.state !== 'Empty') return { groupId, errorCode: ErrorCode.NON_EMPTY_GROUP };
      for (const t of group.pendingMembers.values()) clearTimeout(t);
      group.state = 'Dead';
      this.groups.delete(groupId);
      this.store.writeGroup(groupId, null);
      this.opts.log(`group ${groupId}: deleted`);
      return { groupId, errorCode: ErrorCode.NONE };
    });
    if (results.some((r) => r.errorCode === ErrorCode.NONE)) await this.store.sync();
    return results;
  }

  /** Stops every timer, answers parked requests with COORDINATOR_NOT_AVAILABLE and closes the store. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const g of this.groups.values()) {
      if (g.rebalanceTimer !== null) clearTimeout(g.rebalanceTimer);
      if (g.syncTimer !== null) clearTimeout(g.syncTimer);
      for (const t of g.pendingMembers.values()) clearTimeout(t);
      for (const m of g.members.values()) {
        if (m.sessionTimer !== null) clearTimeout(m.sessionTimer);
        m.awaitingJoin?.(joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, m.memberId));
        m.awaitingJoin = null;
        m.awaitingSync?.({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, assignment: EMPTY });
        m.awaitingSync = null;
      }
    }
    this.store.close();
  }
}
