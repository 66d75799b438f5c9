// Metadata (key 3) v0-8.
import type { Reader, Writer } from '../codec.ts';

/** A Metadata request; topics null means every topic. */
export interface MetadataRequest {
  readonly topics: string[] | null;
  readonly allowAutoTopicCreation: boolean;
  readonly includeClusterAuthorizedOperations: boolean;
  readonly includeTopicAuthorizedOperations: boolean;
}

/** Decodes a Metadata request body. */
export function decodeMetadataRequest(r: Reader, v: number): MetadataRequest {
  let topics: string[] | null;
  if (v === 0) {
    const list = r.array((r) => r.string());
    topics = list.length === 0 ? null : list;
  } else {
    topics = r.nullableArray((r) => r.string());
  }
  const allowAutoTopicCreation = v >= 4 ? r.bool() : true;
  const includeClusterAuthorizedOperations = v >= 8 ? r.bool() : false;
  const includeTopicAuthorizedOperations = v >= 8 ? r.bool() : false;
  return { topics, allowAutoTopicCreation, includeClusterAuthorizedOperations, includeTopicAuthorizedOperations };
}

/** One partition in a Metadata response. */
export interface MetadataPartition {
  readonly errorCode: number;
  readonly partition: number;
  readonly leaderId: number;
  readonly leaderEpoch: number;
  readonly replicas: readonly number[];
}

/** One topic in a Metadata response. */
export interface MetadataTopic {
  readonly errorCode: number;
  readonly name: string;
  readonly isInternal: boolean;
  readonly partitions: readonly MetadataPartition[];
  readonly authorizedOperations: number;
}

/** A Metadata response. */
export interface MetadataResponse {
  readonly brokers: ReadonlyArray<{ nodeId: number; host: string; port: number }>;
  readonly clusterId: string;
  readonly controllerId: number;
  readonly topics: readonly MetadataTopic[];
  readonly clusterAuthorizedOperations: number;
}

/** Encodes a Metadata response body. */
export function encodeMetadataResponse(w: Writer, v: number, res: MetadataResponse): void {
  if (v >= 3) w.int32(0);
  w.array(res.brokers, (w, b) => {
    w.int32(b.nodeId).string(b.host).int32(b.port);
    if (v >= 1) w.nullableString(null);
  });
  if (v >= 2) w.nullableString(res.clusterId);
  if (v >= 1) w.int32(res.controllerId);
  w.array(res.topics, (w, t) => {
    w.int16(t.errorCode).string(t.name);
    if (v >= 1) w.bool(t.isInternal);
    w.array(t.partitions, (w, p) => {
      w.int16(p.errorCode).int32(p.partition).int32(p.leaderId);
      if (v >= 7) w.int32(p.leaderEpoch);
      w.array(p.replicas, (w, n) => w.int32(n));
      w.array(p.replicas, (w, n) => w.int32(n));
      if (v >= 5) w.array([], (w, n: number) => w.int32(n));
    });
    if (v >= 8) w.int32(t.authorizedOperations);
  });
  if (v >= 8) w.int32(res.clusterAuthorizedOperations);
}
