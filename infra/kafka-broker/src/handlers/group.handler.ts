// Group membership requests, delegated to the group coordinator (this broker coordinates every group).
import { Writer, type Reader } from '../protocol/codec.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import {
  decodeDeleteGroupsRequest,
  decodeDescribeGroupsRequest,
  decodeFindCoordinatorRequest,
  decodeHeartbeatRequest,
  decodeJoinGroupRequest,
  decodeLeaveGroupRequest,
  decodeSyncGroupRequest,
  encodeDeleteGroupsResponse,
  encodeDescribeGroupsResponse,
  encodeErrorOnlyResponse,
  encodeFindCoordinatorResponse,
  encodeJoinGroupResponse,
  encodeListGroupsResponse,
  encodeLeaveGroupResponse,
  encodeSyncGroupResponse,
} from '../protocol/apis/group.codec.ts';
import type { BrokerCore, RequestContext } from '../server/broker-core.ts';
import { OPERATIONS_OMITTED } from './metadata.handler.ts';

const GROUP_OPERATIONS = [3, 6, 8].reduce((a, b) => a | (1 << b), 0);

/** Handles FindCoordinator: this broker for groups; transactions are not supported. */
export function handleFindCoordinator(core: BrokerCore, ctx: RequestContext, body: Reader): Writer {
  const req = decodeFindCoordinatorRequest(body, ctx.apiVersion);
  const w = new Writer();
  if (req.keyType !== 0) {
    const message = req.keyType === 1 ? 'transactions are not supported by the development broker' : `unknown coordinator key type ${req.keyType}`;
    core.log(`find-coordinator from ${ctx.clientId}: ${message}`);
    encodeFindCoordinatorResponse(w, ctx.apiVersion, { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: message, nodeId: -1, host: '', port: -1 });
    return w;
  }
  encodeFindCoordinatorResponse(w, ctx.apiVersion, { errorCode: ErrorCode.NONE, errorMessage: null, nodeId: core.nodeId, host: core.advertisedHost, port: core.port });
  return w;
}

/** Handles JoinGroup (parks until the rebalance completes). */
export async function handleJoinGroup(core: BrokerCore, ctx: RequestContext, body: Reader): Promise<Writer> {
  const v = ctx.apiVersion;
  const req = decodeJoinGroupRequest(body, v);
  const result = await core.coordinator.join({ ...req, clientId: ctx.clientId, clientHost: ctx.clientHost, requireKnownMemberId: v >= 4 });
  const w = new Writer();
  encodeJoinGroupResponse(w, v, result);
  return w;
}

/** Handles SyncGroup (followers park until the leader's assignment arrives). */
export async function handleSyncGroup(core: BrokerCore, ctx: RequestContext, body: Reader): Promise<Writer> {
  const req = decodeSyncGroupRequest(body, ctx.apiVersion);
  const result = await core.coordinator.sync(req);
  const w = new Writer();
  encodeSyncGroupResponse(w, ctx.apiVersion, result.errorCode, result.assignment);
  return w;
}

/** Handles Heartbeat. */
export function handleHeartbeat(core: BrokerCore, ctx: RequestContext, body: Reader): Writer {
  const req = decodeHeartbeatRequest(body, ctx.apiVersion);
  const w = new Writer();
  encodeErrorOnlyResponse(w, ctx.apiVersion, core.coordinator.heartbeat(req.groupId, req.generationId, req.memberId, req.groupInstanceId));
  return w;
}

/** Handles LeaveGroup. */
export function handleLeaveGroup(core: BrokerCore, ctx: RequestContext, body: Reader): Writer {
  const req = decodeLeaveGroupRequest(body, ctx.apiVersion);
  const result = core.coordinator.leave(req.groupId, req.members);
  const w = new Writer();
  encodeLeaveGroupResponse(w, ctx.apiVersion, result.errorCode, result.members);
  return w;
}

/** Handles DescribeGroups. */
export function handleDescribeGroups(core: BrokerCore, ctx: RequestContext, body: Reader): Writer {
  const req = decodeDescribeGroupsRequest(body, ctx.apiVersion);
  const groups = req.groups.map((id) => ({ ...core.coordinator.describe(id), authorizedOperations: req.includeAuthorizedOperations ? GROUP_OPERATIONS : OPERATIONS_OMITTED }));
  const w = new Writer();
  encodeDescribeGroupsResponse(w, ctx.apiVersion, groups);
  return w;
}

/** Handles ListGroups. */
export function handleListGroups(core: BrokerCore, ctx: RequestContext, _body: Reader): Writer {
  const w = new Writer();
  encodeListGroupsResponse(w, ctx.apiVersion, ErrorCode.NONE, core.coordinator.list());
  return w;
}

/** Handles DeleteGroups. */
export async function handleDeleteGroups(core: BrokerCore, ctx: RequestContext, body: Reader): Promise<Writer> {
  const ids = decodeDeleteGroupsRequest(body, ctx.apiVersion);
  const results = await core.coordinator.deleteGroups(ids);
  const w = new Writer();
  encodeDeleteGroupsResponse(w, ctx.apiVersion, results);
  return w;
}
