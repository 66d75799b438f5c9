// One segment of a partition log: `<baseOffset>.log` holds record batches back to back exactly as produced (with the
// broker's offsets stamped in); `<baseOffset>.index` is a sparse offset index (relative offset int32, file position
// int32, every INDEX_INTERVAL bytes) and `<baseOffset>.timeindex` a sparse time index (max timestamp so far int64,
// relative offset int32). Indexes live in memory and are written to their files when the segment is sealed (rolled) or
// closed: the active segment is always rebuilt from its log at start-up, so the hot path writes no index bytes.
// Sealed segments open their log file only when read, and at most a bounded number (256 by default) stay open, so ten thousand
// partitions do not need thirty thousand file descriptors.
import fs from 'node:fs';
import path from 'node:path';
import { readInt64 } from '../protocol/codec.ts';
import { BATCH_HEADER_SIZE, BatchField, checkBatchAt, LOG_OVERHEAD, readBatchHeader, type BatchHeader } from '../protocol/record-batch.ts';

/** Bytes of log between two offset-index entries. */
export const INDEX_INTERVAL = 4096;
const OFFSET_ENTRY = 8;
const TIME_ENTRY = 12;
const SCAN_CHUNK = 4 * 1024 * 1024;
let maxOpenSealed = 256;

/** Sets how many sealed segments may keep their log file open at once (default 256). */
export function setMaxOpenSealedSegments(n: number): void {
  maxOpenSealed = Math.max(1, n);
}

// Sealed segments whose log file is open, least recently used first.
const openSealed = new Set<LogSegment>();

function trimOpenSealed(): void {
  for (const seg of openSealed) {
    if (openSealed.size <= maxOpenSealed) return;
    if (seg.releaseFd()) openSealed.delete(seg);
  }
}

function fsyncDirSync(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDirAsync(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    fs.open(dir, 'r', (err, fd) => {
      if (err) return reject(err);
      fs.fsync(fd, (e) => fs.close(fd, () => (e ? reject(e) : resolve())));
    });
  });
}

/** The file name stem of the segment starting at baseOffset (20 digits, like Kafka's). */
export function segmentStem(baseOffset: number): string {
  return String(baseOffset).padStart(20, '0');
}

/** A batch found while scanning a segment. */
export interface ScannedBatch {
  readonly position: number;
  readonly baseOffset: number;
  readonly lastOffset: number;
  readonly header: BatchHeader;
}

/** What recovery found in a segment. */
export interface RecoveryResult {
  readonly validBytes: number;
  readonly truncatedBytes: number;
  readonly problem: string | null;
}

class GrowableIndex {
  a: Int32Array = new Int32Array(64);
  b: Float64Array | Int32Array;
  count = 0;

  constructor(wide: boolean) {
    this.b = wide ? new Float64Array(64) : new Int32Array(64);
  }

  push(x: number, y: number): void {
    if (this.count === this.a.length) {
      const a = new Int32Array(this.a.length * 2);
      a.set(this.a);
      this.a = a;
      const b = this.b instanceof Float64Array ? new Float64Array(this.b.length * 2) : new Int32Array(this.b.length * 2);
      b.set(this.b);
      this.b = b;
    }
    this.a[this.count] = x;
    this.b[this.count] = y;
    this.count++;
  }

  clear(): void {
    this.count = 0;
  }
}

/** One segment of a partition log. */
export class LogSegment {
  readonly baseOffset: number;
  readonly dir: string;
  private fd: number | null;
  private sealed = false;
  private dirty = false;
  private syncsInFlight = 0;
  // A new segment's directory entry must reach the disk before its data can be called durable: the first fsync of
  // its bytes also fsyncs the directory (so creating ten thousand empty partitions costs no fsync at all).
  private needsDirSync = false;
  /** Bytes of valid batches in the log file. */
  size = 0;
  /** One past the last offset stored here (baseOffset when empty). */
  nextOffset: number;
  /** Largest batch max-timestamp stored here, -1 when empty. */
  maxTimestamp = -1;
  /** When the segment was created or last appended to (ms), for time retention of segments without timestamps. */
  lastModifiedMs: number;
  // offset index: a = relative offset, b = position
  private readonly offsets = new GrowableIndex(false);
  // time index: a = relative offset, b = timestamp
  private readonly times = new GrowableIndex(true);
  private bytesSinceIndex = 0;
  private readonly header = Buffer.alloc(BatchField.lastOffsetDelta + 4);
  private closed = false;

