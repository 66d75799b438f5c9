import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/protocol/error-codes.ts';
import { maxDecompressedBatchBytes, readRecordTimestamps, validateProducedBatch } from '../../src/protocol/record-batch.ts';
import { crc32c } from '../../src/protocol/crc32c.ts';
import { buildBatch } from './helpers/record-batches.ts';

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as { errorCode?: number }).errorCode;
  }
}

describe('validateProducedBatch', () => {
  it('accepts a well-formed batch and reads its header', () => {
    const batch = buildBatch([{ key: 'k', value: 'v', headers: { h: '1' } }, { value: 'w' }], { producerId: 5, producerEpoch: 2, baseSequence: 10 });
    expect(validateProducedBatch(batch, 1 << 20, 7)).toMatchObject({ recordCount: 2, lastOffsetDelta: 1, producerId: 5, producerEpoch: 2, baseSequence: 10, compression: 0 });
  });

  it('refuses bad input with the codes Kafka uses', () => {
    const good = buildBatch([{ value: 'v' }]);
    const badCrc = Buffer.from(good);
    badCrc[badCrc.length - 1] = badCrc[badCrc.length - 1]! ^ 1;
    expect(codeOf(() => validateProducedBatch(badCrc, 1 << 20, 7))).toBe(ErrorCode.CORRUPT_MESSAGE);
    const oldMagic = Buffer.from(good);
    oldMagic.writeInt8(1, 16);
    expect(codeOf(() => validateProducedBatch(oldMagic, 1 << 20, 7))).toBe(ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT);
    expect(codeOf(() => validateProducedBatch(good, 20, 7))).toBe(ErrorCode.MESSAGE_TOO_LARGE);
    expect(codeOf(() => validateProducedBatch(good.subarray(0, good.length - 2), 1 << 20, 7))).toBe(ErrorCode.CORRUPT_MESSAGE);
    expect(codeOf(() => validateProducedBatch(Buffer.concat([good, good]), 1 << 20, 7))).toBe(ErrorCode.INVALID_RECORD);
    expect(codeOf(() => validateProducedBatch(buildBatch([{ value: 'v' }], { transactional: true }), 1 << 20, 7))).toBe(ErrorCode.INVALID_TXN_STATE);
    const wrongCount = Buffer.from(good);
    wrongCount.writeInt32BE(2, 23); // lastOffsetDelta 2 for a single record
    wrongCount.writeUInt32BE(crc32c(wrongCount, 21), 17);
    expect(codeOf(() => validateProducedBatch(wrongCount, 1 << 20, 7))).toBe(ErrorCode.INVALID_RECORD);
    // Right CRC, broken record framing: refused before it can reach a consumer.
    const badFraming = Buffer.from(good);
    badFraming[61] = 0x7e;
    badFraming.writeUInt32BE(crc32c(badFraming, 21), 17);
    expect(codeOf(() => validateProducedBatch(badFraming, 1 << 20, 7))).toBe(ErrorCode.CORRUPT_MESSAGE);
  });

  it('accepts compressed batches without decompressing them, but zstd only from Produce v7', () => {
    const gz = buildBatch([{ value: 'a' }, { value: 'b' }], { gzip: true });
    expect(validateProducedBatch(gz, 1 << 20, 3).compression).toBe(1);
    const zstd = Buffer.from(gz);
    zstd.writeInt16BE(4, 21);
    zstd.writeUInt32BE(crc32c(zstd, 21), 17);
    expect(validateProducedBatch(zstd, 1 << 20, 7).compression).toBe(4);
    expect(codeOf(() => validateProducedBatch(zstd, 1 << 20, 6))).toBe(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE);
  });
});

describe('readRecordTimestamps', () => {
  it('reads record timestamps inside gzip batches within the decompression limit', () => {
    const gz = buildBatch([{ value: 'a' }, { value: 'b', timestampDelta: 7 }], { gzip: true, baseTimestamp: 1_000 });
    expect(readRecordTimestamps(gz, 1024)).toEqual([
      { offsetDelta: 0, timestamp: 1_000 },
      { offsetDelta: 1, timestamp: 1_007 },
    ]);
  });

  it('refuses a gzip batch that inflates beyond the limit (zip bomb) with CORRUPT_MESSAGE, without allocating it', () => {
    // 8 MiB of zeros compress to about 8 KiB: a small batch that would inflate a thousandfold.
    const bomb = buildBatch([{ value: Buffer.alloc(8 * 1024 * 1024) }], { gzip: true });
    expect(bomb.length).toBeLessThan(64 * 1024);
    let error: unknown;
    try {
      readRecordTimestamps(bomb, 1024 * 1024);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ errorCode: ErrorCode.CORRUPT_MESSAGE, message: expect.stringMatching(/decompresses to more than 1048576 bytes/) });
  });

  it('refuses a payload that does not decompress or whose records do not parse with CORRUPT_MESSAGE', () => {
    const gz = buildBatch([{ value: 'a' }], { gzip: true });
    const garbled = Buffer.from(gz);
    garbled.fill(0x55, 61 + 10); // inside the gzip stream, after its header
    expect(codeOf(() => readRecordTimestamps(garbled, 1 << 20))).toBe(ErrorCode.CORRUPT_MESSAGE);
    const plain = buildBatch([{ value: 'a' }]);
    plain.writeInt32BE(1_000, 57); // claims 1,000 records
    expect(codeOf(() => readRecordTimestamps(plain, 1 << 20))).toBe(ErrorCode.CORRUPT_MESSAGE);
  });

  it('bounds decompression at sixteen times max.message.bytes', () => {
    expect(maxDecompressedBatchBytes(1024 * 1024)).toBe(16 * 1024 * 1024);
    expect(maxDecompressedBatchBytes(0x7fffffff)).toBe(512 * 1024 * 1024);
  });
});
