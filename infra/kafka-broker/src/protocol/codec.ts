// Kafka wire primitives. Written here rather than borrowed because kafkajs's encoder/decoder have no stable exports
// and no bounds checks: every read below checks the remaining length and throws ProtocolDecodeError, so a malformed
// frame can never read past its own end, allocate an absurd array, or crash the broker.

/** Thrown when bytes on the wire do not follow the schema (truncated field, bad length, invalid value). */
export class ProtocolDecodeError extends Error {
  readonly code = 'PROTOCOL_DECODE_ERROR';
  override readonly name = 'ProtocolDecodeError';
}

const TWO_32 = 4294967296;

/** Bounds-checked big-endian reader over one request frame. */
export class Reader {
  readonly buf: Buffer;
  pos: number;
  readonly end: number;

  constructor(buf: Buffer, start = 0, end = buf.length) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  /** Bytes left before the end of this reader's window. */
  remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.end) {
      throw new ProtocolDecodeError(`truncated ${what}: needed ${n} bytes at offset ${this.pos}, ${this.end - this.pos} left`);
    }
  }

  int8(): number {
    this.need(1, 'int8');
    return this.buf.readInt8(this.pos++);
  }

  bool(): boolean {
    return this.int8() !== 0;
  }

  int16(): number {
    this.need(2, 'int16');
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    this.need(4, 'int32');
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  uint32(): number {
    this.need(4, 'uint32');
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  /** int64 as a JS number; values outside ±2^53 are rejected rather than silently rounded. */
  int64(): number {
    this.need(8, 'int64');
    const hi = this.buf.readInt32BE(this.pos);
    const lo = this.buf.readUInt32BE(this.pos + 4);
    this.pos += 8;
    if (hi > 0x1fffff || hi < -0x200000) throw new ProtocolDecodeError(`int64 out of the supported range at offset ${this.pos - 8}`);
    return hi * TWO_32 + lo;
  }

  uvarint(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      this.need(1, 'varint');
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) {
        if (result > 0xffffffff) throw new ProtocolDecodeError('unsigned varint exceeds 32 bits');
        return result;
      }
      shift += 7;
    }
    throw new ProtocolDecodeError('unsigned varint longer than 5 bytes');
  }

  varint(): number {
    const u = this.uvarint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  /** Zig-zag varlong (record timestamps and offsets deltas); limited to the safe-integer range. */
  varlong(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      this.need(1, 'varlong');
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) {
        if (!Number.isSafeInteger(result)) throw new ProtocolDecodeError('varlong out of the supported range');
        return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
      }
      shift += 7;
    }
    throw new ProtocolDecodeError('varlong longer than 10 bytes');
  }

  private utf8(len: number): string {
    this.need(len, 'string');
    const s = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += len;
    return s;
  }

  string(): string {
    const len = this.int16();
    if (len < 0) throw new ProtocolDecodeError(`null where a string is required at offset ${this.pos - 2}`);
    return this.utf8(len);
  }

  nullableString(): string | null {
    const len = this.int16();
    if (len === -1) return null;
    if (len < -1) throw new ProtocolDecodeError(`invalid string length ${len}`);
    return this.utf8(len);
  }

  compactString(): string {
    const len = this.uvarint() - 1;
    if (len < 0) throw new ProtocolDecodeError('null where a compact string is required');
    return this.utf8(len);
  }

  compactNullableString(): string | null {
    const len = this.uvarint() - 1;
    return len < 0 ? null : this.utf8(len);
  }

  /** A view into the frame (no copy): callers that keep it past the request must copy. */
  bytes(): Buffer {
    const b = this.nullableBytes();
    if (b === null) throw new ProtocolDecodeError('null where bytes are required');
    return b;
  }

  nullableBytes(): Buffer | null {
    const len = this.int32();
    if (len === -1) return null;
    if (len < -1) throw new ProtocolDecodeError(`invalid bytes length ${len}`);
    this.need(len, 'bytes');
    const b = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return b;
  }

  compactBytes(): Buffer {
    const len = this.uvarint() - 1;
    if (len < 0) throw new ProtocolDecodeError('null where compact bytes are required');
    this.need(len, 'bytes');
    const b = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return b;
  }

  skip(n: number): void {
    this.need(n, 'field');
    this.pos += n;
  }

  private arrayOf<T>(len: number, item: (r: Reader) => T): T[] {
    // Every element takes at least one byte, so a length beyond the remaining bytes is a lie: refuse it before
    // allocating anything.
    if (len > this.remaining()) throw new ProtocolDecodeError(`array length ${len} exceeds the ${this.remaining()} bytes left`);
    const out = new Array<T>(len);
    for (let i = 0; i < len; i++) out[i] = item(this);
    return out;
  }

  array<T>(item: (r: Reader) => T): T[] {
    const len = this.int32();
    if (len < 0) throw new ProtocolDecodeError(`null where an array is required (length ${len})`);
    return this.arrayOf(len, item);
  }

  nullableArray<T>(item: (r: Reader) => T): T[] | null {
    const len = this.int32();
    if (len === -1) return null;
    if (len < -1) throw new ProtocolDecodeError(`invalid array length ${len}`);
    return this.arrayOf(len, item);
  }

  compactArray<T>(item: (r: Reader) => T): T[] {
    const len = this.uvarint() - 1;
    if (len < 0) throw new ProtocolDecodeError('null where a compact array is required');
    return this.arrayOf(len, item);
  }

  /** Skips a tagged-field section: the broker understands no tags in the flexible versions it speaks. */
  skipTaggedFields(): void {
    const count = this.uvarint();
    for (let i = 0; i < count; i++) {
      this.uvarint();
      this.skip(this.uvarint());
    }
  }

  /** Fails unless the reader consumed its whole window (trailing garbage is a malformed request). */
  expectEnd(): void {
    if (this.pos !== this.end) throw new ProtocolDecodeError(`${this.end - this.pos} unexpected trailing bytes`);
  }
}