  private constructor(dir: string, baseOffset: number, fd: number | null) {
    this.dir = dir;
    this.baseOffset = baseOffset;
    this.fd = fd;
    this.nextOffset = baseOffset;
    this.lastModifiedMs = Date.now();
  }

  /** Path of this segment's file with the given extension. */
  file(ext: 'log' | 'index' | 'timeindex'): string {
    return path.join(this.dir, `${segmentStem(this.baseOffset)}.${ext}`);
  }

  /** Creates an empty segment (its files are new; the caller fsyncs the directory). */
  static create(dir: string, baseOffset: number): LogSegment {
    const fd = fs.openSync(path.join(dir, `${segmentStem(baseOffset)}.log`), 'w+');
    const seg = new LogSegment(dir, baseOffset, fd);
    seg.needsDirSync = true;
    return seg;
  }

  /**
   * Opens an existing segment. With `scan`, every batch is read, its CRC checked and the indexes rebuilt; a torn or
   * corrupt tail is truncated. Without it, the indexes on disk are trusted when they pass a sanity check.
   */
  static open(dir: string, baseOffset: number, scan: boolean, onBatch?: (b: ScannedBatch) => void): { segment: LogSegment; recovery: RecoveryResult } {
    const fd = fs.openSync(path.join(dir, `${segmentStem(baseOffset)}.log`), 'r+');
    const seg = new LogSegment(dir, baseOffset, fd);
    const stat = fs.fstatSync(fd);
    seg.lastModifiedMs = stat.mtimeMs;
    let recovery: RecoveryResult = { validBytes: stat.size, truncatedBytes: 0, problem: null };
    if (scan || !seg.loadIndexes(stat.size)) {
      recovery = seg.rebuild(stat.size, onBatch);
    }
    if (!scan) {
      // An older segment: sealed, its file reopened when someone reads it.
      seg.sealed = true;
      fs.closeSync(fd);
      seg.fd = null;
    }
    return { segment: seg, recovery };
  }

  // Loads the on-disk indexes; false when they are missing or fail the sanity checks (then the caller rebuilds).
  private loadIndexes(logSize: number): boolean {
    let idx: Buffer;
    let tidx: Buffer;
    try {
      idx = fs.readFileSync(this.file('index'));
      tidx = fs.readFileSync(this.file('timeindex'));
    } catch {
      return false;
    }
    if (idx.length % OFFSET_ENTRY !== 0 || tidx.length % TIME_ENTRY !== 0) return false;
    if (logSize > 0 && idx.length === 0) return false;
    let prevRel = -1;
    let prevPos = -1;
    for (let p = 0; p < idx.length; p += OFFSET_ENTRY) {
      const rel = idx.readInt32BE(p);
      const pos = idx.readInt32BE(p + 4);
      if (rel <= prevRel || pos <= prevPos || pos >= logSize) return false;
      prevRel = rel;
      prevPos = pos;
      this.offsets.push(rel, pos);
    }
    if (tidx.length / TIME_ENTRY !== this.offsets.count) return this.resetIndexes();
    for (let p = 0; p < tidx.length; p += TIME_ENTRY) {
      const ts = readInt64(tidx, p);
      const rel = tidx.readInt32BE(p + 8);
      if (rel !== this.offsets.a[p / TIME_ENTRY]) return this.resetIndexes();
      this.times.push(rel, ts);
    }
    // The batches after the last index entry give the segment's end offset and max timestamp.
    const lastEntry = this.offsets.count - 1;
    const lastEntryPos = lastEntry >= 0 ? this.offsets.b[lastEntry]! : 0;
    let maxTs = lastEntry >= 0 ? this.times.b[lastEntry]! : -1;
    let next = this.baseOffset;
    let pos = lastEntryPos;
    const hdr = Buffer.allocUnsafe(BATCH_HEADER_SIZE);
    while (pos < logSize) {
      const n = fs.readSync(this.openFd(), hdr, 0, BATCH_HEADER_SIZE, pos);
      if (n < BATCH_HEADER_SIZE) return this.resetIndexes();
      const length = hdr.readInt32BE(BatchField.batchLength);
      if (length < BATCH_HEADER_SIZE - LOG_OVERHEAD) return this.resetIndexes();
      next = readInt64(hdr, 0) + hdr.readInt32BE(BatchField.lastOffsetDelta) + 1;
      maxTs = Math.max(maxTs, readInt64(hdr, BatchField.maxTimestamp));
      pos += length + LOG_OVERHEAD;
    }
    if (pos !== logSize) return this.resetIndexes();
    this.size = logSize;
    this.nextOffset = next;
    this.maxTimestamp = maxTs;
    this.bytesSinceIndex = logSize - lastEntryPos;
    return true;
  }

