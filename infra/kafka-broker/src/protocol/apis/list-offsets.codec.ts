// ListOffsets (key 2) v1-5.
import type { Reader, Writer } from '../codec.ts';

/** A ListOffsets request. */
export interface ListOffsetsRequest {
  readonly replicaId: number;
  readonly isolationLevel: number;
  readonly topics: ReadonlyArray<{ name: string; partitions: ReadonlyArray<{ partition: number; currentLeaderEpoch: number; timestamp: number }> }>;
}

/** Decodes a ListOffsets request body. */
export function decodeListOffsetsRequest(r: Reader, v: number): ListOffsetsRequest {
  const replicaId = r.int32();
  const isolationLevel = v >= 2 ? r.int8() : 0;
  const topics = r.array((r) => ({
    name: r.string(),
    partitions: r.array((r) => {
      const partition = r.int32();
      const currentLeaderEpoch = v >= 4 ? r.int32() : -1;
      const timestamp = r.int64();
      return { partition, currentLeaderEpoch, timestamp };
    }),
  }));
  return { replicaId, isolationLevel, topics };
}

/** Result for one partition of ListOffsets. */
export interface ListOffsetsPartitionResult {
  readonly partition: number;
  readonly errorCode: number;
  readonly timestamp: number;
  readonly offset: number;
  readonly leaderEpoch: number;
}

/** Encodes a ListOffsets response body. */
export function encodeListOffsetsResponse(w: Writer, v: number, topics: ReadonlyArray<{ name: string; partitions: readonly ListOffsetsPartitionResult[] }>): void {
  if (v >= 2) w.int32(0);
  w.array(topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => {
      w.int32(p.partition).int16(p.errorCode).int64(p.timestamp).int64(p.offset);
      if (v >= 4) w.int32(p.leaderEpoch);
    });
  });
}
