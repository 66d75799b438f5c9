// Metadata: this broker leads every partition; unknown topics are created on request when auto-creation is on.
import { Writer, type Reader } from '../protocol/codec.ts';
import { ErrorCode, KafkaProtocolError } from '../protocol/error-codes.ts';
import { decodeMetadataRequest, encodeMetadataResponse, type MetadataTopic } from '../protocol/apis/metadata.codec.ts';
import { checkTopicName, type Topic } from '../metadata/topic-registry.ts';
import { LEADER_EPOCH } from '../log/partition-log.ts';
import type { BrokerCore, RequestContext } from '../server/broker-core.ts';

/** Authorized-operations value meaning "not requested". */
export const OPERATIONS_OMITTED = -2147483648;
// No authorizer: every operation that applies to the resource type is allowed (bit n = AclOperation code n).
const TOPIC_OPERATIONS = [3, 4, 5, 6, 7, 8, 10, 11].reduce((a, b) => a | (1 << b), 0);
const CLUSTER_OPERATIONS = [4, 5, 7, 8, 9, 10, 11, 12].reduce((a, b) => a | (1 << b), 0);

function describeTopic(core: BrokerCore, topic: Topic, withOps: boolean): MetadataTopic {
  return {
    errorCode: ErrorCode.NONE,
    name: topic.name,
    isInternal: false,
    partitions: topic.partitions.map((_, i) => ({ errorCode: ErrorCode.NONE, partition: i, leaderId: core.nodeId, leaderEpoch: LEADER_EPOCH, replicas: [core.nodeId] })),
    authorizedOperations: withOps ? TOPIC_OPERATIONS : OPERATIONS_OMITTED,
  };
}

/** Handles a Metadata request. */
export function handleMetadata(core: BrokerCore, ctx: RequestContext, body: Reader): Writer {
  const v = ctx.apiVersion;
  const req = decodeMetadataRequest(body, v);
  const withOps = req.includeTopicAuthorizedOperations;
  let topics: MetadataTopic[];
  if (req.topics === null) {
    topics = core.topics.list().map((t) => describeTopic(core, t, withOps));
  } else {
    topics = core.topics.batch(() => [...new Set(req.topics)].map((name) => {
      const missing = (errorCode: number): MetadataTopic => ({ errorCode, name, isInternal: false, partitions: [], authorizedOperations: OPERATIONS_OMITTED });
      let topic = core.topics.get(name);
      if (topic === undefined) {
        if (checkTopicName(name) !== null) return missing(ErrorCode.INVALID_TOPIC_EXCEPTION);
        if (!core.autoCreateTopics || !req.allowAutoTopicCreation) return missing(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        try {
          topic = core.topics.create(name, core.defaultPartitions, {}) ?? undefined;
        } catch (e) {
          if (!(e instanceof KafkaProtocolError)) throw e;
          core.log(`metadata: could not auto-create topic ${name}: ${e.message}`);
          return missing(e.errorCode);
        }
        if (topic === undefined) return missing(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      }
      return describeTopic(core, topic, withOps);
    }));
  }
  const w = new Writer();
  encodeMetadataResponse(w, v, {
    brokers: [{ nodeId: core.nodeId, host: core.advertisedHost, port: core.port }],
    clusterId: core.clusterId,
    controllerId: core.nodeId,
    topics,
    clusterAuthorizedOperations: req.includeClusterAuthorizedOperations ? CLUSTER_OPERATIONS : OPERATIONS_OMITTED,
  });
  return w;
}
