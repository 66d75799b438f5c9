import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Flusher } from '../../src/log/flusher.ts';
import { PartitionLog, type LogConfig } from '../../src/log/partition-log.ts';
import { setMaxOpenSealedSegments } from '../../src/log/segment.ts';
import { ErrorCode, KafkaProtocolError } from '../../src/protocol/error-codes.ts';
import { validateProducedBatch } from '../../src/protocol/record-batch.ts';
import { buildBatch, readValues, tempDir, type BatchOptions } from './helpers/record-batches.ts';

const CONFIG: LogConfig = { segmentBytes: 1024 * 1024, retentionMs: -1, retentionBytes: -1, maxMessageBytes: 1024 * 1024 };
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function open(dir: string, config: Partial<LogConfig> = {}, lines: string[] = []): PartitionLog {
  const log = PartitionLog.open(dir, 't', 0, { ...CONFIG, ...config }, new Flusher(), (l) => lines.push(l));
  cleanups.push(() => log.close());
  return log;
}

function newDir(): string {
  const t = tempDir('log');
  cleanups.push(t.remove);
  return t.dir;
}

function append(log: PartitionLog, values: string[], o: BatchOptions = {}): number {
  const batch = buildBatch(values.map((value) => ({ value })), o);
  return log.append(batch, validateProducedBatch(batch, 1024 * 1024, 7)).baseOffset;
}

function readAll(log: PartitionLog, from = log.logStartOffset): Array<{ offset: number; value: string }> {
  const out: Array<{ offset: number; value: string }> = [];
  let offset = from;
  for (let i = 0; i < 10_000 && offset < log.logEndOffset; i++) {
    const { records } = log.read(offset, 64 * 1024, true);
    const got = readValues(records).filter((r) => r.offset >= offset);
    if (got.length === 0) break;
    out.push(...got);
    offset = got[got.length - 1]!.offset + 1;
  }
  return out;
}

