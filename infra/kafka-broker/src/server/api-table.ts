// The APIs this broker speaks and the versions it advertises in ApiVersions: every version listed is implemented
// field for field. Only non-flexible versions are spoken, except ApiVersions v3 (which librdkafka opens with).
import { Writer, type Reader } from '../protocol/codec.ts';
import { ApiKey } from '../protocol/api-keys.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeApiVersionsRequest, encodeApiVersionsResponse, type ApiVersionRange } from '../protocol/apis/api-versions.codec.ts';
import { encodeFetchResponse } from '../protocol/apis/fetch.codec.ts';
import { encodeErrorOnlyResponse, encodeFindCoordinatorResponse, encodeJoinGroupResponse, encodeLeaveGroupResponse, encodeListGroupsResponse, encodeSyncGroupResponse } from '../protocol/apis/group.codec.ts';
import { encodeOffsetFetchResponse } from '../protocol/apis/offsets.codec.ts';
import { encodeInitProducerIdResponse } from '../protocol/apis/admin.codec.ts';
import { handleProduce } from '../handlers/produce.handler.ts';
import { handleFetch } from '../handlers/fetch.handler.ts';
import { handleListOffsets } from '../handlers/list-offsets.handler.ts';
import { handleMetadata } from '../handlers/metadata.handler.ts';
import { handleOffsetCommit, handleOffsetFetch } from '../handlers/offsets.handler.ts';
import {
  handleDeleteGroups,
  handleDescribeGroups,
  handleFindCoordinator,
  handleHeartbeat,
  handleJoinGroup,
  handleLeaveGroup,
  handleListGroups,
  handleSyncGroup,
} from '../handlers/group.handler.ts';
import { handleCreatePartitions, handleCreateTopics, handleDeleteTopics, handleInitProducerId } from '../handlers/admin.handler.ts';
import type { ApiSpec, BrokerCore, RequestContext } from './broker-core.ts';

const NONE = Number.POSITIVE_INFINITY;
const EMPTY = Buffer.alloc(0);
type ErrorEncoder = (w: Writer, version: number, errorCode: number) => void;

function always(encode: ErrorEncoder): NonNullable<ApiSpec['errorResponse']> {
  return (w, v, code) => {
    encode(w, v, code);
    return true;
  };
}

function fromVersion(first: number, encode: ErrorEncoder): NonNullable<ApiSpec['errorResponse']> {
  return (w, v, code) => {
    if (v < first) return false;
    encode(w, v, code);
    return true;
  };
}

// Kafka's rule for ApiVersions v3 client software names and versions.
const SOFTWARE = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/;

function handleApiVersions(core: BrokerCore, ctx: RequestContext, body: Reader): Writer {
  const req = decodeApiVersionsRequest(body, ctx.apiVersion);
  let errorCode: number = ErrorCode.NONE;
  if (ctx.apiVersion >= 3 && (!SOFTWARE.test(req.clientSoftwareName ?? '') || !SOFTWARE.test(req.clientSoftwareVersion ?? ''))) {
    core.log(`api-versions from ${ctx.clientId}: invalid client software name/version "${req.clientSoftwareName}"/"${req.clientSoftwareVersion}"`);
    errorCode = ErrorCode.INVALID_REQUEST;
  }
  const w = new Writer();
  encodeApiVersionsResponse(w, ctx.apiVersion, errorCode, SUPPORTED_VERSIONS);
  return w;
}

