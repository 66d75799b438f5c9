import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ProtocolDecodeError, Reader, Writer } from '../../src/protocol/codec.ts';
import { crc32c } from '../../src/protocol/crc32c.ts';

const require = createRequire(import.meta.url);
const kafkajsCrc32c = require('kafkajs/src/protocol/recordBatch/crc32C') as (b: Buffer) => number;

describe('CRC-32C', () => {
  it('matches the standard check value and kafkajs on every length around the 8-byte stride', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    const data = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff));
    for (let len = 0; len < 40; len++) expect(crc32c(data, 0, len)).toBe(kafkajsCrc32c(data.subarray(0, len)));
    expect(crc32c(data, 3, 299)).toBe(kafkajsCrc32c(data.subarray(3, 299)));
  });
});

describe('Writer and Reader', () => {
  it('round-trip every primitive, including negative int64 and compact types', () => {
    const w = new Writer(8)
      .int8(-5)
      .bool(true)
      .int16(-300)
      .int32(-70000)
      .uint32(0xfffffff0)
      .int64(-1)
      .int64(2 ** 40 + 3)
      .uvarint(300)
      .string('协同')
      .nullableString(null)
      .compactString('abc')
      .compactNullableString(null)
      .bytes(Buffer.from([1, 2, 3]))
      .nullableBytes(null)
      .array([1, 2], (w, v) => w.int32(v))
      .nullableArray(null, (w, v: number) => w.int32(v))
      .compactArray(['x'], (w, v) => w.compactString(v))
      .emptyTaggedFields();
    const r = new Reader(w.toBuffer());
    expect([r.int8(), r.bool(), r.int16(), r.int32(), r.uint32(), r.int64(), r.int64(), r.uvarint()]).toEqual([-5, true, -300, -70000, 0xfffffff0, -1, 2 ** 40 + 3, 300]);
    expect([r.string(), r.nullableString(), r.compactString(), r.compactNullableString()]).toEqual(['协同', null, 'abc', null]);
    expect([...r.bytes()]).toEqual([1, 2, 3]);
    expect(r.nullableBytes()).toBeNull();
    expect(r.array((r) => r.int32())).toEqual([1, 2]);
    expect(r.nullableArray((r) => r.int32())).toBeNull();
    expect(r.compactArray((r) => r.compactString())).toEqual(['x']);
    r.skipTaggedFields();
    r.expectEnd();
  });

  it('passes large buffers by reference instead of copying them', () => {
    const big = Buffer.alloc(10_000, 7);
    const chunks = new Writer().int32(big.length).raw(big).int16(1).finish();
    expect(chunks).toContain(big);
    expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(4 + 10_000 + 2);
  });

  it('throws ProtocolDecodeError instead of reading past the end or allocating what a length field claims', () => {
    expect(() => new Reader(Buffer.from([0, 5, 0x61])).string()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0x7f, 0xff, 0xff, 0xff, 0])).array((r) => r.int8())).toThrow(/exceeds/);
    expect(() => new Reader(Buffer.from([0, 0, 0, 9, 1])).bytes()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0xff, 0xff])).string()).toThrow(/null where a string/);
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).uvarint()).toThrow(/longer than 5 bytes/);
    expect(() => new Reader(Buffer.from([0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0])).int64()).toThrow(/range/);
    const r = new Reader(Buffer.from([0, 1, 2]), 0, 2);
    r.int16();
    expect(() => r.int8()).toThrow(ProtocolDecodeError);
  });

  it('decodes zig-zag varints and varlongs as Kafka records use them', () => {
    const r = new Reader(Buffer.from([0x01, 0x02, 0x03, 0xac, 0x02, 0xfe, 0xff, 0xff, 0xff, 0x0f]));
    expect([r.varint(), r.varint(), r.varint(), r.varlong(), r.varlong()]).toEqual([-1, 1, -2, 150, 2147483647]);
  });
});
