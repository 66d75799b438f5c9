// Keycloak's token revocation endpoint (RFC 7009) for the realm's public clients. Served here rather than by
// oidc-provider, whose endpoint refuses every JWT-shaped token before looking it up — and this realm's refresh tokens
// are JWTs, as Keycloak's are (see refresh-token.wrapper.ts). Revoking a refresh token ends the grant it belongs to:
// every refresh token and code of that sign-in, as Keycloak ends the client session.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { decodeJwt } from 'jose';
import type Provider from 'oidc-provider';
import { webOriginsOf } from '../oidc/redirect-uri.matcher.ts';
import { allowWebOrigin } from './web-origin.cors.ts';

/** What the revocation route needs. */
export interface RevocationRouteOptions {
  path: string;
  provider: Provider;
}

const FORM = 'application/x-www-form-urlencoded';
const SINGLE_PARAMETERS = ['client_id', 'token', 'token_type_hint'] as const;

/** Registers POST of the revocation endpoint (its CORS preflight is web-origin.cors.ts's). */
export function registerRevocationRoute(app: FastifyInstance, options: RevocationRouteOptions): void {
  const { provider } = options;

  const fail = (reply: FastifyReply, status: number, error: string, description: string) =>
    reply.code(status).header('cache-control', 'no-store').send({ error, error_description: description });

  app.post(options.path, async (request, reply) => {
    if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== FORM) {
      return fail(reply, 400, 'invalid_request', `only ${FORM} bodies are accepted`);
    }
    const form = (request.body ?? {}) as Record<string, unknown>;
    for (const name of SINGLE_PARAMETERS) {
      if (Array.isArray(form[name])) return fail(reply, 400, 'invalid_request', `'${name}' parameter must only be provided once`);
    }
    const { client_id: clientId, token } = form;
    if (typeof clientId !== 'string' || clientId === '') return fail(reply, 400, 'invalid_request', "missing required parameter 'client_id'");
    const client = await provider.Client.find(clientId);
    if (!client) return fail(reply, 401, 'invalid_client', 'client authentication failed');
    // As at the token endpoint, only the calling client's web origins may read the answer.
    const origin = request.headers.origin;
    if (typeof origin === 'string' && webOriginsOf(client.redirectUris ?? []).has(origin)) allowWebOrigin(reply.raw, origin);
    if (typeof token !== 'string' || token === '') return fail(reply, 400, 'invalid_request', "missing required parameter 'token'");

    const refreshToken = await provider.RefreshToken.find(token);
    if (refreshToken) {
      // Another client's token is left alone, and the answer does not tell (RFC 7009 answers 200 for tokens it ignores).
      if (refreshToken.clientId === client.clientId) {
        await refreshToken.destroy();
        if (refreshToken.grantId) await revokeGrant(provider, refreshToken.grantId);
      }
    } else if (isAccessOrIdToken(token)) {
      return fail(
        reply,
        400,
        'unsupported_token_type',
        'access and ID tokens are signed JWTs that stay valid until they expire and cannot be revoked; revoke the refresh token',
      );
    }
    // Unknown, spent, expired or altered tokens need no revoking; RFC 7009 §2.2 answers 200 all the same.
    return reply.code(200).header('cache-control', 'no-store').send();
  });
}

async function revokeGrant(provider: Provider, grantId: string): Promise<void> {
  await Promise.all([
    provider.RefreshToken.revokeByGrantId(grantId),
    provider.AuthorizationCode.revokeByGrantId(grantId),
    provider.Grant.adapter.destroy(grantId),
  ]);
}

// This realm's access tokens carry typ "Bearer" and its ID tokens typ "ID" (Keycloak's claims).
function isAccessOrIdToken(token: string): boolean {
  try {
    const { typ } = decodeJwt(token);
    return typ === 'Bearer' || typ === 'ID';
  } catch {
    return false;
  }
}
