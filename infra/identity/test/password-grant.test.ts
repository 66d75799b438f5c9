import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLI_CLIENT_ID,
  DEMO_PASSWORD,
  GATEWAY_CLIENT_ID,
  INVALID_CREDENTIALS_DESCRIPTION,
  passwordGrant,
  refreshGrant,
  TokenRequestError,
} from '../src/index.ts';
import { startTestProvider, type TestProvider } from './support/provider.fixture.ts';

let provider: TestProvider;

beforeAll(async () => {
  provider = await startTestProvider();
});
afterAll(async () => {
  await provider?.dispose();
});

function tokenRequest(form: Record<string, string>): Promise<Response> {
  return fetch(`${provider.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
}

describe('password grant', () => {
  it('issues an RS256 access token for the gateway, a refresh token and an ID token', async () => {
    const tokens = await passwordGrant({ baseUrl: provider.baseUrl, username: 'shaanxi.investment', password: DEMO_PASSWORD });
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresIn).toBe(300);
    expect(tokens.refreshToken).toEqual(expect.any(String));
    const jwks = createRemoteJWKSet(new URL(`${provider.issuer}/protocol/openid-connect/certs`));
    const { payload } = await jwtVerify(tokens.accessToken, jwks, { issuer: provider.issuer, audience: GATEWAY_CLIENT_ID, algorithms: ['RS256'] });
    expect(payload).toMatchObject({ azp: CLI_CLIENT_ID, typ: 'Bearer', preferred_username: 'shaanxi.investment', province: '610000' });
    expect(payload).not.toHaveProperty('client_id');
    const { payload: idToken } = await jwtVerify(tokens.idToken ?? '', jwks, { issuer: provider.issuer, audience: CLI_CLIENT_ID });
    expect(idToken).toMatchObject({ sub: payload.sub, typ: 'ID', agency: '陕西省商务厅' });
  });

  it('accepts usernames in any case, as Keycloak does', async () => {
    const tokens = await passwordGrant({ baseUrl: provider.baseUrl, username: 'Shanxi.Environment', password: DEMO_PASSWORD });
    const { payload } = await jwtVerify(tokens.accessToken, createRemoteJWKSet(new URL(`${provider.issuer}/protocol/openid-connect/certs`)));
    expect(payload.preferred_username).toBe('shanxi.environment');
  });

  it('returns no ID token without the openid scope, like Keycloak', async () => {
    const tokens = await passwordGrant({ baseUrl: provider.baseUrl, username: 'jiangsu.liaison', password: DEMO_PASSWORD, scope: 'profile' });
    expect(tokens.idToken).toBeUndefined();
    expect(tokens.accessToken).toEqual(expect.any(String));
  });

  it('answers a wrong password and an unknown user with the same invalid_grant error', async () => {
    const wrongPassword = await tokenRequest({ grant_type: 'password', client_id: CLI_CLIENT_ID, username: 'henan.liaison', password: 'nope' });
    const unknownUser = await tokenRequest({ grant_type: 'password', client_id: CLI_CLIENT_ID, username: 'nobody.liaison', password: 'nope' });
    expect(wrongPassword.status).toBe(400);
    expect(unknownUser.status).toBe(wrongPassword.status);
    const expected = { error: 'invalid_grant', error_description: INVALID_CREDENTIALS_DESCRIPTION };
    expect(await wrongPassword.json()).toEqual(expected);
    expect(await unknownUser.json()).toEqual(expected);

    await expect(passwordGrant({ baseUrl: provider.baseUrl, username: 'henan.liaison', password: 'nope' })).rejects.toMatchObject({
      name: 'TokenRequestError',
      error: 'invalid_grant',
      status: 400,
    });
  });

  it('names a missing parameter', async () => {
    const response = await tokenRequest({ grant_type: 'password', client_id: CLI_CLIENT_ID, password: 'x' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_request', error_description: "missing required parameter 'username'" });
  });

  it('is refused to the web client, whose realm settings allow only the code flow', async () => {
    const response = await tokenRequest({ grant_type: 'password', client_id: 'xietong-web', username: 'henan.liaison', password: DEMO_PASSWORD });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses an unsupported scope', async () => {
    await expect(
      passwordGrant({ baseUrl: provider.baseUrl, username: 'henan.liaison', password: DEMO_PASSWORD, scope: 'openid admin:all' }),
    ).rejects.toBeInstanceOf(TokenRequestError);
  });
});

describe('refresh grant', () => {
  it('exchanges a refresh token for new tokens with the same claims, once', async () => {
    const first = await passwordGrant({ baseUrl: provider.baseUrl, username: 'beijing.medical_insurance', password: DEMO_PASSWORD });
    const refreshed = await refreshGrant({ baseUrl: provider.baseUrl, refreshToken: first.refreshToken ?? '' });
    expect(refreshed.refreshToken).toEqual(expect.any(String));
    expect(refreshed.refreshToken).not.toBe(first.refreshToken);
    expect(refreshed.idToken).toEqual(expect.any(String));
    const jwks = createRemoteJWKSet(new URL(`${provider.issuer}/protocol/openid-connect/certs`));
    const { payload } = await jwtVerify(refreshed.accessToken, jwks, { issuer: provider.issuer, audience: GATEWAY_CLIENT_ID });
    expect(payload).toMatchObject({ preferred_username: 'beijing.medical_insurance', province: '110000', agency: '北京市医疗保障局' });

    // A rotated refresh token is spent.
    await expect(refreshGrant({ baseUrl: provider.baseUrl, refreshToken: first.refreshToken ?? '' })).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a refresh token revoked at the revocation endpoint', async () => {
    const tokens = await passwordGrant({ baseUrl: provider.baseUrl, username: 'hubei.environment', password: DEMO_PASSWORD });
    const revoked = await fetch(`${provider.issuer}/protocol/openid-connect/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: CLI_CLIENT_ID, token: tokens.refreshToken ?? '', token_type_hint: 'refresh_token' }),
    });
    expect(revoked.status).toBe(200);
    await expect(refreshGrant({ baseUrl: provider.baseUrl, refreshToken: tokens.refreshToken ?? '' })).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses an unknown refresh token', async () => {
    await expect(refreshGrant({ baseUrl: provider.baseUrl, refreshToken: 'not-a-token' })).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});

describe('userinfo with a password-grant token', () => {
  it('reads the Authorization header as the service kit does: any case of "Bearer", spaces, a b64token, nothing else', async () => {
    const tokens = await passwordGrant({ baseUrl: provider.baseUrl, username: 'shandong.environment', password: DEMO_PASSWORD });
    const userinfo = (authorization: string) =>
      fetch(`${provider.issuer}/protocol/openid-connect/userinfo`, { headers: { authorization } });
    const accepted = await userinfo(`bearer  ${tokens.accessToken}`);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ preferred_username: 'shandong.environment', province: '370000' });
    for (const malformed of [`Bearer\t${tokens.accessToken}`, `Bearer ${tokens.accessToken} x`, `Bearer ${tokens.accessToken},x`]) {
      const refused = await userinfo(malformed);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error: 'invalid_token', error_description: 'Missing bearer token' });
    }
  });
});
