// Group membership APIs: FindCoordinator (10) v0-2, JoinGroup (11) v0-5, Heartbeat (12) v0-3, LeaveGroup (13)
// v0-3, SyncGroup (14) v0-3, DescribeGroups (15) v0-4, ListGroups (16) v0-2, DeleteGroups (42) v0-1.
import type { Reader, Writer } from '../codec.ts';

/** A FindCoordinator request (key type 0 = group, 1 = transaction). */
export interface FindCoordinatorRequest {
  readonly key: string;
  readonly keyType: number;
}

/** Decodes a FindCoordinator request body. */
export function decodeFindCoordinatorRequest(r: Reader, v: number): FindCoordinatorRequest {
  const key = r.string();
  const keyType = v >= 1 ? r.int8() : 0;
  return { key, keyType };
}

/** Encodes a FindCoordinator response body. */
export function encodeFindCoordinatorResponse(w: Writer, v: number, res: { errorCode: number; errorMessage: string | null; nodeId: number; host: string; port: number }): void {
  if (v >= 1) w.int32(0);
  w.int16(res.errorCode);
  if (v >= 1) w.nullableString(res.errorMessage);
  w.int32(res.nodeId).string(res.host).int32(res.port);
}

/** A JoinGroup request. */
export interface JoinGroupRequest {
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly protocolType: string;
  readonly protocols: Array<{ name: string; metadata: Buffer }>;
}

/** Decodes a JoinGroup request body (protocol metadata is copied out of the frame: the group keeps it). */
export function decodeJoinGroupRequest(r: Reader, v: number): JoinGroupRequest {
  const groupId = r.string();
  const sessionTimeoutMs = r.int32();
  // v0 has no rebalance timeout: the session timeout serves as both, as in Kafka.
  const rebalanceTimeoutMs = v >= 1 ? r.int32() : sessionTimeoutMs;
  const memberId = r.string();
  const groupInstanceId = v >= 5 ? r.nullableString() : null;
  const protocolType = r.string();
  const protocols = r.array((r) => ({ name: r.string(), metadata: Buffer.from(r.bytes()) }));
  return { groupId, sessionTimeoutMs, rebalanceTimeoutMs, memberId, groupInstanceId, protocolType, protocols };
}

/** Encodes a JoinGroup response body. */
export function encodeJoinGroupResponse(
  w: Writer,
  v: number,
  res: { errorCode: number; generationId: number; protocolName: string | null; leaderId: string; memberId: string; members: ReadonlyArray<{ memberId: string; groupInstanceId: string | null; metadata: Buffer }> },
): void {
  if (v >= 2) w.int32(0);
  w.int16(res.errorCode).int32(res.generationId).string(res.protocolName ?? '').string(res.leaderId).string(res.memberId);
  w.array(res.members, (w, m) => {
    w.string(m.memberId);
    if (v >= 5) w.nullableString(m.groupInstanceId);
    w.bytes(m.metadata);
  });
}

/** A SyncGroup request. */
export interface SyncGroupRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly assignments: Array<{ memberId: string; assignment: Buffer }>;
}

/** Decodes a SyncGroup request body. */
export function decodeSyncGroupRequest(r: Reader, v: number): SyncGroupRequest {
  const groupId = r.string();
  const generationId = r.int32();
  const memberId = r.string();
  const groupInstanceId = v >= 3 ? r.nullableString() : null;
  const assignments = r.array((r) => ({ memberId: r.string(), assignment: r.bytes() }));
  return { groupId, generationId, memberId, groupInstanceId, assignments };
}

/** Encodes a SyncGroup response body. */
export function encodeSyncGroupResponse(w: Writer, v: number, errorCode: number, assignment: Buffer): void {
  if (v >= 1) w.int32(0);
  w.int16(errorCode).bytes(assignment);
}

/** A Heartbeat request. */
export interface HeartbeatRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
}

/** Decodes a Heartbeat request body. */
export function decodeHeartbeatRequest(r: Reader, v: number): HeartbeatRequest {
  const groupId = r.string();
  const generationId = r.int32();
  const memberId = r.string();
  const groupInstanceId = v >= 3 ? r.nullableString() : null;
  return { groupId, generationId, memberId, groupInstanceId };
}

