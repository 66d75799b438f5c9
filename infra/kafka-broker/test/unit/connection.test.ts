// The connection layer on raw sockets: in-order answers despite long polls, unsupported requests answered with the
// protocol's error on an open connection, malformed requests, and frames that cannot be trusted.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../src/index.ts';
import { Reader, Writer } from '../../src/protocol/codec.ts';
import { buildBatch, tempDir } from './helpers/record-batches.ts';

let broker: RunningBroker;
let dir: { dir: string; remove: () => void };
const logs: string[] = [];
const sockets: net.Socket[] = [];

beforeAll(async () => {
  dir = tempDir('conn');
  broker = await startBroker({ dataDir: dir.dir, logger: (l) => logs.push(l) });
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await broker?.stop();
  dir?.remove();
});

/** A raw client collecting response frames. */
async function connect(): Promise<{ send: (frame: Buffer) => void; frames: Buffer[]; closed: Promise<void>; next: (n: number) => Promise<Buffer[]> }> {
  const socket = net.connect(broker.port, broker.host);
  sockets.push(socket);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const frames: Buffer[] = [];
  let pending = Buffer.alloc(0);
  const waiters: Array<() => void> = [];
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
      frames.push(pending.subarray(4, 4 + pending.readInt32BE(0)));
      pending = pending.subarray(4 + pending.readInt32BE(0));
    }
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const next = async (n: number): Promise<Buffer[]> => {
    const deadline = Date.now() + 5_000;
    while (frames.length < n && Date.now() < deadline) await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 50); });
    return frames.splice(0, n);
  };
  return { send: (frame) => socket.write(frame), frames, closed, next };
}

function request(apiKey: number, version: number, correlationId: number, body: (w: Writer) => void): Buffer {
  const w = new Writer().int16(apiKey).int16(version).int32(correlationId).nullableString('unit');
  body(w);
  const payload = w.toBuffer();
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return Buffer.concat([size, payload]);
}

