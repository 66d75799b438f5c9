import { DomainError, ForbiddenError, ValidationError, type Principal } from '@xietong/service-kit';
import type { Caller, Page, PageRequest } from '../application/shared/ports.ts';
import { PollutionDomainError } from '../domain/index.ts';

/**
 * The service kit's error handling (REST statuses, Connect codes, the ErrorDetail) classifies errors by the kit's
 * codes, while the domain keeps its own stable codes and a `kind`. This maps one to the other at the edge: invalid
 * input → VALIDATION_FAILED with every field problem (CSV problems name their line in the field, `lines[7].unit`),
 * not found → NOT_FOUND (one answer for missing and hidden records), forbidden → FORBIDDEN, and conflicts keep the
 * domain's code (answered as failed_precondition / 409).
 */
export function toServiceError(error: unknown): unknown {
  if (!(error instanceof PollutionDomainError)) return error;
  switch (error.kind) {
    case 'validation':
      return new ValidationError(
        error.problems.map((p) => ({ field: p.field, reason: p.reason })),
        error.message,
      );
    case 'not-found':
      return new DomainError('NOT_FOUND', error.message);
    case 'forbidden':
      return new ForbiddenError(error.message);
    case 'conflict':
      return new DomainError(error.code, error.message);
  }
}

/** Runs a use case and translates its domain errors for the kit's error handling. */
export async function translated<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toServiceError(error);
  }
}

/** The use cases' caller from the verified principal and the request's correlation id. */
export function callerOf(principal: Principal, correlationId: string | undefined): Caller {
  return {
    subject: principal.subject,
    username: principal.username,
    province: principal.province,
    agency: principal.agency,
    roles: [...principal.roles],
    ...(correlationId ? { correlationId } : {}),
  };
}

/** Page size limits of a list. */
export interface PageLimits {
  /** When the caller gives none. */
  readonly defaultSize: number;
  /** At most. */
  readonly maxSize: number;
}

// Page tokens are opaque to callers: a versioned offset, so the format can change without breaking them.
const TOKEN_PREFIX = 'o1:';

/** The page a list request asks for; a malformed token or size is a field problem, not a 500. */
export function pageRequestOf(pageSize: number, pageToken: string, limits: PageLimits): PageRequest {
  const problems = [];
  if (pageSize < 0) problems.push({ field: 'page_size', reason: 'must not be negative' });
  let offset = 0;
  if (pageToken !== '') {
    const decoded = Buffer.from(pageToken, 'base64url').toString('utf8');
    const n = decoded.startsWith(TOKEN_PREFIX) ? Number(decoded.slice(TOKEN_PREFIX.length)) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) problems.push({ field: 'page_token', reason: 'is not a token this service issued' });
    else offset = n;
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return { offset, limit: Math.min(pageSize === 0 ? limits.defaultSize : pageSize, limits.maxSize) };
}

/** The token of the page after this one, or empty on the last page. */
export function nextPageToken(page: Page<unknown>): string {
  return page.nextOffset === undefined ? '' : Buffer.from(`${TOKEN_PREFIX}${page.nextOffset}`, 'utf8').toString('base64url');
}
