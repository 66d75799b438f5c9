// One client connection: length-prefixed frames in, responses out in request order. Requests are handled as soon
// as they arrive (a long-polling Fetch or a parked JoinGroup does not hold up the processing of later requests), but
// responses leave strictly in the order the requests came, as Kafka guarantees per connection.
import type { Socket } from 'node:net';
import { Reader, ProtocolDecodeError, Writer } from '../protocol/codec.ts';
import { ApiKey, nameApiKey } from '../protocol/api-keys.ts';
import { ErrorCode, KafkaProtocolError } from '../protocol/error-codes.ts';
import { encodeApiVersionsResponse } from '../protocol/apis/api-versions.codec.ts';
import { API_TABLE, SUPPORTED_VERSIONS } from './api-table.ts';
import type { ApiSpec, BrokerCore, RequestContext } from './broker-core.ts';

/** Connection limits. */
export interface ConnectionLimits {
  /** socket.request.max.bytes: larger frames close the connection, as in Kafka (the protocol has no reply for them). */
  readonly maxRequestBytes: number;
  /** Requests handled concurrently per connection before the broker stops reading from it. */
  readonly maxInFlight: number;
  /** connections.max.idle.ms */
  readonly idleTimeoutMs: number;
}

interface Slot {
  ready: boolean;
  /** Response bytes, or null for a request that gets no response (Produce with acks=0). */
  out: Buffer[] | null;
  /** Close the connection once this slot's turn comes (a request that cannot be answered). */
  closeAfter: boolean;
}

// Above this many bytes queued in the socket, stop reading requests until the client drains its responses.
const WRITE_HIGH_WATER = 16 * 1024 * 1024;
// The smallest header: api key, api version, correlation id.
const MIN_FRAME = 8;

/** Serves one client socket. */
export class Connection {
  private readonly socket: Socket;
  private readonly core: BrokerCore;
  private readonly limits: ConnectionLimits;
  private readonly peer: string;
  private readonly clientHost: string;
  private readonly abort = new AbortController();
  private readonly queue: Slot[] = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  private frameSize = -1;
  private closed = false;
  private pausedForBackpressure = false;
  private readonly onClosed: (c: Connection) => void;

