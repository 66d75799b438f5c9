// State of one consumer group under Kafka's classic group protocol:
//   Empty -> PreparingRebalance -> CompletingRebalance -> Stable, and Dead once deleted.
// The coordinator (group-coordinator.ts) drives the transitions; this file holds the data and the pure decisions
// (protocol selection, whether everyone has rejoined).
import type { CommittedOffset } from './group-store.ts';

/** The group states, named as DescribeGroups reports them. */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

/** One protocol a member supports, with its metadata. */
export interface MemberProtocol {
  readonly name: string;
  readonly metadata: Buffer;
}

/** What a JoinGroup request receives. */
export interface JoinResult {
  readonly errorCode: number;
  readonly generationId: number;
  readonly protocolName: string | null;
  readonly leaderId: string;
  readonly memberId: string;
  readonly members: ReadonlyArray<{ memberId: string; groupInstanceId: string | null; metadata: Buffer }>;
}

/** What a SyncGroup request receives. */
export interface SyncResult {
  readonly errorCode: number;
  readonly assignment: Buffer;
}

/** A member of a group. */
export interface Member {
  memberId: string;
  readonly groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: MemberProtocol[];
  assignment: Buffer;
  awaitingJoin: ((r: JoinResult) => void) | null;
  awaitingSync: ((r: SyncResult) => void) | null;
  sessionTimer: NodeJS.Timeout | null;
  /** Joined during the current rebalance (not yet part of a generation). */
  isNew: boolean;
}

/** A consumer group. */
export class Group {
  readonly groupId: string;
  state: GroupState = 'Empty';
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  readonly members = new Map<string, Member>();
  /** Member ids handed out with MEMBER_ID_REQUIRED that have not joined yet, with their expiry timers. */
  readonly pendingMembers = new Map<string, NodeJS.Timeout>();
  /** group.instance.id -> member id of static members. */
  readonly staticMembers = new Map<string, string>();
  /** topic -> partition -> committed offset. */
  readonly offsets = new Map<string, Map<number, CommittedOffset>>();
  rebalanceTimer: NodeJS.Timeout | null = null;
  syncTimer: NodeJS.Timeout | null = null;
  /** Deadline of the initial join delay of a group that started a rebalance from Empty (0 when none). */
  initialDelayUntil = 0;

  constructor(groupId: string) {
    this.groupId = groupId;
  }

  /** Protocols every member supports (all of the single member's, or none when the group has no members). */
  candidateProtocols(): Set<string> {
    let first = true;
    const result = new Set<string>();
    for (const m of this.members.values()) {
      const names = m.protocols.map((p) => p.name);
      if (first) {
        for (const n of names) result.add(n);
        first = false;
      } else {
        for (const n of [...result]) if (!names.includes(n)) result.delete(n);
      }
    }
    return result;
  }

  /** Whether a member offering these protocols may join (Kafka's supportsProtocols). */
  supportsProtocols(protocolType: string, protocols: readonly MemberProtocol[]): boolean {
    if (this.members.size === 0) return protocolType.length > 0 && protocols.length > 0;
    if (protocolType !== this.protocolType) return false;
    const candidates = this.candidateProtocols();
    return protocols.some((p) => candidates.has(p.name));
  }

  /**
   * The protocol all members support that most members prefer: each member votes for the first protocol in its own
   * list that everyone supports, and the most votes win (ties go to the earliest-joined member's preference).
   */
  selectProtocol(): string {
    const candidates = this.candidateProtocols();
    const votes = new Map<string, number>();
    for (const m of this.members.values()) {
      const choice = m.protocols.find((p) => candidates.has(p.name));
      if (choice !== undefined) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
    }
    let best: string | null = null;
    let bestVotes = -1;
    for (const [name, n] of votes) {
      if (n > bestVotes) {
        best = name;
        bestVotes = n;
      }
    }
    if (best === null) throw new Error(`group ${this.groupId} has no protocol common to all members`);
    return best;
  }

  /** Whether every member has sent its JoinGroup for this rebalance and no handed-out member id is outstanding. */
  allMembersJoined(): boolean {
    for (const m of this.members.values()) if (m.awaitingJoin === null) return false;
    return this.pendingMembers.size === 0;
  }

  /** The longest rebalance timeout among members (how long a rebalance may wait for rejoins). */
  maxRebalanceTimeoutMs(): number {
    let max = 0;
    for (const m of this.members.values()) max = Math.max(max, m.rebalanceTimeoutMs);
    return max;
  }

  /** The metadata a member sent for the group's chosen protocol. */
  metadataFor(member: Member): Buffer {
    return member.protocols.find((p) => p.name === this.protocolName)?.metadata ?? Buffer.alloc(0);
  }

  /** Whether a member's protocols equal these (a rejoin that changes nothing need not rebalance). */
  static sameProtocols(a: readonly MemberProtocol[], b: readonly MemberProtocol[]): boolean {
    return a.length === b.length && a.every((p, i) => p.name === b[i]!.name && p.metadata.equals(b[i]!.metadata));
  }

  /** Whether (memberId, groupInstanceId) names a static member that was replaced by a newer instance. */
  isFencedStaticMember(memberId: string, groupInstanceId: string | null): boolean {
    if (groupInstanceId === null) return false;
    const current = this.staticMembers.get(groupInstanceId);
    return current !== undefined && current !== memberId;
  }
}
