// The shape and rules of data/demo-realm.json, the one source of the demo realm: the development provider serves it
// and scripts/write-keycloak-realm.ts turns it into a Keycloak realm export.
import { isProvinceCode, NATIONAL_PROVINCE_CODE } from '@xietong/proto';
import { z } from 'zod';
import { redirectUriPatternProblem } from '../oidc/redirect-uri.matcher.ts';

// The same rule as the service kit and the event envelope: a province-level code (two digits, then "0000"), never
// a prefecture or county code, which a token's `province` claim must not carry.
const provinceCode = z
  .string()
  .refine(isProvinceCode, 'must be a province-level GB/T 2260 code (two digits then "0000", e.g. "410000"; "000000" for national bodies)');

/** Province code of national bodies (ministries, audit office, the platform operator). */
export const NATIONAL_PROVINCE = NATIONAL_PROVINCE_CODE;

const provinceSchema = z.object({
  code: provinceCode,
  name: z.string().min(1),
  nameEn: z.string().min(1),
});

const roleSchema = z.object({
  name: z.string().regex(/^[a-z][a-z_]*$/, 'must be lower-case letters and underscores'),
  description: z.string().min(1),
});

// Keycloak-style redirect URI: exact, or ending in a "/*" wildcard (see redirect-uri.matcher.ts for why no other).
const redirectUriPattern = z.string().superRefine((value, ctx) => {
  const problem = redirectUriPatternProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const publicClientSchema = z.object({
  clientId: z.string().min(1),
  name: z.string().min(1),
  description: z.string().min(1),
  type: z.literal('public'),
  /** Authorization code flow (with PKCE S256, enforced). */
  standardFlow: z.boolean(),
  /** Resource-owner password grant ("direct access grants" in Keycloak). */
  directAccessGrants: z.boolean(),
  redirectUris: z.array(redirectUriPattern),
  /** Client ids every access token of this client names in `aud` (Keycloak: an audience mapper each). */
  audiences: z.array(z.string().min(1)),
});

const bearerOnlyClientSchema = z.object({
  clientId: z.string().min(1),
  name: z.string().min(1),
  description: z.string().min(1),
  type: z.literal('bearer-only'),
});

const clientSchema = z.discriminatedUnion('type', [publicClientSchema, bearerOnlyClientSchema]);

const userSchema = z.object({
  /** Keycloak's user id; the `sub` of every token. */
  id: z.uuid(),
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, ".", "_" or "-" (Keycloak lower-cases usernames)'),
  /** Development password, stored in clear because it is public; never used outside development. */
  password: z.string().min(1),
  province: provinceCode,
  agency: z.string().min(1),
  roles: z.array(z.string()).min(1),
});

const positiveSeconds = z.number().int().positive();

/** The schema of data/demo-realm.json, with its cross-references checked. */
export const demoRealmSchema = z
  .object({
    $comment: z.string().optional(),
    realm: z.string().regex(/^[a-z][a-z0-9-]*$/),
    displayName: z.string().min(1),
    tokenLifetimes: z.object({
      accessTokenSeconds: positiveSeconds,
      ssoSessionIdleSeconds: positiveSeconds,
      ssoSessionMaxSeconds: positiveSeconds,
      authorizationCodeSeconds: positiveSeconds,
      loginSeconds: positiveSeconds,
    }),
    provinces: z.array(provinceSchema).min(1),
    roles: z.array(roleSchema).min(1),
    clients: z.array(clientSchema).min(1),
    users: z.array(userSchema),
  })
  .superRefine((realm, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    reportDuplicates(realm.provinces.map((p) => p.code), 'provinces', 'code', problem);
    reportDuplicates(realm.roles.map((r) => r.name), 'roles', 'name', problem);
    reportDuplicates(realm.clients.map((c) => c.clientId), 'clients', 'clientId', problem);
    reportDuplicates(realm.users.map((u) => u.username), 'users', 'username', problem);
    reportDuplicates(realm.users.map((u) => u.id), 'users', 'id', problem);

    const provinces = new Set(realm.provinces.map((p) => p.code));
    const roles = new Set(realm.roles.map((r) => r.name));
    const bearerOnly = new Set(realm.clients.filter((c) => c.type === 'bearer-only').map((c) => c.clientId));
    realm.clients.forEach((client, index) => {
      if (client.type !== 'public') return;
      for (const audience of client.audiences) {
        if (!bearerOnly.has(audience)) problem(['clients', index, 'audiences'], `"${audience}" is not a bearer-only client of this realm`);
      }
      if (client.standardFlow && client.redirectUris.length === 0) {
        problem(['clients', index, 'redirectUris'], 'a client with the standard flow needs at least one redirect URI');
      }
    });
    realm.users.forEach((user, index) => {
      if (!provinces.has(user.province)) problem(['users', index, 'province'], `"${user.province}" is not a province of this realm`);
      for (const role of user.roles) {
        if (!roles.has(role)) problem(['users', index, 'roles'], `"${role}" is not a role of this realm`);
      }
      // The access model: observers are national bodies.
      if (user.roles.includes('observer') && user.province !== NATIONAL_PROVINCE) {
        problem(['users', index, 'province'], `an observer must belong to province ${NATIONAL_PROVINCE}`);
      }
    });
  });

function reportDuplicates(
  values: string[],
  list: string,
  field: string,
  problem: (path: (string | number)[], message: string) => void,
): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) problem([list, index, field], `"${value}" appears more than once`);
    seen.add(value);
  });
}

/** The demo realm: provinces, roles, clients and users. */
export type DemoRealm = z.infer<typeof demoRealmSchema>;
/** A province of the realm (GB/T 2260 code, Chinese and English name). */
export type Province = DemoRealm['provinces'][number];
/** A realm role with its description. */
export type RealmRole = DemoRealm['roles'][number];
/** A client of the realm. */
export type RealmClient = DemoRealm['clients'][number];
/** A client that requests tokens (the web app, the command-line client). */
export type PublicClient = Extract<RealmClient, { type: 'public' }>;
/** A demo user with its password, province, agency and roles. */
export type DemoUser = DemoRealm['users'][number];
