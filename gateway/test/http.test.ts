// The HTTP surface around GraphQL: CORS for the web app's origins only, probes, unknown routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, startTestIdentity, type TestGateway, type TestIdentity } from './support/test-platform.ts';

const WEB = 'http://localhost:5173';
let identity: TestIdentity;
let gw: TestGateway;
beforeAll(async () => {
  identity = await startTestIdentity();
  gw = await startTestGateway(identity, { corsOrigins: [WEB] });
});
afterAll(async () => {
  await gw?.stop();
  await identity?.stop();
});

const preflight = (origin: string) =>
  fetch(`${gw.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, last-event-id' } });

describe('CORS', () => {
  it('answers the web app’s preflight without credentials, allowing the bearer and Last-Event-ID headers', async () => {
    const response = await preflight(WEB);
    expect(response.headers.get('access-control-allow-origin')).toBe(WEB);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization.*last-event-id/);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives another origin nothing', async () => {
    const response = await preflight('https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the web app read a 401 and a normal answer', async () => {
    const refused = await gw.post({ query: '{ me { username } }' }, 'not-a-token', { origin: WEB });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(WEB);
    const answered = await gw.post({ query: '{ health { status } }' }, null, { origin: WEB });
    expect(answered.headers.get('access-control-allow-origin')).toBe(WEB);
  });
});

describe('probes and routes', () => {
  it('serves liveness and readiness', async () => {
    expect((await fetch(`${gw.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${gw.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { events: 'ok' } });
  });

  it('answers an unknown route in the GraphQL error shape', async () => {
    const response = await fetch(`${gw.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ message: 'No such route.', extensions: { code: 'NOT_FOUND' } }] });
  });
});
