// A small, kafkajs-independent encoder/decoder for the few Kafka requests the raw-protocol tests send. It is written
// here rather than borrowed from kafkajs on purpose: the tests must be able to build frames kafkajs would never send
// (bad CRCs, sequence gaps, duplicate batches, malformed headers) and must not share a bug with the client under test.
// Field layouts follow apache/kafka clients/src/main/resources/common/message/*.json.

/** Kafka API keys used by the tests. */
export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  InitProducerId: 22,
  CreatePartitions: 37,
  DeleteGroups: 42,
} as const;

/** Kafka error codes the tests expect (org.apache.kafka.common.protocol.Errors). */
export const ErrorCode = {
  NONE: 0,
  OFFSET_OUT_OF_RANGE: 1,
  CORRUPT_MESSAGE: 2,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  MESSAGE_TOO_LARGE: 10,
  INVALID_TOPIC_EXCEPTION: 17,
  UNSUPPORTED_VERSION: 35,
  TOPIC_ALREADY_EXISTS: 36,
  INVALID_PARTITIONS: 37,
  INVALID_REQUEST: 42,
  OUT_OF_ORDER_SEQUENCE_NUMBER: 45,
  INVALID_PRODUCER_EPOCH: 47,
  NON_EMPTY_GROUP: 68,
  GROUP_ID_NOT_FOUND: 69,
  INVALID_RECORD: 87,
} as const;

/** Builds a Kafka-encoded byte sequence field by field (big-endian, as the protocol requires). */
export class WireWriter {
  private readonly chunks: Buffer[] = [];

  private push(size: number, write: (buffer: Buffer) => void): this {
    const buffer = Buffer.alloc(size);
    write(buffer);
    this.chunks.push(buffer);
    return this;
  }

  /** Writes a signed 8-bit integer. */
  int8(value: number): this {
    return this.push(1, (b) => b.writeInt8(value));
  }

  /** Writes a signed 16-bit integer. */
  int16(value: number): this {
    return this.push(2, (b) => b.writeInt16BE(value));
  }

  /** Writes a signed 32-bit integer. */
  int32(value: number): this {
    return this.push(4, (b) => b.writeInt32BE(value));
  }

  /** Writes an unsigned 32-bit integer. */
  uint32(value: number): this {
    return this.push(4, (b) => b.writeUInt32BE(value));
  }

  /** Writes a signed 64-bit integer. */
  int64(value: bigint | number): this {
    return this.push(8, (b) => b.writeBigInt64BE(BigInt(value)));
  }

  /** Writes a boolean as one byte. */
  bool(value: boolean): this {
    return this.int8(value ? 1 : 0);
  }

