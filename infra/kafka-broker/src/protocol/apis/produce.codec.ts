// Produce (key 0) v3-7: magic v2 record batches only (Kafka 4 also dropped v0-2).
import type { Reader, Writer } from '../codec.ts';

/** A Produce request; records are views into the request frame. */
export interface ProduceRequest {
  readonly transactionalId: string | null;
  readonly acks: number;
  readonly timeoutMs: number;
  readonly topics: ReadonlyArray<{ name: string; partitions: ReadonlyArray<{ partition: number; records: Buffer | null }> }>;
}

/** Decodes a Produce request body. */
export function decodeProduceRequest(r: Reader, _v: number): ProduceRequest {
  const transactionalId = r.nullableString();
  const acks = r.int16();
  const timeoutMs = r.int32();
  const topics = r.array((r) => ({
    name: r.string(),
    partitions: r.array((r) => ({ partition: r.int32(), records: r.nullableBytes() })),
  }));
  return { transactionalId, acks, timeoutMs, topics };
}

/** Result for one partition of a Produce request. */
export interface ProducePartitionResult {
  readonly partition: number;
  readonly errorCode: number;
  readonly baseOffset: number;
  readonly logStartOffset: number;
}

/** Encodes a Produce response body. */
export function encodeProduceResponse(w: Writer, v: number, topics: ReadonlyArray<{ name: string; partitions: readonly ProducePartitionResult[] }>): void {
  w.array(topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => {
      w.int32(p.partition).int16(p.errorCode).int64(p.baseOffset);
      w.int64(-1); // log append time: CreateTime topics report -1
      if (v >= 5) w.int64(p.logStartOffset);
    });
  });
  w.int32(0);
}
