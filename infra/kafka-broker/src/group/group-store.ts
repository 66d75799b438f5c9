// Durable storage for committed offsets and group metadata, playing the part of Kafka's __consumer_offsets topic:
// an append-only file of records `[u32 length][u32 crc32c][JSON payload]`, replayed on start (later records win),
// its torn or corrupt tail truncated, and rewritten compactly when it has grown well past its live content.
import fs from 'node:fs';
import path from 'node:path';
import { crc32c } from '../protocol/crc32c.ts';
import { syncDir } from '../log/partition-log.ts';

/** A committed offset as stored. */
export interface CommittedOffset {
  readonly offset: number;
  readonly leaderEpoch: number;
  readonly metadata: string | null;
  readonly commitTimestamp: number;
}

/** A group member as stored with the group's metadata. */
export interface StoredMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly protocols: ReadonlyArray<{ readonly name: string; readonly metadata: string }>;
  readonly assignment: string;
}

/** A group's metadata as stored when it becomes Stable or Empty. */
export interface StoredGroup {
  readonly groupId: string;
  readonly protocolType: string | null;
  readonly generationId: number;
  readonly protocolName: string | null;
  readonly leaderId: string | null;
  readonly members: readonly StoredMember[];
}

type StoreRecord =
  | { readonly t: 'offset'; readonly g: string; readonly topic: string; readonly p: number; readonly v: CommittedOffset | null }
  | { readonly t: 'group'; readonly g: string; readonly v: StoredGroup | null };

/** Everything recovered from the store. */
export interface StoreContents {
  readonly groups: Map<string, StoredGroup>;
  readonly offsets: Map<string, Map<string, Map<number, CommittedOffset>>>;
}

const HEADER = 8;
const FLUSH_DELAY_MS = 500;
const COMPACT_MIN_BYTES = 4 * 1024 * 1024;

/** The append-only group/offset store. */
export class GroupStore {
  private readonly file: string;
  private fd = -1;
  private size = 0;
  private liveRecords = 0;
  private appendedSinceCompaction = 0;
  private closed = false;
  private dirty = false;
  private syncsInFlight = 0;
  // A descriptor replaced by compaction while an fsync on it was running; closed when that fsync ends.
  private retiredFd = -1;
  private inFlight: Promise<void> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly log: (line: string) => void;

  constructor(dataDir: string, log: (line: string) => void) {
    this.file = path.join(dataDir, 'groups', 'group-store.log');
    this.log = log;
  }

  // fdatasyncs appended records; a call that finds nothing new to sync still waits for a sync already running,
  // which covers its writes.
  private flushAsync(): Promise<void> {
    if (this.closed || this.fd < 0) return Promise.resolve();
    if (!this.dirty) return this.inFlight ?? Promise.resolve();
    this.dirty = false;
    const fd = this.fd;
    this.syncsInFlight++;
    const p = new Promise<void>((resolve, reject) => {
      fs.fdatasync(fd, (err) => {
        this.syncsInFlight--;
        if (this.inFlight === p) this.inFlight = null;
        if (this.syncsInFlight === 0 && this.retiredFd >= 0) {
          fs.closeSync(this.retiredFd);
          this.retiredFd = -1;
        }
        if (this.closed && this.syncsInFlight === 0 && fd === this.fd) fs.closeSync(fd);
        if (err) {
          this.dirty = true;
          reject(err);
        } else resolve();
      });
    });
    this.inFlight = p;
    return p;
  }

