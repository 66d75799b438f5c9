// The signed-in user as the web app sees it, read from the access token's claims (Keycloak's shape, which the
// development provider reproduces: docs/decisions/0004). The gateway checks the same token; the app only uses these
// claims to choose what to show, never to decide what may be read.

/** The realm roles of access-model.md. */
export const ROLES = ['liaison', 'environment', 'medical_insurance', 'investment', 'observer', 'admin'] as const;

/** One realm role. */
export type Role = (typeof ROLES)[number];

/** Who is signed in. */
export interface SignedInUser {
  /** Stable id at the identity provider (`sub`). */
  subject: string;
  username: string;
  /** GB/T 2260 code; 000000 for national bodies. */
  province: string;
  /** The agency's name, in Chinese. */
  agency: string;
  /** The platform's roles the user holds (Keycloak's default roles are left out). */
  roles: Role[];
}

/** Whether a string is one of the platform's roles. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Reads the user from access-token claims; missing claims become empty strings so the shell can still render. */
export function userFromClaims(claims: Record<string, unknown> | undefined): SignedInUser {
  const text = (key: string): string => {
    const value = claims?.[key];
    return typeof value === 'string' ? value : '';
  };
  const realmAccess = claims?.realm_access as { roles?: unknown } | undefined;
  const roles = Array.isArray(realmAccess?.roles) ? realmAccess.roles.filter(isRole) : [];
  return {
    subject: text('sub'),
    username: text('preferred_username'),
    province: text('province'),
    agency: text('agency'),
    // In the order of ROLES, so the header reads the same for every user with the same roles.
    roles: ROLES.filter((role) => roles.includes(role)),
  };
}
