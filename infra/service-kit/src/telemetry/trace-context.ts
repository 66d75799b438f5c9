import { context, propagation, trace, type Context, type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

let initialised = false;

/**
 * Installs the W3C trace-context propagator, an AsyncLocalStorage context manager and a tracer provider, once per
 * process. Exporting spans is the deployment's choice (an OTLP exporter registered by the service); propagation works
 * without one, so a trace id follows a request through HTTP calls and Kafka events either way.
 */
export function initTelemetry(options: { spanProcessors?: SpanProcessor[] } = {}): void {
  if (initialised) return;
  initialised = true;
  const provider = new BasicTracerProvider({ spanProcessors: options.spanProcessors ?? [] });
  trace.setGlobalTracerProvider(provider);
  const contextManager = new AsyncLocalStorageContextManager();
  contextManager.enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

/** Writes the active trace context (traceparent, tracestate) into a header map for Kafka or HTTP. */
export function injectTraceContext(headers: Record<string, string>, from: Context = context.active()): Record<string, string> {
  propagation.inject(from, headers);
  return headers;
}

/** Reads a trace context from Kafka or HTTP headers. */
export function extractTraceContext(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(context.active(), headers, {
    get: (carrier, key) => carrier[key],
    keys: (carrier) => Object.keys(carrier),
  });
}

/** Runs fn in a span whose parent is the trace context found in headers (a consumed event, an incoming request). */
export async function withSpanFrom<T>(
  name: string,
  headers: Record<string, string | string[] | undefined>,
  kind: 'server' | 'consumer' | 'internal',
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = extractTraceContext(headers);
  const tracer = trace.getTracer('xietong-service-kit');
  const spanKind = kind === 'server' ? SpanKind.SERVER : kind === 'consumer' ? SpanKind.CONSUMER : SpanKind.INTERNAL;
  return tracer.startActiveSpan(name, { kind: spanKind }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