  // Offset commits do not wait for the disk (see GroupCoordinator.commitOffsets); they are fsynced shortly after, in
  // rounds of their own so that they never lengthen the fsync a producer with acks=all is waiting for. Rounds are
  // spaced out because on ext4 a write to a file blocks while that file is being fsynced, and kafkajs writes here
  // after every batch it consumes: frequent fsyncs stalled the event loop (measured up to 78 ms on a loaded machine).
  private scheduleFlush(): void {
    if (this.flushTimer !== null) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flushAsync().catch((e: unknown) => this.log(`group store: fsync failed: ${(e as Error).message}`));
    }, FLUSH_DELAY_MS);
    this.flushTimer.unref();
  }

  /** Replays the file, truncating a torn or corrupt tail, compacts it when worthwhile, and opens it for appends. */
  load(): StoreContents {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const groups = new Map<string, StoredGroup>();
    const offsets = new Map<string, Map<string, Map<number, CommittedOffset>>>();
    let buf = Buffer.alloc(0);
    try {
      buf = fs.readFileSync(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    let pos = 0;
    let count = 0;
    let problem: string | null = null;
    while (pos < buf.length) {
      if (buf.length - pos < HEADER) {
        problem = 'truncated record header';
        break;
      }
      const len = buf.readUInt32BE(pos);
      if (pos + HEADER + len > buf.length) {
        problem = 'record runs past the end of the file (torn write)';
        break;
      }
      if (crc32c(buf, pos + HEADER, pos + HEADER + len) !== buf.readUInt32BE(pos + 4)) {
        problem = 'CRC mismatch';
        break;
      }
      let rec: StoreRecord;
      try {
        rec = JSON.parse(buf.toString('utf8', pos + HEADER, pos + HEADER + len)) as StoreRecord;
      } catch {
        problem = 'unparseable record';
        break;
      }
      apply(rec, groups, offsets);
      count++;
      pos += HEADER + len;
    }
    if (problem !== null) this.log(`recovery group store: truncated ${buf.length - pos} bytes at position ${pos}: ${problem}`);
    const live = countLive(groups, offsets);
    if (problem !== null || (buf.length > COMPACT_MIN_BYTES && count > 2 * live)) {
      this.rewrite(groups, offsets);
    } else {
      this.fd = fs.openSync(this.file, 'a');
      this.size = pos;
    }
    this.liveRecords = live;
    return { groups, offsets };
  }

  // Writes the live state to a new file and swaps it in atomically.
  private rewrite(groups: Map<string, StoredGroup>, offsets: Map<string, Map<string, Map<number, CommittedOffset>>>): void {
    const parts: Buffer[] = [];
    for (const g of groups.values()) parts.push(encode({ t: 'group', g: g.groupId, v: g }));
    for (const [g, topics] of offsets) for (const [topic, ps] of topics) for (const [p, v] of ps) parts.push(encode({ t: 'offset', g, topic, p, v }));
    const tmp = `${this.file}.tmp`;
    const data = Buffer.concat(parts);
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (this.fd >= 0) {
      // Appends already on their way to disk stay valid: the new file holds everything they wrote.
      if (this.syncsInFlight === 0) fs.closeSync(this.fd);
      else this.retiredFd = this.fd;
    }
    fs.renameSync(tmp, this.file);
    syncDir(path.dirname(this.file));
    this.fd = fs.openSync(this.file, 'a');
    this.size = data.length;
    this.appendedSinceCompaction = 0;
  }

  private append(rec: StoreRecord): void {
    if (this.closed) return;
    const b = encode(rec);
    fs.writeSync(this.fd, b);
    this.size += b.length;
    this.appendedSinceCompaction++;
    this.dirty = true;
    this.scheduleFlush();
  }

  /** Appends committed offsets (null removes one). */
  writeOffsets(groupId: string, entries: ReadonlyArray<{ topic: string; partition: number; value: CommittedOffset | null }>): void {
    for (const e of entries) this.append({ t: 'offset', g: groupId, topic: e.topic, p: e.partition, v: e.value });
  }

  /** Appends a group's metadata (null removes the group). */
  writeGroup(groupId: string, value: StoredGroup | null): void {
    this.append({ t: 'group', g: groupId, v: value });
  }

  /** Resolves once every write so far is on disk. */
  sync(): Promise<void> {
    return this.flushAsync();
  }

  /** Rewrites the file from the live state when appends have far outgrown it. */
  maybeCompact(groups: Map<string, StoredGroup>, offsets: Map<string, Map<string, Map<number, CommittedOffset>>>): void {
    this.liveRecords = countLive(groups, offsets);
    if (this.size > COMPACT_MIN_BYTES && this.appendedSinceCompaction > 2 * this.liveRecords) this.rewrite(groups, offsets);
  }

  /** Fsyncs and closes the file. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    if (this.fd >= 0) {
      fs.fsyncSync(this.fd);
      if (this.syncsInFlight === 0) fs.closeSync(this.fd);
    }
  }
}

function countLive(groups: Map<string, StoredGroup>, offsets: Map<string, Map<string, Map<number, CommittedOffset>>>): number {
  let n = groups.size;
  for (const topics of offsets.values()) for (const ps of topics.values()) n += ps.size;
  return n;
}

function encode(rec: StoreRecord): Buffer {
  const json = Buffer.from(JSON.stringify(rec), 'utf8');
  const out = Buffer.allocUnsafe(HEADER + json.length);
  out.writeUInt32BE(json.length, 0);
  out.writeUInt32BE(crc32c(json), 4);
  json.copy(out, HEADER);
  return out;
}

function apply(rec: StoreRecord, groups: Map<string, StoredGroup>, offsets: Map<string, Map<string, Map<number, CommittedOffset>>>): void {
  if (rec.t === 'group') {
    if (rec.v === null) {
      groups.delete(rec.g);
      offsets.delete(rec.g);
    } else groups.set(rec.g, rec.v);
    return;
  }
  let topics = offsets.get(rec.g);
  if (rec.v === null) {
    topics?.get(rec.topic)?.delete(rec.p);
    if (topics?.get(rec.topic)?.size === 0) topics.delete(rec.topic);
    if (topics?.size === 0) offsets.delete(rec.g);
    return;
  }
  if (topics === undefined) {
    topics = new Map();
    offsets.set(rec.g, topics);
  }
  let ps = topics.get(rec.topic);
  if (ps === undefined) {
    ps = new Map();
    topics.set(rec.topic, ps);
  }
  ps.set(rec.p, rec.v);
}
