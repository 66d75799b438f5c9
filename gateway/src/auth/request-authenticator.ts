import { UnauthenticatedError, type Principal, type TokenVerifier } from '../kit.ts';

/** Who a request acts for: a verified principal with its token, or nobody (anonymous). */
export interface RequestIdentity {
  readonly principal: Principal | null;
  readonly token: string | null;
}

/** The anonymous identity: only health and sign-in information are open to it. */
export const ANONYMOUS: RequestIdentity = Object.freeze({ principal: null, token: null });

// RFC 6750 b64token after "Bearer ", as the kit's authenticate hook accepts it.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** Turns an Authorization header into a request identity. */
export interface RequestAuthenticator {
  /**
   * No header: anonymous. A header that is not a valid bearer token: UnauthenticatedError (a client that sent a bad
   * token must hear so, not be silently downgraded). An unreachable provider: IdentityProviderUnavailableError.
   */
  authenticate(authorization: string | undefined): Promise<RequestIdentity>;
}

/** Bounds of the verified-token cache. */
export interface VerifiedTokenCacheOptions {
  /** Most tokens remembered; default 10 000. 0 turns the cache off. */
  maxEntries?: number;
  /** Longest a verification is reused, ms (never past the token's own expiry); default 60 000. */
  maxAgeMs?: number;
  now?: () => number;
}

// The token's `exp` (seconds), read without verifying: only called on a token the verifier has just accepted.
function expiryOf(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates the authenticator on top of the kit's token verifier (JWKS, issuer, audience, algorithm, times).
 * A successful verification is reused for the same token string until the token expires or maxAgeMs passes, so a
 * user's requests do not each pay for an RSA signature check; failures are never cached. Access tokens cannot be
 * revoked before they expire (Keycloak: 5 minutes), so the cache changes nothing about who gets in.
 */
export function createRequestAuthenticator(verifier: TokenVerifier, cache: VerifiedTokenCacheOptions = {}): RequestAuthenticator {
  const maxEntries = cache.maxEntries ?? 10_000;
  const maxAgeMs = cache.maxAgeMs ?? 60_000;
  const now = cache.now ?? Date.now;
  // A Map keeps insertion order: the first key is the oldest, evicted when full (tokens are short-lived anyway).
  const verified = new Map<string, { principal: Principal; until: number }>();
  return {
    async authenticate(authorization) {
      if (authorization === undefined || authorization === '') return ANONYMOUS;
      const match = BEARER.exec(authorization);
      if (!match?.[1]) throw new UnauthenticatedError('Authorization is not a Bearer token');
      const token = match[1];
      const hit = verified.get(token);
      if (hit && hit.until > now()) return { principal: hit.principal, token };
      if (hit) verified.delete(token);
      const principal = await verifier.verify(token);
      if (maxEntries > 0) {
        const until = Math.min(now() + maxAgeMs, expiryOf(token) ?? 0);
        if (until > now()) {
          if (verified.size >= maxEntries) verified.delete(verified.keys().next().value as string);
          verified.set(token, { principal, until });
        }
      }
      return { principal, token };
    },
  };
}