const INITIAL = 256;
const LARGE_RAW = 2048;

/**
 * Big-endian writer producing a list of chunks, so large record sets (fetch responses) are passed by reference and
 * never copied into the response.
 */
export class Writer {
  private readonly chunks: Buffer[] = [];
  private buf: Buffer;
  private pos = 0;
  private flushed = 0;

  constructor(initial = INITIAL) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  /** Total bytes written so far. */
  get length(): number {
    return this.flushed + this.pos;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  int8(v: number): this {
    this.ensure(1);
    this.buf.writeInt8(v, this.pos++);
    return this;
  }

  bool(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }

  int16(v: number): this {
    this.ensure(2);
    this.buf.writeInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  int32(v: number): this {
    this.ensure(4);
    this.buf.writeInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  uint32(v: number): this {
    this.ensure(4);
    this.buf.writeUInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  int64(v: number): this {
    this.ensure(8);
    writeInt64(this.buf, v, this.pos);
    this.pos += 8;
    return this;
  }

  uvarint(v: number): this {
    this.ensure(5);
    let x = v;
    while (x >= 0x80) {
      this.buf[this.pos++] = (x & 0x7f) | 0x80;
      x = Math.floor(x / 128);
    }
    this.buf[this.pos++] = x;
    return this;
  }

  string(s: string): this {
    const len = Buffer.byteLength(s, 'utf8');
    this.int16(len);
    this.ensure(len);
    this.pos += this.buf.write(s, this.pos, 'utf8');
    return this;
  }

  nullableString(s: string | null): this {
    return s === null ? this.int16(-1) : this.string(s);
  }

  compactString(s: string): this {
    const len = Buffer.byteLength(s, 'utf8');
    this.uvarint(len + 1);
    this.ensure(len);
    this.pos += this.buf.write(s, this.pos, 'utf8');
    return this;
  }

  compactNullableString(s: string | null): this {
    return s === null ? this.uvarint(0) : this.compactString(s);
  }

  bytes(b: Buffer): this {
    this.int32(b.length);
    return this.raw(b);
  }

  nullableBytes(b: Buffer | null): this {
    return b === null ? this.int32(-1) : this.bytes(b);
  }

  /** Appends bytes verbatim; large buffers are referenced, not copied. */
  raw(b: Buffer): this {
    if (b.length >= LARGE_RAW) {
      this.flushChunk();
      this.chunks.push(b);
      this.flushed += b.length;
      return this;
    }
    this.ensure(b.length);
    b.copy(this.buf, this.pos);
    this.pos += b.length;
    return this;
  }

  array<T>(items: readonly T[], item: (w: Writer, v: T) => void): this {
    this.int32(items.length);
    for (const v of items) item(this, v);
    return this;
  }

  nullableArray<T>(items: readonly T[] | null, item: (w: Writer, v: T) => void): this {
    return items === null ? this.int32(-1) : this.array(items, item);
  }

  compactArray<T>(items: readonly T[], item: (w: Writer, v: T) => void): this {
    this.uvarint(items.length + 1);
    for (const v of items) item(this, v);
    return this;
  }

  /** An empty tagged-field section. */
  emptyTaggedFields(): this {
    return this.uvarint(0);
  }

  private flushChunk(): void {
    if (this.pos === 0) return;
    this.chunks.push(this.buf.subarray(0, this.pos));
    this.flushed += this.pos;
    this.buf = Buffer.allocUnsafe(Math.max(INITIAL, this.buf.length - this.pos));
    this.pos = 0;
  }

  /** The written bytes as chunks, in order. The writer must not be used afterwards. */
  finish(): Buffer[] {
    this.flushChunk();
    return this.chunks;
  }

  /** The written bytes as one buffer (copies when there is more than one chunk). */
  toBuffer(): Buffer {
    const chunks = this.finish();
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  }
}

/** Writes a safe integer as a big-endian int64. */
export function writeInt64(buf: Buffer, v: number, pos: number): void {
  if (v >= 0) {
    buf.writeUInt32BE(Math.floor(v / TWO_32), pos);
    buf.writeUInt32BE(v % TWO_32, pos + 4);
  } else {
    buf.writeBigInt64BE(BigInt(v), pos);
  }
}

/** Reads a big-endian int64 as a number (callers use it on values the broker itself wrote or validated). */
export function readInt64(buf: Buffer, pos: number): number {
  return buf.readInt32BE(pos) * TWO_32 + buf.readUInt32BE(pos + 4);
}
