// The resource-owner password grant ("direct access grants" in Keycloak), which oidc-provider does not ship: tests and
// scripts sign in as a demo user without a browser. It issues what Keycloak issues: a JWT access token for the
// client's audience, a refresh token, and an ID token when the openid scope is asked for.
import type { FindAccount, Provider, TokenEndpointGrantContext } from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { DemoRealmRepository } from '../realm/demo-realm.repository.ts';
import type { ResourceServerDirectory } from './resource-server.directory.ts';

/** The grant_type value of the password grant. */
export const PASSWORD_GRANT_TYPE = 'password';

/** Keycloak's answer to a wrong password and to an unknown user alike. */
export const INVALID_CREDENTIALS_DESCRIPTION = 'Invalid user credentials';

interface PasswordGrantParams {
  username?: string;
  password?: string;
}

/** Registers the password grant on the provider. */
export function registerPasswordGrant(
  provider: Provider,
  repository: DemoRealmRepository,
  resourceServers: ResourceServerDirectory,
  findAccount: FindAccount,
  supportedScopes: ReadonlySet<string>,
): void {
  const handler = async (ctx: TokenEndpointGrantContext<PasswordGrantParams>): Promise<void> => {
    const { params, client } = ctx.oidc;
    for (const name of ['username', 'password'] as const) {
      if (typeof params[name] !== 'string' || params[name] === '') {
        throw new errors.InvalidRequest(`missing required parameter '${name}'`);
      }
    }
    const scopes = new Set((params.scope ?? '').split(' ').filter(Boolean));
    for (const scope of scopes) {
      if (!supportedScopes.has(scope)) throw new errors.InvalidScope('requested scope is not supported', scope);
    }

    const user = repository.authenticate(params.username as string, params.password as string);
    if (!user) throw new errors.CustomOIDCProviderError('invalid_grant', INVALID_CREDENTIALS_DESCRIPTION);

    const scope = [...scopes].join(' ');
    const { indicator, info } = resourceServers.forClient(client.clientId);
    const grant = new provider.Grant({ accountId: user.id, clientId: client.clientId });
    if (scope) {
      grant.addOIDCScope(scope);
      grant.addResourceScope(indicator, [...scopes].filter((s) => info.scope.split(' ').includes(s)).join(' '));
    }
    const grantId = await grant.save();
    ctx.oidc.entity('Grant', grant);

    const accessToken = new provider.AccessToken({ accountId: user.id, client, grantId, gty: PASSWORD_GRANT_TYPE });
    accessToken.resourceServer = new provider.ResourceServer(indicator, info);
    accessToken.scope = grant.getResourceScopeFiltered(indicator, [...scopes]) || undefined;
    ctx.oidc.entity('AccessToken', accessToken);
    const accessTokenValue = await accessToken.save();

    let refreshTokenValue: string | undefined;
    let refreshExpiresIn: number | undefined;
    if (client.grantTypeAllowed('refresh_token')) {
      const refreshToken = new provider.RefreshToken({
        accountId: user.id,
        client,
        grantId,
        gty: PASSWORD_GRANT_TYPE,
        resource: indicator,
        rotations: 0,
        scope,
      });
      ctx.oidc.entity('RefreshToken', refreshToken);
      refreshTokenValue = await refreshToken.save();
      refreshExpiresIn = refreshToken.expiration;
    }

    let idTokenValue: string | undefined;
    if (scopes.has('openid')) {
      const account = await findAccount(ctx, user.id);
      if (!account) throw new errors.InvalidGrant('account not found');
      ctx.oidc.entity('Account', account);
      const idToken = new provider.IdToken(await account.claims('id_token', scope, {}, []), { ctx });
      // oidc-provider filters ID token claims by the token's scope, a field its type declarations leave out.
      (idToken as typeof idToken & { scope: string }).scope = grant.getOIDCScopeFiltered(scopes);
      idTokenValue = await idToken.issue({ use: 'idtoken' });
    }

    ctx.body = {
      access_token: accessTokenValue,
      expires_in: accessToken.expiration,
      ...(refreshTokenValue === undefined ? {} : { refresh_token: refreshTokenValue, refresh_expires_in: refreshExpiresIn }),
      ...(idTokenValue === undefined ? {} : { id_token: idTokenValue }),
      token_type: 'Bearer',
      scope: accessToken.scope ?? '',
    };
  };
  provider.registerGrantType(PASSWORD_GRANT_TYPE, handler, ['username', 'password', 'scope']);
}
