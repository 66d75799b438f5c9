// @xietong/identity: the development OpenID provider that plays the Keycloak realm "xietong", its demo realm data,
// and a token client for tests and scripts.
export {
  startIdentityProvider,
  type IdentityProviderOptions,
  type RunningIdentityProvider,
} from './identity-provider.server.ts';
export { DEMO_REALM_FILE, DemoRealmRepository, loadDemoRealm } from './realm/demo-realm.repository.ts';
export {
  NATIONAL_PROVINCE,
  type DemoRealm,
  type DemoUser,
  type Province,
  type PublicClient,
  type RealmClient,
  type RealmRole,
} from './realm/demo-realm.schema.ts';
export { buildProfileClaims, type ProfileClaims } from './realm/profile.claims.ts';
export {
  CLI_CLIENT_ID,
  passwordGrant,
  refreshGrant,
  tokenEndpointOf,
  type PasswordGrantOptions,
  type RefreshGrantOptions,
  type TokenEndpointOptions,
  type TokenSet,
} from './client/token.client.ts';
export { INVALID_CREDENTIALS_DESCRIPTION } from './oidc/password.grant.ts';
export { KEYCLOAK_ROUTES, WEB_CLIENT_ID } from './oidc/provider.factory.ts';
export {
  CorruptDataFileError,
  IdentityError,
  InvalidConfigError,
  InvalidRealmDataError,
  PortInUseError,
  TokenRequestError,
} from './identity.errors.ts';

/** The gateway's client id: the audience every access token of the realm names. */
export const GATEWAY_CLIENT_ID = 'xietong-gateway';
/** The realm's name. */
export const REALM_NAME = 'xietong';
/** The password of every demo user (development only). */
export const DEMO_PASSWORD = 'xietong-demo';
