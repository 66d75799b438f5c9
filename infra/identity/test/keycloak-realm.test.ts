import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEYCLOAK_REALM_FILE, renderKeycloakRealm } from '../scripts/write-keycloak-realm.ts';
import { loadDemoRealm } from '../src/index.ts';

// Reads the committed export: editing data/demo-realm.json without re-running the script (or editing the export by
// hand) fails here.
const committedText = readFileSync(KEYCLOAK_REALM_FILE, 'utf8');
const exported = JSON.parse(committedText) as KeycloakRealm;
const realm = loadDemoRealm();

interface Mapper {
  name: string;
  protocolMapper: string;
  config: Record<string, string>;
}
interface Client {
  clientId: string;
  publicClient: boolean;
  bearerOnly: boolean;
  standardFlowEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  redirectUris?: string[];
  webOrigins?: string[];
  attributes?: Record<string, string>;
  protocolMappers?: Mapper[];
}
interface User {
  id: string;
  username: string;
  enabled: boolean;
  attributes: Record<string, string[]>;
  credentials: { type: string; value: string; temporary: boolean }[];
  realmRoles: string[];
}
interface KeycloakRealm {
  realm: string;
  accessTokenLifespan: number;
  ssoSessionIdleTimeout: number;
  ssoSessionMaxLifespan: number;
  roles: { realm: { name: string; description: string }[] };
  clients: Client[];
  users: User[];
  components: Record<string, { providerId: string; config: Record<string, string[]> }[]>;
}

describe('infra/keycloak/xietong-realm.json agrees with data/demo-realm.json', () => {
  it('is exactly what scripts/write-keycloak-realm.ts writes', () => {
    expect(committedText).toBe(renderKeycloakRealm());
  });

  it('has the same realm, token lifetimes and roles', () => {
    expect(exported.realm).toBe(realm.realm);
    expect(exported.accessTokenLifespan).toBe(realm.tokenLifetimes.accessTokenSeconds);
    expect(exported.ssoSessionIdleTimeout).toBe(realm.tokenLifetimes.ssoSessionIdleSeconds);
    expect(exported.ssoSessionMaxLifespan).toBe(realm.tokenLifetimes.ssoSessionMaxSeconds);
    expect(exported.roles.realm.map((r) => r.name)).toEqual(realm.roles.map((r) => r.name));
  });

  it('has the same users, passwords, attributes and roles', () => {
    expect(exported.users.map((u) => u.username)).toEqual(realm.users.map((u) => u.username));
    for (const user of realm.users) {
      const kc = exported.users.find((u) => u.username === user.username);
      expect(kc).toMatchObject({
        id: user.id,
        enabled: true,
        attributes: { province: [user.province], agency: [user.agency] },
        credentials: [{ type: 'password', value: user.password, temporary: false }],
        realmRoles: user.roles,
      });
    }
  });

  it('has the same clients, redirect URIs, PKCE enforcement and audience mappers', () => {
    expect(exported.clients.map((c) => c.clientId)).toEqual(realm.clients.map((c) => c.clientId));
    for (const client of realm.clients) {
      const kc = exported.clients.find((c) => c.clientId === client.clientId);
      if (client.type === 'bearer-only') {
        expect(kc).toMatchObject({ bearerOnly: true, publicClient: false, standardFlowEnabled: false, directAccessGrantsEnabled: false });
        continue;
      }
      expect(kc).toMatchObject({
        publicClient: true,
        bearerOnly: false,
        standardFlowEnabled: client.standardFlow,
        directAccessGrantsEnabled: client.directAccessGrants,
        redirectUris: client.redirectUris,
        attributes: { 'pkce.code.challenge.method': 'S256', 'post.logout.redirect.uris': '+' },
      });
      const mappers = kc?.protocolMappers ?? [];
      const audiences = mappers.filter((m) => m.protocolMapper === 'oidc-audience-mapper');
      expect(audiences.map((m) => m.config['included.client.audience'])).toEqual(client.audiences);
      expect(audiences.every((m) => m.config['access.token.claim'] === 'true')).toBe(true);
      for (const attribute of ['province', 'agency']) {
        const mapper = mappers.find((m) => m.protocolMapper === 'oidc-usermodel-attribute-mapper' && m.config['user.attribute'] === attribute);
        expect(mapper?.config).toMatchObject({
          'claim.name': attribute,
          'access.token.claim': 'true',
          'id.token.claim': 'true',
          'userinfo.token.claim': 'true',
        });
      }
      const roles = mappers.find((m) => m.protocolMapper === 'oidc-usermodel-realm-role-mapper');
      expect(roles?.config).toMatchObject({ 'claim.name': 'realm_access.roles', 'id.token.claim': 'true', 'userinfo.token.claim': 'true' });
    }
  });

  it('declares province (with every province of the data file) and agency in the user profile', () => {
    const [profileComponent] = exported.components['org.keycloak.userprofile.UserProfileProvider'] ?? [];
    expect(profileComponent?.providerId).toBe('declarative-user-profile');
    const profile = JSON.parse(profileComponent?.config['kc.user.profile.config']?.[0] ?? '{}') as {
      attributes: { name: string; validations?: Record<string, { options?: string[] }>; annotations?: { inputOptionLabels?: Record<string, string> }; permissions: { edit: string[] } }[];
    };
    const province = profile.attributes.find((a) => a.name === 'province');
    expect(province?.validations?.options?.options).toEqual(realm.provinces.map((p) => p.code));
    for (const p of realm.provinces) expect(province?.annotations?.inputOptionLabels?.[p.code]).toContain(p.name);
    expect(province?.permissions.edit).toEqual(['admin']);
    expect(profile.attributes.find((a) => a.name === 'agency')?.permissions.edit).toEqual(['admin']);
  });
});