/** Every API the broker implements, by key. */
export const API_TABLE: ReadonlyMap<number, ApiSpec> = new Map(
  (
    [
      { key: ApiKey.Produce, name: 'Produce', minVersion: 3, maxVersion: 7, flexibleFrom: NONE, handle: handleProduce },
      {
        key: ApiKey.Fetch,
        name: 'Fetch',
        minVersion: 4,
        maxVersion: 11,
        flexibleFrom: NONE,
        handle: handleFetch,
        errorResponse: fromVersion(7, (w, v, code) => encodeFetchResponse(w, v, code, [])),
      },
      { key: ApiKey.ListOffsets, name: 'ListOffsets', minVersion: 1, maxVersion: 5, flexibleFrom: NONE, handle: handleListOffsets },
      { key: ApiKey.Metadata, name: 'Metadata', minVersion: 0, maxVersion: 8, flexibleFrom: NONE, handle: handleMetadata },
      { key: ApiKey.OffsetCommit, name: 'OffsetCommit', minVersion: 2, maxVersion: 7, flexibleFrom: NONE, handle: handleOffsetCommit },
      {
        key: ApiKey.OffsetFetch,
        name: 'OffsetFetch',
        minVersion: 1,
        maxVersion: 5,
        flexibleFrom: NONE,
        handle: handleOffsetFetch,
        errorResponse: fromVersion(2, (w, v, code) => encodeOffsetFetchResponse(w, v, code, [])),
      },
      {
        key: ApiKey.FindCoordinator,
        name: 'FindCoordinator',
        minVersion: 0,
        maxVersion: 2,
        flexibleFrom: NONE,
        handle: handleFindCoordinator,
        errorResponse: always((w, v, code) => encodeFindCoordinatorResponse(w, v, { errorCode: code, errorMessage: 'malformed request', nodeId: -1, host: '', port: -1 })),
      },
      {
        key: ApiKey.JoinGroup,
        name: 'JoinGroup',
        minVersion: 0,
        maxVersion: 5,
        flexibleFrom: NONE,
        handle: handleJoinGroup,
        errorResponse: always((w, v, code) => encodeJoinGroupResponse(w, v, { errorCode: code, generationId: -1, protocolName: null, leaderId: '', memberId: '', members: [] })),
      },
      { key: ApiKey.Heartbeat, name: 'Heartbeat', minVersion: 0, maxVersion: 3, flexibleFrom: NONE, handle: handleHeartbeat, errorResponse: always((w, v, code) => encodeErrorOnlyResponse(w, v, code)) },
      {
        key: ApiKey.LeaveGroup,
        name: 'LeaveGroup',
        minVersion: 0,
        maxVersion: 3,
        flexibleFrom: NONE,
        handle: handleLeaveGroup,
        errorResponse: always((w, v, code) => encodeLeaveGroupResponse(w, v, code, [])),
      },
      {
        key: ApiKey.SyncGroup,
        name: 'SyncGroup',
        minVersion: 0,
        maxVersion: 3,
        flexibleFrom: NONE,
        handle: handleSyncGroup,
        errorResponse: always((w, v, code) => encodeSyncGroupResponse(w, v, code, EMPTY)),
      },
      { key: ApiKey.DescribeGroups, name: 'DescribeGroups', minVersion: 0, maxVersion: 4, flexibleFrom: NONE, handle: handleDescribeGroups },
      {
        key: ApiKey.ListGroups,
        name: 'ListGroups',
        minVersion: 0,
        maxVersion: 2,
        flexibleFrom: NONE,
        handle: handleListGroups,
        errorResponse: always((w, v, code) => encodeListGroupsResponse(w, v, code, [])),
      },
      {
        key: ApiKey.ApiVersions,
        name: 'ApiVersions',
        minVersion: 0,
        maxVersion: 3,
        flexibleFrom: 3,
        handle: handleApiVersions,
        errorResponse: always((w, v, code) => encodeApiVersionsResponse(w, v, code, SUPPORTED_VERSIONS)),
      },
      { key: ApiKey.CreateTopics, name: 'CreateTopics', minVersion: 0, maxVersion: 4, flexibleFrom: NONE, handle: handleCreateTopics },
      { key: ApiKey.DeleteTopics, name: 'DeleteTopics', minVersion: 0, maxVersion: 3, flexibleFrom: NONE, handle: handleDeleteTopics },
      {
        key: ApiKey.InitProducerId,
        name: 'InitProducerId',
        minVersion: 0,
        maxVersion: 1,
        flexibleFrom: NONE,
        handle: handleInitProducerId,
        errorResponse: always((w, v, code) => encodeInitProducerIdResponse(w, v, { errorCode: code, producerId: -1, producerEpoch: -1 })),
      },
      { key: ApiKey.CreatePartitions, name: 'CreatePartitions', minVersion: 0, maxVersion: 1, flexibleFrom: NONE, handle: handleCreatePartitions },
      { key: ApiKey.DeleteGroups, name: 'DeleteGroups', minVersion: 0, maxVersion: 1, flexibleFrom: NONE, handle: handleDeleteGroups },
    ] satisfies ApiSpec[]
  ).map((s) => [s.key, s]),
);

/** The version ranges advertised by ApiVersions, sorted by key. */
export const SUPPORTED_VERSIONS: readonly ApiVersionRange[] = [...API_TABLE.values()]
  .map((s) => ({ apiKey: s.key, minVersion: s.minVersion, maxVersion: s.maxVersion }))
  .sort((a, b) => a.apiKey - b.apiKey);
