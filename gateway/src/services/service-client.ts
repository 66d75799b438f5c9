import type { DescService } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient, type CallOptions, type Client, type Transport } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { ERROR_CODES, GatewayError, forbidden, notFound, unauthenticated, validationFailed } from '../errors/gateway-errors.ts';
import type { FieldProblem } from '../kit.ts';
import type { GatewayContext } from '../schema/gateway-context.ts';

/** How the gateway reaches one domain service. */
export interface ServiceConnectionOptions {
  /** The service's base URL, e.g. http://127.0.0.1:4101 (GATEWAY_SERVICE_URLS). */
  baseUrl: string;
  /** Longest one call may take, ms; default 10 000 (the operation timeout aborts sooner through the context). */
  timeoutMs?: number;
}

/**
 * A Connect client of a domain service over one shared transport (keep-alive HTTP/1.1, binary protobuf). Each call
 * takes the request's options from `forwardedCallOptions(ctx)`: the service sees the user's own token and checks
 * again (access-model.md: services check again).
 */
export function createServiceClient<S extends DescService>(service: S, options: ServiceConnectionOptions): Client<S> {
  return createClient(service, createServiceTransport(options));
}

/** The transport behind createServiceClient, for services that build their own clients. */
export function createServiceTransport(options: ServiceConnectionOptions): Transport {
  return createConnectTransport({
    baseUrl: options.baseUrl,
    httpVersion: '1.1',
    useBinaryFormat: true,
    defaultTimeoutMs: options.timeoutMs ?? 10_000,
  });
}

/** The caller's bearer token, correlation id and trace context, and the request's abort signal, for one service call. */
export function forwardedCallOptions(ctx: GatewayContext): CallOptions {
  const headers: Record<string, string> = { 'x-correlation-id': ctx.correlationId };
  if (ctx.token) headers.authorization = `Bearer ${ctx.token}`;
  if (ctx.traceparent) headers.traceparent = ctx.traceparent;
  return { headers, signal: ctx.signal };
}

/** Whether the call read or wrote: a denied read must look like a missing record, a denied write says FORBIDDEN. */
export type CallKind = 'read' | 'write';

// Services put their domain error's stable code and field problems in these response headers (trailers for
// streams); without them the Connect code decides.
const CODE_HEADER = 'x-error-code';
const PROBLEMS_HEADER = 'x-error-problems';

function problemsOf(error: ConnectError): FieldProblem[] {
  const raw = error.metadata.get(PROBLEMS_HEADER);
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((p): p is FieldProblem => typeof p === 'object' && p !== null && typeof (p as FieldProblem).field === 'string' && typeof (p as FieldProblem).reason === 'string')
      .map((p) => ({ field: p.field, reason: p.reason }));
  } catch {
    return [];
  }
}

/**
 * Turns a failed service call into what the client may see. NotFound and, for reads, PermissionDenied become
 * NOT_FOUND; a write's PermissionDenied is FORBIDDEN; InvalidArgument keeps the service's field problems;
 * a domain conflict (FailedPrecondition, AlreadyExists, Aborted) keeps the service's stable code and message;
 * anything unexpected is left to the mask (INTERNAL).
 */
export function toGatewayError(error: unknown, kind: CallKind): unknown {
  if (error instanceof GatewayError) return error;
  const connect = ConnectError.from(error);
  switch (connect.code) {
    case Code.NotFound:
      return notFound();
    case Code.PermissionDenied:
      return kind === 'read' ? notFound() : forbidden();
    case Code.Unauthenticated:
      return unauthenticated();
    case Code.InvalidArgument:
      return validationFailed(problemsOf(connect));
    case Code.ResourceExhausted:
      return new GatewayError(ERROR_CODES.RATE_LIMITED, 'Too many requests; slow down.');
    case Code.DeadlineExceeded:
      return new GatewayError(ERROR_CODES.TIMEOUT, 'A service took too long to answer.');
    case Code.Unavailable:
      return new GatewayError(ERROR_CODES.SERVICE_UNAVAILABLE, 'A service is unavailable; try again shortly.');
    case Code.Canceled:
      return new GatewayError(ERROR_CODES.TIMEOUT, 'The operation was stopped.');
    case Code.FailedPrecondition:
    case Code.AlreadyExists:
    case Code.Aborted: {
      const code = connect.metadata.get(CODE_HEADER);
      if (code && /^[A-Z][A-Z0-9_]{2,63}$/.test(code)) return new GatewayError(code as never, connect.rawMessage);
      return error;
    }
    default:
      return error;
  }
}

/**
 * Runs one service call for the request and maps its failure. A read that the service answers NotFound (or
 * PermissionDenied) yields null when `nullWhenMissing` is set, the way node(id) answers.
 */
export async function callService<T>(ctx: GatewayContext, kind: CallKind, call: (options: CallOptions) => Promise<T>, nullWhenMissing = false): Promise<T | null> {
  try {
    return await call(forwardedCallOptions(ctx));
  } catch (error) {
    const mapped = toGatewayError(error, kind);
    if (nullWhenMissing && mapped instanceof GatewayError && mapped.code === ERROR_CODES.NOT_FOUND) return null;
    throw mapped;
  }
}
