// One classification of error codes that both transports read: the REST error handler turns a kind into an HTTP
// status, the Connect interceptor into a Connect code. A code not listed is a domain conflict (a transition the
// record's state does not allow, a duplicate), which is what service-defined codes almost always are.

/** What category of failure an error code belongs to. */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'too-large'
  | 'rate-limited'
  | 'unavailable'
  | 'internal'
  | 'conflict';

const kindByCode: Readonly<Record<string, ErrorKind>> = {
  VALIDATION_FAILED: 'invalid',
  BAD_REQUEST: 'invalid',
  UNAUTHENTICATED: 'unauthenticated',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not-found',
  PAYLOAD_TOO_LARGE: 'too-large',
  RATE_LIMITED: 'rate-limited',
  // The caller's request may be fine; a dependency (identity provider, another service) is not.
  IDENTITY_UNAVAILABLE: 'unavailable',
  SERVICE_UNAVAILABLE: 'unavailable',
  // Faults of the service itself: their messages describe internals and are never shown to callers.
  INTERNAL: 'internal',
  AUDIT_FAILED: 'internal',
  INVALID_CONFIG: 'internal',
  UPSTREAM_FAILED: 'internal',
};

/** The kind of an error code; unknown codes are conflicts. */
export function errorKindOf(code: string): ErrorKind {
  return kindByCode[code] ?? 'conflict';
}

/** The message every internal failure shows instead of its own. */
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on our side; the request id identifies it in the logs.';
