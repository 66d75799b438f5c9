// Turns the demo realm into a Keycloak 26 realm export (infra/keycloak/xietong-realm.json), so that a real Keycloak
// issues the tokens the development provider issues: the same clients, roles, users, user attributes, and mappers
// that put province, agency, realm roles and the gateway audience into tokens.
import type { DemoRealm, DemoUser, PublicClient, RealmClient } from '../realm/demo-realm.schema.ts';
import { ATTRIBUTE_CLAIMS } from '../realm/profile.claims.ts';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
/** A Keycloak RealmRepresentation, as plain JSON. */
export type KeycloakRealmExport = { [key: string]: Json };

const OIDC = 'openid-connect';
const USER_PROFILE_PROVIDER = 'org.keycloak.userprofile.UserProfileProvider';

/** Builds the realm export from the demo realm. */
export function buildKeycloakRealm(realm: DemoRealm): KeycloakRealmExport {
  const lifetimes = realm.tokenLifetimes;
  return {
    id: realm.realm,
    realm: realm.realm,
    displayName: realm.displayName,
    enabled: true,
    sslRequired: 'external',
    registrationAllowed: false,
    loginWithEmailAllowed: false,
    duplicateEmailsAllowed: false,
    resetPasswordAllowed: false,
    editUsernameAllowed: false,
    verifyEmail: false,
    bruteForceProtected: true,
    defaultSignatureAlgorithm: 'RS256',
    revokeRefreshToken: false,
    accessTokenLifespan: lifetimes.accessTokenSeconds,
    ssoSessionIdleTimeout: lifetimes.ssoSessionIdleSeconds,
    ssoSessionMaxLifespan: lifetimes.ssoSessionMaxSeconds,
    accessCodeLifespan: lifetimes.authorizationCodeSeconds,
    accessCodeLifespanLogin: lifetimes.loginSeconds,
    internationalizationEnabled: true,
    supportedLocales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    roles: {
      realm: realm.roles.map((role) => ({ name: role.name, description: role.description, composite: false, clientRole: false })),
    },
    clients: realm.clients.map((client) => buildClient(client)),
    // Imported users get exactly these role mappings (Keycloak adds no default roles on import), so tokens list
    // only the application roles, as the development provider's do.
    users: realm.users.map((user) => buildUser(user)),
    components: {
      [USER_PROFILE_PROVIDER]: [
        {
          providerId: 'declarative-user-profile',
          subComponents: {},
          config: { 'kc.user.profile.config': [JSON.stringify(buildUserProfile(realm))] },
        },
      ],
    },
  };
}

function buildClient(client: RealmClient): Json {
  if (client.type === 'bearer-only') {
    return {
      clientId: client.clientId,
      name: client.name,
      description: client.description,
      enabled: true,
      protocol: OIDC,
      bearerOnly: true,
      publicClient: false,
      standardFlowEnabled: false,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
      consentRequired: false,
    };
  }
  return {
    clientId: client.clientId,
    name: client.name,
    description: client.description,
    enabled: true,
    protocol: OIDC,
    publicClient: true,
    bearerOnly: false,
    standardFlowEnabled: client.standardFlow,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: client.directAccessGrants,
    serviceAccountsEnabled: false,
    consentRequired: false,
    fullScopeAllowed: true,
    frontchannelLogout: true,
    redirectUris: client.redirectUris,
    // "+": the origins of the redirect URIs.
    webOrigins: client.redirectUris.length > 0 ? ['+'] : [],
    attributes: {
      'pkce.code.challenge.method': 'S256',
      // "+": the same URIs as the redirect URIs.
      'post.logout.redirect.uris': '+',
      'oauth2.device.authorization.grant.enabled': 'false',
    },
    protocolMappers: buildProtocolMappers(client),
  };
}

