import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, GATEWAY_CLIENT_ID } from '../src/index.ts';
import { Browser, locationOf, makePkce } from './support/browser.ts';
import { authorizationUrl, exchangeCode, signInWithCode, WEB_CLIENT, WEB_REDIRECT_URI } from './support/code-flow.ts';
import { startTestProvider, type TestProvider } from './support/provider.fixture.ts';

let provider: TestProvider;

beforeAll(async () => {
  provider = await startTestProvider();
});
afterAll(async () => {
  await provider?.dispose();
});

describe('authorization code flow with PKCE', () => {
  it('signs in through the login page and exchanges the code for Keycloak-shaped tokens', async () => {
    const signedIn = await signInWithCode(provider.issuer, 'henan.environment', DEMO_PASSWORD);

    const wrongVerifier = await exchangeCode(provider.issuer, signedIn, makePkce().verifier);
    expect(wrongVerifier.status).toBe(400);
    expect(await wrongVerifier.json()).toMatchObject({ error: 'invalid_grant' });

    const response = await exchangeCode(provider.issuer, signedIn);
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as { access_token: string; id_token: string; refresh_token: string; token_type: string };
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.refresh_token).toEqual(expect.any(String));

    const jwks = createRemoteJWKSet(new URL(`${provider.issuer}/protocol/openid-connect/certs`));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: provider.issuer,
      audience: GATEWAY_CLIENT_ID,
      algorithms: ['RS256'],
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      typ: 'Bearer',
      azp: WEB_CLIENT,
      preferred_username: 'henan.environment',
      province: '410000',
      agency: '河南省生态环境厅',
      realm_access: { roles: ['environment'] },
    });
    expect(payload.scope).toContain('openid');
    expect(payload.sid).toEqual(expect.any(String));

    const { payload: idToken } = await jwtVerify(tokens.id_token, jwks, { issuer: provider.issuer, audience: WEB_CLIENT });
    expect(idToken).toMatchObject({ typ: 'ID', azp: WEB_CLIENT, nonce: 'nonce-1', province: '410000', agency: '河南省生态环境厅' });
    expect(idToken.sub).toBe(payload.sub);
  });

  it('does not accept a code twice', async () => {
    const signedIn = await signInWithCode(provider.issuer, 'shandong.liaison', DEMO_PASSWORD);
    expect((await exchangeCode(provider.issuer, signedIn)).status).toBe(200);
    const again = await exchangeCode(provider.issuer, signedIn);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('signs a returning browser in without the login page (single sign-on)', async () => {
    const { browser } = await signInWithCode(provider.issuer, 'hubei.investment', DEMO_PASSWORD);
    const { challenge } = makePkce();
    const url = authorizationUrl(provider.issuer, {
      client_id: WEB_CLIENT,
      redirect_uri: 'http://127.0.0.1:5173/',
      response_type: 'code',
      scope: 'openid',
      prompt: 'none',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const response = await browser.request(url);
    expect(response.status).toBe(303);
    const callback = new URL(locationOf(response, url));
    expect(callback.origin).toBe('http://127.0.0.1:5173');
    expect(callback.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('answers in the fragment when asked, as keycloak-js asks by default', async () => {
    const { browser } = await signInWithCode(provider.issuer, 'shaanxi.liaison', DEMO_PASSWORD);
    const { challenge } = makePkce();
    const url = authorizationUrl(provider.issuer, {
      client_id: WEB_CLIENT,
      redirect_uri: 'http://localhost:5173/cases',
      response_type: 'code',
      response_mode: 'fragment',
      scope: 'openid',
      state: 'kc-state',
      nonce: 'kc-nonce',
      ui_locales: 'zh-CN',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const response = await browser.request(url);
    expect(response.status).toBe(303);
    const callback = new URL(locationOf(response, url));
    expect(callback.search).toBe('');
    const fragment = new URLSearchParams(callback.hash.slice(1));
    expect(fragment.get('state')).toBe('kc-state');
    expect(fragment.get('code')).toEqual(expect.any(String));
  });

  it('refuses an authorization request without a PKCE challenge', async () => {
    const url = authorizationUrl(provider.issuer, {
      client_id: WEB_CLIENT,
      redirect_uri: WEB_REDIRECT_URI,
      response_type: 'code',
      scope: 'openid',
    });
    const response = await new Browser().request(url);
    expect(response.status).toBe(303);
    const callback = new URL(locationOf(response, url));
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('refuses a redirect URI outside the registered patterns with an error page, not a redirect', async () => {
    const { challenge } = makePkce();
    const url = authorizationUrl(provider.issuer, {
      client_id: WEB_CLIENT,
      redirect_uri: 'http://localhost:5174/app/callback',
      response_type: 'code',
      scope: 'openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const response = await new Browser().request(url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_uri');
  });

  it('renders an accessible, bilingual login page and re-renders it after a wrong password', async () => {
    const browser = new Browser();
    const { challenge } = makePkce();
    const url = authorizationUrl(provider.issuer, {
      client_id: WEB_CLIENT,
      redirect_uri: WEB_REDIRECT_URI,
      response_type: 'code',
      scope: 'openid',
      login_hint: 'beijing.liaison',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const loginUrl = locationOf(await browser.request(url), url);
    const page = await (await browser.request(loginUrl)).text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toMatch(/<label for="username">用户名 <span class="en" lang="en">Username<\/span><\/label>/);
    expect(page).toMatch(/<label for="password">密码 <span class="en" lang="en">Password<\/span><\/label>/);
    expect(page).toMatch(/<input type="text" id="username" name="username" value="beijing.liaison" autocomplete="username"/);
    expect(page).toMatch(/<input type="password" id="password" name="password" autocomplete="current-password"/);

    const failed = await browser.postForm(loginUrl, { username: 'beijing.liaison', password: 'wrong' });
    expect(failed.status).toBe(200);
    const failedPage = await failed.text();
    expect(failedPage).toMatch(/role="alert"[^>]*>用户名或密码错误/);
    expect(failedPage).toContain('aria-invalid="true"');

    const succeeded = await browser.postForm(loginUrl, { username: 'beijing.liaison', password: DEMO_PASSWORD });
    expect(succeeded.status).toBe(303);
  });

  it('answers userinfo with the claims of a web access token, and CORS for the web origin', async () => {
    const signedIn = await signInWithCode(provider.issuer, 'anhui.medical_insurance', DEMO_PASSWORD);
    const { access_token: accessToken } = (await (await exchangeCode(provider.issuer, signedIn)).json()) as { access_token: string };
    const response = await fetch(`${provider.issuer}/protocol/openid-connect/userinfo`, {
      headers: { authorization: `Bearer ${accessToken}`, origin: 'http://localhost:5173' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(await response.json()).toEqual({
      sub: decodeJwt(accessToken).sub,
      preferred_username: 'anhui.medical_insurance',
      province: '340000',
      agency: '安徽省医疗保障局',
      realm_access: { roles: ['medical_insurance'] },
    });

    const foreign = await fetch(`${provider.issuer}/protocol/openid-connect/userinfo`, {
      headers: { authorization: `Bearer ${accessToken}`, origin: 'http://evil.example' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const tampered = await fetch(`${provider.issuer}/protocol/openid-connect/userinfo`, {
      headers: { authorization: `Bearer ${accessToken.slice(0, -4)}AAAA` },
    });
    expect(tampered.status).toBe(401);
    expect(tampered.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it('lets the web origin, and no other, read token endpoint answers', async () => {
    const tokenRequest = (origin: string) =>
      fetch(`${provider.issuer}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: WEB_CLIENT, refresh_token: 'unknown' }),
      });
    expect((await tokenRequest('http://localhost:5173')).headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect((await tokenRequest('http://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
