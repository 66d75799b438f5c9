import { randomUUID } from 'node:crypto';
import closeWithGrace from 'close-with-grace';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { SpanKind, SpanStatusCode, context, trace, type Context, type Span } from '@opentelemetry/api';
import { extractTraceContext } from '../telemetry/trace-context.ts';
import { handleError } from './error.handler.ts';

/** A named dependency the service needs to serve traffic (database, broker); it throws when unusable. */
export type ReadinessCheck = () => Promise<void>;

/** Options of a service's HTTP application. */
export interface ServiceAppOptions {
  /** The service name, in logs and metrics. */
  name: string;
  host: string;
  port: number;
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Checked by GET /health/ready; each one has `readinessTimeoutMs` to answer. */
  readinessChecks?: Record<string, ReadinessCheck>;
  readinessTimeoutMs?: number;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
  /** Extra Fastify options (tests use `logger: false`). */
  fastify?: Partial<FastifyServerOptions>;
}

/** A service's HTTP application with health, readiness, metrics and graceful shutdown. */
export interface ServiceApp {
  /** The service name given to createServiceApp. */
  readonly name: string;
  readonly app: FastifyInstance;
  /** The Prometheus registry served at /metrics; services add their own metrics to it. */
  readonly metrics: Registry;
  /** Adds a readiness check (a dependency made after the app, such as the database client). */
  addReadinessCheck(name: string, check: ReadinessCheck): void;
  /** Registers work to run on shutdown (stop the relay, consumers, database); run in reverse order of registration. */
  onShutdown(name: string, close: () => Promise<void>): void;
  /** Listens, and installs SIGTERM/SIGINT handlers that shut down gracefully. Returns the bound address. */
  listen(): Promise<string>;
  /** Shuts down: stops accepting requests, waits for those in flight, then runs the shutdown work. */
  close(): Promise<void>;
}

// Ids a caller may hand us (request and correlation ids): short, no spaces, no control characters.
const wellFormedId = /^[\w.:-]{1,128}$/;

/** The request header that carries a correlation id across services and into events. */
export const correlationHeader = 'x-correlation-id';

declare module 'fastify' {
  interface FastifyRequest {
    /** The correlation id of the request: taken from the caller or, when absent, the request id. */
    correlationId: string;
    /** The caller's trace context (W3C traceparent), to continue in outgoing calls and events. */
    traceContext: Context | null;
  }
}

/** Creates a service's Fastify application with the kit's conventions. */
export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', base: { service: options.name } },
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // The caller's request id is echoed into logs, headers and error bodies, so only a well-formed one is kept.
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && wellFormedId.test(incoming) ? incoming : randomUUID();
    },
    ...options.fastify,
  });
  const metrics = new Registry();
  metrics.setDefaultLabels({ service: options.name });
  collectDefaultMetrics({ register: metrics });
  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics],
  });
  const readinessFailures = new Counter({
    name: 'readiness_check_failures_total',
    help: 'Readiness checks that failed, by check',
    labelNames: ['check'] as const,
    registers: [metrics],
  });

  app.decorateRequest('correlationId', '');
  app.decorateRequest('traceContext', null);
  app.addHook('onRequest', async (request, reply) => {
    const incoming = request.headers[correlationHeader];
    const correlationId = typeof incoming === 'string' && wellFormedId.test(incoming) ? incoming : String(request.id);
    request.correlationId = correlationId;
    request.traceContext = extractTraceContext(request.headers);
    request.log = request.log.child({ correlationId });
    void reply.header('x-request-id', String(request.id));
    void reply.header(correlationHeader, correlationId);
  });
  // Each routed request runs in a server span continuing the caller's trace, so the events it writes to the outbox
  // and the calls it makes carry the trace on (a no-op until initTelemetry() installs a tracer and context manager).
  // preHandler runs after the body was read, so the handler's whole async chain inherits the context.
  const spans = new WeakMap<object, Span>();
  app.addHook('preHandler', (request, _reply, done) => {
    const parent = request.traceContext ?? context.active();
    const span = trace.getTracer('xietong-service-kit').startSpan(`${request.method} ${request.routeOptions.url ?? 'unmatched'}`, { kind: SpanKind.SERVER }, parent);
    spans.set(request, span);
    context.with(trace.setSpan(parent, span), done);
  });
  app.addHook('onResponse', async (request, reply) => {
    const span = spans.get(request);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    const route = request.routeOptions.url ?? 'unmatched';
    requestDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ code: 'NOT_FOUND', message: 'No such route.', requestId: String(request.id) });
  });

  const readinessChecks: Record<string, ReadinessCheck> = { ...options.readinessChecks };
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (request, reply) => {
    const timeoutMs = options.readinessTimeoutMs ?? 2000;
    const results: Record<string, 'ok' | 'failing'> = {};
    await Promise.all(
      Object.entries(readinessChecks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), timeoutMs, name);
          results[name] = 'ok';
        } catch (error) {
          // The reason goes to the log, not to the caller.
          request.log.warn({ err: error, check: name }, 'readiness check failed');
          readinessFailures.inc({ check: name });
          results[name] = 'failing';
        }
      }),
    );
    const ready = Object.values(results).every((r) => r === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: results });
  });
  app.get('/metrics', async (_request, reply) => {
    return reply.header('content-type', metrics.contentType).send(await metrics.metrics());
  });

  const closers: Array<{ name: string; close: () => Promise<void> }> = [];
  let closing: Promise<void> | undefined;
  let uninstallSignalHandlers: (() => void) | undefined;
  const close = () => {
    closing ??= (async () => {
      // Signal and uncaught-error handlers belong to this app's lifetime, not the process's.
      uninstallSignalHandlers?.();
      await app.close();
      for (const closer of [...closers].reverse()) {
        try {
          await closer.close();
        } catch (error) {
          app.log.error({ err: error, closer: closer.name }, 'shutdown step failed');
        }
      }
    })();
    return closing;
  };

  return {
    name: options.name,
    app,
    metrics,
    addReadinessCheck(name, check) {
      readinessChecks[name] = check;
    },
    onShutdown(name, fn) {
      closers.push({ name, close: fn });
    },
    async listen() {
      const address = await app.listen({ host: options.host, port: options.port });
      const handlers = closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
        if (err) app.log.error({ err }, 'shutting down after an uncaught error');
        else app.log.info({ signal }, 'shutting down');
        await close();
      });
      uninstallSignalHandlers = () => handlers.uninstall();
      return address;
    },
    close,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
