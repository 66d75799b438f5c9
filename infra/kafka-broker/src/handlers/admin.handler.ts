// CreateTopics, DeleteTopics, CreatePartitions and InitProducerId.
import { Writer, type Reader } from '../protocol/codec.ts';
import { ErrorCode, KafkaProtocolError } from '../protocol/error-codes.ts';
import {
  decodeCreatePartitionsRequest,
  decodeCreateTopicsRequest,
  decodeDeleteTopicsRequest,
  decodeInitProducerIdRequest,
  encodeCreatePartitionsResponse,
  encodeCreateTopicsResponse,
  encodeDeleteTopicsResponse,
  encodeInitProducerIdResponse,
  type CreatableTopic,
} from '../protocol/apis/admin.codec.ts';
import type { BrokerCore, RequestContext } from '../server/broker-core.ts';

interface Outcome {
  name: string;
  errorCode: number;
  errorMessage: string | null;
}

function attempt(core: BrokerCore, what: string, name: string, action: () => void): Outcome {
  try {
    action();
    return { name, errorCode: ErrorCode.NONE, errorMessage: null };
  } catch (e) {
    if (!(e instanceof KafkaProtocolError)) throw e;
    core.log(`${what} ${name}: ${e.message}`);
    return { name, errorCode: e.errorCode, errorMessage: e.message };
  }
}

function countsInRequest(names: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return counts;
}

function partitionCount(core: BrokerCore, t: CreatableTopic): number {
  if (t.assignments.length > 0) {
    if (t.numPartitions !== -1 || t.replicationFactor !== -1) {
      throw new KafkaProtocolError(ErrorCode.INVALID_REQUEST, 'both partition assignments and numPartitions/replicationFactor were given');
    }
    const indexes = t.assignments.map((a) => a.partition).sort((a, b) => a - b);
    if (indexes.some((p, i) => p !== i)) throw new KafkaProtocolError(ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'partition assignments must cover partitions 0..n-1 exactly once');
    for (const a of t.assignments) {
      if (a.brokerIds.length !== 1 || a.brokerIds[0] !== core.nodeId) {
        throw new KafkaProtocolError(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `partition ${a.partition} must be assigned to broker ${core.nodeId}, the only broker`);
      }
    }
    return t.assignments.length;
  }
  if (t.replicationFactor !== -1 && t.replicationFactor !== 1) {
    throw new KafkaProtocolError(ErrorCode.INVALID_REPLICATION_FACTOR, `replication factor ${t.replicationFactor} is invalid: the development broker is a single broker, use 1`);
  }
  return t.numPartitions === -1 ? core.defaultPartitions : t.numPartitions;
}

/** Handles CreateTopics. */
export function handleCreateTopics(core: BrokerCore, ctx: RequestContext, body: Reader): Writer {
  const req = decodeCreateTopicsRequest(body, ctx.apiVersion);
  const counts = countsInRequest(req.topics.map((t) => t.name));
  const results = core.topics.batch(() => req.topics.map((t) =>
    attempt(core, 'create-topics', t.name, () => {
      if (counts.get(t.name)! > 1) throw new KafkaProtocolError(ErrorCode.INVALID_REQUEST, `topic ${t.name} appears more than once in the request`);
      const partitions = partitionCount(core, t);
      core.topics.create(t.name, partitions, Object.fromEntries(t.configs.map((c) => [c.name, c.value])), req.validateOnly);
    }),
  ));
  const w = new Writer();
  encodeCreateTopicsResponse(w, ctx.apiVersion, results);
  return w;
}

/** Handles DeleteTopics (committed offsets of the topic go too, as in Kafka). */
export function handleDeleteTopics(core: BrokerCore, ctx: RequestContext, body: Reader): Writer {
  const req = decodeDeleteTopicsRequest(body, ctx.apiVersion);
  const results = core.topics.batch(() => req.topics.map((name) =>
    attempt(core, 'delete-topics', name, () => {
      core.topics.delete(name);
      core.coordinator.removeTopicOffsets(name);
    }),
  ));
  const w = new Writer();
  encodeDeleteTopicsResponse(w, ctx.apiVersion, results);
  return w;
}

/** Handles CreatePartitions. */
export function handleCreatePartitions(core: BrokerCore, ctx: RequestContext, body: Reader): Writer {
  const req = decodeCreatePartitionsRequest(body, ctx.apiVersion);
  const counts = countsInRequest(req.topics.map((t) => t.name));
  const results = core.topics.batch(() => req.topics.map((t) =>
    attempt(core, 'create-partitions', t.name, () => {
      if (counts.get(t.name)! > 1) throw new KafkaProtocolError(ErrorCode.INVALID_REQUEST, `topic ${t.name} appears more than once in the request`);
      const topic = core.topics.get(t.name);
      if (t.assignments !== null && topic !== undefined) {
        if (t.assignments.length !== t.count - topic.partitions.length) {
          throw new KafkaProtocolError(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `${t.assignments.length} assignments given for ${t.count - topic.partitions.length} new partitions`);
        }
        if (t.assignments.some((ids) => ids.length !== 1 || ids[0] !== core.nodeId)) {
          throw new KafkaProtocolError(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `new partitions must be assigned to broker ${core.nodeId}, the only broker`);
        }
      }
      core.topics.addPartitions(t.name, t.count, req.validateOnly);
    }),
  ));
  const w = new Writer();
  encodeCreatePartitionsResponse(w, ctx.apiVersion, results);
  return w;
}

/** Handles InitProducerId for idempotent producers (transactional ids are refused). */
export function handleInitProducerId(core: BrokerCore, ctx: RequestContext, body: Reader): Writer {
  const req = decodeInitProducerIdRequest(body, ctx.apiVersion);
  const w = new Writer();
  if (req.transactionalId !== null) {
    core.log(`init-producer-id from ${ctx.clientId}: transactional id "${req.transactionalId}" refused, transactions are not supported by the development broker`);
    encodeInitProducerIdResponse(w, ctx.apiVersion, { errorCode: ErrorCode.INVALID_REQUEST, producerId: -1, producerEpoch: -1 });
    return w;
  }
  encodeInitProducerIdResponse(w, ctx.apiVersion, { errorCode: ErrorCode.NONE, producerId: core.producerIds.allocate(), producerEpoch: 0 });
  return w;
}
