// ListOffsets: earliest (-2), latest (-1) or the first offset at or after a timestamp.
import { Writer, type Reader } from '../protocol/codec.ts';
import { ErrorCode, KafkaProtocolError, nameErrorCode } from '../protocol/error-codes.ts';
import { decodeListOffsetsRequest, encodeListOffsetsResponse, type ListOffsetsPartitionResult } from '../protocol/apis/list-offsets.codec.ts';
import { LEADER_EPOCH } from '../log/partition-log.ts';
import type { BrokerCore, RequestContext } from '../server/broker-core.ts';

const LATEST = -1;
const EARLIEST = -2;

/** Handles a ListOffsets request. */
export function handleListOffsets(core: BrokerCore, ctx: RequestContext, body: Reader): Writer {
  const v = ctx.apiVersion;
  const req = decodeListOffsetsRequest(body, v);
  const topics = req.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p): ListOffsetsPartitionResult => {
      const fail = (errorCode: number): ListOffsetsPartitionResult => ({ partition: p.partition, errorCode, timestamp: -1, offset: -1, leaderEpoch: -1 });
      const log = core.topics.partition(t.name, p.partition);
      if (log === undefined) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      if (p.currentLeaderEpoch > LEADER_EPOCH) return fail(ErrorCode.UNKNOWN_LEADER_EPOCH);
      if (p.timestamp === LATEST) return { partition: p.partition, errorCode: ErrorCode.NONE, timestamp: -1, offset: log.logEndOffset, leaderEpoch: LEADER_EPOCH };
      if (p.timestamp === EARLIEST) return { partition: p.partition, errorCode: ErrorCode.NONE, timestamp: -1, offset: log.logStartOffset, leaderEpoch: LEADER_EPOCH };
      let found: { offset: number; timestamp: number } | null;
      try {
        found = log.offsetForTimestamp(p.timestamp);
      } catch (e) {
        // A stored batch whose records cannot be read (corrupt, or a compressed payload that would inflate without
        // bound): answer this partition, keep the connection.
        if (!(e instanceof KafkaProtocolError)) throw e;
        core.log(`list-offsets ${t.name}-${p.partition} by timestamp ${p.timestamp} from ${ctx.clientId}@${ctx.clientHost}: ${nameErrorCode(e.errorCode)}: ${e.message}`);
        return fail(e.errorCode);
      }
      if (found === null) return { partition: p.partition, errorCode: ErrorCode.NONE, timestamp: -1, offset: -1, leaderEpoch: -1 };
      return { partition: p.partition, errorCode: ErrorCode.NONE, timestamp: found.timestamp, offset: found.offset, leaderEpoch: LEADER_EPOCH };
    }),
  }));
  const w = new Writer();
  encodeListOffsetsResponse(w, v, topics);
  return w;
}
