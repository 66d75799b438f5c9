import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import rateLimit from '@fastify/rate-limit';
import type { GraphQLSchema } from 'graphql';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createYoga, useExecutionCancellation, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { ANONYMOUS, createRequestAuthenticator, type RequestIdentity } from '../auth/request-authenticator.ts';
import type { GatewayMode } from '../config.ts';
import { ERROR_CODES, GatewayError, PUBLIC_MESSAGES, type ErrorCode } from '../errors/gateway-errors.ts';
import { maskGatewayError } from '../errors/mask-error.ts';
import { DomainError, IdentityProviderUnavailableError, UnauthenticatedError, type TokenVerifier } from '../kit.ts';
import { buildGatewaySchema, GATEWAY_MODULES } from '../schema/build-schema.ts';
import type { GatewayContext, RequestEvents, SignInInfo } from '../schema/gateway-context.ts';
import type { GatewayModule } from '../schema/gateway-module.ts';
import { EventHub } from '../subscriptions/event-hub.ts';
import type { EventSource } from '../subscriptions/event-source.ts';
import type { RetentionLimits } from '../subscriptions/retention-buffer.ts';
import {
  DEFAULT_QUERY_LIMITS,
  useDocumentErrorCodes,
  useNoIntrospection,
  useOperationTimeout,
  usePersistedOnly,
  useQueryLimits,
  type PersistedOperations,
  type QueryLimits,
} from './hardening.ts';
import { noteDeliveredEvent, useSseEventIds } from './sse-events.ts';

/** Everything the gateway runs with (main.ts fills it from the configuration; tests build their own). */
export interface GatewayOptions {
  mode: GatewayMode;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The kit's token verifier for the realm. */
  verifier: TokenVerifier;
  signIn: SignInInfo;
  /** Default: GATEWAY_MODULES. */
  modules?: readonly GatewayModule[];
  eventSource: EventSource;
  eventRetention: RetentionLimits;
  /** Registered operations (required to run anything in production mode). */
  persistedOperations?: PersistedOperations;
  /** Requests per minute per user (anonymous: per address) on this instance. */
  rateLimitPerMinute: number;
  /** Base URLs of the domain services by name (the modules call them with the user's token); default none. */
  serviceUrls?: Readonly<Record<string, string>>;
  /** Browser origins allowed to call the gateway (the web app's); default none. */
  corsOrigins?: readonly string[];
  bodyLimitBytes?: number;
  requestTimeoutMs?: number;
  limits?: Partial<QueryLimits>;
  /** A schema built beforehand from the same modules (the benchmark builds one without scope checks to compare). */
  schema?: GraphQLSchema;
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** A gateway ready to listen. */
export interface Gateway {
  readonly app: FastifyInstance;
  readonly yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  readonly hub: EventHub;
  /** Starts the event source, then listens; resolves to the base URL (e.g. http://127.0.0.1:4000). */
  listen(): Promise<string>;
  /** Stops listening (waiting for requests in flight) and stops the event source. */
  close(): Promise<void>;
}

/** The GraphQL endpoint path. */
export const GRAPHQL_PATH = '/graphql';

const identities = new WeakMap<FastifyRequest, RequestIdentity>();
const aborters = new WeakMap<object, (reason: unknown) => void>();

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  IDENTITY_UNAVAILABLE: 503,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  BATCH_TOO_LARGE: 400,
  RATE_LIMITED: 429,
  QUERY_INVALID: 400,
};

const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', 'accept', 'last-event-id', 'x-correlation-id', 'x-request-id', 'traceparent', 'tracestate'];
const CORS_EXPOSED_HEADERS = ['x-request-id', 'retry-after', 'www-authenticate'];
const corsOriginsByApp = new WeakMap<FastifyInstance, ReadonlySet<string>>();

// Bearer tokens, not cookies, authenticate: credentials stay off, and only the configured origins are answered.
function corsOptionsFor(origin: string) {
  return { origin: [origin], credentials: false, methods: ['GET', 'POST'], allowedHeaders: CORS_ALLOWED_HEADERS, exposedHeaders: CORS_EXPOSED_HEADERS, maxAge: 600 };
}

