// The user claims a Keycloak realm configured by infra/keycloak/xietong-realm.json puts into access tokens, ID tokens
// and userinfo answers. The development provider builds them here; the realm export's mappers name the same claims.
import type { DemoUser } from './demo-realm.schema.ts';

/** Claims describing the signed-in user, identical in access token, ID token and userinfo. */
export interface ProfileClaims {
  preferred_username: string;
  /** GB/T 2260 code of the user's province ("000000" for national bodies). */
  province: string;
  /** The user's agency, in Chinese. */
  agency: string;
  realm_access: { roles: string[] };
}

/** Names of the profile claims, in the order tokens carry them. */
export const PROFILE_CLAIM_NAMES = ['preferred_username', 'province', 'agency', 'realm_access'] as const;

/** The user attributes (Keycloak user attributes) that become claims of the same name. */
export const ATTRIBUTE_CLAIMS = ['province', 'agency'] as const;

/** Builds the profile claims of a demo user. */
export function buildProfileClaims(user: DemoUser): ProfileClaims {
  return {
    preferred_username: user.username,
    province: user.province,
    agency: user.agency,
    realm_access: { roles: [...user.roles] },
  };
}
