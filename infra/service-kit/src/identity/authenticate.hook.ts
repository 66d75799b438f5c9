import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerTokenOf } from './bearer-token.ts';
import { IdentityProviderUnavailableError, UnauthenticatedError } from './identity.errors.ts';
import type { Principal } from './principal.ts';
import type { TokenVerifier } from './token-verifier.ts';

// Kept beside the request rather than decorated onto it, so the kit needs no plugin registration order.
const principals = new WeakMap<FastifyRequest, Principal>();

/** Options of the authenticate hook. */
export interface AuthenticateHookOptions {
  /** The realm named in WWW-Authenticate; default "xietong". */
  realm?: string;
}

/**
 * A Fastify onRequest/preHandler hook: verifies the bearer token and remembers the principal for principalOf().
 * Failures answer 401 with `WWW-Authenticate: Bearer … error="invalid_token"` and `{code, message}` (no detail);
 * an unreachable identity provider answers 503. The failed check is logged at info level, never returned.
 */
export function createAuthenticateHook(verifier: TokenVerifier, options: AuthenticateHookOptions = {}) {
  const realm = options.realm ?? 'xietong';
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization;
    const token = bearerTokenOf(header);
    try {
      if (!token) {
        // RFC 6750 §3.1: a request without credentials gets the challenge without an error code.
        throw new UnauthenticatedError(header === undefined ? 'no Authorization header' : 'Authorization is not a Bearer token');
      }
      principals.set(request, await verifier.verify(token));
    } catch (error) {
      if (error instanceof UnauthenticatedError) {
        request.log.info({ reason: error.reason }, 'authentication failed');
        const challenge = header === undefined ? `Bearer realm="${realm}"` : `Bearer realm="${realm}", error="invalid_token"`;
        await reply.code(401).header('www-authenticate', challenge).header('cache-control', 'no-store').send({ code: error.code, message: error.message });
        return;
      }
      if (error instanceof IdentityProviderUnavailableError) {
        request.log.warn({ reason: error.reason, err: error.cause }, 'identity provider unavailable');
        await reply.code(503).header('retry-after', '5').header('cache-control', 'no-store').send({ code: error.code, message: error.message });
        return;
      }
      throw error;
    }
  };
}

/** The principal the authenticate hook verified for this request; throws UnauthenticatedError if it did not run. */
export function principalOf(request: FastifyRequest): Principal {
  const principal = principals.get(request);
  if (!principal) throw new UnauthenticatedError('route is not behind the authenticate hook');
  return principal;
}
