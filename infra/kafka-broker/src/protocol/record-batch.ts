// Record batch (magic v2) header layout and validation. The broker stores batches exactly as received: it checks
// the header and the CRC-32C, rewrites baseOffset and partitionLeaderEpoch (both outside the CRC), and never
// re-encodes or decompresses records to append or to serve them.
import zlib from 'node:zlib';
import { crc32c } from './crc32c.ts';
import { readInt64, Reader, writeInt64 } from './codec.ts';
import { ErrorCode, KafkaProtocolError } from './error-codes.ts';

/** Byte offsets of the v2 batch header fields. */
export const BatchField = {
  baseOffset: 0,
  batchLength: 8,
  partitionLeaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  baseTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordCount: 57,
} as const;

/** Size of the v2 batch header; the smallest possible batch. */
export const BATCH_HEADER_SIZE = 61;
/** baseOffset + batchLength: the prefix that batchLength does not count. */
export const LOG_OVERHEAD = 12;

/** Compression codecs by attribute value. */
export const Compression = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;

/** What the broker needs to know about one batch, read from its header. */
export interface BatchHeader {
  readonly size: number;
  readonly lastOffsetDelta: number;
  readonly recordCount: number;
  readonly baseTimestamp: number;
  readonly maxTimestamp: number;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly compression: number;
  readonly isTransactional: boolean;
  readonly isControl: boolean;
}

/** Reads the header fields of the batch starting at pos (the caller has checked that 61 bytes are there). */
export function readBatchHeader(buf: Buffer, pos: number): BatchHeader {
  const attributes = buf.readInt16BE(pos + BatchField.attributes);
  return {
    size: buf.readInt32BE(pos + BatchField.batchLength) + LOG_OVERHEAD,
    lastOffsetDelta: buf.readInt32BE(pos + BatchField.lastOffsetDelta),
    recordCount: buf.readInt32BE(pos + BatchField.recordCount),
    baseTimestamp: readInt64(buf, pos + BatchField.baseTimestamp),
    maxTimestamp: readInt64(buf, pos + BatchField.maxTimestamp),
    producerId: readInt64(buf, pos + BatchField.producerId),
    producerEpoch: buf.readInt16BE(pos + BatchField.producerEpoch),
    baseSequence: buf.readInt32BE(pos + BatchField.baseSequence),
    compression: attributes & 0x07,
    isTransactional: (attributes & 0x10) !== 0,
    isControl: (attributes & 0x20) !== 0,
  };
}

/** The batch's base offset as stored. */
export function batchBaseOffset(buf: Buffer, pos: number): number {
  return readInt64(buf, pos + BatchField.baseOffset);
}

/** Sets baseOffset and partitionLeaderEpoch in place; neither is covered by the CRC. */
export function stampBatch(buf: Buffer, pos: number, baseOffset: number, leaderEpoch: number): void {
  writeInt64(buf, baseOffset, pos + BatchField.baseOffset);
  buf.writeInt32BE(leaderEpoch, pos + BatchField.partitionLeaderEpoch);
}

/** Why a stored or received batch is unusable, or null when it is sound. */
export function checkBatchAt(buf: Buffer, pos: number, end: number, verifyCrc: boolean): string | null {
  if (end - pos < LOG_OVERHEAD) return 'truncated batch header';
  const length = buf.readInt32BE(pos + BatchField.batchLength);
  if (length < BATCH_HEADER_SIZE - LOG_OVERHEAD) return `batch length ${length} is smaller than a batch header`;
  if (pos + LOG_OVERHEAD + length > end) return 'truncated batch';
  const magic = buf.readInt8(pos + BatchField.magic);
  if (magic !== 2) return `unsupported record format (magic ${magic})`;
  if (verifyCrc) {
    const stored = buf.readUInt32BE(pos + BatchField.crc);
    const actual = crc32c(buf, pos + BatchField.attributes, pos + LOG_OVERHEAD + length);
    if (stored !== actual) return `CRC mismatch (stored ${stored.toString(16)}, computed ${actual.toString(16)})`;
  }
  const lastOffsetDelta = buf.readInt32BE(pos + BatchField.lastOffsetDelta);
  const count = buf.readInt32BE(pos + BatchField.recordCount);
  if (lastOffsetDelta < 0 || count < 0 || count > lastOffsetDelta + 1) return `inconsistent record count ${count} for lastOffsetDelta ${lastOffsetDelta}`;
  return null;
}

/**
 * Validates the single v2 batch of a produce request for one partition and returns its header. Throws
 * KafkaProtocolError with the code Kafka's own LogValidator would use.
 */
