// Builds the oidc-provider instance that plays the Keycloak realm: Keycloak's endpoint paths under the realm's
// issuer, its token lifetimes, its token claims, its redirect URI rules, no consent screen, and the password grant.
import type { ClientMetadata, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import Provider, { interactionPolicy } from 'oidc-provider';
import type { KeyMaterial } from '../keys/key-material.store.ts';
import type { DemoRealmRepository } from '../realm/demo-realm.repository.ts';
import type { PublicClient } from '../realm/demo-realm.schema.ts';
import { PROFILE_CLAIM_NAMES } from '../realm/profile.claims.ts';
import type { FileBackedStore } from '../store/file-store.adapter.ts';
import { renderErrorPage } from '../http/error-page.view.ts';
import { renderLoggedOutPage, renderLogoutPage } from '../http/logout-page.view.ts';
import { loadFirstPartyGrant } from './first-party.grant.ts';
import { createAccessTokenCustomizer, createFindAccount, ID_TOKEN_EXTRA_CLAIMS } from './keycloak-tokens.ts';
import { PASSWORD_GRANT_TYPE, registerPasswordGrant } from './password.grant.ts';
import { isRedirectUriAllowed, webOriginsOf } from './redirect-uri.matcher.ts';
import { useWrappedRefreshTokens, type RefreshTokenWrapper } from './refresh-token.wrapper.ts';
import { ResourceServerDirectory } from './resource-server.directory.ts';

/** Keycloak's endpoint paths relative to the realm's issuer. */
export const KEYCLOAK_ROUTES = {
  authorization: '/protocol/openid-connect/auth',
  token: '/protocol/openid-connect/token',
  jwks: '/protocol/openid-connect/certs',
  end_session: '/protocol/openid-connect/logout',
  userinfo: '/protocol/openid-connect/userinfo',
  revocation: '/protocol/openid-connect/revoke',
  pushed_authorization_request: '/protocol/openid-connect/ext/par/request',
} as const;

/** Scopes the realm understands; Keycloak's default client scopes plus openid and offline_access. */
export const SUPPORTED_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

/** What the provider is built from. */
export interface ProviderFactoryOptions {
  /** `<publicUrl>/realms/<realm>`. */
  issuer: string;
  repository: DemoRealmRepository;
  keys: KeyMaterial;
  store: FileBackedStore;
  /** Wraps refresh tokens in Keycloak-shaped JWTs. */
  refreshTokens: RefreshTokenWrapper;
  /** Redirect URI patterns of the web client, replacing those of the data file. */
  webRedirectUris: readonly string[] | undefined;
  /** Path of the sign-in page of an interaction. */
  loginPathFor: (uid: string) => string;
  /** Receives unexpected errors (a bug or a broken data directory), never users' mistakes. */
  onServerError: (error: unknown) => void;
}

/** The client id of the web app, whose redirect URIs WEB_REDIRECT_URIS replaces. */
export const WEB_CLIENT_ID = 'xietong-web';

/** The clients that request tokens, with the web client's redirect URIs replaced when webRedirectUris is given. */
export function tokenClientsOf(repository: DemoRealmRepository, webRedirectUris: readonly string[] | undefined): PublicClient[] {
  return repository.realm.clients
    .filter((c): c is PublicClient => c.type === 'public')
    .map((c) => (c.clientId === WEB_CLIENT_ID && webRedirectUris ? { ...c, redirectUris: [...webRedirectUris] } : c));
}

/** Creates the provider; mount it at the issuer's path. */
export function createProvider(options: ProviderFactoryOptions): Provider {
  const { repository } = options;
  const lifetimes = repository.realm.tokenLifetimes;
  const clients = tokenClientsOf(repository, options.webRedirectUris);
  const resourceServers = new ResourceServerDirectory(repository, SUPPORTED_SCOPES);
  const findAccount = createFindAccount(repository);

  const policy = interactionPolicy.base();
  policy.remove('consent');

  const configuration: Configuration = {
    adapter: (model: string) => options.store.adapterFor(model),
    clients: clients.map(toClientMetadata),
    jwks: options.keys.jwks as Configuration['jwks'],
    cookies: { keys: options.keys.cookieKeys },
    scopes: [...SUPPORTED_SCOPES],
    claims: { openid: ['sub', ...ID_TOKEN_EXTRA_CLAIMS, ...PROFILE_CLAIM_NAMES] },
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    allowOmittingSingleRegisteredRedirectUri: false,
    routes: KEYCLOAK_ROUTES,
    discovery: {
      // Served by this package's own routes: oidc-provider's userinfo refuses access tokens that carry an audience,
      // its revocation endpoint refuses JWT-shaped tokens, and this realm's refresh tokens are JWTs.
      userinfo_endpoint: `${options.issuer}${KEYCLOAK_ROUTES.userinfo}`,
      revocation_endpoint: `${options.issuer}${KEYCLOAK_ROUTES.revocation}`,
      revocation_endpoint_auth_methods_supported: ['none'],
      claim_types_supported: ['normal'],
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      revocation: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = renderLogoutPage(form, typeof ctx.oidc.params?.id_token_hint === 'string');
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = renderLoggedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, client) => resourceServers.forClient(client.clientId).indicator,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator, client) => resourceServers.infoFor(client.clientId, indicator),
      },
    },
    formats: { customizers: { jwt: createAccessTokenCustomizer(repository) } },
    findAccount,
    loadExistingGrant: loadFirstPartyGrant,
    interactions: { policy, url: (_ctx, interaction) => options.loginPathFor(interaction.uid) },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    // Token and revocation answers: readable by the calling client's web origins only, with credentials (keycloak-js
    // sends them), as Keycloak does. Preflights never get here (web-origin.cors.ts answers them).
    clientBasedCORS: (ctx, origin, client) => {
      const allowed = webOriginsOf(client.redirectUris ?? []).has(origin);
      if (allowed) ctx.set('Access-Control-Allow-Credentials', 'true');
      return allowed;
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = renderErrorPage(out);
    },
    ttl: {
      AccessToken: lifetimes.accessTokenSeconds,
      IdToken: lifetimes.accessTokenSeconds,
      AuthorizationCode: lifetimes.authorizationCodeSeconds,
      Interaction: lifetimes.loginSeconds,
      // Each refresh issues a new refresh token valid for the idle timeout; the session caps it all, as in Keycloak.
      RefreshToken: lifetimes.ssoSessionIdleSeconds,
      Session: lifetimes.ssoSessionMaxSeconds,
      Grant: lifetimes.ssoSessionMaxSeconds,
    },
  };

  const provider = new Provider(options.issuer, configuration);
  // Keycloak's redirect URI rules: trailing "*" wildcards, and post-logout URIs equal to the redirect URIs ("+").
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(uri: string): boolean {
    return isRedirectUriAllowed(uri, this.redirectUris ?? []);
  };
  provider.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(uri: string): boolean {
    return isRedirectUriAllowed(uri, this.redirectUris ?? []);
  };
  registerPasswordGrant(provider, repository, resourceServers, findAccount, new Set(SUPPORTED_SCOPES));
  useWrappedRefreshTokens(provider, options.refreshTokens);
  // Keycloak tells the client when the refresh token expires; oidc-provider does so only in the password grant (ours).
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route !== 'token' || ctx.status !== 200) return;
    const body = ctx.body as Record<string, unknown> | undefined;
    const refreshToken = ctx.oidc.entities.RefreshToken;
    if (typeof body?.refresh_token === 'string' && body.refresh_expires_in === undefined && refreshToken?.exp !== undefined) {
      // Counted from the token's own issue time, not from "now": the second can turn between issuing and answering,
      // which made a fresh token's lifetime read one second short (seen once in CI).
      const issuedAt = typeof refreshToken.iat === 'number' ? refreshToken.iat : Math.floor(Date.now() / 1000);
      body.refresh_expires_in = Math.max(0, refreshToken.exp - issuedAt);
    }
  });
  provider.on('server_error', (_ctx: KoaContextWithOIDC, error: unknown) => options.onServerError(error));
  return provider;
}

function toClientMetadata(client: PublicClient): ClientMetadata {
  const grantTypes = [
    ...(client.standardFlow ? ['authorization_code'] : []),
    ...(client.directAccessGrants ? [PASSWORD_GRANT_TYPE] : []),
    'refresh_token',
  ];
  const redirectUris = client.standardFlow ? client.redirectUris : [];
  return {
    client_id: client.clientId,
    client_name: client.name,
    application_type: 'web',
    token_endpoint_auth_method: 'none',
    grant_types: grantTypes,
    response_types: client.standardFlow ? ['code'] : [],
    redirect_uris: redirectUris,
    post_logout_redirect_uris: redirectUris,
  };
}
