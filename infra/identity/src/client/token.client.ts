// Fetches tokens the way tests and scripts need them: the password grant and the refresh grant against Keycloak's
// token endpoint, from this development provider or from a real Keycloak with the exported realm.
import { z } from 'zod';
import { TokenRequestError } from '../identity.errors.ts';

/** The client tests and scripts use (direct access grants enabled). */
export const CLI_CLIENT_ID = 'xietong-cli';
const REALM = 'xietong';
const REQUEST_TIMEOUT_MS = 10_000;

/** Tokens from the token endpoint. */
export interface TokenSet {
  accessToken: string;
  tokenType: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string | undefined;
  refreshExpiresIn: number | undefined;
  /** Present when the openid scope was granted. */
  idToken: string | undefined;
  scope: string;
}

/** Where the token endpoint is and which client asks. */
export interface TokenEndpointOptions {
  /** The provider's public URL (http://localhost:8180) or the realm's issuer (…/realms/xietong). */
  baseUrl: string;
  /** Default xietong-cli. */
  clientId?: string;
}

/** A password grant request. */
export interface PasswordGrantOptions extends TokenEndpointOptions {
  username: string;
  password: string;
  /** Default "openid", so an ID token comes back too. */
  scope?: string;
}

/** A refresh grant request. */
export interface RefreshGrantOptions extends TokenEndpointOptions {
  refreshToken: string;
}

const tokenResponse = z.object({
  access_token: z.string(),
  token_type: z.string(),
  expires_in: z.number(),
  refresh_token: z.string().optional(),
  refresh_expires_in: z.number().optional(),
  id_token: z.string().optional(),
  scope: z.string().optional(),
});
const errorResponse = z.object({ error: z.string(), error_description: z.string().optional() });

/** Signs a user in with the resource-owner password grant; throws TokenRequestError when refused. */
export function passwordGrant(options: PasswordGrantOptions): Promise<TokenSet> {
  return requestTokens(options, {
    grant_type: 'password',
    username: options.username,
    password: options.password,
    scope: options.scope ?? 'openid',
  });
}

/** Exchanges a refresh token for new tokens; throws TokenRequestError when refused. */
export function refreshGrant(options: RefreshGrantOptions): Promise<TokenSet> {
  return requestTokens(options, { grant_type: 'refresh_token', refresh_token: options.refreshToken });
}

/** The token endpoint of the xietong realm under a base URL or issuer. */
export function tokenEndpointOf(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  const issuer = /\/realms\/[^/]+$/.test(trimmed) ? trimmed : `${trimmed}/realms/${REALM}`;
  return `${issuer}/protocol/openid-connect/token`;
}

async function requestTokens(options: TokenEndpointOptions, form: Record<string, string>): Promise<TokenSet> {
  const response = await fetch(tokenEndpointOf(options.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ ...form, client_id: options.clientId ?? CLI_CLIENT_ID }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = errorResponse.safeParse(body);
    throw new TokenRequestError(
      response.status,
      parsed.success ? parsed.data.error : 'invalid_response',
      parsed.success ? parsed.data.error_description : undefined,
    );
  }
  const parsed = tokenResponse.safeParse(body);
  if (!parsed.success) throw new TokenRequestError(response.status, 'invalid_response', 'The token response is not what OAuth 2.0 prescribes.');
  const tokens = parsed.data;
  return {
    accessToken: tokens.access_token,
    tokenType: tokens.token_type,
    expiresIn: tokens.expires_in,
    refreshToken: tokens.refresh_token,
    refreshExpiresIn: tokens.refresh_expires_in,
    idToken: tokens.id_token,
    scope: tokens.scope ?? '',
  };
}
