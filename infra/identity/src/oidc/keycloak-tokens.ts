// What makes oidc-provider's tokens look like those of the Keycloak realm in infra/keycloak: the account claims of ID
// tokens, and the shape of JWT access tokens (header typ "JWT", typ "Bearer", azp, aud from the client's audience
// mappers, Keycloak's default scopes, the user's province, agency and realm roles).
import type { Account, AccessToken, ClientCredentials, FindAccount, JWTStructured, KoaContextWithOIDC } from 'oidc-provider';
import type { DemoRealmRepository } from '../realm/demo-realm.repository.ts';
import { buildProfileClaims } from '../realm/profile.claims.ts';

/** Client scopes Keycloak adds to every token of a client (realm default client scopes listed in `scope`). */
export const KEYCLOAK_DEFAULT_SCOPES = ['profile', 'email'] as const;

/** Claims the ID token carries besides those oidc-provider sets itself (iss, aud, exp, iat, nonce, sid, …). */
export const ID_TOKEN_EXTRA_CLAIMS = ['typ', 'azp'] as const;

/** Builds oidc-provider's findAccount over the demo realm. */
export function createFindAccount(repository: DemoRealmRepository): FindAccount {
  return (ctx, sub) => {
    const user = repository.findById(sub);
    if (!user) return undefined;
    const account: Account = {
      accountId: user.id,
      claims: (use) => ({
        sub: user.id,
        ...(use === 'id_token' ? { typ: 'ID', azp: ctx.oidc.client?.clientId } : {}),
        ...buildProfileClaims(user),
      }),
    };
    return account;
  };
}

/** Builds the customizer that gives JWT access tokens Keycloak's claims. */
export function createAccessTokenCustomizer(repository: DemoRealmRepository) {
  return (_ctx: KoaContextWithOIDC, token: AccessToken | ClientCredentials, jwt: JWTStructured): void => {
    jwt.header = { ...jwt.header, typ: 'JWT' };
    const { payload } = jwt;
    const clientId = token.clientId ?? '';
    const audiences = repository.findPublicClient(clientId)?.audiences ?? [];
    // Keycloak has no client_id claim in user tokens; azp names the client.
    delete payload.client_id;
    payload.typ = 'Bearer';
    payload.azp = clientId;
    // Keycloak writes a single audience as a string and several as an array.
    if (audiences.length > 0) payload.aud = audiences.length === 1 ? audiences[0] : audiences;
    payload.scope = withDefaultScopes(typeof payload.scope === 'string' ? payload.scope : '');
    // Keycloak's sid names the browser session; oidc-provider's session uid plays that part (absent for the password grant).
    if ('sessionUid' in token && typeof token.sessionUid === 'string') payload.sid = token.sessionUid;
    const user = 'accountId' in token && token.accountId ? repository.findById(token.accountId) : undefined;
    if (user) Object.assign(payload, buildProfileClaims(user));
  };
}

/** The requested scopes plus Keycloak's default client scopes, without repeats. */
export function withDefaultScopes(scope: string): string {
  return [...new Set([...scope.split(' ').filter(Boolean), ...KEYCLOAK_DEFAULT_SCOPES])].join(' ');
}