export function validateProducedBatch(records: Buffer, maxMessageBytes: number, produceVersion: number): BatchHeader {
  if (records.length < LOG_OVERHEAD + 5) throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, 'record set is too short to hold a batch');
  const magic = records.readInt8(BatchField.magic);
  if (magic !== 2) throw new KafkaProtocolError(ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT, `record format v${magic} is not supported; use magic v2 record batches`);
  const length = records.readInt32BE(BatchField.batchLength);
  if (length + LOG_OVERHEAD !== records.length) {
    if (length + LOG_OVERHEAD < records.length && length >= BATCH_HEADER_SIZE - LOG_OVERHEAD) {
      throw new KafkaProtocolError(ErrorCode.INVALID_RECORD, 'a produce request must carry exactly one record batch per partition');
    }
    throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, `batch length ${length} does not match the ${records.length - LOG_OVERHEAD} bytes sent`);
  }
  if (records.length > maxMessageBytes) {
    throw new KafkaProtocolError(ErrorCode.MESSAGE_TOO_LARGE, `batch of ${records.length} bytes exceeds max.message.bytes ${maxMessageBytes}`);
  }
  const problem = checkBatchAt(records, 0, records.length, true);
  if (problem !== null) throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, problem);
  const header = readBatchHeader(records, 0);
  if (header.recordCount === 0) throw new KafkaProtocolError(ErrorCode.INVALID_RECORD, 'record batch holds no records');
  if (header.recordCount !== header.lastOffsetDelta + 1) {
    throw new KafkaProtocolError(ErrorCode.INVALID_RECORD, `record count ${header.recordCount} does not match lastOffsetDelta ${header.lastOffsetDelta}`);
  }
  if (header.isControl) throw new KafkaProtocolError(ErrorCode.INVALID_RECORD, 'clients may not produce control batches');
  if (header.isTransactional) throw new KafkaProtocolError(ErrorCode.INVALID_TXN_STATE, 'transactions are not supported by the development broker');
  if (header.compression > Compression.zstd) throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, `unknown compression codec ${header.compression}`);
  if (header.compression === Compression.zstd && produceVersion < 7) {
    throw new KafkaProtocolError(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, 'zstd needs Produce v7 or later');
  }
  if (header.compression === Compression.none) checkRecordFraming(records, header.recordCount);
  return header;
}

// Walks the length prefixes of uncompressed records so that a batch whose CRC is right but whose framing is not
// (a buggy client) is refused at the door instead of breaking consumers later.
function checkRecordFraming(batch: Buffer, count: number): void {
  const r = new Reader(batch, BATCH_HEADER_SIZE);
  try {
    for (let i = 0; i < count; i++) {
      const len = r.varint();
      if (len < 0) throw new Error(`negative record length ${len}`);
      r.skip(len);
    }
  } catch (e) {
    throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, `record ${count} framing: ${(e as Error).message}`);
  }
  if (r.remaining() !== 0) throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, `${r.remaining()} bytes after the last record`);
}

/**
 * How many times its stored size a compressed batch may inflate when the broker reads its records (ListOffsets by
 * time). The batches come from clients and are stored without being decompressed, so a small batch could otherwise
 * make gunzipSync allocate gigabytes (a zip bomb). Sixteen times max.message.bytes leaves room for very repetitive
 * real payloads (JSON events compress about 5–10 times) while keeping one request's memory bounded.
 */
export const MAX_BATCH_INFLATION = 16;

/** The most bytes a batch of a topic with this max.message.bytes may decompress to (see MAX_BATCH_INFLATION). */
export function maxDecompressedBatchBytes(maxMessageBytes: number): number {
  return Math.min(maxMessageBytes * MAX_BATCH_INFLATION, 512 * 1024 * 1024);
}

/**
 * Offset delta and timestamp of each record of a batch, decompressing gzip and zstd into at most
 * `maxDecompressedBytes`; null for codecs it cannot read. A payload that does not decompress, decompresses to more
 * than the limit, or whose records do not parse throws CORRUPT_MESSAGE.
 */
export function readRecordTimestamps(batch: Buffer, maxDecompressedBytes: number): Array<{ offsetDelta: number; timestamp: number }> | null {
  const header = readBatchHeader(batch, 0);
  let body: Buffer;
  const payload = batch.subarray(BATCH_HEADER_SIZE, header.size);
  const codec = header.compression === Compression.gzip ? 'gzip' : 'zstd';
  try {
    if (header.compression === Compression.none) body = payload;
    else if (header.compression === Compression.gzip) body = zlib.gunzipSync(payload, { maxOutputLength: maxDecompressedBytes });
    else if (header.compression === Compression.zstd && typeof zlib.zstdDecompressSync === 'function') body = zlib.zstdDecompressSync(payload, { maxOutputLength: maxDecompressedBytes });
    else return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ERR_BUFFER_TOO_LARGE' ? `decompresses to more than ${maxDecompressedBytes} bytes` : `does not decompress (${(e as Error).message})`;
    throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, `${codec} batch of ${header.size} bytes ${why}`);
  }
  const r = new Reader(body);
  const out: Array<{ offsetDelta: number; timestamp: number }> = [];
  try {
    for (let i = 0; i < header.recordCount; i++) {
      const len = r.varint();
      const end = r.pos + len;
      if (len < 0 || end > body.length) throw new Error(`record ${i} claims ${len} bytes, ${body.length - r.pos} are left`);
      r.int8();
      const timestampDelta = r.varlong();
      const offsetDelta = r.varint();
      out.push({ offsetDelta, timestamp: header.baseTimestamp + timestampDelta });
      r.pos = end;
    }
  } catch (e) {
    throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, `records of the batch do not parse: ${(e as Error).message}`);
  }
  return out;
}
