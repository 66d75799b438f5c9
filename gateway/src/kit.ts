// The one place the gateway imports the service kit from. The kit's package entry (infra/service-kit/src/index.ts)
// does not exist yet, so its part indexes are imported by path; when the entry lands this becomes
// `export … from '@xietong/service-kit'` and nothing else in the gateway changes.
export {
  DOMAIN_ROLE,
  IdentityProviderUnavailableError,
  ROLES,
  UnauthenticatedError,
  canRead,
  canWrite,
  canManageReferenceData,
  createTokenVerifier,
  hasRole,
  isNationalObserver,
  relationsOf,
} from '../../infra/service-kit/src/identity/index.ts';
export type {
  Domain,
  Principal,
  ReadParts,
  ReadRequest,
  RecordScope,
  Relation,
  Role,
  TokenVerifier,
  TokenVerifierOptions,
  WriteActions,
  WriteRequest,
} from '../../infra/service-kit/src/identity/index.ts';
export { defineConfig, exitOnInvalidConfig, envBoolean, envInt, envList, envPort, envUrl } from '../../infra/service-kit/src/config/index.ts';
export type { Environment } from '../../infra/service-kit/src/config/index.ts';
export { DomainError, type FieldProblem } from '../../infra/service-kit/src/errors/domain-error.ts';
export { decodeEnvelopeMessage, type EnvelopeEvent } from '../../infra/service-kit/src/messaging/envelope-events.ts';
export { readHeaders, UndecodableMessageError, type ReceivedMessage } from '../../infra/service-kit/src/messaging/idempotent-consumer.ts';
