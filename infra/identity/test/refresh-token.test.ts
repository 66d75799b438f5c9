import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_CLIENT_ID, DEMO_PASSWORD, loadDemoRealm, passwordGrant, refreshGrant } from '../src/index.ts';
import { exchangeCode, signInWithCode, WEB_CLIENT } from './support/code-flow.ts';
import { startTestProvider, type TestProvider } from './support/provider.fixture.ts';

const realm = loadDemoRealm();
let provider: TestProvider;
let otherProvider: TestProvider;

beforeAll(async () => {
  [provider, otherProvider] = await Promise.all([startTestProvider(), startTestProvider()]);
});
afterAll(async () => {
  await Promise.all([provider?.dispose(), otherProvider?.dispose()]);
});

// What keycloak-js 26 does with a refresh token (decodeToken in keycloak.js): the second dot-separated part, base64url
// JSON. An opaque token fails here with "Unable to decode token, payload not found".
function decodeAsKeycloakJs(token: string): Record<string, unknown> {
  const [, payload] = token.split('.');
  if (typeof payload !== 'string') throw new Error('Unable to decode token, payload not found.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function refreshAs(clientId: string, refreshToken: string): Promise<Response> {
  return fetch(`${provider.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken }),
  });
}

async function expectInvalidGrant(response: Response): Promise<void> {
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
}

describe('refresh tokens shaped like Keycloak\'s', () => {
  it('are HS512 JWTs with Keycloak\'s claims for the password grant, which keycloak-js can decode', async () => {
    const user = realm.users.find((u) => u.username === 'henan.environment');
    const tokens = await passwordGrant({ baseUrl: provider.baseUrl, username: 'henan.environment', password: DEMO_PASSWORD });
    const refreshToken = tokens.refreshToken ?? '';
    expect(decodeProtectedHeader(refreshToken)).toMatchObject({ alg: 'HS512', typ: 'JWT', kid: expect.any(String) });
    const claims = decodeAsKeycloakJs(refreshToken);
    expect(claims).toEqual({
      typ: 'Refresh',
      azp: CLI_CLIENT_ID,
      scope: 'openid profile email',
      iss: provider.issuer,
      aud: provider.issuer,
      sub: user?.id,
      jti: expect.any(String),
      iat: expect.any(Number),
      exp: expect.any(Number),
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(realm.tokenLifetimes.ssoSessionIdleSeconds);
    expect(tokens.refreshExpiresIn).toBe(realm.tokenLifetimes.ssoSessionIdleSeconds);
    // Signed with a key of the provider alone: the public signing keys do not verify it.
    const jwks = createRemoteJWKSet(new URL(`${provider.issuer}/protocol/openid-connect/certs`));
    await expect(jwtVerify(refreshToken, jwks)).rejects.toThrow();

    const refreshed = await refreshGrant({ baseUrl: provider.baseUrl, refreshToken });
    const next = decodeAsKeycloakJs(refreshed.refreshToken ?? '');
    expect(next).toMatchObject({ typ: 'Refresh', azp: CLI_CLIENT_ID, sub: user?.id, iss: provider.issuer });
    expect(next.jti).not.toBe(claims.jti);
    expect(refreshed.refreshExpiresIn).toBeGreaterThan(0);
    expect(refreshed.refreshExpiresIn).toBeLessThanOrEqual(realm.tokenLifetimes.ssoSessionIdleSeconds);
    const again = await refreshGrant({ baseUrl: provider.baseUrl, refreshToken: refreshed.refreshToken ?? '' });
    expect(decodeJwt(again.accessToken)).toMatchObject({ preferred_username: 'henan.environment', azp: CLI_CLIENT_ID });
  });

  it('carry the browser session as sid for the web client, and refresh as the web client', async () => {
    const signedIn = await signInWithCode(provider.issuer, 'jiangsu.investment', DEMO_PASSWORD);
    const exchanged = await exchangeCode(provider.issuer, signedIn);
    expect(exchanged.status).toBe(200);
    const tokens = (await exchanged.json()) as { access_token: string; refresh_token: string; refresh_expires_in: number };
    expect(tokens.refresh_expires_in).toBe(realm.tokenLifetimes.ssoSessionIdleSeconds);
    const claims = decodeAsKeycloakJs(tokens.refresh_token);
    const access = decodeJwt(tokens.access_token);
    expect(claims).toMatchObject({ typ: 'Refresh', azp: WEB_CLIENT, sid: access.sid, sub: access.sub, aud: provider.issuer });
    expect(String(claims.scope).split(' ')).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));

    // Another client cannot use it.
    await expectInvalidGrant(await refreshAs(CLI_CLIENT_ID, tokens.refresh_token));
    const refreshed = await refreshAs(WEB_CLIENT, tokens.refresh_token);
    expect(refreshed.status).toBe(200);
    const body = (await refreshed.json()) as { access_token: string; id_token: string; refresh_token: string; refresh_expires_in: number };
    expect(decodeAsKeycloakJs(body.refresh_token)).toMatchObject({ typ: 'Refresh', azp: WEB_CLIENT, sid: access.sid });
    expect(decodeJwt(body.access_token)).toMatchObject({ sid: access.sid, preferred_username: 'jiangsu.investment' });
    expect(body.refresh_expires_in).toBeGreaterThan(0);
  });

  it('refuses an altered, re-signed, unsigned, foreign or unwrapped refresh token with invalid_grant, leaving the real one usable', async () => {
    const victim = realm.users.find((u) => u.username === 'national.observer');
    const tokens = await passwordGrant({ baseUrl: provider.baseUrl, username: 'anhui.liaison', password: DEMO_PASSWORD });
    const refreshToken = tokens.refreshToken ?? '';
    const [header = '', payload = '', signature = ''] = refreshToken.split('.');
    const claims = decodeAsKeycloakJs(refreshToken);
    const foreign = await passwordGrant({ baseUrl: otherProvider.baseUrl, username: 'anhui.liaison', password: DEMO_PASSWORD });

    const forgeries = {
      'another subject': `${header}.${segment({ ...claims, sub: victim?.id })}.${signature}`,
      'a later expiry': `${header}.${segment({ ...claims, exp: Number(claims.exp) + 86_400 })}.${signature}`,
      'a changed signature': `${header}.${payload}.${signature.slice(0, -6)}${signature.slice(-6) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`,
      'no signature': `${segment({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      'the bare handle': String(claims.jti),
      'a wrapper of another provider': foreign.refreshToken ?? '',
      'an access token': tokens.accessToken,
      'an ID token': tokens.idToken ?? '',
    };
    for (const [what, forged] of Object.entries(forgeries)) {
      const response = await refreshAs(CLI_CLIENT_ID, forged);
      expect(response.status, what).toBe(400);
      expect(await response.json(), what).toMatchObject({ error: 'invalid_grant' });
    }

    const refreshed = await refreshGrant({ baseUrl: provider.baseUrl, refreshToken });
    expect(decodeJwt(refreshed.accessToken).preferred_username).toBe('anhui.liaison');
  });

  it('are revoked at the revocation endpoint as JWTs, by their own client only; the bare handle revokes nothing', async () => {
    const revoke = (clientId: string, token: string) =>
      fetch(`${provider.issuer}/protocol/openid-connect/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: clientId, token, token_type_hint: 'refresh_token' }),
      });
    const tokens = await passwordGrant({ baseUrl: provider.baseUrl, username: 'hubei.medical_insurance', password: DEMO_PASSWORD });
    const refreshToken = tokens.refreshToken ?? '';

    expect((await revoke(CLI_CLIENT_ID, String(decodeAsKeycloakJs(refreshToken).jti))).status).toBe(200);
    expect((await revoke(WEB_CLIENT, refreshToken)).status).toBe(200);
    const stillValid = await refreshGrant({ baseUrl: provider.baseUrl, refreshToken });

    const accessRevocation = await revoke(CLI_CLIENT_ID, stillValid.accessToken);
    expect(accessRevocation.status).toBe(400);
    expect(await accessRevocation.json()).toMatchObject({ error: 'unsupported_token_type' });

    const revoked = await revoke(CLI_CLIENT_ID, stillValid.refreshToken ?? '');
    expect(revoked.status).toBe(200);
    await expect(refreshGrant({ baseUrl: provider.baseUrl, refreshToken: stillValid.refreshToken ?? '' })).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('names the revocation endpoint in discovery and refuses a malformed revocation request', async () => {
    const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery.revocation_endpoint).toBe(`${provider.issuer}/protocol/openid-connect/revoke`);

    const post = (body: string, contentType = 'application/x-www-form-urlencoded') =>
      fetch(`${provider.issuer}/protocol/openid-connect/revoke`, { method: 'POST', headers: { 'content-type': contentType }, body });
    const cases: [Response, number, Record<string, string>][] = [
      [await post('token=x'), 400, { error: 'invalid_request', error_description: "missing required parameter 'client_id'" }],
      [await post('client_id=nobody&token=x'), 401, { error: 'invalid_client' }],
      [await post(`client_id=${CLI_CLIENT_ID}`), 400, { error: 'invalid_request', error_description: "missing required parameter 'token'" }],
      [await post(`client_id=${CLI_CLIENT_ID}&token=a&token=b`), 400, { error: 'invalid_request', error_description: "'token' parameter must only be provided once" }],
      [await post(JSON.stringify({ client_id: CLI_CLIENT_ID, token: 'x' }), 'application/json'), 400, { error: 'invalid_request' }],
    ];
    for (const [response, status, body] of cases) {
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject(body);
    }
  });
});
