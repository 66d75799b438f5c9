import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_CLIENT_ID, DEMO_PASSWORD, passwordGrant } from '../src/index.ts';
import { signInWithCode, WEB_CLIENT } from './support/code-flow.ts';
import { startTestProvider, type TestProvider } from './support/provider.fixture.ts';

// keycloak-js sends its token requests with `credentials: 'include'`; a browser then hands the answer to the page only
// with Access-Control-Allow-Credentials: true beside the page's exact origin — on the preflight and on the answer.
const WEB_ORIGIN = 'http://localhost:5173';
const OTHER_WEB_ORIGIN = 'http://127.0.0.1:5173';
const FOREIGN_ORIGIN = 'http://localhost:5173.evil.example';

let provider: TestProvider;

beforeAll(async () => {
  provider = await startTestProvider();
});
afterAll(async () => {
  await provider?.dispose();
});

const endpoint = (name: string) => `${provider.issuer}/protocol/openid-connect/${name}`;

function preflight(name: string, origin: string, method: string, headers = 'content-type'): Promise<Response> {
  return fetch(endpoint(name), {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });
}

function expectCredentialedFor(response: Response, origin: string): void {
  expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  expect(response.headers.get('vary') ?? '').toMatch(/\bOrigin\b/i);
}

function expectNoCors(response: Response): void {
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
  expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  expect(response.headers.get('vary') ?? '').toMatch(/\bOrigin\b/i);
}

describe('CORS with credentials for the web origins of the realm', () => {
  it.each([
    ['token', 'POST', 'content-type'],
    ['revoke', 'POST', 'content-type'],
    ['userinfo', 'GET', 'authorization'],
    ['logout', 'POST', 'content-type'],
  ])('answers a preflight to %s from a web origin, and only from one', async (name, method, headers) => {
    for (const origin of [WEB_ORIGIN, OTHER_WEB_ORIGIN]) {
      const allowed = await preflight(name, origin, method, headers);
      expect(allowed.status).toBe(204);
      expectCredentialedFor(allowed, origin);
      expect(allowed.headers.get('access-control-allow-methods')).toContain(method);
      expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(headers);
    }
    for (const origin of [FOREIGN_ORIGIN, 'null', 'http://localhost:5174']) {
      expectNoCors(await preflight(name, origin, method, headers));
    }
  });

  it('lets the web origin read the code exchange and the refresh with credentials', async () => {
    const signedIn = await signInWithCode(provider.issuer, 'henan.liaison', DEMO_PASSWORD);
    const exchange = await fetch(endpoint('token'), {
      method: 'POST',
      headers: { origin: WEB_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: WEB_CLIENT,
        code: signedIn.code,
        redirect_uri: signedIn.redirectUri,
        code_verifier: signedIn.verifier,
      }),
    });
    expect(exchange.status).toBe(200);
    expectCredentialedFor(exchange, WEB_ORIGIN);
    const { refresh_token: refreshToken } = (await exchange.json()) as { refresh_token: string };

    const refresh = (origin: string, token: string) =>
      fetch(endpoint('token'), {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: WEB_CLIENT, refresh_token: token }),
      });
    const foreign = await refresh(FOREIGN_ORIGIN, refreshToken);
    expect(foreign.status).toBe(400);
    expectNoCors(foreign);
    const refreshed = await refresh(WEB_ORIGIN, refreshToken);
    expect(refreshed.status).toBe(200);
    expectCredentialedFor(refreshed, WEB_ORIGIN);
    // Errors are readable too, so the page learns why (here: the spent refresh token).
    const spent = await refresh(WEB_ORIGIN, refreshToken);
    expect(spent.status).toBe(400);
    expectCredentialedFor(spent, WEB_ORIGIN);
  });

  it('checks the origin against the calling client: the command-line client has no web origins', async () => {
    const response = await fetch(endpoint('token'), {
      method: 'POST',
      headers: { origin: WEB_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: CLI_CLIENT_ID, username: 'henan.liaison', password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets a client\'s web origin read revocation answers, checked against the calling client', async () => {
    const revoke = (origin: string, clientId: string) =>
      fetch(endpoint('revoke'), {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: clientId, token: 'unknown' }),
      });
    const allowed = await revoke(WEB_ORIGIN, WEB_CLIENT);
    expect(allowed.status).toBe(200);
    expectCredentialedFor(allowed, WEB_ORIGIN);
    expectNoCors(await revoke(FOREIGN_ORIGIN, WEB_CLIENT));
    expectNoCors(await revoke(WEB_ORIGIN, CLI_CLIENT_ID));
  });

  it('lets the web origin read userinfo and logout answers, and no other origin', async () => {
    const { accessToken } = await passwordGrant({ baseUrl: provider.baseUrl, username: 'hubei.liaison', password: DEMO_PASSWORD });
    const userinfo = (origin: string) =>
      fetch(endpoint('userinfo'), { headers: { origin, authorization: `Bearer ${accessToken}` } });
    const allowed = await userinfo(OTHER_WEB_ORIGIN);
    expect(allowed.status).toBe(200);
    expectCredentialedFor(allowed, OTHER_WEB_ORIGIN);
    expect(allowed.headers.get('access-control-expose-headers')).toBe('WWW-Authenticate');
    expectNoCors(await userinfo(FOREIGN_ORIGIN));

    const logout = (origin: string) => fetch(`${endpoint('logout')}?client_id=${WEB_CLIENT}`, { headers: { origin } });
    const logoutPage = await logout(WEB_ORIGIN);
    expect(logoutPage.status).toBe(200);
    expectCredentialedFor(logoutPage, WEB_ORIGIN);
    expectNoCors(await logout(FOREIGN_ORIGIN));
  });

  it('never answers with a wildcard origin where credentials are allowed', async () => {
    const responses = [
      await preflight('token', WEB_ORIGIN, 'POST'),
      await fetch(endpoint('token'), { method: 'POST', headers: { origin: WEB_ORIGIN }, body: new URLSearchParams({ client_id: WEB_CLIENT }) }),
      await fetch(endpoint('userinfo'), { headers: { origin: WEB_ORIGIN } }),
    ];
    for (const response of responses) {
      expect(response.headers.get('access-control-allow-origin')).not.toBe('*');
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    }
  });
});