  /** Writes an unsigned LEB128 varint. */
  uvarint(value: number): this {
    const bytes: number[] = [];
    let rest = value >>> 0;
    while (rest > 0x7f) {
      bytes.push((rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    bytes.push(rest);
    this.chunks.push(Buffer.from(bytes));
    return this;
  }

  /** Writes a zig-zag signed varint (record fields). */
  varint(value: number): this {
    return this.uvarint(((value << 1) ^ (value >> 31)) >>> 0);
  }

  /** Writes a zig-zag signed varlong (record timestamp deltas). */
  varlong(value: bigint | number): this {
    const v = BigInt(value);
    let rest = BigInt.asUintN(64, (v << 1n) ^ (v >> 63n));
    const bytes: number[] = [];
    while (rest > 0x7fn) {
      bytes.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    bytes.push(Number(rest));
    this.chunks.push(Buffer.from(bytes));
    return this;
  }

  /** Writes a nullable string with an int16 length. */
  string(value: string | null): this {
    if (value === null) return this.int16(-1);
    const bytes = Buffer.from(value, 'utf8');
    return this.int16(bytes.length).raw(bytes);
  }

  /** Writes a nullable compact string (flexible versions). */
  compactString(value: string | null): this {
    if (value === null) return this.uvarint(0);
    const bytes = Buffer.from(value, 'utf8');
    return this.uvarint(bytes.length + 1).raw(bytes);
  }

  /** Writes nullable bytes with an int32 length. */
  bytes(value: Buffer | null): this {
    if (value === null) return this.int32(-1);
    return this.int32(value.length).raw(value);
  }

  /** Writes an int32-counted array; null writes -1. */
  array<T>(items: readonly T[] | null, writeItem: (writer: this, item: T) => void): this {
    if (items === null) return this.int32(-1);
    this.int32(items.length);
    for (const item of items) writeItem(this, item);
    return this;
  }

  /** Writes an empty tagged-field section (flexible versions). */
  emptyTaggedFields(): this {
    return this.uvarint(0);
  }

  /** Appends bytes as they are. */
  raw(bytes: Buffer): this {
    this.chunks.push(bytes);
    return this;
  }

  /** The bytes written so far. */
  build(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Reads Kafka-encoded fields from a buffer, throwing when the buffer ends early. */
export class WireReader {
  offset = 0;
  private readonly buffer: Buffer;

  constructor(buffer: Buffer) {
    this.buffer = buffer;
  }

  /** Bytes not yet read. */
  get remaining(): number {
    return this.buffer.length - this.offset;
  }

  private take(size: number): number {
    if (size < 0 || this.offset + size > this.buffer.length) {
      throw new RangeError(`need ${size} bytes at offset ${this.offset}, have ${this.remaining}`);
    }
    const at = this.offset;
    this.offset += size;
    return at;
  }

  /** Reads a signed 8-bit integer. */
  int8(): number {
    return this.buffer.readInt8(this.take(1));
  }

  /** Reads a signed 16-bit integer. */
  int16(): number {
    return this.buffer.readInt16BE(this.take(2));
  }

  /** Reads a signed 32-bit integer. */
  int32(): number {
    return this.buffer.readInt32BE(this.take(4));
  }

  /** Reads an unsigned 32-bit integer. */
  uint32(): number {
    return this.buffer.readUInt32BE(this.take(4));
  }

  /** Reads a signed 64-bit integer. */
  int64(): bigint {
    return this.buffer.readBigInt64BE(this.take(8));
  }

  /** Reads a boolean byte. */
  bool(): boolean {
    return this.int8() !== 0;
  }

  /** Reads an unsigned LEB128 varint. */
  uvarint(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.buffer.readUInt8(this.take(1));
      result |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result >>> 0;
    }
    throw new RangeError('varint longer than 5 bytes');
  }

  /** Reads a zig-zag signed varint. */
  varint(): number {
    const raw = this.uvarint();
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** Reads a zig-zag signed varlong. */
  varlong(): bigint {
    let raw = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = BigInt(this.buffer.readUInt8(this.take(1)));
      raw |= (byte & 0x7fn) << shift;
      if ((byte & 0x80n) === 0n) return (raw >> 1n) ^ -(raw & 1n);
    }
    throw new RangeError('varlong longer than 10 bytes');
  }

  /** Reads a nullable int16-length string. */
  string(): string | null {
    const length = this.int16();
    if (length < 0) return null;
    return this.buffer.toString('utf8', this.take(length), this.offset);
  }

  /** Reads a nullable compact string. */
  compactString(): string | null {
    const length = this.uvarint() - 1;
    if (length < 0) return null;
    return this.buffer.toString('utf8', this.take(length), this.offset);
  }

  /** Reads nullable int32-length bytes. */
  bytes(): Buffer | null {
    const length = this.int32();
    if (length < 0) return null;
    return this.raw(length);
  }

  /** Reads `length` bytes. */
  raw(length: number): Buffer {
    const at = this.take(length);
    return this.buffer.subarray(at, at + length);
  }

  /** Reads an int32-counted nullable array. */
  array<T>(readItem: (reader: this) => T): T[] | null {
    const count = this.int32();
    if (count < 0) return null;
    const items: T[] = [];
    for (let i = 0; i < count; i += 1) items.push(readItem(this));
    return items;
  }

  /** Reads a compact (uvarint count + 1) nullable array. */
  compactArray<T>(readItem: (reader: this) => T): T[] | null {
    const count = this.uvarint() - 1;
    if (count < 0) return null;
    const items: T[] = [];
    for (let i = 0; i < count; i += 1) items.push(readItem(this));
    return items;
  }

  /** Skips a tagged-field section. */
  skipTaggedFields(): void {
    const count = this.uvarint();
    for (let i = 0; i < count; i += 1) {
      this.uvarint();
      this.raw(this.uvarint());
    }
  }
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C (Castagnoli), the checksum of record batch format v2. */
export function crc32c(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC32C_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** One record for encodeRecordBatch. */
export interface RecordInput {
  key?: Buffer | null;
  value: Buffer | null;
  headers?: { key: string; value: Buffer | null }[];
  timestampDelta?: number;
}

/** Record batch header fields; defaults describe a plain, non-idempotent batch. */
export interface RecordBatchInput {
  baseOffset?: bigint;
  firstTimestamp?: bigint;
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  attributes?: number;
  records: RecordInput[];
}

/** Byte offset of the CRC field inside a record batch, and of the first byte the CRC covers. */
export const BATCH_CRC_OFFSET = 17;
const BATCH_CRC_COVERS_FROM = 21;

/** Encodes an uncompressed record batch (magic 2) with a correct CRC-32C. */
export function encodeRecordBatch(input: RecordBatchInput): Buffer {
  const firstTimestamp = input.firstTimestamp ?? BigInt(Date.now());
  const records = input.records.map((record, index) => {
    const body = new WireWriter()
      .int8(0)
      .varlong(record.timestampDelta ?? 0)
      .varint(index);
    if (record.key === undefined || record.key === null) body.varint(-1);
    else body.varint(record.key.length).raw(record.key);
    if (record.value === null) body.varint(-1);
    else body.varint(record.value.length).raw(record.value);
    const headers = record.headers ?? [];
    body.varint(headers.length);
    for (const header of headers) {
      const key = Buffer.from(header.key, 'utf8');
      body.varint(key.length).raw(key);
      if (header.value === null) body.varint(-1);
      else body.varint(header.value.length).raw(header.value);
    }
    const encoded = body.build();
    return new WireWriter().varint(encoded.length).raw(encoded).build();
  });
  const maxDelta = input.records.reduce((max, record) => Math.max(max, record.timestampDelta ?? 0), 0);
  const afterCrc = new WireWriter()
    .int16(input.attributes ?? 0)
    .int32(input.records.length - 1)
    .int64(firstTimestamp)
    .int64(firstTimestamp + BigInt(maxDelta))
    .int64(input.producerId ?? -1n)
    .int16(input.producerEpoch ?? -1)
    .int32(input.baseSequence ?? -1)
    .int32(input.records.length)
    .raw(Buffer.concat(records))
    .build();
  const batchLength = 4 + 1 + 4 + afterCrc.length; // partitionLeaderEpoch + magic + crc + rest
  return new WireWriter()
    .int64(input.baseOffset ?? 0n)
    .int32(batchLength)
    .int32(-1)
    .int8(2)
    .uint32(crc32c(afterCrc))
    .raw(afterCrc)
    .build();
}

/** A record decoded from a fetched batch. */
export interface DecodedRecord {
  offset: bigint;
  timestamp: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: string; value: Buffer | null }[];
}

/** A record batch decoded from a Fetch response. */
export interface DecodedBatch {
  baseOffset: bigint;
  lastOffset: bigint;
  magic: number;
  crcValid: boolean;
  attributes: number;
  compression: number;
  producerId: bigint;
  baseSequence: number;
  sizeInBytes: number;
  /** Undefined when the batch is compressed (the tests only decode uncompressed batches themselves). */
  records: DecodedRecord[] | undefined;
}

/**
 * Decodes the record batches of a Fetch response's record set. A trailing partial batch is legal (the broker may cut
 * the set at max bytes) and is ignored, as clients do.
 */
export function decodeRecordBatches(recordSet: Buffer): DecodedBatch[] {
  const batches: DecodedBatch[] = [];
  let at = 0;
  while (recordSet.length - at >= 12) {
    const baseOffset = recordSet.readBigInt64BE(at);
    const batchLength = recordSet.readInt32BE(at + 8);
    const size = 12 + batchLength;
    if (batchLength <= 0 || at + size > recordSet.length) break;
    const batch = recordSet.subarray(at, at + size);
    at += size;
    const magic = batch.readInt8(16);
    if (magic !== 2) {
      batches.push({
        baseOffset, lastOffset: baseOffset, magic, crcValid: false, attributes: 0, compression: 0,
        producerId: -1n, baseSequence: -1, sizeInBytes: size, records: undefined,
      });
      continue;
    }
    const reader = new WireReader(batch);
    reader.offset = BATCH_CRC_OFFSET;
    const crc = reader.uint32();
    const crcValid = crc === crc32c(batch.subarray(BATCH_CRC_COVERS_FROM));
    const attributes = reader.int16();
    const lastOffsetDelta = reader.int32();
    const firstTimestamp = reader.int64();
    reader.int64(); // max timestamp
    const producerId = reader.int64();
    reader.int16(); // producer epoch
    const baseSequence = reader.int32();
    const count = reader.int32();
    const compression = attributes & 0x07;
    let records: DecodedRecord[] | undefined;
    if (compression === 0) {
      records = [];
      for (let i = 0; i < count; i += 1) {
        reader.varint(); // record length
        reader.int8(); // record attributes
        const timestampDelta = reader.varlong();
        const offsetDelta = reader.varint();
        const keyLength = reader.varint();
        const key = keyLength < 0 ? null : Buffer.from(reader.raw(keyLength));
        const valueLength = reader.varint();
        const value = valueLength < 0 ? null : Buffer.from(reader.raw(valueLength));
        const headerCount = reader.varint();
        const headers: { key: string; value: Buffer | null }[] = [];
        for (let h = 0; h < headerCount; h += 1) {
          const headerKey = reader.raw(reader.varint()).toString('utf8');
          const headerValueLength = reader.varint();
          headers.push({ key: headerKey, value: headerValueLength < 0 ? null : Buffer.from(reader.raw(headerValueLength)) });
        }
        records.push({ offset: baseOffset + BigInt(offsetDelta), timestamp: firstTimestamp + timestampDelta, key, value, headers });
      }
    }
    batches.push({
      baseOffset, lastOffset: baseOffset + BigInt(lastOffsetDelta), magic, crcValid, attributes, compression,
      producerId, baseSequence, sizeInBytes: size, records,
    });
  }
  return batches;
}

/** Frames a request: size, header (v1, or v2 for flexible versions) and body. */
export function encodeRequestFrame(options: {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId?: string | null;
  flexibleHeader?: boolean;
  body: Buffer;
}): Buffer {
  const header = new WireWriter()
    .int16(options.apiKey)
    .int16(options.apiVersion)
    .int32(options.correlationId)
    .string(options.clientId === undefined ? 'conformance-raw' : options.clientId);
  if (options.flexibleHeader === true) header.emptyTaggedFields();
  const payload = Buffer.concat([header.build(), options.body]);
  return new WireWriter().int32(payload.length).raw(payload).build();
}

// ---------------------------------------------------------------------------------------------------------------
// Request bodies and response decoders for the versions the tests use. The versions are ones Apache Kafka 4.x still
// accepts (KIP-896 removed older ones) and that need no flexible encoding, except ApiVersions v3.

/** An ApiVersions entry. */
export interface ApiVersionRange {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

/** Decodes an ApiVersions v0 response body (also the shape of an UNSUPPORTED_VERSION answer). */
export function decodeApiVersionsV0(reader: WireReader): { errorCode: number; apiKeys: ApiVersionRange[] } {
  const errorCode = reader.int16();
  const apiKeys = reader.array((r) => ({ apiKey: r.int16(), minVersion: r.int16(), maxVersion: r.int16() })) ?? [];
  return { errorCode, apiKeys };
}

/** Body of an ApiVersions v3 request (flexible). */
export function encodeApiVersionsV3(clientSoftwareName: string, clientSoftwareVersion: string): Buffer {
  return new WireWriter().compactString(clientSoftwareName).compactString(clientSoftwareVersion).emptyTaggedFields().build();
}

/** Decodes an ApiVersions v3 response body; throws if it is not exactly one well-formed v3 body. */
export function decodeApiVersionsV3(reader: WireReader): { errorCode: number; apiKeys: ApiVersionRange[]; throttleTimeMs: number } {
  const errorCode = reader.int16();
  const apiKeys =
    reader.compactArray((r) => {
      const entry = { apiKey: r.int16(), minVersion: r.int16(), maxVersion: r.int16() };
      r.skipTaggedFields();
      return entry;
    }) ?? [];
  const throttleTimeMs = reader.int32();
  reader.skipTaggedFields();
  if (reader.remaining !== 0) throw new Error(`${reader.remaining} unexpected bytes after the ApiVersions v3 body`);
  return { errorCode, apiKeys, throttleTimeMs };
}

/** Body of a Metadata v4 request; null topics asks for all topics. */
export function encodeMetadataV4(topics: string[] | null, allowAutoTopicCreation: boolean): Buffer {
  return new WireWriter().array(topics, (w, topic) => w.string(topic)).bool(allowAutoTopicCreation).build();
}

/** A topic in a Metadata response. */
export interface MetadataTopic {
  errorCode: number;
  name: string;
  partitions: { errorCode: number; partitionIndex: number; leaderId: number }[];
}

/** Decodes a Metadata v4 response body. */
export function decodeMetadataV4(reader: WireReader): {
  brokers: { nodeId: number; host: string; port: number }[];
  controllerId: number;
  topics: MetadataTopic[];
} {
  reader.int32(); // throttle
  const brokers =
    reader.array((r) => {
      const broker = { nodeId: r.int32(), host: r.string() ?? '', port: r.int32() };
      r.string(); // rack
      return broker;
    }) ?? [];
  reader.string(); // cluster id
  const controllerId = reader.int32();
  const topics =
    reader.array((r) => {
      const errorCode = r.int16();
      const name = r.string() ?? '';
      r.bool(); // is internal
      const partitions =
        r.array((p) => {
          const partition = { errorCode: p.int16(), partitionIndex: p.int32(), leaderId: p.int32() };
          p.array((x) => x.int32()); // replicas
          p.array((x) => x.int32()); // isr
          return partition;
        }) ?? [];
      return { errorCode, name, partitions };
    }) ?? [];
  return { brokers, controllerId, topics };
}

/** Body of a Produce v3 request for one partition. */
export function encodeProduceV3(options: {
  acks: number;
  timeoutMs?: number;
  topic: string;
  partition: number;
  records: Buffer | null;
}): Buffer {
  return new WireWriter()
    .string(null)
    .int16(options.acks)
    .int32(options.timeoutMs ?? 10_000)
    .array([options.topic], (w, topic) =>
      w.string(topic).array([options.partition], (pw, partition) => pw.int32(partition).bytes(options.records)),
    )
    .build();
}

/** One partition's answer in a Produce response. */
export interface ProducePartitionResponse {
  topic: string;
  partition: number;
  errorCode: number;
  baseOffset: bigint;
}

/** Decodes a Produce v3 response body into its partition answers. */
export function decodeProduceV3(reader: WireReader): ProducePartitionResponse[] {
  const result: ProducePartitionResponse[] = [];
  reader.array((r) => {
    const topic = r.string() ?? '';
    r.array((p) => {
      result.push({ topic, partition: p.int32(), errorCode: p.int16(), baseOffset: p.int64() });
      p.int64(); // log append time
    });
  });
  reader.int32(); // throttle
  return result;
}

/** Body of a Fetch v4 request for one partition. */
export function encodeFetchV4(options: {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  topic: string;
  partition: number;
  fetchOffset: bigint | number;
  partitionMaxBytes: number;
}): Buffer {
  return new WireWriter()
    .int32(-1)
    .int32(options.maxWaitMs)
    .int32(options.minBytes)
    .int32(options.maxBytes)
    .int8(0)
    .array([options.topic], (w, topic) =>
      w.string(topic).array([options.partition], (pw, partition) =>
        pw.int32(partition).int64(options.fetchOffset).int32(options.partitionMaxBytes),
      ),
    )
    .build();
}

/** One partition's answer in a Fetch response. */
export interface FetchPartitionResponse {
  topic: string;
  partition: number;
  errorCode: number;
  highWatermark: bigint;
  recordSet: Buffer;
}

/** Decodes a Fetch v4 response body. */
export function decodeFetchV4(reader: WireReader): FetchPartitionResponse[] {
  const result: FetchPartitionResponse[] = [];
  reader.int32(); // throttle
  reader.array((r) => {
    const topic = r.string() ?? '';
    r.array((p) => {
      const partition = p.int32();
      const errorCode = p.int16();
      const highWatermark = p.int64();
      p.int64(); // last stable offset
      p.array((a) => [a.int64(), a.int64()]); // aborted transactions
      const recordSet = p.bytes() ?? Buffer.alloc(0);
      result.push({ topic, partition, errorCode, highWatermark, recordSet: Buffer.from(recordSet) });
    });
  });
  return result;
}

/** ListOffsets special timestamps. */
export const LATEST_TIMESTAMP = -1n;
/** ListOffsets special timestamps. */
export const EARLIEST_TIMESTAMP = -2n;

/** Body of a ListOffsets v1 request for one partition. */
export function encodeListOffsetsV1(topic: string, partition: number, timestamp: bigint): Buffer {
  return new WireWriter()
    .int32(-1)
    .array([topic], (w, name) => w.string(name).array([partition], (pw, index) => pw.int32(index).int64(timestamp)))
    .build();
}

/** Decodes a ListOffsets v1 response body (one partition). */
export function decodeListOffsetsV1(reader: WireReader): { errorCode: number; timestamp: bigint; offset: bigint } {
  const partitions: { errorCode: number; timestamp: bigint; offset: bigint }[] = [];
  reader.array((r) => {
    r.string();
    r.array((p) => {
      p.int32();
      partitions.push({ errorCode: p.int16(), timestamp: p.int64(), offset: p.int64() });
    });
  });
  const first = partitions[0];
  if (first === undefined) throw new Error('ListOffsets response without partitions');
  return first;
}

/** Body of an InitProducerId v0 request for an idempotent (non-transactional) producer. */
export function encodeInitProducerIdV0(): Buffer {
  return new WireWriter().string(null).int32(60_000).build();
}

/** Decodes an InitProducerId v0 response body. */
export function decodeInitProducerIdV0(reader: WireReader): { errorCode: number; producerId: bigint; producerEpoch: number } {
  reader.int32(); // throttle
  return { errorCode: reader.int16(), producerId: reader.int64(), producerEpoch: reader.int16() };
}

/** True when `body` contains `code` as a big-endian int16 at any position (for answers of unknown layout). */
export function containsInt16(body: Buffer, code: number): boolean {
  for (let i = 0; i + 1 < body.length; i += 1) if (body.readInt16BE(i) === code) return true;
  return false;
}
