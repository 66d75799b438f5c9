// Builds magic v2 record batches for unit tests, independently of the broker's own code paths (only its CRC-32C,
// which codec.test.ts checks against known values and kafkajs).
import zlib from 'node:zlib';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32c } from '../../../src/protocol/crc32c.ts';

/** One record to put in a batch. */
export interface TestRecord {
  key?: string | null;
  value: string | Buffer;
  headers?: Record<string, string>;
  timestampDelta?: number;
}

/** Options of buildBatch. */
export interface BatchOptions {
  baseTimestamp?: number;
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  gzip?: boolean;
  transactional?: boolean;
}

function zigzag(n: number): number[] {
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function varBytes(b: Buffer | null): Buffer {
  return b === null ? Buffer.from(zigzag(-1)) : Buffer.concat([Buffer.from(zigzag(b.length)), b]);
}

function encodeRecord(r: TestRecord, offsetDelta: number): Buffer {
  const headers = Object.entries(r.headers ?? {});
  const body = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(zigzag(r.timestampDelta ?? 0)),
    Buffer.from(zigzag(offsetDelta)),
    varBytes(r.key === undefined || r.key === null ? null : Buffer.from(r.key)),
    varBytes(Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value)),
    Buffer.from(zigzag(headers.length)),
    ...headers.map(([k, v]) => Buffer.concat([varBytes(Buffer.from(k)), varBytes(Buffer.from(v))])),
  ]);
  return Buffer.concat([Buffer.from(zigzag(body.length)), body]);
}

/** A v2 record batch with baseOffset 0, as a producer sends it. */
export function buildBatch(records: readonly TestRecord[], o: BatchOptions = {}): Buffer {
  const baseTimestamp = o.baseTimestamp ?? Date.now();
  const maxDelta = Math.max(...records.map((r) => r.timestampDelta ?? 0));
  let payload = Buffer.concat(records.map((r, i) => encodeRecord(r, i)));
  if (o.gzip === true) payload = zlib.gzipSync(payload);
  const header = Buffer.alloc(61);
  header.writeBigInt64BE(0n, 0);
  header.writeInt32BE(61 - 12 + payload.length, 8);
  header.writeInt32BE(0, 12);
  header.writeInt8(2, 16);
  header.writeInt16BE((o.gzip === true ? 1 : 0) | (o.transactional === true ? 0x10 : 0), 21);
  header.writeInt32BE(records.length - 1, 23);
  header.writeBigInt64BE(BigInt(baseTimestamp), 27);
  header.writeBigInt64BE(BigInt(baseTimestamp + maxDelta), 35);
  header.writeBigInt64BE(BigInt(o.producerId ?? -1), 43);
  header.writeInt16BE(o.producerEpoch ?? -1, 51);
  header.writeInt32BE(o.baseSequence ?? -1, 53);
  header.writeInt32BE(records.length, 57);
  const batch = Buffer.concat([header, payload]);
  batch.writeUInt32BE(crc32c(batch, 21), 17);
  return batch;
}

/** Values of the records of the stored batches in `bytes` (uncompressed batches only), with their offsets. */
export function readValues(bytes: Buffer | null): Array<{ offset: number; value: string }> {
  const out: Array<{ offset: number; value: string }> = [];
  if (bytes === null) return out;
  let pos = 0;
  while (pos + 61 <= bytes.length) {
    const base = Number(bytes.readBigInt64BE(pos));
    const size = bytes.readInt32BE(pos + 8) + 12;
    const count = bytes.readInt32BE(pos + 57);
    let p = pos + 61;
    const varint = (): number => {
      let result = 0;
      let shift = 0;
      for (;;) {
        const b = bytes[p++]!;
        result += (b & 0x7f) * 2 ** shift;
        if ((b & 0x80) === 0) break;
        shift += 7;
      }
      return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
    };
    for (let i = 0; i < count; i++) {
      varint();
      p += 1;
      varint();
      const offsetDelta = varint();
      const keyLen = varint();
      if (keyLen > 0) p += keyLen;
      const valueLen = varint();
      const value = bytes.toString('utf8', p, p + valueLen);
      p += valueLen;
      const headerCount = varint();
      for (let h = 0; h < headerCount; h++) {
        p += varint();
        p += varint();
      }
      out.push({ offset: base + offsetDelta, value });
    }
    pos += size;
  }
  return out;
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kafka-broker-${prefix}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