describe('connection handling', () => {
  it('answers in request order even when the first request is a long poll', async () => {
    const c = await connect();
    c.send(request(3, 4, 1, (w) => w.array(['ordered'], (w, t) => w.string(t)).bool(true)));
    await c.next(1);
    // A Fetch that only an append can end (maxWait 30 s), then an ApiVersions that is ready at once.
    c.send(request(1, 4, 2, (w) => w.int32(-1).int32(30_000).int32(1).int32(1 << 20).int8(0).array(['ordered'], (w, t) => w.string(t).array([0], (w, p) => w.int32(p).int64(0).int32(1 << 20)))));
    c.send(request(18, 0, 3, () => undefined));
    // Another connection is answered meanwhile, and the first still has no answer: its ApiVersions waits behind the poll.
    const other = await connect();
    other.send(request(18, 0, 4, () => undefined));
    expect((await other.next(1))[0]!.readInt32BE(0)).toBe(4);
    expect(c.frames, 'nothing answered on the polling connection yet').toHaveLength(0);
    // An append ends the poll; then both answers come, in request order.
    const batch = buildBatch([{ value: 'wake' }]);
    other.send(request(0, 3, 5, (w) => w.nullableString(null).int16(1).int32(5_000).array(['ordered'], (w, t) => w.string(t).array([0], (w, p) => w.int32(p).bytes(batch)))));
    expect((await other.next(1))[0]!.readInt32BE(0)).toBe(5);
    const [first, second] = await c.next(2);
    expect(first!.readInt32BE(0)).toBe(2);
    expect(second!.readInt32BE(0)).toBe(3);
    const fetched = new Reader(first!, 4);
    fetched.int32(); // throttle time
    fetched.int32(); // topics
    fetched.string();
    fetched.int32(); // partitions
    expect(fetched.int32()).toBe(0);
    expect(fetched.int16(), 'error code').toBe(0);
    expect(fetched.int64(), 'the poll answered after the append, which it carries (high watermark 1)').toBe(1);
  });

  it('answers an unknown API key and an unsupported version with UNSUPPORTED_VERSION and keeps the connection', async () => {
    const c = await connect();
    c.send(request(999, 0, 10, () => undefined));
    c.send(request(0, 2, 11, () => undefined)); // Produce v2 (old message format) is not offered
    c.send(request(18, 0, 12, () => undefined));
    const frames = await c.next(3);
    expect(frames.map((f) => f.readInt32BE(0))).toEqual([10, 11, 12]);
    expect(frames[0]!.readInt16BE(4)).toBe(35);
    expect(frames[1]!.readInt16BE(4)).toBe(35);
    const r = new Reader(frames[2]!, 4);
    expect(r.int16()).toBe(0);
    const apis = r.array((r) => ({ key: r.int16(), min: r.int16(), max: r.int16() }));
    expect(apis).toContainEqual({ key: 0, min: 3, max: 7 });
    expect(apis).toContainEqual({ key: 18, min: 0, max: 3 });
  });

  it('answers a malformed request with INVALID_REQUEST where the response has a top-level error, and logs it', async () => {
    const c = await connect();
    // Heartbeat v0 whose group id claims 500 bytes
    c.send(request(12, 0, 20, (w) => w.int16(500)));
    const [frame] = await c.next(1);
    expect(frame!.readInt32BE(0)).toBe(20);
    expect(frame!.readInt16BE(4)).toBe(42);
    expect(logs.some((l) => l.includes('malformed Heartbeat v0'))).toBe(true);
  });

  it('answers ListOffsets by timestamp over a gzip bomb with CORRUPT_MESSAGE for that partition and keeps the connection', async () => {
    const c = await connect();
    c.send(request(3, 4, 40, (w) => w.array(['bombed'], (w, t) => w.string(t)).bool(true)));
    await c.next(1);
    // 20 MiB of zeros in a batch of about 20 KiB: accepted by Produce (stored as sent), but inflating beyond sixteen
    // times max.message.bytes (1 MiB + 12) when ListOffsets reads its records.
    const bomb = buildBatch([{ value: Buffer.alloc(20 * 1024 * 1024) }], { gzip: true, baseTimestamp: 5_000 });
    c.send(request(0, 3, 41, (w) => w.nullableString(null).int16(1).int32(5_000).array(['bombed'], (w, t) => w.string(t).array([0], (w, p) => w.int32(p).bytes(bomb)))));
    const [produced] = await c.next(1);
    const pr = new Reader(produced!, 4);
    pr.array((r) => r.string());
    pr.int32();
    expect(pr.int16(), 'produce error code').toBe(0);
    c.send(request(2, 1, 42, (w) => w.int32(-1).array(['bombed'], (w, t) => w.string(t).array([0], (w, p) => w.int32(p).int64(4_000)))));
    c.send(request(18, 0, 43, () => undefined));
    const [listed, versions] = await c.next(2);
    const r = new Reader(listed!, 0);
    expect(r.int32()).toBe(42);
    r.int32(); // topics
    expect(r.string()).toBe('bombed');
    r.int32(); // partitions
    expect(r.int32()).toBe(0);
    expect(r.int16(), 'CORRUPT_MESSAGE').toBe(2);
    expect(versions!.readInt32BE(0), 'the connection still answers').toBe(43);
    expect(logs.some((l) => /list-offsets bombed-0 by timestamp 4000 .*CORRUPT_MESSAGE: gzip batch of \d+ bytes decompresses to more than 16777408 bytes/.test(l))).toBe(true);
  });

  it('closes a connection whose frame size cannot be trusted, and nothing else', async () => {
    const bad = await connect();
    const good = await connect();
    bad.send(Buffer.from([0x7f, 0xff, 0xff, 0xff]));
    await bad.closed;
    good.send(request(18, 0, 30, () => undefined));
    expect((await good.next(1))[0]!.readInt32BE(0)).toBe(30);
    expect(logs.some((l) => /exceeds the \d+-byte limit/.test(l))).toBe(true);
  });
});
