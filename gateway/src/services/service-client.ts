import type { DescService } from '@bufbuild/protobuf';
import type { Client } from '@connectrpc/connect';
import { ERROR_CODES, GatewayError, notFound } from '../errors/gateway-errors.ts';
import { DomainError, createKitServiceClient, errorKindOf } from '../kit.ts';
import type { GatewayContext } from '../schema/gateway-context.ts';

/** Where a domain service is reached (GATEWAY_SERVICE_URLS) and how long one call may take. */
export interface ServiceEndpoint {
  /** The service's base URL, e.g. http://127.0.0.1:4101. */
  baseUrl: string;
  /** Deadline of one call, ms; default 10 000 (the operation timeout aborts sooner through the context's signal). */
  timeoutMs?: number;
}

// One client per service per request: the kit's client carries the caller's token and correlation id in its
// interceptor, and those belong to the request.
const clientsByRequest = new WeakMap<object, Map<string, unknown>>();

/**
 * The kit's Connect client of a service, acting for this request's user: their own bearer token (the service
 * checks again), the correlation id and the trace context go with every call. Errors arrive as the service's
 * DomainErrors (stable code, message, field problems); pass them through `callService` for the gateway's rules.
 */
export function serviceClientFor<S extends DescService>(ctx: GatewayContext, service: S, endpoint: ServiceEndpoint): Client<S> {
  if (!ctx.token) throw new GatewayError(ERROR_CODES.UNAUTHENTICATED, 'A valid bearer token is required.');
  let clients = clientsByRequest.get(ctx.events);
  if (!clients) {
    clients = new Map();
    clientsByRequest.set(ctx.events, clients);
  }
  const key = `${service.typeName}@${endpoint.baseUrl}`;
  let client = clients.get(key) as Client<S> | undefined;
  if (!client) {
    client = createKitServiceClient(service, {
      baseUrl: endpoint.baseUrl,
      token: ctx.token,
      correlationId: ctx.correlationId,
      traceContext: ctx.traceparent ? { traceparent: ctx.traceparent } : {},
      timeoutMs: endpoint.timeoutMs,
    });
    clients.set(key, client);
  }
  return client;
}

/** Whether the call read or wrote: a denied read must look like a missing record, a denied write says FORBIDDEN. */
export type CallKind = 'read' | 'write';

/**
 * The gateway's rules for a service's error: a read the service refused (FORBIDDEN) is NOT_FOUND, like a missing
 * record; the service's other domain errors keep their code, message and field problems; a service's internal
 * failure (and anything that is not a domain error) goes to the mask, which answers INTERNAL without its text.
 */
export function toGatewayError(error: unknown, kind: CallKind): unknown {
  if (!(error instanceof DomainError)) return error;
  if (errorKindOf(error.code) === 'internal') return new Error(`service failure ${error.code}: ${error.message}`, { cause: error });
  // One wording for every missing record, whichever service or check said so.
  if (error.code === ERROR_CODES.NOT_FOUND || (kind === 'read' && error.code === ERROR_CODES.FORBIDDEN)) return notFound();
  return error;
}

/**
 * Runs one service call (made with serviceClientFor) for the request, with its abort signal, and maps its failure.
 * With `nullWhenMissing` a missing or refused read yields null, the way node(id) answers.
 */
export async function callService<T>(ctx: GatewayContext, kind: CallKind, call: (options: { signal: AbortSignal }) => Promise<T>, nullWhenMissing = false): Promise<T | null> {
  try {
    return await call({ signal: ctx.signal });
  } catch (error) {
    const mapped = toGatewayError(error, kind);
    if (nullWhenMissing && mapped instanceof DomainError && mapped.code === ERROR_CODES.NOT_FOUND) return null;
    throw mapped;
  }
}
