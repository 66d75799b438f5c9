import { Code, ConnectError } from '@connectrpc/connect';
import { ErrorDetailSchema } from '@xietong/proto';
import { DomainError, ForbiddenError, ValidationError } from '../errors/domain-error.ts';
import { INTERNAL_ERROR_MESSAGE, errorKindOf, type ErrorKind } from '../errors/error-kinds.ts';
import { UnauthenticatedError } from '../identity/identity.errors.ts';

// The Connect counterpart of the REST error handler's status table (errors/error-kinds.ts classifies the codes).
const connectCodeByKind: Readonly<Record<ErrorKind, Code>> = {
  invalid: Code.InvalidArgument,
  unauthenticated: Code.Unauthenticated,
  forbidden: Code.PermissionDenied,
  'not-found': Code.NotFound,
  'too-large': Code.ResourceExhausted,
  'rate-limited': Code.ResourceExhausted,
  unavailable: Code.Unavailable,
  internal: Code.Internal,
  // A transition the record's state does not allow: the caller must change the state first, not retry.
  conflict: Code.FailedPrecondition,
};

/** Maps an error code (VALIDATION_FAILED, NOT_FOUND, a domain code…) to the Connect code a service answers with. */
export function connectCodeFor(code: string): Code {
  return connectCodeByKind[errorKindOf(code)];
}

// Connect codes whose messages come from a server's internals: never relayed to the next caller.
const internalConnectCodes: ReadonlySet<Code> = new Set([Code.Internal, Code.Unknown, Code.DataLoss]);

/** A Connect error as the kit answers it, and whether it hides an internal failure (which the caller should log). */
export interface MappedConnectError {
  error: ConnectError;
  internal: boolean;
}

/**
 * Turns whatever a handler threw into the error the caller gets: a DomainError keeps its safe message, with its
 * stable code and field problems in an `xietong.platform.v1.ErrorDetail`; anything unexpected becomes `internal`
 * with a fixed message and no trace of the original (which the caller of this function logs).
 */
export function toConnectError(error: unknown, requestId: string, options: { realm?: string } = {}): MappedConnectError {
  if (error instanceof DomainError && errorKindOf(error.code) !== 'internal') {
    const code = connectCodeFor(error.code);
    const metadata = new Headers();
    if (code === Code.Unauthenticated) {
      // RFC 6750 §3, as the REST hook answers; no error attribute says which check failed.
      metadata.set('www-authenticate', `Bearer realm="${options.realm ?? 'xietong'}", error="invalid_token"`);
    }
    if (code === Code.Unavailable) metadata.set('retry-after', '5');
    const detail = { desc: ErrorDetailSchema, value: { code: error.code, problems: error.problems.map((p) => ({ ...p })), requestId } };
    return { error: new ConnectError(error.message, code, metadata, [detail]), internal: false };
  }
  // A ConnectError a handler threw on purpose (or a client error of a downstream call made with rawErrors) keeps
  // its code and message, unless that message could come from some server's internals.
  if (error instanceof ConnectError && !internalConnectCodes.has(error.code)) return { error, internal: false };
  const detail = { desc: ErrorDetailSchema, value: { code: 'INTERNAL', requestId } };
  return { error: new ConnectError(INTERNAL_ERROR_MESSAGE, Code.Internal, undefined, [detail]), internal: true };
}

/**
 * The DomainError behind an error a kit-built service answered: the same stable code, message and field problems,
 * so a calling service's own error handling (REST status, Connect code) treats it like a local one. Errors without
 * the kit's detail are classified by their Connect code; an upstream fault never carries its text any further.
 */
export function domainErrorFromConnect(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const connectError = ConnectError.from(error);
  const [detail] = connectError.findDetails(ErrorDetailSchema);
  if (detail && detail.code !== '' && errorKindOf(detail.code) !== 'internal') {
    return new DomainError(detail.code, connectError.rawMessage, detail.problems.map((p) => ({ field: p.field, reason: p.reason })));
  }
  switch (connectError.code) {
    case Code.Unauthenticated:
      return new UnauthenticatedError('the called service refused the forwarded token');
    case Code.PermissionDenied:
      return new ForbiddenError();
    case Code.NotFound:
      return new DomainError('NOT_FOUND', 'No such record.');
    case Code.InvalidArgument:
      return new ValidationError([]);
    case Code.Unavailable:
    case Code.DeadlineExceeded:
      return new DomainError('SERVICE_UNAVAILABLE', 'A service this request needs is unavailable; try again shortly.');
    default:
      return new DomainError('UPSTREAM_FAILED', `a called service failed: [${Code[connectError.code]}] ${connectError.rawMessage}`);
  }
}
