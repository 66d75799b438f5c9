// Topic administration: CreateTopics (19) v0-4, DeleteTopics (20) v0-3, CreatePartitions (37) v0-1, and
// InitProducerId (22) v0-1.
import type { Reader, Writer } from '../codec.ts';

/** A topic to create. */
export interface CreatableTopic {
  readonly name: string;
  readonly numPartitions: number;
  readonly replicationFactor: number;
  readonly assignments: Array<{ partition: number; brokerIds: number[] }>;
  readonly configs: Array<{ name: string; value: string | null }>;
}

/** A CreateTopics request. */
export interface CreateTopicsRequest {
  readonly topics: CreatableTopic[];
  readonly timeoutMs: number;
  readonly validateOnly: boolean;
}

/** Decodes a CreateTopics request body. */
export function decodeCreateTopicsRequest(r: Reader, v: number): CreateTopicsRequest {
  const topics = r.array((r) => ({
    name: r.string(),
    numPartitions: r.int32(),
    replicationFactor: r.int16(),
    assignments: r.array((r) => ({ partition: r.int32(), brokerIds: r.array((r) => r.int32()) })),
    configs: r.array((r) => ({ name: r.string(), value: r.nullableString() })),
  }));
  const timeoutMs = r.int32();
  const validateOnly = v >= 1 ? r.bool() : false;
  return { topics, timeoutMs, validateOnly };
}

/** Encodes a CreateTopics response body. */
export function encodeCreateTopicsResponse(w: Writer, v: number, results: ReadonlyArray<{ name: string; errorCode: number; errorMessage: string | null }>): void {
  if (v >= 2) w.int32(0);
  w.array(results, (w, t) => {
    w.string(t.name).int16(t.errorCode);
    if (v >= 1) w.nullableString(t.errorMessage);
  });
}

/** Decodes a DeleteTopics request body. */
export function decodeDeleteTopicsRequest(r: Reader, _v: number): { topics: string[]; timeoutMs: number } {
  const topics = r.array((r) => r.string());
  return { topics, timeoutMs: r.int32() };
}

/** Encodes a DeleteTopics response body. */
export function encodeDeleteTopicsResponse(w: Writer, v: number, results: ReadonlyArray<{ name: string; errorCode: number }>): void {
  if (v >= 1) w.int32(0);
  w.array(results, (w, t) => w.string(t.name).int16(t.errorCode));
}

/** A CreatePartitions request. */
export interface CreatePartitionsRequest {
  readonly topics: Array<{ name: string; count: number; assignments: Array<number[]> | null }>;
  readonly timeoutMs: number;
  readonly validateOnly: boolean;
}

/** Decodes a CreatePartitions request body. */
export function decodeCreatePartitionsRequest(r: Reader, _v: number): CreatePartitionsRequest {
  const topics = r.array((r) => ({ name: r.string(), count: r.int32(), assignments: r.nullableArray((r) => r.array((r) => r.int32())) }));
  return { topics, timeoutMs: r.int32(), validateOnly: r.bool() };
}

/** Encodes a CreatePartitions response body. */
export function encodeCreatePartitionsResponse(w: Writer, _v: number, results: ReadonlyArray<{ name: string; errorCode: number; errorMessage: string | null }>): void {
  w.int32(0);
  w.array(results, (w, t) => w.string(t.name).int16(t.errorCode).nullableString(t.errorMessage));
}

/** Decodes an InitProducerId request body. */
export function decodeInitProducerIdRequest(r: Reader, _v: number): { transactionalId: string | null; transactionTimeoutMs: number } {
  return { transactionalId: r.nullableString(), transactionTimeoutMs: r.int32() };
}

/** Encodes an InitProducerId response body. */
export function encodeInitProducerIdResponse(w: Writer, _v: number, res: { errorCode: number; producerId: number; producerEpoch: number }): void {
  w.int32(0).int16(res.errorCode).int64(res.producerId).int16(res.producerEpoch);
}
