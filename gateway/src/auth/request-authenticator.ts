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

/** Creates the authenticator on top of the kit's token verifier (JWKS, issuer, audience, algorithm, times). */
export function createRequestAuthenticator(verifier: TokenVerifier): RequestAuthenticator {
  return {
    async authenticate(authorization) {
      if (authorization === undefined || authorization === '') return ANONYMOUS;
      const match = BEARER.exec(authorization);
      if (!match?.[1]) throw new UnauthenticatedError('Authorization is not a Bearer token');
      const token = match[1];
      return { principal: await verifier.verify(token), token };
    },
  };
}
