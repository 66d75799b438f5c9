// Fetch (key 1) v4-11. Fetch sessions (v7+, KIP-227) are declined: the broker answers session id 0, which tells the
// client to keep sending full fetch requests.
import type { Reader, Writer } from '../codec.ts';

/** One partition to fetch. */
export interface FetchPartitionRequest {
  readonly partition: number;
  readonly currentLeaderEpoch: number;
  readonly fetchOffset: number;
  readonly partitionMaxBytes: number;
}

/** A Fetch request. */
export interface FetchRequest {
  readonly replicaId: number;
  readonly maxWaitMs: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly isolationLevel: number;
  readonly sessionId: number;
  readonly sessionEpoch: number;
  readonly topics: ReadonlyArray<{ name: string; partitions: readonly FetchPartitionRequest[] }>;
}

/** Decodes a Fetch request body. */
export function decodeFetchRequest(r: Reader, v: number): FetchRequest {
  const replicaId = r.int32();
  const maxWaitMs = r.int32();
  const minBytes = r.int32();
  const maxBytes = r.int32();
  const isolationLevel = r.int8();
  const sessionId = v >= 7 ? r.int32() : 0;
  const sessionEpoch = v >= 7 ? r.int32() : -1;
  const topics = r.array((r) => ({
    name: r.string(),
    partitions: r.array((r) => {
      const partition = r.int32();
      const currentLeaderEpoch = v >= 9 ? r.int32() : -1;
      const fetchOffset = r.int64();
      if (v >= 5) r.int64(); // log start offset: only followers send it
      const partitionMaxBytes = r.int32();
      return { partition, currentLeaderEpoch, fetchOffset, partitionMaxBytes };
    }),
  }));
  if (v >= 7) r.array((r) => ({ name: r.string(), partitions: r.array((r) => r.int32()) }));
  if (v >= 11) r.string();
  return { replicaId, maxWaitMs, minBytes, maxBytes, isolationLevel, sessionId, sessionEpoch, topics };
}

/** Result for one fetched partition. */
export interface FetchPartitionResult {
  readonly partition: number;
  readonly errorCode: number;
  readonly highWatermark: number;
  readonly logStartOffset: number;
  readonly records: Buffer | null;
}

/** Encodes a Fetch response body; record bytes are referenced, not copied. */
export function encodeFetchResponse(w: Writer, v: number, errorCode: number, topics: ReadonlyArray<{ name: string; partitions: readonly FetchPartitionResult[] }>): void {
  w.int32(0);
  if (v >= 7) w.int16(errorCode).int32(0);
  w.array(topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => {
      w.int32(p.partition).int16(p.errorCode).int64(p.highWatermark);
      w.int64(p.highWatermark); // last stable offset: no transactions, so everything below the HW is stable
      if (v >= 5) w.int64(p.logStartOffset);
      w.int32(0); // no aborted transactions
      if (v >= 11) w.int32(-1); // no preferred read replica
      if (p.records === null) w.int32(0);
      else w.bytes(p.records);
    });
  });
}
