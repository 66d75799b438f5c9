import { isProvinceCode } from '@xietong/proto';

/** The realm roles Xietong knows (access-model.md); any other role in a token is ignored. */
export const ROLES = ['liaison', 'environment', 'medical_insurance', 'investment', 'observer', 'admin'] as const;

/** A Xietong realm role. */
export type Role = (typeof ROLES)[number];

/** The signed-in user a request acts for, taken from a verified access token. */
export interface Principal {
  /** The identity provider's stable user id (`sub`). */
  readonly subject: string;
  /** Login name (`preferred_username`), for display and audit. */
  readonly username: string;
  /** GB/T 2260 province-level code of the user's province; "000000" for national bodies. */
  readonly province: string;
  /** The agency the user works for. */
  readonly agency: string;
  /** The user's Xietong roles (from `realm_access.roles`), without duplicates. */
  readonly roles: readonly Role[];
}

/** Tells whether a principal holds a role. */
export function hasRole(principal: Principal, role: Role): boolean {
  return principal.roles.includes(role);
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Builds a Principal from verified token claims, or returns the reason the claims are unusable.
 * Keycloak puts realm roles in `realm_access.roles`; `province` and `agency` are user attributes mapped to claims.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal | { problem: string } {
  const { sub, preferred_username: username, province, agency } = claims;
  if (typeof sub !== 'string' || sub === '') return { problem: 'sub claim missing' };
  if (typeof username !== 'string' || username === '') return { problem: 'preferred_username claim missing' };
  if (!isProvinceCode(province)) return { problem: 'province claim missing or not a province-level GB/T 2260 code' };
  if (typeof agency !== 'string' || agency === '') return { problem: 'agency claim missing' };
  const realmAccess = claims.realm_access;
  const rawRoles = typeof realmAccess === 'object' && realmAccess !== null ? (realmAccess as { roles?: unknown }).roles : undefined;
  if (rawRoles !== undefined && !Array.isArray(rawRoles)) return { problem: 'realm_access.roles is not a list' };
  const roles = [...new Set((rawRoles ?? []).filter(isRole))];
  return { subject: sub, username, province, agency, roles };
}
