// The append-only log of one partition: an ordered list of segments, the active one last. Appends stamp offsets into
// the received batch and write it as is; reads return whole stored batches by slicing the file, never re-encoding.
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, KafkaProtocolError } from '../protocol/error-codes.ts';
import { maxDecompressedBatchBytes, readRecordTimestamps, stampBatch, type BatchHeader } from '../protocol/record-batch.ts';
import type { Flusher } from './flusher.ts';
import { ProducerStateTable } from './producer-state.ts';
import { LogSegment } from './segment.ts';

/** Per-topic log settings (Kafka's topic config names in comments). */
export interface LogConfig {
  /** segment.bytes */
  readonly segmentBytes: number;
  /** retention.ms; -1 keeps forever */
  readonly retentionMs: number;
  /** retention.bytes; -1 for no size limit */
  readonly retentionBytes: number;
  /** max.message.bytes: the largest batch accepted */
  readonly maxMessageBytes: number;
}

/** Result of an append. */
export interface AppendResult {
  readonly baseOffset: number;
  readonly duplicate: boolean;
}

/** A slice of stored batches. */
export interface ReadResult {
  readonly records: Buffer | null;
}

/** The leader epoch stamped into every stored batch and reported in metadata (a single broker never changes it). */
export const LEADER_EPOCH = 0;

const HINTS = 32;

/** The log of one topic partition. */
export class PartitionLog {
  readonly topic: string;
  readonly partition: number;
  readonly dir: string;
  config: LogConfig;
  private segments: LogSegment[] = [];
  private readonly producers = new ProducerStateTable();
  private readonly listeners = new Set<(appendedBytes: number) => void>();
  // offset -> where the previous read ended, so a consumer reading sequentially never scans from an index entry.
  private readonly hints = new Map<number, { segment: LogSegment; position: number }>();
  private readonly flusher: Flusher;
  private closed = false;

  private constructor(dir: string, topic: string, partition: number, config: LogConfig, flusher: Flusher) {
    this.dir = dir;
    this.topic = topic;
    this.partition = partition;
    this.config = config;
    this.flusher = flusher;
  }

  /** Opens (creating if needed) the partition directory and recovers its segments. */
  static open(dir: string, topic: string, partition: number, config: LogConfig, flusher: Flusher, log: (line: string) => void): PartitionLog {
    fs.mkdirSync(dir, { recursive: true });
    const pl = new PartitionLog(dir, topic, partition, config, flusher);
    const bases: number[] = [];
    for (const name of fs.readdirSync(dir)) {
      const m = /^(\d{20})\.log$/.exec(name);
      if (m !== null) bases.push(Number(m[1]));
      else if (!/^\d{20}\.(index|timeindex)$/.test(name)) fs.rmSync(path.join(dir, name), { force: true, recursive: true });
    }
    bases.sort((a, b) => a - b);
    for (let i = 0; i < bases.length; i++) {
      const base = bases[i]!;
      const last = i === bases.length - 1;
      // The active segment is always re-read with CRC checks: it is where a crash leaves a torn write. Older
      // segments are trusted when their indexes are sane (they were complete when the broker rolled past them).
      const { segment, recovery } = LogSegment.open(dir, base, last, (b) => {
        if (last && b.header.producerId >= 0) {
          pl.producers.record(b.header.producerId, b.header.producerEpoch, b.header.baseSequence, b.header.lastOffsetDelta, b.baseOffset);
        }
      });
      pl.segments.push(segment);
      if (recovery.truncatedBytes > 0) {
        log(`recovery ${topic}-${partition}: truncated ${recovery.truncatedBytes} bytes at position ${recovery.validBytes} of segment ${base}: ${recovery.problem}`);
        if (!last) {
          for (const later of bases.slice(i + 1)) {
            log(`recovery ${topic}-${partition}: removing segment ${later}, which follows the corrupt position`);
            for (const ext of ['log', 'index', 'timeindex']) fs.rmSync(path.join(dir, `${String(later).padStart(20, '0')}.${ext}`), { force: true });
          }
          break;
        }
      }
    }
    if (pl.segments.length === 0) pl.segments.push(LogSegment.create(dir, 0));
    return pl;
  }

  private get active(): LogSegment {
    return this.segments[this.segments.length - 1]!;
  }

  /** First offset still stored. */
  get logStartOffset(): number {
    return this.segments[0]!.baseOffset;
  }

  /** Offset the next appended record gets; also the high watermark (a single replica is always in sync). */
  get logEndOffset(): number {
    return this.active.nextOffset;
  }

  /** Bytes stored in all segments. */
  get sizeBytes(): number {
    let n = 0;
    for (const s of this.segments) n += s.size;
    return n;
  }

  /** Number of segments (for tests and diagnostics). */
  get segmentCount(): number {
    return this.segments.length;
  }

