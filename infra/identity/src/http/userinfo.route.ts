// Keycloak's userinfo endpoint. oidc-provider's own refuses access tokens that name an audience, but Keycloak's
// tokens always do (xietong-gateway) and keycloak-js calls userinfo with them, so this route answers instead: it
// verifies the JWT access token against the provider's keys and, for tokens of a browser session, that the session
// still exists (a signed-out session's tokens are refused, as Keycloak refuses them).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import type { DemoRealmRepository } from '../realm/demo-realm.repository.ts';
import { buildProfileClaims } from '../realm/profile.claims.ts';
import type { FileBackedStore } from '../store/file-store.adapter.ts';
import { bearerTokenOf } from './bearer-token.ts';

/** What the userinfo route needs. */
export interface UserinfoRouteOptions {
  path: string;
  issuer: string;
  /** The provider's signing keys (private parts are dropped here). */
  signingKeys: JWK[];
  repository: DemoRealmRepository;
  store: FileBackedStore;
  realmName: string;
}

const PRIVATE_JWK_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth']);

/** Registers GET and POST of the userinfo endpoint (CORS is web-origin.cors.ts's). */
export function registerUserinfoRoute(app: FastifyInstance, options: UserinfoRouteOptions): void {
  const keys = options.signingKeys.map((key) => Object.fromEntries(Object.entries(key).filter(([k]) => !PRIVATE_JWK_MEMBERS.has(k))));
  const jwks = createLocalJWKSet({ keys });

  const fail = (reply: FastifyReply, description: string) =>
    reply
      .code(401)
      .header('cache-control', 'no-store')
      .header(
        'www-authenticate',
        `Bearer realm="${options.realmName}", error="invalid_token", error_description="${description.replaceAll('"', "'")}"`,
      )
      .send({ error: 'invalid_token', error_description: description });

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearerTokenOf(request.headers.authorization);
    if (!token) return fail(reply, 'Missing bearer token');
    let payload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: options.issuer, algorithms: ['RS256'] }));
    } catch {
      return fail(reply, 'Token verification failed');
    }
    if (payload.typ !== 'Bearer' || typeof payload.sub !== 'string') return fail(reply, 'Not an access token');
    const user = options.repository.findById(payload.sub);
    if (!user) return fail(reply, 'User not found');
    if (typeof payload.sid === 'string' && !(await sessionExists(options.store, payload.sid))) return fail(reply, 'Session not active');
    return reply.header('cache-control', 'no-store').send({ sub: user.id, ...buildProfileClaims(user) });
  };

  app.get(options.path, handler);
  app.post(options.path, handler);
}

// The sid claim is the uid of the browser session the token was issued in (see keycloak-tokens.ts).
async function sessionExists(store: FileBackedStore, sid: string): Promise<boolean> {
  return (await store.adapterFor('Session').findByUid(sid)) !== undefined;
}