describe('PartitionLog', () => {
  it('assigns consecutive offsets and serves whole batches from any offset inside them', () => {
    const log = open(newDir());
    expect(append(log, ['a', 'b', 'c'])).toBe(0);
    expect(append(log, ['d'])).toBe(3);
    expect(log.logEndOffset).toBe(4);
    expect(readValues(log.read(1, 1 << 20, true).records).map((r) => r.offset)).toEqual([0, 1, 2, 3]);
    expect(log.read(4, 1 << 20, true).records).toBeNull();
    expect(() => log.read(5, 1 << 20, true)).toThrow(KafkaProtocolError);
  });

  it('stops at batch boundaries under maxBytes but returns one oversized batch when it comes first', () => {
    const log = open(newDir());
    append(log, ['x'.repeat(500)]);
    append(log, ['y'.repeat(500)]);
    const one = log.read(0, 700, false).records!;
    expect(readValues(one).map((r) => r.offset)).toEqual([0]);
    expect(log.read(0, 100, false).records).toBeNull();
    expect(readValues(log.read(0, 100, true).records).map((r) => r.offset)).toEqual([0]);
  });

  it('rolls segments, reads across them and reopens with the same content', () => {
    const dir = newDir();
    const log = open(dir, { segmentBytes: 2048 });
    for (let i = 0; i < 40; i++) append(log, [`v${i}-${'p'.repeat(100)}`]);
    expect(log.segmentCount).toBeGreaterThan(2);
    const before = readAll(log);
    expect(before.map((r) => r.offset)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    log.close();
    const again = open(dir, { segmentBytes: 2048 });
    expect(again.logEndOffset).toBe(40);
    expect(readAll(again)).toEqual(before);
    expect(append(again, ['next'])).toBe(40);
  });

  it('truncates a torn write at the tail after a crash and never serves it', () => {
    const dir = newDir();
    const log = open(dir);
    append(log, ['kept-1']);
    append(log, ['kept-2']);
    log.close();
    const file = path.join(dir, '00000000000000000000.log');
    const size = fs.statSync(file).size;
    const torn = buildBatch([{ value: 'half written' }]);
    torn.writeBigInt64BE(2n, 0);
    fs.appendFileSync(file, torn.subarray(0, torn.length - 7));
    const lines: string[] = [];
    const recovered = open(dir, {}, lines);
    expect(recovered.logEndOffset).toBe(2);
    expect(fs.statSync(file).size).toBe(size);
    expect(lines.join('\n')).toMatch(/truncated \d+ bytes/);
    expect(append(recovered, ['after'])).toBe(2);
    expect(readAll(recovered).map((r) => r.value)).toEqual(['kept-1', 'kept-2', 'after']);
  });

  it('truncates at a batch whose CRC does not match (bit rot at the tail)', () => {
    const dir = newDir();
    const log = open(dir);
    append(log, ['good']);
    append(log, ['rotten']);
    log.close();
    const file = path.join(dir, '00000000000000000000.log');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    const lines: string[] = [];
    const recovered = open(dir, {}, lines);
    expect(recovered.logEndOffset).toBe(1);
    expect(lines.join('\n')).toMatch(/CRC mismatch/);
  });

  it('rebuilds missing or corrupt indexes of older segments', () => {
    const dir = newDir();
    const log = open(dir, { segmentBytes: 2048 });
    for (let i = 0; i < 60; i++) append(log, [`v${i}-${'q'.repeat(80)}`]);
    const before = readAll(log);
    log.close();
    const indexes = fs.readdirSync(dir).filter((f) => f.endsWith('.index')).sort();
    fs.rmSync(path.join(dir, indexes[0]!));
    fs.writeFileSync(path.join(dir, indexes[1]!), Buffer.from([1, 2, 3]));
    const again = open(dir, { segmentBytes: 2048 });
    expect(readAll(again)).toEqual(before);
    expect(fs.statSync(path.join(dir, indexes[0]!)).size % 8).toBe(0);
    expect(fs.statSync(path.join(dir, indexes[1]!)).size % 8).toBe(0);
  });

  it('keeps a bounded number of descriptors open for sealed segments, however many are read', () => {
    const openFds = (): number => fs.readdirSync('/proc/self/fd').length;
    setMaxOpenSealedSegments(10);
    cleanups.push(() => setMaxOpenSealedSegments(256));
    const before = openFds();
    const log = open(newDir(), { segmentBytes: 1024 });
    for (let i = 0; i < 40; i++) append(log, [`v${i}-${'f'.repeat(1000)}`]);
    expect(log.segmentCount).toBeGreaterThanOrEqual(40);
    expect(readAll(log)).toHaveLength(40);
    expect(openFds() - before).toBeLessThanOrEqual(12);
  });

  it('finds offsets by timestamp, inside batches and inside gzip batches', () => {
    const log = open(newDir());
    const t0 = 1_700_000_000_000;
    const batch = buildBatch([{ value: 'a' }, { value: 'b', timestampDelta: 10 }, { value: 'c', timestampDelta: 20 }], { baseTimestamp: t0 });
    log.append(batch, validateProducedBatch(batch, 1 << 20, 7));
    const zipped = buildBatch([{ value: 'd' }, { value: 'e', timestampDelta: 5 }], { baseTimestamp: t0 + 100, gzip: true });
    log.append(zipped, validateProducedBatch(zipped, 1 << 20, 7));
    expect(log.offsetForTimestamp(t0 - 1)).toEqual({ offset: 0, timestamp: t0 });
    expect(log.offsetForTimestamp(t0 + 5)).toEqual({ offset: 1, timestamp: t0 + 10 });
    expect(log.offsetForTimestamp(t0 + 20)).toEqual({ offset: 2, timestamp: t0 + 20 });
    expect(log.offsetForTimestamp(t0 + 101)).toEqual({ offset: 4, timestamp: t0 + 105 });
    expect(log.offsetForTimestamp(t0 + 1000)).toBeNull();
  });

  it('deletes whole segments past retention.bytes, moving the log start offset', () => {
    const log = open(newDir(), { segmentBytes: 2048, retentionBytes: 4096 });
    for (let i = 0; i < 100; i++) append(log, [`v${i}-${'r'.repeat(100)}`]);
    const deleted = log.applyRetention(Date.now());
    expect(deleted).toBeGreaterThan(0);
    expect(log.sizeBytes).toBeLessThanOrEqual(4096 + 2048);
    expect(log.logStartOffset).toBeGreaterThan(0);
    expect(() => log.read(0, 1024, true)).toThrow(expect.objectContaining({ errorCode: ErrorCode.OFFSET_OUT_OF_RANGE }));
    expect(readAll(log)[0]?.offset).toBe(log.logStartOffset);
  });

  it('deletes segments whose newest record is older than retention.ms, including the active one', () => {
    const log = open(newDir(), { segmentBytes: 2048, retentionMs: 60_000 });
    const old = Date.now() - 120_000;
    for (let i = 0; i < 30; i++) append(log, [`old-${i}-${'s'.repeat(100)}`], { baseTimestamp: old });
    log.applyRetention(Date.now());
    expect(log.logStartOffset).toBe(30);
    expect(log.logEndOffset).toBe(30);
    expect(append(log, ['fresh'])).toBe(30);
    log.applyRetention(Date.now());
    expect(readAll(log).map((r) => r.value)).toEqual(['fresh']);
  });
});

describe('idempotent producers', () => {
  it('acknowledges a retried batch with its original offset and appends it once', () => {
    const log = open(newDir());
    expect(append(log, ['a', 'b'], { producerId: 7, producerEpoch: 0, baseSequence: 0 })).toBe(0);
    expect(append(log, ['c'], { producerId: 7, producerEpoch: 0, baseSequence: 2 })).toBe(2);
    const retry = buildBatch([{ value: 'a' }, { value: 'b' }], { producerId: 7, producerEpoch: 0, baseSequence: 0 });
    expect(log.append(retry, validateProducedBatch(retry, 1 << 20, 7))).toEqual({ baseOffset: 0, duplicate: true });
    expect(log.logEndOffset).toBe(3);
  });

  it('refuses a gap in sequence numbers and a stale epoch with the protocol errors', () => {
    const log = open(newDir());
    append(log, ['a'], { producerId: 9, producerEpoch: 1, baseSequence: 0 });
    expect(() => append(log, ['skip'], { producerId: 9, producerEpoch: 1, baseSequence: 5 })).toThrow(expect.objectContaining({ errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER }));
    expect(() => append(log, ['old'], { producerId: 9, producerEpoch: 0, baseSequence: 1 })).toThrow(expect.objectContaining({ errorCode: ErrorCode.INVALID_PRODUCER_EPOCH }));
    expect(append(log, ['b'], { producerId: 9, producerEpoch: 1, baseSequence: 1 })).toBe(1);
  });

  it('remembers producer sequences across a restart (rebuilt from the active segment)', () => {
    const dir = newDir();
    const log = open(dir);
    append(log, ['a'], { producerId: 3, producerEpoch: 0, baseSequence: 0 });
    log.close();
    const again = open(dir);
    const retry = buildBatch([{ value: 'a' }], { producerId: 3, producerEpoch: 0, baseSequence: 0 });
    expect(again.append(retry, validateProducedBatch(retry, 1 << 20, 7)).duplicate).toBe(true);
    expect(() => append(again, ['x'], { producerId: 3, producerEpoch: 0, baseSequence: 3 })).toThrow(expect.objectContaining({ errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER }));
  });
});