  /**
   * Appends a validated batch: checks the idempotent producer's sequence, stamps the offset and writes it. A retried
   * duplicate is acknowledged with its original offset and not written again.
   */
  append(batch: Buffer, header: BatchHeader): AppendResult {
    if (this.closed) throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `${this.topic}-${this.partition} was deleted`);
    if (header.producerId >= 0) {
      const check = this.producers.check(header.producerId, header.producerEpoch, header.baseSequence, header.lastOffsetDelta);
      if (check.duplicateOf !== null) return { baseOffset: check.duplicateOf, duplicate: true };
    }
    const baseOffset = this.logEndOffset;
    if (this.active.isFull(batch.length, baseOffset + header.lastOffsetDelta, this.config.segmentBytes)) this.roll();
    stampBatch(batch, 0, baseOffset, LEADER_EPOCH);
    this.active.append(batch, baseOffset, header.lastOffsetDelta, header.maxTimestamp);
    this.flusher.markDirty(this.active);
    if (header.producerId >= 0) this.producers.record(header.producerId, header.producerEpoch, header.baseSequence, header.lastOffsetDelta, baseOffset);
    for (const listener of this.listeners) listener(batch.length);
    return { baseOffset, duplicate: false };
  }

  private roll(): void {
    const old = this.active;
    old.seal();
    this.segments.push(LogSegment.create(this.dir, old.nextOffset));
  }

  /** Resolves when every append so far is on disk (shared fsync rounds across partitions and requests). */
  sync(): Promise<void> {
    return this.flusher.sync();
  }

  /**
   * Whole batches starting with the one that holds `offset`, at most maxBytes unless minOne lets a single larger
   * batch through. Throws OFFSET_OUT_OF_RANGE outside [logStartOffset, logEndOffset].
   */
  read(offset: number, maxBytes: number, minOne: boolean): ReadResult {
    if (offset < this.logStartOffset || offset > this.logEndOffset) {
      throw new KafkaProtocolError(ErrorCode.OFFSET_OUT_OF_RANGE, `offset ${offset} is outside [${this.logStartOffset}, ${this.logEndOffset}] of ${this.topic}-${this.partition}`);
    }
    if (offset === this.logEndOffset || this.closed) return { records: null };
    let i = this.segmentIndexFor(offset);
    const hint = this.hints.get(offset);
    while (i < this.segments.length) {
      const seg = this.segments[i]!;
      const pos = seg.locate(offset, hint !== undefined && hint.segment === seg ? { offset, position: hint.position } : undefined);
      if (pos < seg.size) {
        const r = seg.read(pos, maxBytes, minOne);
        if (r === null) return { records: null };
        this.hints.delete(offset);
        this.hints.set(r.nextOffset, { segment: seg, position: pos + r.bytes.length });
        if (this.hints.size > HINTS) this.hints.delete(this.hints.keys().next().value!);
        return { records: r.bytes };
      }
      i++;
    }
    return { records: null };
  }

  private segmentIndexFor(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let best = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.segments[mid]!.baseOffset <= offset) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  /**
   * The first offset whose record timestamp is >= ts, with that timestamp (ListOffsets by time), or null when every
   * record is older. Records inside snappy or lz4 batches cannot be read here: such a batch answers with its first
   * offset and its max timestamp. A batch whose records cannot be read (corrupt, or a compressed payload inflating
   * beyond maxDecompressedBatchBytes) throws CORRUPT_MESSAGE.
   */
  offsetForTimestamp(ts: number): { offset: number; timestamp: number } | null {
    for (const seg of this.segments) {
      if (seg.maxTimestamp < ts) continue;
      let found: { offset: number; timestamp: number } | null = null;
      seg.scanFrom(seg.timeLookup(ts), (base, _last, maxTs, position) => {
        if (maxTs < ts) return false;
        const batch = seg.readBatch(position);
        const records = batch === null ? null : readRecordTimestamps(batch, maxDecompressedBatchBytes(this.config.maxMessageBytes));
        if (records === null) {
          found = { offset: base, timestamp: maxTs };
          return true;
        }
        for (const rec of records) {
          if (rec.timestamp >= ts && base + rec.offsetDelta >= this.logStartOffset) {
            found = { offset: base + rec.offsetDelta, timestamp: rec.timestamp };
            return true;
          }
        }
        return false;
      });
      if (found !== null) return found;
    }
    return null;
  }

  /** Deletes whole segments past retention.ms or beyond retention.bytes; returns how many went. */
  applyRetention(now: number): number {
    let deleted = 0;
    const { retentionMs, retentionBytes } = this.config;
    if (retentionMs >= 0) {
      const cutoff = now - retentionMs;
      const expired = (s: LogSegment): boolean => s.size > 0 && (s.maxTimestamp >= 0 ? s.maxTimestamp : s.lastModifiedMs) < cutoff;
      // Like Kafka, an expired active segment is rolled so that it can go too.
      if (this.segments.every(expired)) this.roll();
      while (this.segments.length > 1 && expired(this.segments[0]!)) {
        this.deleteOldest();
        deleted++;
      }
    }
    if (retentionBytes >= 0) {
      let excess = this.sizeBytes - retentionBytes;
      while (this.segments.length > 1 && excess - this.segments[0]!.size >= 0) {
        excess -= this.segments[0]!.size;
        this.deleteOldest();
        deleted++;
      }
    }
    return deleted;
  }

  private deleteOldest(): void {
    const seg = this.segments.shift()!;
    for (const [k, h] of this.hints) if (h.segment === seg) this.hints.delete(k);
    seg.delete();
  }

  /**
   * Calls `listener` with the size of every append until removed (fetch long-polls wait on it); a closing log calls
   * it once with Infinity.
   */
  addListener(listener: (appendedBytes: number) => void): void {
    this.listeners.add(listener);
  }

  /** Stops calling `listener`. */
  removeListener(listener: (appendedBytes: number) => void): void {
    this.listeners.delete(listener);
  }

  /** Fsyncs and closes every segment. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.segments) {
      if (!s.isClosed) {
        s.syncNow();
        s.close();
      }
    }
    for (const listener of this.listeners) listener(Number.POSITIVE_INFINITY);
    this.listeners.clear();
  }

  /** Whether the log was closed (broker stopped or topic deleted). */
  get isClosed(): boolean {
    return this.closed;
  }
}

/** Fsyncs a directory so that files created in it survive a crash. */
export function syncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