/** Encodes a response made of a throttle time (v1+) and an error code (Heartbeat). */
export function encodeErrorOnlyResponse(w: Writer, v: number, errorCode: number): void {
  if (v >= 1) w.int32(0);
  w.int16(errorCode);
}

/** A LeaveGroup request, normalised to v3's list of members. */
export interface LeaveGroupRequest {
  readonly groupId: string;
  readonly members: Array<{ memberId: string; groupInstanceId: string | null }>;
}

/** Decodes a LeaveGroup request body. */
export function decodeLeaveGroupRequest(r: Reader, v: number): LeaveGroupRequest {
  const groupId = r.string();
  if (v < 3) return { groupId, members: [{ memberId: r.string(), groupInstanceId: null }] };
  return { groupId, members: r.array((r) => ({ memberId: r.string(), groupInstanceId: r.nullableString() })) };
}

/** Encodes a LeaveGroup response body (v0-2 report the single member's error at the top level). */
export function encodeLeaveGroupResponse(w: Writer, v: number, errorCode: number, members: ReadonlyArray<{ memberId: string; groupInstanceId: string | null; errorCode: number }>): void {
  if (v >= 1) w.int32(0);
  if (v < 3) {
    w.int16(errorCode !== 0 ? errorCode : (members[0]?.errorCode ?? 0));
    return;
  }
  w.int16(errorCode);
  w.array(members, (w, m) => w.string(m.memberId).nullableString(m.groupInstanceId).int16(m.errorCode));
}

/** A DescribeGroups request. */
export interface DescribeGroupsRequest {
  readonly groups: string[];
  readonly includeAuthorizedOperations: boolean;
}

/** Decodes a DescribeGroups request body. */
export function decodeDescribeGroupsRequest(r: Reader, v: number): DescribeGroupsRequest {
  const groups = r.array((r) => r.string());
  const includeAuthorizedOperations = v >= 3 ? r.bool() : false;
  return { groups, includeAuthorizedOperations };
}

/** One described group. */
export interface DescribedGroup {
  readonly errorCode: number;
  readonly groupId: string;
  readonly state: string;
  readonly protocolType: string;
  readonly protocolData: string;
  readonly members: ReadonlyArray<{ memberId: string; groupInstanceId: string | null; clientId: string; clientHost: string; metadata: Buffer; assignment: Buffer }>;
  readonly authorizedOperations: number;
}

/** Encodes a DescribeGroups response body. */
export function encodeDescribeGroupsResponse(w: Writer, v: number, groups: readonly DescribedGroup[]): void {
  if (v >= 1) w.int32(0);
  w.array(groups, (w, g) => {
    w.int16(g.errorCode).string(g.groupId).string(g.state).string(g.protocolType).string(g.protocolData);
    w.array(g.members, (w, m) => {
      w.string(m.memberId);
      if (v >= 4) w.nullableString(m.groupInstanceId);
      w.string(m.clientId).string(m.clientHost).bytes(m.metadata).bytes(m.assignment);
    });
    if (v >= 3) w.int32(g.authorizedOperations);
  });
}

/** Encodes a ListGroups response body. */
export function encodeListGroupsResponse(w: Writer, v: number, errorCode: number, groups: ReadonlyArray<{ groupId: string; protocolType: string }>): void {
  if (v >= 1) w.int32(0);
  w.int16(errorCode);
  w.array(groups, (w, g) => w.string(g.groupId).string(g.protocolType));
}

/** Decodes a DeleteGroups request body: the group ids. */
export function decodeDeleteGroupsRequest(r: Reader, _v: number): string[] {
  return r.array((r) => r.string());
}

/** Encodes a DeleteGroups response body. */
export function encodeDeleteGroupsResponse(w: Writer, _v: number, results: ReadonlyArray<{ groupId: string; errorCode: number }>): void {
  w.int32(0);
  w.array(results, (w, res) => w.string(res.groupId).int16(res.errorCode));
}
