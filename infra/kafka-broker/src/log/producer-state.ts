// Idempotent-producer bookkeeping for one partition, following Kafka's ProducerStateManager: per producer id, the
// current epoch and the last five batches (a producer has at most five in flight), so that a retried batch is
// recognised and acknowledged with its original offset instead of being appended twice, and a gap in sequence
// numbers is refused with OUT_OF_ORDER_SEQUENCE_NUMBER.
import { ErrorCode, KafkaProtocolError } from '../protocol/error-codes.ts';

const MAX_CACHED_BATCHES = 5;
const INT32_MAX = 0x7fffffff;

interface CachedBatch {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly baseOffset: number;
}

interface ProducerEntry {
  epoch: number;
  batches: CachedBatch[];
}

/** The last sequence number of a batch, wrapping at int32 like Kafka. */
export function lastSequence(baseSequence: number, lastOffsetDelta: number): number {
  return baseSequence > INT32_MAX - lastOffsetDelta ? lastOffsetDelta - (INT32_MAX - baseSequence) - 1 : baseSequence + lastOffsetDelta;
}

function inSequence(lastSeq: number, nextSeq: number): boolean {
  return nextSeq === lastSeq + 1 || (nextSeq === 0 && lastSeq === INT32_MAX);
}

/** Outcome of checking a batch: append it, or it duplicates an appended batch. */
export type SequenceCheck = { readonly duplicateOf: null } | { readonly duplicateOf: number };

/** Producer state of one partition. */
export class ProducerStateTable {
  private readonly producers = new Map<number, ProducerEntry>();

  /**
   * Checks a batch from an idempotent producer. Returns the base offset of the earlier copy for a duplicate; throws
   * KafkaProtocolError for a fenced epoch or a sequence gap.
   */
  check(producerId: number, epoch: number, baseSequence: number, lastOffsetDelta: number): SequenceCheck {
    const entry = this.producers.get(producerId);
    // Kafka accepts any sequence from a producer it holds no state for (its batches may have been removed by
    // retention): the next batches are then checked against this one.
    if (entry === undefined) return { duplicateOf: null };
    const lastSeq = lastSequence(baseSequence, lastOffsetDelta);
    if (epoch === entry.epoch) {
      const dup = entry.batches.find((b) => b.firstSeq === baseSequence && b.lastSeq === lastSeq);
      if (dup !== undefined) return { duplicateOf: dup.baseOffset };
    }
    if (epoch < entry.epoch) {
      throw new KafkaProtocolError(ErrorCode.INVALID_PRODUCER_EPOCH, `producer ${producerId} epoch ${epoch} is older than the current epoch ${entry.epoch}`);
    }
    if (epoch > entry.epoch) {
      if (baseSequence !== 0) {
        throw new KafkaProtocolError(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, `producer ${producerId} starts epoch ${epoch} at sequence ${baseSequence}, expected 0`);
      }
      return { duplicateOf: null };
    }
    const last = entry.batches[entry.batches.length - 1];
    if (last !== undefined && !inSequence(last.lastSeq, baseSequence)) {
      throw new KafkaProtocolError(
        ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
        `producer ${producerId} sent sequence ${baseSequence}, expected ${last.lastSeq === INT32_MAX ? 0 : last.lastSeq + 1}`,
      );
    }
    return { duplicateOf: null };
  }

  /** Records an appended batch (also used to rebuild the state from the log at start-up). */
  record(producerId: number, epoch: number, baseSequence: number, lastOffsetDelta: number, baseOffset: number): void {
    let entry = this.producers.get(producerId);
    if (entry === undefined || epoch > entry.epoch) {
      entry = { epoch, batches: [] };
      this.producers.set(producerId, entry);
    } else if (epoch < entry.epoch) {
      return;
    }
    entry.batches.push({ firstSeq: baseSequence, lastSeq: lastSequence(baseSequence, lastOffsetDelta), baseOffset });
    if (entry.batches.length > MAX_CACHED_BATCHES) entry.batches.shift();
  }

  /** Number of producers tracked. */
  get size(): number {
    return this.producers.size;
  }
}