// An error answered by Fastify before GraphQL runs, shaped like a GraphQL response so clients handle one format.
function sendHttpError(reply: FastifyReply, code: ErrorCode, message: string, extra: Record<string, unknown> = {}): FastifyReply {
  const origin = reply.request.headers.origin;
  if (typeof origin === 'string' && corsOriginsByApp.get(reply.server)?.has(origin)) {
    // The browser must be able to read a 401 or 429 to react to it.
    void reply.header('access-control-allow-origin', origin).header('vary', 'Origin').header('access-control-expose-headers', CORS_EXPOSED_HEADERS.join(', '));
  }
  return reply
    .status(STATUS_BY_CODE[code] ?? 500)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send({ errors: [{ message, extensions: { code, ...extra } }] });
}

/** Builds the gateway: Fastify with bearer authentication, a per-user rate limit and yoga with the hardening plugins. */
export function createGateway(options: GatewayOptions): Gateway {
  const modules = options.modules ?? GATEWAY_MODULES;
  const limits: QueryLimits = { ...DEFAULT_QUERY_LIMITS, ...options.limits };
  const schema = options.schema ?? buildGatewaySchema(modules).schema;
  const hub = new EventHub({ retention: options.eventRetention, rules: modules.flatMap((m) => m.eventReadRules ?? []) });
  const authenticator = createRequestAuthenticator(options.verifier);

  const app = Fastify({
    logger: options.logLevel === 'silent' ? false : { level: options.logLevel ?? 'info', base: { service: 'gateway' } },
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // The operation timeout covers resolvers; this covers a client that sends its request body too slowly.
    requestTimeout: 30_000,
  });

  const corsOrigins = new Set(options.corsOrigins ?? []);
  const serviceUrls = Object.freeze({ ...options.serviceUrls });
  corsOriginsByApp.set(app, corsOrigins);
  const logMasked = (error: unknown, code: ErrorCode) => app.log.error({ err: error, code }, 'masked error');
  const plugins: Plugin[] = [
    useExecutionCancellation(),
    useQueryLimits(limits, options.mode),
    useDocumentErrorCodes((error) => maskGatewayError(error, logMasked)),
    usePersistedOnly(options.persistedOperations ?? new Map(), options.mode),
    // Yoga copies the fields below into its own context object, so per-request state is keyed by `events`.
    useOperationTimeout(options.requestTimeoutMs ?? 15_000, (context) => aborters.get((context as GatewayContext).events)),
    useSseEventIds(),
  ];
  if (options.mode === 'production') plugins.push(useNoIntrospection());

  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    graphiql: options.mode === 'development',
    logging: false,
    cors: (request) => {
      const origin = request.headers.get('origin');
      return origin !== null && corsOrigins.has(origin) ? corsOptionsFor(origin) : false;
    },
    // Yoga's own batching stays within the limit; a larger batch is refused in preValidation with BATCH_TOO_LARGE.
    batching: { limit: limits.maxBatch },
    maskedErrors: { isDev: false, maskError: (error) => maskGatewayError(error, logMasked) },
    plugins,
    context: ({ request, req }: { request: Request; req?: FastifyRequest }): GatewayContext => {
      const fastifyRequest = req as FastifyRequest;
      const identity = identities.get(fastifyRequest) ?? ANONYMOUS;
      const controller = new AbortController();
      const onClientGone = () => controller.abort(request.signal.reason);
      if (request.signal.aborted) onClientGone();
      else request.signal.addEventListener('abort', onClientGone, { once: true });
      const lastEventId = request.headers.get('last-event-id');
      const events: RequestEvents = {
        subscribe: (filter) => {
          if (!identity.principal) throw new GatewayError(ERROR_CODES.UNAUTHENTICATED, PUBLIC_MESSAGES.UNAUTHENTICATED);
          const source = hub.subscribe({ principal: identity.principal, filter, lastEventId, signal: controller.signal });
          return noteEachDelivery(source, events);
        },
      };
      aborters.set(events, (reason) => controller.abort(reason));
      const context: GatewayContext = {
        principal: identity.principal,
        token: identity.token,
        requestId: String(fastifyRequest.id),
        correlationId: headerValue(fastifyRequest, 'x-correlation-id') ?? String(fastifyRequest.id),
        traceparent: headerValue(fastifyRequest, 'traceparent'),
        signal: controller.signal,
        events,
        platform: { signIn: options.signIn, eventsHealthy: () => options.eventSource.isHealthy(), serviceUrls },
      };
      return context;
    },
  });

  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof DomainError) {
      const details = (error as { details?: Record<string, unknown> }).details ?? {};
      return sendHttpError(reply, error.code as ErrorCode, error.message, details);
    }
    const statusCode = (error as FastifyError).statusCode;
    if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE' || statusCode === 413) {
      return sendHttpError(reply, ERROR_CODES.PAYLOAD_TOO_LARGE, `The request body is larger than ${options.bodyLimitBytes ?? 1024 * 1024} bytes.`);
    }
    if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
      // Fastify's own client errors (malformed JSON, unsupported media type): their messages are about the request.
      return sendHttpError(reply, ERROR_CODES.QUERY_INVALID, error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendHttpError(reply, ERROR_CODES.INTERNAL, PUBLIC_MESSAGES.INTERNAL);
  });
  app.setNotFoundHandler((_request, reply) => sendHttpError(reply, ERROR_CODES.NOT_FOUND, 'No such route.'));

  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_request, reply) => {
    const ready = options.eventSource.isHealthy();
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: { events: ready ? 'ok' : 'failing' } });
  });

  const ready = (async () => {
    await app.register(rateLimit, {
      global: false,
      // In memory per instance (docs/decisions/0007): main.ts passes this instance's share of the per-user limit
      // (GATEWAY_RATE_LIMIT_PER_MINUTE / GATEWAY_INSTANCE_COUNT); the plugin's `redis` option would share one count.
      hook: 'preHandler',
    });
    app.route({
      url: GRAPHQL_PATH,
      method: ['GET', 'POST', 'OPTIONS'],
      config: {
        rateLimit: {
          max: options.rateLimitPerMinute,
          timeWindow: 60_000,
          // Keyed by the verified user, so one user cannot spread load over addresses nor share a NAT's budget.
          keyGenerator: (request: FastifyRequest) => {
            const subject = identities.get(request)?.principal?.subject;
            return subject ? `user:${subject}` : `ip:${request.ip}`;
          },
          errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) =>
            new GatewayError(ERROR_CODES.RATE_LIMITED, 'Too many requests; slow down.', { details: { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) } }),
        },
      },
      onRequest: async (request, reply) => {
        try {
          identities.set(request, await authenticator.authenticate(request.headers.authorization));
        } catch (error) {
          if (error instanceof UnauthenticatedError) {
            request.log.info({ reason: error.reason }, 'authentication failed');
            void reply.header('www-authenticate', 'Bearer realm="xietong", error="invalid_token"');
            return sendHttpError(reply, ERROR_CODES.UNAUTHENTICATED, PUBLIC_MESSAGES.UNAUTHENTICATED);
          }
          if (error instanceof IdentityProviderUnavailableError) {
            request.log.warn({ reason: error.reason }, 'identity provider unavailable');
            void reply.header('retry-after', '5');
            return sendHttpError(reply, ERROR_CODES.IDENTITY_UNAVAILABLE, error.message);
          }
          throw error;
        }
        return undefined;
      },
      preValidation: async (request, reply) => {
        if (Array.isArray(request.body) && request.body.length > limits.maxBatch) {
          return sendHttpError(reply, ERROR_CODES.BATCH_TOO_LARGE, `At most ${limits.maxBatch} operations may be batched in one request.`);
        }
        return undefined;
      },
      handler: async (request, reply) => {
        const response = await yoga.handleNodeRequestAndResponse(request, reply, { req: request });
        response.headers.forEach((value, key) => {
          void reply.header(key, value);
        });
        void reply.status(response.status);
        return reply.send(response.body);
      },
    });
  })();

  let listening = false;
  return {
    app,
    yoga,
    hub,
    async listen() {
      await ready;
      await options.eventSource.start((event) => hub.publish(event), () => hub.now());
      await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 4000 });
      listening = true;
      const address = app.server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}`;
    },
    async close() {
      await ready;
      // Open SSE streams would hold the server open: end them first (queued events are still written).
      hub.endAll();
      if (listening) await app.close();
      await options.eventSource.stop();
    },
  };
}

function headerValue(request: FastifyRequest, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' && value.length <= 256 ? value : null;
}

// Records each event id as it is handed to GraphQL execution, so the SSE writer can label the result with it.
function noteEachDelivery<T extends { id: string }>(source: AsyncIterableIterator<T>, key: object): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    next: async () => {
      const result = await source.next();
      if (!result.done) noteDeliveredEvent(key, result.value.id);
      return result;
    },
    return: async () => (source.return ? source.return() : { done: true, value: undefined }),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