  private resetIndexes(): false {
    this.offsets.clear();
    this.times.clear();
    this.size = 0;
    return false;
  }

  // Reads every batch, checking CRCs and offsets, truncates at the first bad byte and rewrites both index files.
  private rebuild(fileSize: number, onBatch?: (b: ScannedBatch) => void): RecoveryResult {
    this.offsets.clear();
    this.times.clear();
    this.size = 0;
    this.nextOffset = this.baseOffset;
    this.maxTimestamp = -1;
    this.bytesSinceIndex = 0;
    let problem: string | null = null;
    let pos = 0;
    let chunk: Buffer = Buffer.alloc(0);
    let chunkStart = 0;
    while (pos < fileSize) {
      let rel = pos - chunkStart;
      if (rel + LOG_OVERHEAD > chunk.length) {
        chunk = this.readExact(pos, Math.min(SCAN_CHUNK, fileSize - pos));
        chunkStart = pos;
        rel = 0;
        if (chunk.length < LOG_OVERHEAD) {
          problem = 'truncated batch header at the end of the segment';
          break;
        }
      }
      const length = chunk.readInt32BE(rel + BatchField.batchLength);
      const total = length + LOG_OVERHEAD;
      if (length < BATCH_HEADER_SIZE - LOG_OVERHEAD || pos + total > fileSize) {
        problem = length < BATCH_HEADER_SIZE - LOG_OVERHEAD ? `invalid batch length ${length}` : 'batch runs past the end of the segment (torn write)';
        break;
      }
      if (rel + total > chunk.length) {
        chunk = this.readExact(pos, Math.max(total, Math.min(SCAN_CHUNK, fileSize - pos)));
        chunkStart = pos;
        rel = 0;
      }
      const bad = checkBatchAt(chunk, rel, rel + total, true);
      if (bad !== null) {
        problem = bad;
        break;
      }
      const baseOffset = readInt64(chunk, rel + BatchField.baseOffset);
      if (baseOffset !== this.nextOffset && !(this.size === 0 && baseOffset >= this.baseOffset)) {
        problem = `batch at position ${pos} has offset ${baseOffset}, expected ${this.nextOffset}`;
        break;
      }
      const header = readBatchHeader(chunk, rel);
      this.track(pos, baseOffset, header.lastOffsetDelta, header.maxTimestamp, total);
      onBatch?.({ position: pos, baseOffset, lastOffset: baseOffset + header.lastOffsetDelta, header });
      pos += total;
    }
    if (pos < fileSize) fs.ftruncateSync(this.openFd(), pos);
    this.writeIndexFiles();
    return { validBytes: pos, truncatedBytes: fileSize - pos, problem: pos < fileSize ? problem : null };
  }

  private writeIndexFiles(): void {
    const idx = Buffer.alloc(this.offsets.count * OFFSET_ENTRY);
    for (let i = 0; i < this.offsets.count; i++) {
      idx.writeInt32BE(this.offsets.a[i]!, i * OFFSET_ENTRY);
      idx.writeInt32BE(this.offsets.b[i]!, i * OFFSET_ENTRY + 4);
    }
    const tidx = Buffer.alloc(this.times.count * TIME_ENTRY);
    for (let i = 0; i < this.times.count; i++) {
      tidx.writeBigInt64BE(BigInt(this.times.b[i]!), i * TIME_ENTRY);
      tidx.writeInt32BE(this.times.a[i]!, i * TIME_ENTRY + 8);
    }
    fs.writeFileSync(this.file('index'), idx);
    fs.writeFileSync(this.file('timeindex'), tidx);
  }

  // Updates size, offsets and the sparse indexes for a batch at `pos`. Each time-index entry sits beside an
  // offset-index entry and records the largest timestamp of everything before it: a search for timestamp T may start
  // at the last entry whose recorded maximum is below T.
  private track(pos: number, baseOffset: number, lastOffsetDelta: number, maxTimestamp: number, total: number): void {
    const rel = baseOffset - this.baseOffset;
    if (this.offsets.count === 0 || this.bytesSinceIndex >= INDEX_INTERVAL) {
      this.offsets.push(rel, pos);
      this.times.push(rel, this.maxTimestamp);
      this.bytesSinceIndex = 0;
    }
    this.bytesSinceIndex += total;
    this.size = pos + total;
    this.nextOffset = baseOffset + lastOffsetDelta + 1;
    if (maxTimestamp > this.maxTimestamp) this.maxTimestamp = maxTimestamp;
  }

