import { DomainError, type FieldProblem } from '../kit.ts';

/**
 * Every code a client can find in `errors[].extensions.code`. Stable: clients branch on them, so a code is never
 * renamed or reused for something else.
 */
export const ERROR_CODES = {
  /** No valid bearer token, and the operation needs one. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The identity provider cannot be reached to check the token; retry later. */
  IDENTITY_UNAVAILABLE: 'IDENTITY_UNAVAILABLE',
  /** A write the caller's role or province may not make. Reads never say this: they say NOT_FOUND or return null. */
  FORBIDDEN: 'FORBIDDEN',
  /** No such record — or one the caller may not read; the two look the same. */
  NOT_FOUND: 'NOT_FOUND',
  /** Input is invalid; `extensions.problems` names each field and why. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** The document does not parse or does not validate against the schema. */
  QUERY_INVALID: 'QUERY_INVALID',
  /** The document exceeds a depth, alias, token, directive or cost limit. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** More operations in one batched request than allowed. */
  BATCH_TOO_LARGE: 'BATCH_TOO_LARGE',
  /** The request body is larger than the limit. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** Production mode runs registered (persisted) operations only. */
  PERSISTED_OPERATION_REQUIRED: 'PERSISTED_OPERATION_REQUIRED',
  /** The persisted operation id is not registered. */
  PERSISTED_OPERATION_NOT_FOUND: 'PERSISTED_OPERATION_NOT_FOUND',
  /** Too many requests from this user; `extensions.retryAfterSeconds` says when to try again. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The operation ran longer than the gateway allows. */
  TIMEOUT: 'TIMEOUT',
  /** A domain service did not answer; retry later. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** Last-Event-ID is older than the retention window: refetch, then subscribe afresh. */
  RESUME_WINDOW_EXCEEDED: 'RESUME_WINDOW_EXCEEDED',
  /** The subscriber fell too far behind; reconnect with Last-Event-ID to resume. */
  SUBSCRIBER_TOO_SLOW: 'SUBSCRIBER_TOO_SLOW',
  /** Anything unexpected; the message says nothing more, the log has the request id and the cause. */
  INTERNAL: 'INTERNAL',
} as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** The public messages of codes whose wording must not vary with the cause (nothing to learn from a difference). */
export const PUBLIC_MESSAGES = {
  UNAUTHENTICATED: 'A valid bearer token is required.',
  NOT_FOUND: 'No such record.',
  FORBIDDEN: 'You may not do this.',
  INTERNAL: 'Something went wrong on our side; the request id identifies it in the logs.',
} as const;

/** An error the gateway raises on purpose: its code and message reach the client unchanged. */
export class GatewayError extends DomainError {
  /** Extra public detail for `extensions` (e.g. retryAfterSeconds); never internal state. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: { problems?: readonly FieldProblem[]; details?: Record<string, unknown> } = {}) {
    super(code, message, options.problems ?? []);
    this.details = options.details ?? {};
  }
}

/** A read of something that does not exist or that the caller may not see. */
export function notFound(): GatewayError {
  return new GatewayError(ERROR_CODES.NOT_FOUND, PUBLIC_MESSAGES.NOT_FOUND);
}

/** The caller must sign in. */
export function unauthenticated(): GatewayError {
  return new GatewayError(ERROR_CODES.UNAUTHENTICATED, PUBLIC_MESSAGES.UNAUTHENTICATED);
}

/** A write the caller may not make. */
export function forbidden(): GatewayError {
  return new GatewayError(ERROR_CODES.FORBIDDEN, PUBLIC_MESSAGES.FORBIDDEN);
}

/** Invalid input, naming each field and the reason. */
export function validationFailed(problems: readonly FieldProblem[]): GatewayError {
  return new GatewayError(ERROR_CODES.VALIDATION_FAILED, 'The request is invalid.', { problems });
}