function buildProtocolMappers(client: PublicClient): Json[] {
  const attributeMappers = ATTRIBUTE_CLAIMS.map((attribute) => ({
    name: attribute,
    protocol: OIDC,
    protocolMapper: 'oidc-usermodel-attribute-mapper',
    consentRequired: false,
    config: {
      'user.attribute': attribute,
      'claim.name': attribute,
      'jsonType.label': 'String',
      multivalued: 'false',
      'aggregate.attrs': 'false',
      'id.token.claim': 'true',
      'access.token.claim': 'true',
      'userinfo.token.claim': 'true',
      'introspection.token.claim': 'true',
    },
  }));
  const audienceMappers = client.audiences.map((audience) => ({
    name: `audience ${audience}`,
    protocol: OIDC,
    protocolMapper: 'oidc-audience-mapper',
    consentRequired: false,
    config: {
      'included.client.audience': audience,
      'id.token.claim': 'false',
      'access.token.claim': 'true',
      'introspection.token.claim': 'true',
    },
  }));
  // The realm's default "roles" client scope already puts realm_access.roles into access tokens; this adds them to
  // ID tokens and userinfo, where the development provider has them too.
  const realmRolesMapper = {
    name: 'realm roles in ID token and userinfo',
    protocol: OIDC,
    protocolMapper: 'oidc-usermodel-realm-role-mapper',
    consentRequired: false,
    config: {
      'claim.name': 'realm_access.roles',
      'jsonType.label': 'String',
      multivalued: 'true',
      'id.token.claim': 'true',
      'access.token.claim': 'false',
      'userinfo.token.claim': 'true',
      'introspection.token.claim': 'false',
    },
  };
  return [...attributeMappers, ...audienceMappers, realmRolesMapper];
}

function buildUser(user: DemoUser): Json {
  return {
    id: user.id,
    username: user.username,
    enabled: true,
    emailVerified: false,
    attributes: { province: [user.province], agency: [user.agency] },
    credentials: [{ type: 'password', value: user.password, temporary: false }],
    realmRoles: user.roles,
    requiredActions: [],
  };
}

// Keycloak 24+ keeps only the user attributes its user profile declares. province and agency are declared here:
// visible to the user, editable by administrators only (a user must not move themselves to another province). The
// built-in attributes are optional, since demo users have no e-mail address or names.
function buildUserProfile(realm: DemoRealm): Json {
  const adminEdits = { view: ['admin', 'user'], edit: ['admin'] };
  const userEdits = { view: ['admin', 'user'], edit: ['admin', 'user'] };
  return {
    attributes: [
      {
        name: 'username',
        displayName: '${username}',
        validations: { length: { min: 3, max: 255 }, 'username-prohibited-characters': {}, 'up-username-not-idn-homograph': {} },
        permissions: userEdits,
        multivalued: false,
      },
      {
        name: 'email',
        displayName: '${email}',
        validations: { email: {}, length: { max: 255 } },
        permissions: userEdits,
        multivalued: false,
      },
      {
        name: 'firstName',
        displayName: '${firstName}',
        validations: { length: { max: 255 }, 'person-name-prohibited-characters': {} },
        permissions: userEdits,
        multivalued: false,
      },
      {
        name: 'lastName',
        displayName: '${lastName}',
        validations: { length: { max: 255 }, 'person-name-prohibited-characters': {} },
        permissions: userEdits,
        multivalued: false,
      },
      {
        name: 'province',
        displayName: '省份 Province (GB/T 2260)',
        validations: { options: { options: realm.provinces.map((p) => p.code) } },
        annotations: {
          inputType: 'select',
          inputOptionLabels: Object.fromEntries(realm.provinces.map((p) => [p.code, `${p.name} ${p.nameEn}`])),
        },
        required: { roles: ['admin'] },
        permissions: adminEdits,
        multivalued: false,
        group: 'user-metadata',
      },
      {
        name: 'agency',
        displayName: '机构 Agency',
        validations: { length: { min: 1, max: 255 } },
        required: { roles: ['admin'] },
        permissions: adminEdits,
        multivalued: false,
        group: 'user-metadata',
      },
    ],
    groups: [
      { name: 'user-metadata', displayHeader: 'User metadata', displayDescription: 'Attributes, which refer to user metadata' },
    ],
  };
}
