import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWSHeaderParameters, FlattenedJWSInput, JWTPayload, CryptoKey } from 'jose';
import { IdentityProviderUnavailableError, UnauthenticatedError } from './identity.errors.ts';
import { principalFromClaims, type Principal } from './principal.ts';

/** How to check access tokens: everything is pinned, nothing is taken from the token itself. */
export interface TokenVerifierOptions {
  /** Expected `iss`, e.g. "https://sso.example/realms/xietong". */
  issuer: string;
  /** Expected `aud` (one of them must be in the token). */
  audience: string | readonly string[];
  /** The provider's JWKS, e.g. "<issuer>/protocol/openid-connect/certs". */
  jwksUrl: string;
  /** Accepted signature algorithms; default RS256 (Keycloak's default). Never include "none" or HMAC algorithms. */
  algorithms?: readonly string[];
  /** Allowed clock skew for exp/nbf/iat, in seconds; default 30. */
  clockToleranceSec?: number;
  /** Least time between two JWKS fetches caused by unknown key ids, ms; default 30 000 (bounds refetch floods). */
  jwksCooldownMs?: number;
  /** How long fetched keys are trusted before a refetch, ms; default 600 000. A removed key stays valid this long. */
  jwksCacheMaxAgeMs?: number;
  /** Timeout of one JWKS fetch, ms; default 5 000. */
  jwksTimeoutMs?: number;
  /** After a failed JWKS fetch, answer "unavailable" without refetching for this long, ms; default 5 000. */
  jwksFailureBackoffMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** Checks a bearer token and returns who it is for. */
export interface TokenVerifier {
  /** The principal of a valid token; throws UnauthenticatedError or IdentityProviderUnavailableError. */
  verify(token: string): Promise<Principal>;
}

type KeyLookup = (header: JWSHeaderParameters, token: FlattenedJWSInput) => Promise<CryptoKey>;

// Errors of the key lookup that are the token's fault (it names a key we do not have) rather than the provider's.
function isTokenKeyError(error: unknown): boolean {
  return (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSENotSupported ||
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JOSEAlgNotAllowed
  );
}

/** Creates a verifier that checks signature (against the provider's JWKS), issuer, audience, algorithm and times. */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const algorithms = [...(options.algorithms ?? ['RS256'])];
  for (const alg of algorithms) {
    if (alg === 'none' || alg.startsWith('HS')) throw new RangeError(`algorithm ${alg} must not be accepted for access tokens`);
  }
  const now = options.now ?? Date.now;
  const failureBackoffMs = options.jwksFailureBackoffMs ?? 5_000;
  const remote = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: options.jwksCacheMaxAgeMs ?? 600_000,
    timeoutDuration: options.jwksTimeoutMs ?? 5_000,
  });

  // jose bounds refetches caused by unknown key ids (cooldown) but retries at once after a failed fetch; while the
  // provider is down that would be one fetch per request, so failures get their own back-off here.
  let failedAt = Number.NEGATIVE_INFINITY;
  const keyLookup: KeyLookup = async (header, token) => {
    if (now() - failedAt < failureBackoffMs) throw new IdentityProviderUnavailableError('JWKS fetch failed recently; backing off');
    try {
      return await remote(header, token);
    } catch (error) {
      if (isTokenKeyError(error)) throw error;
      failedAt = now();
      throw new IdentityProviderUnavailableError('JWKS fetch failed', { cause: error });
    }
  };

  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keyLookup, {
          issuer: options.issuer,
          audience: typeof options.audience === 'string' ? options.audience : [...options.audience],
          algorithms,
          clockTolerance: options.clockToleranceSec ?? 30,
          requiredClaims: ['exp', 'sub'],
          currentDate: new Date(now()),
        }));
      } catch (error) {
        if (error instanceof IdentityProviderUnavailableError) throw error;
        const reason = error instanceof errors.JOSEError ? `${error.code}: ${error.message}` : 'token could not be parsed';
        // Anything else the token's bytes can provoke is still the token's fault: fail closed with 401, never 500.
        throw new UnauthenticatedError(reason, { cause: error });
      }
      // Keycloak marks access tokens typ "Bearer"; an ID or refresh token must not open the API.
      // Required, not merely checked when present: both Keycloak and the development provider always send it.
      if (payload.typ !== 'Bearer') throw new UnauthenticatedError(`token type ${String(payload.typ)} is not an access token`);
      const principal = principalFromClaims(payload);
      if ('problem' in principal) throw new UnauthenticatedError(principal.problem);
      return principal;
    },
  };
}
