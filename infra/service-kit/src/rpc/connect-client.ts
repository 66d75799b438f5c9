import type { DescService } from '@bufbuild/protobuf';
import { createClient, type Client, type Interceptor } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { propagation, type Context } from '@opentelemetry/api';
import { correlationHeader } from '../server/service-app.ts';
import { injectTraceContext } from '../telemetry/trace-context.ts';
import type { TraceHeaders } from './connect-context.ts';
import { domainErrorFromConnect } from './connect-errors.ts';

/** Where a service client sends calls, and on whose behalf. */
export type ServiceClientOptions = {
  /** The service's base URL, e.g. http://127.0.0.1:4102 (the Connect routes sit at /<package>.<Service>/<Method>). */
  baseUrl: string;
  /** The correlation id to send as x-correlation-id (forward the incoming one). */
  correlationId?: string;
  /** The trace to continue: an OpenTelemetry context or W3C headers; default the active context at call time. */
  traceContext?: Context | TraceHeaders;
  /** Deadline of each call, ms; default 10 000. */
  timeoutMs?: number;
  /** HTTP version; default 1.1 (keep-alive). HTTP/2 without TLS needs the server to speak h2c. */
  httpVersion?: '1.1' | '2';
  /**
   * Default false: errors reach the caller as DomainErrors with the called service's stable code, message and field
   * problems (domainErrorFromConnect), so they flow through the caller's own error handling. True keeps ConnectErrors.
   */
  rawErrors?: boolean;
} & (
  | {
      /** The caller's access token (forward the user's; see forwardingFrom). */
      token: string;
      tokenProvider?: never;
    }
  | {
      /** Asked before every call (a job refreshing its own token). */
      tokenProvider: () => string | Promise<string>;
      token?: never;
    }
);

function isOtelContext(value: Context | TraceHeaders): value is Context {
  return typeof (value as Context).getValue === 'function';
}

/**
 * A typed Connect client for a service defined in proto/ (over @connectrpc/connect-node, binary protobuf), sending
 * `Authorization: Bearer <token>`, `x-correlation-id` and `traceparent`/`tracestate` with every call.
 */
export function createServiceClient<Service extends DescService>(service: Service, options: ServiceClientOptions): Client<Service> {
  const tokenOf = options.tokenProvider ?? (() => options.token);
  if (typeof tokenOf !== 'function' || (options.tokenProvider === undefined && !options.token)) {
    throw new RangeError('createServiceClient needs a token or a tokenProvider: every call between services is authenticated');
  }
  const forward: Interceptor = (next) => async (request) => {
    request.header.set('authorization', `Bearer ${await tokenOf()}`);
    if (options.correlationId) request.header.set(correlationHeader, options.correlationId);
    const trace = traceHeadersOf(options.traceContext);
    if (trace.traceparent) request.header.set('traceparent', trace.traceparent);
    if (trace.tracestate) request.header.set('tracestate', trace.tracestate);
    return next(request);
  };
  const transport = createConnectTransport({
    baseUrl: options.baseUrl,
    httpVersion: options.httpVersion ?? '1.1',
    useBinaryFormat: true,
    defaultTimeoutMs: options.timeoutMs ?? 10_000,
    interceptors: [forward],
  });
  const client = createClient(service, transport);
  return options.rawErrors ? client : withDomainErrors(service, client);
}

// Connect wraps whatever an interceptor throws back into a ConnectError, so the translation to DomainErrors has to
// sit outside the client, around each method.
function withDomainErrors<Service extends DescService>(service: Service, client: Client<Service>): Client<Service> {
  const wrapped: Record<string, unknown> = {};
  const methods = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of service.methods) {
    const call = methods[method.localName]!;
    if (method.methodKind === 'unary' || method.methodKind === 'client_streaming') {
      wrapped[method.localName] = (...args: unknown[]) =>
        (call(...args) as Promise<unknown>).catch((error: unknown) => {
          throw domainErrorFromConnect(error);
        });
    } else {
      wrapped[method.localName] = (...args: unknown[]) => rethrowAsDomainErrors(call(...args) as AsyncIterable<unknown>);
    }
  }
  return wrapped as Client<Service>;
}

async function* rethrowAsDomainErrors<T>(messages: AsyncIterable<T>): AsyncIterable<T> {
  try {
    yield* messages;
  } catch (error) {
    throw domainErrorFromConnect(error);
  }
}

function traceHeadersOf(traceContext: Context | TraceHeaders | undefined): TraceHeaders {
  if (traceContext === undefined) return injectTraceContext({});
  if (isOtelContext(traceContext)) {
    const headers: Record<string, string> = {};
    propagation.inject(traceContext, headers);
    return headers;
  }
  return traceContext;
}
