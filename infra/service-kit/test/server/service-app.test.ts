import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../../src/errors/domain-error.ts';
import { createServiceApp, type ServiceApp } from '../../src/server/service-app.ts';
import { statusForCode } from '../../src/server/error.handler.ts';
import { AuditError } from '../../src/audit/audit-log.ts';
import { IdentityProviderUnavailableError } from '../../src/identity/identity.errors.ts';

let service: ServiceApp | undefined;

afterEach(async () => {
  await service?.close();
  service = undefined;
});

function build(checks: Record<string, () => Promise<void>> = {}): ServiceApp {
  service = createServiceApp({ name: 'test', host: '127.0.0.1', port: 0, readinessChecks: checks, readinessTimeoutMs: 200, fastify: { logger: false } });
  return service;
}

describe('service app', () => {
  it('answers liveness, and readiness by its checks without leaking why a check failed', async () => {
    const { app } = build({ database: async () => {}, broker: async () => Promise.reject(new Error('secret host 10.1.2.3 refused')) });
    expect((await app.inject('/health/live')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'not ready', checks: { database: 'ok', broker: 'failing' } });
    expect(ready.body).not.toContain('10.1.2.3');
  });

  it('fails readiness for a check that hangs past its timeout', async () => {
    const { app } = build({ slow: () => new Promise(() => {}) });
    const ready = await app.inject('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks).toEqual({ slow: 'failing' });
  });

  it('serves Prometheus metrics including request durations', async () => {
    const { app } = build();
    await app.inject('/health/live');
    const metrics = await app.inject('/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/health\/live"[^}]*\} 1/);
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
  });

  it('propagates the caller correlation id, or starts one from the request id', async () => {
    const { app } = build();
    const given = await app.inject({ url: '/health/live', headers: { 'x-correlation-id': 'corr-42' } });
    expect(given.headers['x-correlation-id']).toBe('corr-42');
    const fresh = await app.inject('/health/live');
    expect(fresh.headers['x-correlation-id']).toBe(fresh.headers['x-request-id']);
    const hostile = await app.inject({ url: '/health/live', headers: { 'x-correlation-id': 'bad id\nwith newline' } });
    expect(hostile.headers['x-correlation-id']).toBe(hostile.headers['x-request-id']);
    const keptRequestId = await app.inject({ url: '/health/live', headers: { 'x-request-id': 'req-7' } });
    expect(keptRequestId.headers['x-request-id']).toBe('req-7');
    const forgedRequestId = await app.inject({ url: '/health/live', headers: { 'x-request-id': '<script>alert(1)</script>' } });
    expect(forgedRequestId.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('maps domain errors to statuses with stable codes and field problems, and hides unexpected errors', async () => {
    const { app } = build();
    app.get('/missing', async () => {
      throw new NotFoundError('case');
    });
    app.get('/invalid', async () => {
      throw new ValidationError([{ field: 'readings.2.value', reason: 'must not be negative' }]);
    });
    app.get('/conflict', async () => {
      throw new ConflictError('CASE_ALREADY_CLOSED', 'The case is closed.');
    });
    app.get('/boom', async () => {
      throw new Error('password=hunter2 at /srv/app.ts:12');
    });
    app.post('/schema', { schema: { body: { type: 'object', required: ['severity'], properties: { severity: { enum: ['I', 'II'] } } } } }, async () => ({}));

    expect((await app.inject('/missing')).statusCode).toBe(404);
    expect((await app.inject('/missing')).json()).toMatchObject({ code: 'NOT_FOUND', message: 'No such case.' });
    const invalid = await app.inject('/invalid');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ field: 'readings.2.value', reason: 'must not be negative' }] });
    expect((await app.inject('/conflict')).statusCode).toBe(409);
    const boom = await app.inject('/boom');
    expect(boom.statusCode).toBe(500);
    expect(boom.json().code).toBe('INTERNAL');
    expect(boom.body).not.toContain('hunter2');
    expect(boom.body).not.toContain('app.ts');
    const schema = await app.inject({ method: 'POST', url: '/schema', payload: { severity: 'V' } });
    expect(schema.statusCode).toBe(400);
    expect(schema.json().problems[0].field).toBe('body.severity');
    const missing = await app.inject({ method: 'POST', url: '/schema', payload: {} });
    expect(missing.json().problems[0]).toMatchObject({ field: 'body.severity' });
    const badJson = await app.inject({ method: 'POST', url: '/schema', payload: '{nope', headers: { 'content-type': 'application/json' } });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.body).not.toMatch(/at .*\.js/);
  });

  it('answers 503 while a dependency is unavailable and 500 without text for the service’s own faults', async () => {
    const { app } = build();
    app.get('/idp-down', async () => {
      throw new IdentityProviderUnavailableError('JWKS fetch failed');
    });
    app.get('/audit-broken', async () => {
      throw new AuditError('audit_head is missing: run the audit log migration (AUDIT_LOG_DDL)');
    });
    const down = await app.inject('/idp-down');
    expect(down.statusCode).toBe(503);
    expect(down.json().code).toBe('IDENTITY_UNAVAILABLE');
    const audit = await app.inject('/audit-broken');
    expect(audit.statusCode).toBe(500);
    expect(audit.json()).toMatchObject({ code: 'INTERNAL' });
    expect(audit.body).not.toContain('audit_head');
    expect(statusForCode('CASE_ALREADY_CLOSED')).toBe(409);
    expect(statusForCode('INVALID_CONFIG')).toBe(500);
  });

  it('runs shutdown work in reverse order of registration, once', async () => {
    const s = build();
    const order: string[] = [];
    s.onShutdown('database', async () => void order.push('database'));
    s.onShutdown('relay', async () => void order.push('relay'));
    await s.listen();
    const sigtermListeners = process.listenerCount('SIGTERM');
    await Promise.all([s.close(), s.close()]);
    expect(order).toEqual(['relay', 'database']);
    // The app's signal handlers go with it.
    expect(process.listenerCount('SIGTERM')).toBeLessThan(sigtermListeners);
    service = undefined;
  });
});
