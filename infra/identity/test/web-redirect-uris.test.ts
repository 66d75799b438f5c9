import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, locationOf, makePkce } from './support/browser.ts';
import { authorizationUrl, WEB_CLIENT } from './support/code-flow.ts';
import { startTestProvider, type TestProvider } from './support/provider.fixture.ts';

let provider: TestProvider;

beforeAll(async () => {
  provider = await startTestProvider({ webRedirectUris: ['http://xietong.test:8080/*'] });
});
afterAll(async () => {
  await provider?.dispose();
});

function authorize(redirectUri: string): Promise<Response> {
  const url = authorizationUrl(provider.issuer, {
    client_id: WEB_CLIENT,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    code_challenge: makePkce().challenge,
    code_challenge_method: 'S256',
  });
  return new Browser().request(url, { headers: { accept: 'text/html' } });
}

describe('configured web redirect URIs', () => {
  it('replace the defaults of the data file', async () => {
    const allowed = await authorize('http://xietong.test:8080/app');
    expect(allowed.status).toBe(303);
    expect(new URL(locationOf(allowed, provider.issuer)).pathname).toMatch(/\/login-actions\//);
    expect((await authorize('http://localhost:5173/app')).status).toBe(400);
  });

  it('never let a look-alike host through', async () => {
    for (const uri of ['http://xietong.test:8080.evil.example/', 'http://xietong.test:8080@evil.example/', 'http://xietong.test:8080\\@evil.example/']) {
      const refused = await authorize(uri);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('location')).toBeNull();
    }
  });

  it('decide the CORS origins of the token endpoint', async () => {
    const tokenRequest = (origin: string) =>
      fetch(`${provider.issuer}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: WEB_CLIENT, refresh_token: 'unknown' }),
      });
    expect((await tokenRequest('http://xietong.test:8080')).headers.get('access-control-allow-origin')).toBe('http://xietong.test:8080');
    expect((await tokenRequest('http://localhost:5173')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
