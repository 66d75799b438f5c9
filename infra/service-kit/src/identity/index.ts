export { createAuthenticateHook, principalOf } from './authenticate.hook.ts';
export { bearerTokenOf } from './bearer-token.ts';
export type { AuthenticateHookOptions } from './authenticate.hook.ts';
export { IdentityProviderUnavailableError, UnauthenticatedError, UNAUTHENTICATED_MESSAGE } from './identity.errors.ts';
export { ROLES, hasRole, principalFromClaims } from './principal.ts';
export type { Principal, Role } from './principal.ts';
export { createTokenVerifier } from './token-verifier.ts';
export type { TokenVerifier, TokenVerifierOptions } from './token-verifier.ts';
export {
  DOMAIN_ROLE,
  ProvincePolicy,
  canManageReferenceData,
  canRead,
  canWrite,
  isNationalObserver,
  relationsOf,
} from './province-policy.ts';
export type { Domain, ReadParts, ReadRequest, RecordScope, Relation, WriteActions, WriteRequest } from './province-policy.ts';
