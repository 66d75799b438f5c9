// The steps of the authorization code flow with PKCE as keycloak-js takes them, over plain HTTP.
import { expect } from 'vitest';
import { Browser, locationOf, makePkce } from './browser.ts';

/** The web client and a redirect URI its default patterns allow. */
export const WEB_CLIENT = 'xietong-web';
export const WEB_REDIRECT_URI = 'http://localhost:5173/app/callback';

/** Builds an authorization request URL. */
export function authorizationUrl(issuer: string, params: Record<string, string>): string {
  const url = new URL(`${issuer}/protocol/openid-connect/auth`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

/** What a completed sign-in yields: the code, the PKCE verifier and the browser holding the session. */
export interface SignedIn {
  browser: Browser;
  code: string;
  verifier: string;
  redirectUri: string;
}

/** Walks auth → sign-in page → credentials → back to auth → redirect with code. */
export async function signInWithCode(
  issuer: string,
  username: string,
  password: string,
  browser: Browser = new Browser(),
  redirectUri: string = WEB_REDIRECT_URI,
): Promise<SignedIn> {
  const { verifier, challenge } = makePkce();
  const state = `state-${Math.random().toString(36).slice(2)}`;
  const start = authorizationUrl(issuer, {
    client_id: WEB_CLIENT,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    state,
    nonce: 'nonce-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const toLogin = await browser.request(start);
  expect(toLogin.status).toBe(303);
  const loginUrl = locationOf(toLogin, start);
  expect(new URL(loginUrl).pathname).toMatch(/^\/realms\/xietong\/login-actions\//);

  const page = await browser.request(loginUrl);
  expect(page.status).toBe(200);
  await page.text();

  const submitted = await browser.postForm(loginUrl, { username, password });
  expect(submitted.status).toBe(303);
  const resume = locationOf(submitted, loginUrl);

  const toClient = await browser.request(resume);
  expect(toClient.status).toBe(303);
  const callback = new URL(locationOf(toClient, resume));
  expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
  expect(callback.searchParams.get('state')).toBe(state);
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code in ${callback.href}`);
  return { browser, code, verifier, redirectUri };
}

/** Exchanges a code at the token endpoint as the web client. */
export function exchangeCode(issuer: string, signedIn: SignedIn, verifier: string = signedIn.verifier): Promise<Response> {
  return fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: WEB_CLIENT,
      code: signedIn.code,
      redirect_uri: signedIn.redirectUri,
      code_verifier: verifier,
    }),
  });
}
