import { createContextKey, type HandlerContext } from '@connectrpc/connect';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import { bearerTokenOf } from '../identity/bearer-token.ts';
import { UnauthenticatedError } from '../identity/identity.errors.ts';
import type { Principal } from '../identity/principal.ts';
import { injectTraceContext } from '../telemetry/trace-context.ts';

/** What the kit knows of the HTTP request behind a Connect call. */
export interface CallInfo {
  /** The request id (x-request-id), also in error details. */
  requestId: string;
  /** The correlation id, taken from the caller or started here. */
  correlationId: string;
  /** The request's logger (carries the correlation id). */
  log: FastifyBaseLogger;
  /** The caller's W3C trace headers, as received. */
  trace: TraceHeaders;
}

/** W3C trace-context headers. */
export interface TraceHeaders {
  traceparent?: string;
  tracestate?: string;
}

/** The verified caller of a Connect call; set by the kit's interceptor before any handler runs. */
export const principalKey = createContextKey<Principal | undefined>(undefined, { description: 'xietong principal' });

/** The bearer token the call carried, for forwarding to other services. */
export const bearerTokenKey = createContextKey<string | undefined>(undefined, { description: 'xietong bearer token' });

/** The HTTP request behind the call. */
export const callInfoKey = createContextKey<CallInfo | undefined>(undefined, { description: 'xietong call info' });

/** The principal of a Connect call; throws UnauthenticatedError when the handler is not behind the kit's interceptor. */
export function principalFrom(ctx: HandlerContext): Principal {
  const principal = ctx.values.get(principalKey);
  if (!principal) throw new UnauthenticatedError('handler is not behind the kit interceptor');
  return principal;
}

/** The request id, correlation id and logger of a Connect call. */
export function callInfoFrom(ctx: HandlerContext): CallInfo | undefined {
  return ctx.values.get(callInfoKey);
}

/** What a call to another service forwards from the call being served: the caller's token, correlation id and trace. */
export interface Forwarding {
  /** The caller's access token (the callee authenticates the user itself). */
  token: string;
  correlationId?: string;
  traceContext?: TraceHeaders;
}

function traceToForward(received: TraceHeaders | undefined): TraceHeaders | undefined {
  // The active span (the kit's server span, when telemetry is on) makes the callee its child; without telemetry the
  // caller's own headers are passed through, so the trace id still reaches the callee and its events.
  const active = injectTraceContext({});
  if (active.traceparent) return active;
  return received?.traceparent ? received : undefined;
}

/**
 * Forwarding options for createServiceClient from a Connect handler's context or an authenticated Fastify request.
 * `createServiceClient(CasesService, { baseUrl, ...forwardingFrom(ctx) })`
 */
export function forwardingFrom(source: HandlerContext | FastifyRequest): Forwarding {
  if ('values' in source && typeof source.values?.get === 'function') {
    const ctx = source as HandlerContext;
    const token = ctx.values.get(bearerTokenKey);
    if (!token) throw new UnauthenticatedError('handler is not behind the kit interceptor');
    const info = ctx.values.get(callInfoKey);
    return { token, correlationId: info?.correlationId, traceContext: traceToForward(info?.trace) };
  }
  const request = source as FastifyRequest;
  const token = bearerTokenOf(request.headers.authorization);
  if (!token) throw new UnauthenticatedError('request carries no bearer token to forward');
  const trace: TraceHeaders = {};
  if (typeof request.headers.traceparent === 'string') trace.traceparent = request.headers.traceparent;
  if (typeof request.headers.tracestate === 'string') trace.tracestate = request.headers.tracestate;
  return { token, correlationId: request.correlationId || undefined, traceContext: traceToForward(trace) };
}