  constructor(socket: Socket, core: BrokerCore, limits: ConnectionLimits, onClosed: (c: Connection) => void) {
    this.socket = socket;
    this.core = core;
    this.limits = limits;
    this.onClosed = onClosed;
    this.peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    this.clientHost = `/${socket.remoteAddress ?? ''}`;
    socket.setNoDelay(true);
    socket.setTimeout(limits.idleTimeoutMs, () => {
      this.core.log(`connection ${this.peer}: idle for ${limits.idleTimeoutMs} ms, closing`);
      this.destroy();
    });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => this.updateBackpressure());
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') this.core.log(`connection ${this.peer}: ${e.message}`);
    });
    socket.on('close', () => this.teardown());
  }

  /** Closes the connection at once, dropping queued responses. */
  destroy(): void {
    this.socket.destroy();
    this.teardown();
  }

  private teardown(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    this.queue.length = 0;
    this.chunks = [];
    this.onClosed(this);
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (!this.closed) {
      if (this.frameSize < 0) {
        if (this.buffered < 4) return;
        const size = this.take(4).readInt32BE(0);
        if (size < MIN_FRAME || size > this.limits.maxRequestBytes) {
          this.core.log(
            `connection ${this.peer}: ${size > this.limits.maxRequestBytes ? `request of ${size} bytes exceeds the ${this.limits.maxRequestBytes}-byte limit` : `invalid frame size ${size}`}, closing the connection`,
          );
          this.finishThenClose();
          return;
        }
        this.frameSize = size;
      }
      if (this.buffered < this.frameSize) return;
      const frame = this.take(this.frameSize);
      this.frameSize = -1;
      this.handleFrame(frame);
    }
  }

  // Removes and returns the next n buffered bytes (without copying when they sit in one chunk).
  private take(n: number): Buffer {
    const first = this.chunks[0]!;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      out = Buffer.allocUnsafe(n);
      let got = 0;
      while (got < n) {
        const c = this.chunks[0]!;
        const k = Math.min(c.length, n - got);
        c.copy(out, got, 0, k);
        got += k;
        if (k === c.length) this.chunks.shift();
        else this.chunks[0] = c.subarray(k);
      }
    }
    this.buffered -= n;
    return out;
  }

  private handleFrame(frame: Buffer): void {
    const apiKey = frame.readInt16BE(0);
    const apiVersion = frame.readInt16BE(2);
    const correlationId = frame.readInt32BE(4);
    const slot: Slot = { ready: false, out: null, closeAfter: false };
    this.queue.push(slot);
    this.updateBackpressure();
    const spec = API_TABLE.get(apiKey);
    const name = nameApiKey(apiKey);
    if (spec === undefined || apiVersion < spec.minVersion || apiVersion > spec.maxVersion) {
      // Kafka answers an unsupported ApiVersions version with a v0 ApiVersions response carrying UNSUPPORTED_VERSION
      // and the supported ranges. Other unsupported requests get the same self-describing body rather than a dropped
      // connection: it starts with the int16 error code, which is where most responses' readers look first.
      this.core.log(
        `connection ${this.peer}: ${spec === undefined ? `unsupported API key ${apiKey}` : `unsupported ${name} version ${apiVersion} (supported ${spec.minVersion}-${spec.maxVersion})`}, answered with UNSUPPORTED_VERSION`,
      );
      const w = new Writer();
      encodeApiVersionsResponse(w, 0, ErrorCode.UNSUPPORTED_VERSION, SUPPORTED_VERSIONS);
      this.complete(slot, correlationId, false, w);
      return;
    }
    const flexible = apiVersion >= spec.flexibleFrom;
    // ApiVersions responses always use header v0 so that a client can read them before it knows any versions.
    const flexibleResponse = flexible && apiKey !== ApiKey.ApiVersions;
    let reader: Reader;
    let clientId: string;
    try {
      reader = new Reader(frame, MIN_FRAME);
      clientId = reader.nullableString() ?? '';
      if (flexible) reader.skipTaggedFields();
    } catch (e) {
      this.failRequest(slot, correlationId, flexibleResponse, spec, apiVersion, e);
      return;
    }
    const ctx: RequestContext = { apiKey, apiVersion, correlationId, clientId, clientHost: this.clientHost, signal: this.abort.signal };
    let result: Writer | null | Promise<Writer | null>;
    try {
      result = spec.handle(this.core, ctx, reader);
    } catch (e) {
      this.failRequest(slot, correlationId, flexibleResponse, spec, apiVersion, e, clientId);
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (w) => this.complete(slot, correlationId, flexibleResponse, w),
        (e: unknown) => this.failRequest(slot, correlationId, flexibleResponse, spec, apiVersion, e, clientId),
      );
    } else {
      this.complete(slot, correlationId, flexibleResponse, result);
    }
  }

  // A request that could not be handled: answer with a top-level error when the response schema has one, otherwise
  // close the connection after the earlier responses have gone out (what Kafka does for unparseable requests).
  private failRequest(slot: Slot, correlationId: number, flexibleResponse: boolean, spec: ApiSpec, version: number, e: unknown, clientId = '?'): void {
    const api = spec.name;
    const malformed = e instanceof ProtocolDecodeError || e instanceof KafkaProtocolError;
    const errorCode = malformed ? ErrorCode.INVALID_REQUEST : ErrorCode.UNKNOWN_SERVER_ERROR;
    if (malformed) this.core.log(`connection ${this.peer}: malformed ${api} v${version} request (correlation id ${correlationId}, client ${clientId}): ${(e as Error).message}`);
    else this.core.log(`connection ${this.peer}: ${api} v${version} request (correlation id ${correlationId}) failed: ${(e as Error).stack ?? String(e)}`);
    const w = new Writer();
    if (spec.errorResponse !== undefined && spec.errorResponse(w, version, errorCode)) {
      this.complete(slot, correlationId, flexibleResponse, w);
      return;
    }
    this.core.log(`connection ${this.peer}: ${api} v${version} responses have no top-level error code, closing the connection`);
    slot.closeAfter = true;
    slot.ready = true;
    this.flush();
  }

  private complete(slot: Slot, correlationId: number, flexibleResponse: boolean, body: Writer | null): void {
    if (this.closed) return;
    if (body !== null) {
      const chunks = body.finish();
      let size = 0;
      for (const c of chunks) size += c.length;
      const headerSize = flexibleResponse ? 5 : 4;
      const head = Buffer.allocUnsafe(4 + headerSize);
      head.writeInt32BE(headerSize + size, 0);
      head.writeInt32BE(correlationId, 4);
      if (flexibleResponse) head[8] = 0; // empty tagged fields of response header v1
      // Small responses go out as one buffer; large ones keep their record slices by reference.
      slot.out = size <= 16 * 1024 ? [Buffer.concat([head, ...chunks])] : [head, ...chunks];
    }
    slot.ready = true;
    this.flush();
  }

  private flush(): void {
    if (this.queue[0]?.ready !== true) return;
    this.socket.cork();
    while (this.queue[0]?.ready === true) {
      const slot = this.queue.shift()!;
      if (slot.closeAfter) {
        this.socket.uncork();
        this.finishThenClose();
        return;
      }
      if (slot.out !== null) for (const b of slot.out) this.socket.write(b);
    }
    this.socket.uncork();
    this.updateBackpressure();
  }

  // Stops reading when too many requests are in flight or too many response bytes are queued; resumes after.
  private updateBackpressure(): void {
    if (this.closed) return;
    const overloaded = this.queue.length >= this.limits.maxInFlight || this.socket.writableLength > WRITE_HIGH_WATER;
    if (overloaded && !this.pausedForBackpressure) {
      this.pausedForBackpressure = true;
      this.socket.pause();
    } else if (!overloaded && this.pausedForBackpressure) {
      this.pausedForBackpressure = false;
      this.socket.resume();
    }
  }

  private finishThenClose(): void {
    this.closed = true;
    this.abort.abort();
    this.queue.length = 0;
    this.chunks = [];
    this.socket.end(() => this.socket.destroy());
    this.onClosed(this);
  }
}
