import { DomainError } from '../errors/domain-error.ts';

/** The public message of every authentication failure: no hint of which check failed (that goes to the log). */
export const UNAUTHENTICATED_MESSAGE = 'A valid bearer token is required.';

/**
 * The request carries no usable credentials. Stable code: UNAUTHENTICATED (HTTP 401).
 * `reason` says which check failed, for logs only; the response never shows it.
 */
export class UnauthenticatedError extends DomainError {
  readonly reason: string;

  constructor(reason: string, options?: { cause?: unknown }) {
    super('UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE);
    this.reason = reason;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/**
 * The identity provider's keys cannot be fetched, so no token can be checked. Stable code: IDENTITY_UNAVAILABLE
 * (HTTP 503): the caller's token may be fine, and a 401 would make clients throw it away.
 */
export class IdentityProviderUnavailableError extends DomainError {
  readonly reason: string;

  constructor(reason: string, options?: { cause?: unknown }) {
    super('IDENTITY_UNAVAILABLE', 'Sign-in cannot be checked right now; try again shortly.');
    this.reason = reason;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
