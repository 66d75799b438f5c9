import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/index.ts';
import { locationOf, makePkce, type Browser } from './support/browser.ts';
import { authorizationUrl, exchangeCode, signInWithCode, WEB_CLIENT } from './support/code-flow.ts';
import { startTestProvider, type TestProvider } from './support/provider.fixture.ts';

let provider: TestProvider;

beforeAll(async () => {
  provider = await startTestProvider();
});
afterAll(async () => {
  await provider?.dispose();
});

interface WebTokens {
  access_token: string;
  id_token: string;
  refresh_token: string;
}

async function signedInBrowser(username: string): Promise<{ browser: Browser; tokens: WebTokens }> {
  const signedIn = await signInWithCode(provider.issuer, username, DEMO_PASSWORD);
  const tokens = (await (await exchangeCode(provider.issuer, signedIn)).json()) as WebTokens;
  return { browser: signedIn.browser, tokens };
}

function hiddenInput(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];
  if (!value) throw new Error(`no hidden ${name} input in the page`);
  return value;
}

async function promptNone(browser: Browser): Promise<URL> {
  const url = authorizationUrl(provider.issuer, {
    client_id: WEB_CLIENT,
    redirect_uri: 'http://localhost:5173/',
    response_type: 'code',
    scope: 'openid',
    prompt: 'none',
    code_challenge: makePkce().challenge,
    code_challenge_method: 'S256',
  });
  return new URL(locationOf(await browser.request(url), url));
}

const userinfo = (accessToken: string) =>
  fetch(`${provider.issuer}/protocol/openid-connect/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });

describe('end-session logout', () => {
  it('ends the session for a request with id_token_hint (page submits itself) and redirects back', async () => {
    const { browser, tokens } = await signedInBrowser('jiangsu.environment');
    expect((await userinfo(tokens.access_token)).status).toBe(200);

    const logoutUrl = new URL(`${provider.issuer}/protocol/openid-connect/logout`);
    logoutUrl.searchParams.set('id_token_hint', tokens.id_token);
    logoutUrl.searchParams.set('post_logout_redirect_uri', 'http://localhost:5173/');
    logoutUrl.searchParams.set('state', 'bye');
    const page = await browser.request(logoutUrl.href);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('f.submit()');

    const confirmed = await browser.postForm(`${provider.issuer}/protocol/openid-connect/logout/confirm`, {
      xsrf: hiddenInput(html, 'xsrf'),
      logout: 'yes',
    });
    expect(confirmed.status).toBe(303);
    const back = new URL(locationOf(confirmed, logoutUrl.href));
    expect(`${back.origin}${back.pathname}`).toBe('http://localhost:5173/');
    expect(back.searchParams.get('state')).toBe('bye');

    expect((await promptNone(browser)).searchParams.get('error')).toBe('login_required');
    const stale = await userinfo(tokens.access_token);
    expect(stale.status).toBe(401);
    const refresh = await fetch(`${provider.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: WEB_CLIENT, refresh_token: tokens.refresh_token }),
    });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('asks for confirmation without id_token_hint and keeps the session when the user declines', async () => {
    const { browser } = await signedInBrowser('hubei.liaison');
    const logoutUrl = `${provider.issuer}/protocol/openid-connect/logout?client_id=${WEB_CLIENT}`;
    const html = await (await browser.request(logoutUrl)).text();
    expect(html).not.toContain('f.submit()');
    expect(html).toMatch(/<button type="submit" form="op\.logoutForm" name="logout" value="yes"/);

    const declined = await browser.postForm(`${provider.issuer}/protocol/openid-connect/logout/confirm`, { xsrf: hiddenInput(html, 'xsrf') });
    expect(declined.status).toBe(303);
    expect((await promptNone(browser)).searchParams.get('code')).toEqual(expect.any(String));
  });

  it('refuses a post-logout redirect URI that is not registered', async () => {
    const { browser, tokens } = await signedInBrowser('anhui.liaison');
    const logoutUrl = new URL(`${provider.issuer}/protocol/openid-connect/logout`);
    logoutUrl.searchParams.set('id_token_hint', tokens.id_token);
    logoutUrl.searchParams.set('post_logout_redirect_uri', 'http://evil.example/');
    const response = await browser.request(logoutUrl.href, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('post_logout_redirect_uri');
  });
});
