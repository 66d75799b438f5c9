import { context, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { appendToOutbox, type SqlExecutor } from '../../src/messaging/index.ts';
import { extractTraceContext, initTelemetry, injectTraceContext, withSpanFrom } from '../../src/telemetry/trace-context.ts';
import { createServiceApp } from '../../src/server/service-app.ts';

initTelemetry();
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const incoming = { traceparent: `00-${traceId}-00f067aa0ba902b7-01` };

describe('trace context', () => {
  it('continues an incoming trace in a span and writes it back into outgoing headers', async () => {
    const out = await withSpanFrom('handle', incoming, 'server', async (span) => {
      expect(span.spanContext().traceId).toBe(traceId);
      return injectTraceContext({});
    });
    expect(out.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(out.traceparent).not.toBe(incoming.traceparent); // a child span, not the caller's span
    expect(trace.getSpanContext(extractTraceContext(out))?.traceId).toBe(traceId);
  });

  it('puts the active trace into the headers of outbox rows', async () => {
    const statements: unknown[][] = [];
    const tx: SqlExecutor = { query: async (_sql, params) => (statements.push([...(params ?? [])]), { rows: [], rowCount: 1 }) };
    await withSpanFrom('request', incoming, 'server', () =>
      appendToOutbox(tx, [{ eventId: 'e1', topic: 't', partitionKey: 'k', eventType: 'x', payload: new Uint8Array(), headers: { 'correlation-id': 'c' } }]),
    );
    const headers = JSON.parse(String(statements[0]![5])) as Record<string, string>;
    expect(headers['correlation-id']).toBe('c');
    expect(headers.traceparent).toContain(traceId);
  });

  it('runs each route handler in a server span continuing the caller’s trace, after the body was read', async () => {
    const { app, close } = createServiceApp({ name: 'trace-test', host: '127.0.0.1', port: 0, fastify: { logger: false } });
    app.post('/work', async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { body: request.body, outgoing: injectTraceContext({}) };
    });
    const response = await app.inject({ method: 'POST', url: '/work', headers: incoming, payload: { a: 1 } });
    const { body, outgoing } = response.json() as { body: unknown; outgoing: Record<string, string> };
    expect(body).toEqual({ a: 1 });
    expect(outgoing.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(outgoing.traceparent).not.toBe(incoming.traceparent);
    await close();
  });

  it('adds no trace header when no trace is active', async () => {
    expect(context.active()).toBeDefined();
    expect(injectTraceContext({})).toEqual({});
  });
});
