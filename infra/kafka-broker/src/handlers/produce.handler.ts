// Produce: validate each partition's batch (CRC-32C, header, size, idempotent sequence), append it as received, and
// answer per acks: 0 = no response at all, 1 = once written, -1 (all) = once fsynced (shared fsync rounds).
import { Writer, type Reader } from '../protocol/codec.ts';
import { ErrorCode, KafkaProtocolError, nameErrorCode } from '../protocol/error-codes.ts';
import { decodeProduceRequest, encodeProduceResponse, type ProducePartitionResult } from '../protocol/apis/produce.codec.ts';
import { validateProducedBatch } from '../protocol/record-batch.ts';
import { checkTopicName } from '../metadata/topic-registry.ts';
import type { BrokerCore, RequestContext } from '../server/broker-core.ts';

/** Handles a Produce request. */
export async function handleProduce(core: BrokerCore, ctx: RequestContext, body: Reader): Promise<Writer | null> {
  const v = ctx.apiVersion;
  const req = decodeProduceRequest(body, v);
  const validAcks = req.acks === 0 || req.acks === 1 || req.acks === -1;
  const topics = req.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p): ProducePartitionResult & { appended: boolean } => {
      const fail = (errorCode: number): ProducePartitionResult & { appended: boolean } => ({ partition: p.partition, errorCode, baseOffset: -1, logStartOffset: -1, appended: false });
      if (!validAcks) return fail(ErrorCode.INVALID_REQUIRED_ACKS);
      const log = core.topics.partition(t.name, p.partition);
      if (log === undefined) {
        const invalid = checkTopicName(t.name) !== null;
        return fail(invalid ? ErrorCode.INVALID_TOPIC_EXCEPTION : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      }
      try {
        if (p.records === null) throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, 'null record set');
        const header = validateProducedBatch(p.records, log.config.maxMessageBytes, v);
        const result = log.append(p.records, header);
        if (result.duplicate) core.log(`produce ${t.name}-${p.partition}: duplicate batch from producer ${header.producerId} (sequence ${header.baseSequence}) acknowledged at offset ${result.baseOffset}, not appended again`);
        return { partition: p.partition, errorCode: ErrorCode.NONE, baseOffset: result.baseOffset, logStartOffset: log.logStartOffset, appended: !result.duplicate };
      } catch (e) {
        if (!(e instanceof KafkaProtocolError)) {
          // The disk refused the write (full, read-only, I/O error): the batch is not acknowledged, and the next append
          // overwrites whatever part of it reached the file, since appends write at the log's own end position.
          core.log(`produce ${t.name}-${p.partition}: storage error: ${(e as Error).message}`);
          return fail(ErrorCode.KAFKA_STORAGE_ERROR);
        }
        core.log(`produce ${t.name}-${p.partition} from ${ctx.clientId}@${ctx.clientHost} rejected with ${nameErrorCode(e.errorCode)}: ${e.message}`);
        return { ...fail(e.errorCode), logStartOffset: log.logStartOffset };
      }
    }),
  }));
  if (!validAcks) core.log(`produce from ${ctx.clientId}@${ctx.clientHost} rejected: acks=${req.acks} is not 0, 1 or -1`);
  if (req.acks === 0) return null;
  if (req.acks === -1) {
    try {
      // Duplicates wait too: their original may still be waiting for its fsync.
      await core.flusher.sync();
    } catch (e) {
      // KAFKA_STORAGE_ERROR is what Kafka answers when a log directory fails, and clients retry it; the files stay
      // queued for the next fsync round (see Flusher).
      core.log(`produce from ${ctx.clientId}@${ctx.clientHost}: fsync failed, answering KAFKA_STORAGE_ERROR: ${(e as Error).message}`);
      for (const t of topics) for (const p of t.partitions) if (p.errorCode === ErrorCode.NONE) Object.assign(p, { errorCode: ErrorCode.KAFKA_STORAGE_ERROR });
    }
  }
  const w = new Writer();
  encodeProduceResponse(w, v, topics);
  return w;
}
