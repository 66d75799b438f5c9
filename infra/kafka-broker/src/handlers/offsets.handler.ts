// OffsetCommit and OffsetFetch, delegated to the group coordinator.
import { Writer, type Reader } from '../protocol/codec.ts';
import { decodeOffsetCommitRequest, decodeOffsetFetchRequest, encodeOffsetCommitResponse, encodeOffsetFetchResponse } from '../protocol/apis/offsets.codec.ts';
import type { BrokerCore, RequestContext } from '../server/broker-core.ts';

/** Handles OffsetCommit. */
export function handleOffsetCommit(core: BrokerCore, ctx: RequestContext, body: Reader): Writer {
  const req = decodeOffsetCommitRequest(body, ctx.apiVersion);
  const result = core.coordinator.commitOffsets(req);
  const w = new Writer();
  encodeOffsetCommitResponse(w, ctx.apiVersion, result);
  return w;
}

/** Handles OffsetFetch. */
export function handleOffsetFetch(core: BrokerCore, ctx: RequestContext, body: Reader): Writer {
  const req = decodeOffsetFetchRequest(body, ctx.apiVersion);
  const result = core.coordinator.fetchOffsets(req.groupId, req.topics);
  const w = new Writer();
  encodeOffsetFetchResponse(w, ctx.apiVersion, result.errorCode, result.topics);
  return w;
}
