// A plain TCP connection that speaks Kafka framing, for tests that must send what no client library would.
import net from 'node:net';
import { encodeRequestFrame, WireReader } from './kafka-wire.ts';

/** A response frame: the correlation id and everything after it. */
export interface ResponseFrame {
  correlationId: number;
  payload: Buffer;
}

/** What became of a connection after a request the broker may reject. */
export type Outcome = { kind: 'closed' } | { kind: 'response'; frame: ResponseFrame } | { kind: 'silent' };

/** One raw socket to the broker, with request/response matching by correlation id. */
export class RawKafkaConnection {
  private readonly socket: net.Socket;
  private pending: Buffer = Buffer.alloc(0);
  private readonly frames: ResponseFrame[] = [];
  private readonly waiters: (() => void)[] = [];
  private nextCorrelationId = 1;
  private isClosed = false;
  /** Resolves when the peer closes (or resets) the connection. */
  readonly closed: Promise<void>;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    this.closed = new Promise<void>((resolve) => {
      socket.once('close', () => {
        this.isClosed = true;
        this.wake();
        resolve();
      });
    });
    // A reset is just another way for the broker to close; it is observed through `closed`.
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  /** Opens a connection. */
  static async open(host: string, port: number): Promise<RawKafkaConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.setNoDelay(true);
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        resolve(new RawKafkaConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  /** True once the peer has closed the connection. */
  get isOpen(): boolean {
    return !this.isClosed;
  }

  private onData(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 4) {
      const size = this.pending.readInt32BE(0);
      if (size < 4) {
        // Not a Kafka response; surface it as a frame with an impossible correlation id rather than hang.
        this.frames.push({ correlationId: -1, payload: this.pending });
        this.pending = Buffer.alloc(0);
        break;
      }
      if (this.pending.length < 4 + size) break;
      this.frames.push({
        correlationId: this.pending.readInt32BE(4),
        payload: Buffer.from(this.pending.subarray(8, 4 + size)),
      });
      this.pending = this.pending.subarray(4 + size);
    }
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private async waitForChange(deadline: number): Promise<boolean> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), remaining);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Writes bytes as they are. */
  writeRaw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Sends a framed request and returns its correlation id (without waiting for an answer). */
  send(apiKey: number, apiVersion: number, body: Buffer, options: { flexibleHeader?: boolean; correlationId?: number } = {}): number {
    const correlationId = options.correlationId ?? this.nextCorrelationId++;
    this.socket.write(encodeRequestFrame({ apiKey, apiVersion, correlationId, body, flexibleHeader: options.flexibleHeader }));
    return correlationId;
  }

  /** The next response frame in arrival order. */
  async nextFrame(timeoutMs = 10_000): Promise<ResponseFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.shift();
      if (frame !== undefined) return frame;
      if (this.isClosed) throw new Error('connection closed by the broker while waiting for a response');
      if (!(await this.waitForChange(deadline))) throw new Error(`no response within ${timeoutMs} ms`);
    }
  }

  /** Sends a request and returns a reader over its response body (after the v0 response header). */
  async request(
    apiKey: number,
    apiVersion: number,
    body: Buffer,
    options: { flexibleHeader?: boolean; timeoutMs?: number } = {},
  ): Promise<WireReader> {
    const correlationId = this.send(apiKey, apiVersion, body, options);
    const frame = await this.nextFrame(options.timeoutMs ?? 10_000);
    if (frame.correlationId !== correlationId) {
      throw new Error(`response correlation id ${frame.correlationId}, expected ${correlationId}`);
    }
    return new WireReader(frame.payload);
  }

  /** Waits for the first of: a response frame, the connection closing, or the timeout. */
  async outcome(timeoutMs: number): Promise<Outcome> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.shift();
      if (frame !== undefined) return { kind: 'response', frame };
      if (this.isClosed) return { kind: 'closed' };
      if (!(await this.waitForChange(deadline))) return { kind: 'silent' };
    }
  }

  /** Closes the connection from this side. */
  close(): void {
    this.socket.destroy();
  }
}