  /** Appends one batch (already stamped with baseOffset) at the end of the log file. */
  append(batch: Buffer, baseOffset: number, lastOffsetDelta: number, maxTimestamp: number): void {
    const pos = this.size;
    let written = 0;
    const fd = this.openFd();
    while (written < batch.length) written += fs.writeSync(fd, batch, written, batch.length - written, pos + written);
    this.dirty = true;
    this.track(pos, baseOffset, lastOffsetDelta, maxTimestamp, batch.length);
    this.lastModifiedMs = Date.now();
  }

  /** Whether appending `bytes` more (or reaching `lastOffset`) requires a new segment. */
  isFull(bytes: number, lastOffset: number, segmentBytes: number): boolean {
    if (this.size === 0) return false;
    return this.size + bytes > segmentBytes || lastOffset - this.baseOffset > 0x7fffffff;
  }

  private readExact(pos: number, len: number): Buffer {
    const buf = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) {
      const n = fs.readSync(this.openFd(), buf, got, len - got, pos + got);
      if (n === 0) break;
      got += n;
    }
    return got === len ? buf : buf.subarray(0, got);
  }

  private readHeader(pos: number): { baseOffset: number; size: number; lastOffsetDelta: number } | null {
    const h = this.header;
    const n = fs.readSync(this.openFd(), h, 0, h.length, pos);
    if (n < h.length) return null;
    const length = h.readInt32BE(BatchField.batchLength);
    if (length < BATCH_HEADER_SIZE - LOG_OVERHEAD) return null;
    return { baseOffset: readInt64(h, 0), size: length + LOG_OVERHEAD, lastOffsetDelta: h.readInt32BE(BatchField.lastOffsetDelta) };
  }

  // Position of the last index entry at or before `offset`.
  private indexLookup(offset: number): number {
    const rel = offset - this.baseOffset;
    const a = this.offsets.a;
    let lo = 0;
    let hi = this.offsets.count - 1;
    let best = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid]! <= rel) {
        best = this.offsets.b[mid]!;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  /** File position of the first batch whose last offset is >= offset (size when there is none). */
  locate(offset: number, hint?: { offset: number; position: number }): number {
    let pos = hint !== undefined && hint.offset <= offset && hint.position <= this.size ? Math.max(hint.position, this.indexLookup(offset)) : this.indexLookup(offset);
    while (pos < this.size) {
      const h = this.readHeader(pos);
      if (h === null) return this.size;
      if (h.baseOffset + h.lastOffsetDelta >= offset) return pos;
      pos += h.size;
    }
    return this.size;
  }

  /**
   * Whole batches from `position` totalling at most maxBytes; with minOne, the first batch is returned even when it
   * is larger (KIP-74). Returns the bytes and the offset that follows them.
   */
  read(position: number, maxBytes: number, minOne: boolean): { bytes: Buffer; nextOffset: number } | null {
    if (position >= this.size) return null;
    const want = Math.min(Math.max(maxBytes, 0), this.size - position);
    let buf = want >= LOG_OVERHEAD ? this.readExact(position, want) : Buffer.alloc(0);
    let end = 0;
    let next = -1;
    while (end + LOG_OVERHEAD <= buf.length) {
      const total = buf.readInt32BE(end + BatchField.batchLength) + LOG_OVERHEAD;
      if (end + total > buf.length) break;
      next = readInt64(buf, end) + buf.readInt32BE(end + BatchField.lastOffsetDelta) + 1;
      end += total;
    }
    if (end === 0) {
      if (!minOne) return null;
      const h = this.readHeader(position);
      if (h === null) return null;
      buf = this.readExact(position, Math.min(h.size, this.size - position));
      return { bytes: buf, nextOffset: h.baseOffset + h.lastOffsetDelta + 1 };
    }
    return { bytes: end === buf.length ? buf : buf.subarray(0, end), nextOffset: next };
  }

  /** Reads the whole batch at `position`. */
  readBatch(position: number): Buffer | null {
    const h = this.readHeader(position);
    if (h === null) return null;
    return this.readExact(position, h.size);
  }

  /** Position from which to scan for the first record with timestamp >= ts. */
  timeLookup(ts: number): number {
    const t = this.times;
    let lo = 0;
    let hi = t.count - 1;
    let best = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (t.b[mid]! < ts) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return t.count === 0 ? 0 : this.offsets.b[best]!;
  }

  /** Walks batch headers from `position` until `visit` returns true; returns that batch's position or -1. */
  scanFrom(position: number, visit: (baseOffset: number, lastOffset: number, maxTimestamp: number, position: number) => boolean): number {
    let pos = position;
    const hdr = Buffer.allocUnsafe(BATCH_HEADER_SIZE);
    while (pos < this.size) {
      const n = fs.readSync(this.openFd(), hdr, 0, BATCH_HEADER_SIZE, pos);
      if (n < BATCH_HEADER_SIZE) return -1;
      const base = readInt64(hdr, 0);
      const last = base + hdr.readInt32BE(BatchField.lastOffsetDelta);
      if (visit(base, last, readInt64(hdr, BatchField.maxTimestamp), pos)) return pos;
      pos += hdr.readInt32BE(BatchField.batchLength) + LOG_OVERHEAD;
    }
    return -1;
  }

  // The log file's descriptor, opening it (and evicting the least recently used sealed segment) when needed.
  private openFd(): number {
    if (this.closed) throw new Error(`segment ${this.file('log')} is closed`);
    if (this.fd === null) {
      this.fd = fs.openSync(this.file('log'), 'r+');
      if (this.sealed) {
        openSealed.add(this);
        trimOpenSealed();
      }
    } else if (this.sealed) {
      openSealed.delete(this);
      openSealed.add(this);
    }
    return this.fd;
  }

  /** Closes the file of a sealed, clean, idle segment to free its descriptor; false when it must stay open. */
  releaseFd(): boolean {
    if (this.fd === null) return true;
    if (!this.sealed || this.dirty || this.syncsInFlight > 0) return false;
    fs.closeSync(this.fd);
    this.fd = null;
    return true;
  }

  /** Makes appended bytes durable (fdatasync off the event loop); resolves at once when there is nothing to sync. */
  flushAsync(): Promise<void> {
    if (!this.dirty || this.fd === null || this.closed) return Promise.resolve();
    this.dirty = false;
    this.syncsInFlight++;
    const fd = this.fd;
    const dirToo = this.needsDirSync;
    this.needsDirSync = false;
    return new Promise<void>((resolve, reject) => {
      fs.fdatasync(fd, (err) => {
        this.syncsInFlight--;
        if (this.closed && this.syncsInFlight === 0 && this.fd !== null) this.closeFd();
        if (err) {
          this.dirty = true;
          this.needsDirSync ||= dirToo;
          reject(err);
        } else if (dirToo) {
          fsyncDirAsync(this.dir).then(resolve, (e: unknown) => {
            this.needsDirSync = true;
            reject(e);
          });
        } else resolve();
      });
    });
  }

  /** Whether appended bytes await an fsync. */
  get isDirty(): boolean {
    return this.dirty;
  }

  /** Flushes the log file to disk synchronously (used when the broker stops). */
  syncNow(): void {
    if (this.fd !== null && this.dirty && !this.closed) {
      fs.fdatasyncSync(this.fd);
      this.dirty = false;
      if (this.needsDirSync) fsyncDirSync(this.dir);
      this.needsDirSync = false;
    }
  }

  /**
   * Marks the segment as no longer appended to: fsyncs it (rolls are rare, and a clean sealed segment may give its
   * descriptor back) and writes its index files.
   */
  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    if (this.dirty && this.fd !== null && this.syncsInFlight === 0) this.syncNow();
    this.writeIndexFiles();
    if (this.fd !== null) {
      openSealed.add(this);
      trimOpenSealed();
    }
  }

  private closeFd(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  /**
   * Closes the segment (its descriptor once no fsync is running on it). An active segment writes no index files:
   * start-up always rebuilds the active segment's indexes from its log.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    openSealed.delete(this);
    if (this.syncsInFlight === 0) this.closeFd();
  }

  /** Whether close() or delete() has run. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Closes and removes the segment's files. */
  delete(): void {
    this.sealed = true;
    this.close();
    for (const ext of ['log', 'index', 'timeindex'] as const) fs.rmSync(this.file(ext), { force: true });
  }
}
