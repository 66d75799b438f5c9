// OffsetCommit (key 8) v2-7 and OffsetFetch (key 9) v1-5.
import type { Reader, Writer } from '../codec.ts';

/** An OffsetCommit request. */
export interface OffsetCommitRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly topics: Array<{ name: string; partitions: Array<{ partition: number; offset: number; leaderEpoch: number; metadata: string | null }> }>;
}

/** Decodes an OffsetCommit request body. */
export function decodeOffsetCommitRequest(r: Reader, v: number): OffsetCommitRequest {
  const groupId = r.string();
  const generationId = r.int32();
  const memberId = r.string();
  const groupInstanceId = v >= 7 ? r.nullableString() : null;
  if (v <= 4) r.int64(); // retention time: offsets retention is the broker's business since v5
  const topics = r.array((r) => ({
    name: r.string(),
    partitions: r.array((r) => {
      const partition = r.int32();
      const offset = r.int64();
      const leaderEpoch = v >= 6 ? r.int32() : -1;
      const metadata = r.nullableString();
      return { partition, offset, leaderEpoch, metadata };
    }),
  }));
  return { groupId, generationId, memberId, groupInstanceId, topics };
}

/** Encodes an OffsetCommit response body. */
export function encodeOffsetCommitResponse(w: Writer, v: number, topics: ReadonlyArray<{ name: string; partitions: ReadonlyArray<{ partition: number; errorCode: number }> }>): void {
  if (v >= 3) w.int32(0);
  w.array(topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => w.int32(p.partition).int16(p.errorCode));
  });
}

/** An OffsetFetch request; topics null (v2+) asks for every committed offset of the group. */
export interface OffsetFetchRequest {
  readonly groupId: string;
  readonly topics: Array<{ name: string; partitions: number[] }> | null;
}

/** Decodes an OffsetFetch request body. */
export function decodeOffsetFetchRequest(r: Reader, v: number): OffsetFetchRequest {
  const groupId = r.string();
  const item = (r: Reader): { name: string; partitions: number[] } => ({ name: r.string(), partitions: r.array((r) => r.int32()) });
  const topics = v >= 2 ? r.nullableArray(item) : r.array(item);
  return { groupId, topics };
}

/** Encodes an OffsetFetch response body. */
export function encodeOffsetFetchResponse(
  w: Writer,
  v: number,
  errorCode: number,
  topics: ReadonlyArray<{ name: string; partitions: ReadonlyArray<{ partition: number; offset: number; leaderEpoch: number; metadata: string | null; errorCode: number }> }>,
): void {
  if (v >= 3) w.int32(0);
  w.array(topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => {
      w.int32(p.partition).int64(p.offset);
      if (v >= 5) w.int32(p.leaderEpoch);
      w.nullableString(p.metadata).int16(p.errorCode);
    });
  });
  if (v >= 2) w.int16(errorCode);
}
