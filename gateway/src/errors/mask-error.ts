import { GraphQLError } from 'graphql';
import { DomainError, errorKindOf } from '../kit.ts';
import { ERROR_CODES, PUBLIC_MESSAGES, type ErrorCode } from './gateway-errors.ts';

// Errors the hardening rules raise, tagged where they are made so the mask can give them their code without
// parsing messages.
const taggedErrors = new WeakMap<object, ErrorCode>();

/** Gives an error made by a hardening rule (depth, aliases, tokens, …) its stable code. */
export function tagError<E extends object>(error: E, code: ErrorCode): E {
  taggedErrors.set(error, code);
  return error;
}

/** Receives what the mask hid from the client: the original error and the code it was given. */
export type MaskedErrorLogger = (error: unknown, code: ErrorCode) => void;

// Codes other GraphQL libraries put in extensions, mapped to ours.
const FOREIGN_CODES: Readonly<Record<string, ErrorCode>> = {
  PERSISTED_QUERY_NOT_FOUND: ERROR_CODES.PERSISTED_OPERATION_NOT_FOUND,
  PERSISTED_QUERY_ONLY: ERROR_CODES.PERSISTED_OPERATION_REQUIRED,
  BAD_USER_INPUT: ERROR_CODES.QUERY_TOO_COMPLEX,
  GRAPHQL_PARSE_FAILED: ERROR_CODES.QUERY_INVALID,
  GRAPHQL_VALIDATION_FAILED: ERROR_CODES.QUERY_INVALID,
};

const OUR_CODES = new Set<string>(Object.values(ERROR_CODES));

// Only these extensions survive: `http` is yoga's (status and headers; stripped before the body is written).
function publicExtensions(error: GraphQLError, code: ErrorCode, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const extensions: Record<string, unknown> = { code, ...extra };
  const http = (error.extensions as { http?: unknown }).http;
  if (http !== undefined) extensions.http = http;
  return extensions;
}

function rebuild(error: GraphQLError, message: string, extensions: Record<string, unknown>): GraphQLError {
  // No originalError: nothing of the cause (and no stack) can reach a serializer.
  return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions });
}

function fromDomainError(error: GraphQLError, domain: DomainError, log: MaskedErrorLogger): GraphQLError {
  // Codes the kit classes as a service's own fault (INTERNAL, AUDIT_FAILED, UPSTREAM_FAILED…) describe internals.
  if (errorKindOf(domain.code) === 'internal') return internal(error, domain, log);
  const extra: Record<string, unknown> = {};
  if (domain.problems.length > 0) extra.problems = domain.problems.map((p) => ({ field: p.field, reason: p.reason }));
  const details = (domain as { details?: Record<string, unknown> }).details;
  if (details) Object.assign(extra, details);
  return rebuild(error, domain.message, publicExtensions(error, domain.code as ErrorCode, extra));
}

function internal(error: GraphQLError | undefined, cause: unknown, log: MaskedErrorLogger): GraphQLError {
  log(cause, ERROR_CODES.INTERNAL);
  const base = error ?? new GraphQLError(PUBLIC_MESSAGES.INTERNAL);
  return new GraphQLError(PUBLIC_MESSAGES.INTERNAL, { nodes: base.nodes, path: base.path, extensions: { code: ERROR_CODES.INTERNAL } });
}

/**
 * Turns any error into what a client may see, in every mode: domain errors keep their code and safe message;
 * document errors (parse, validation, limits) keep their message with a stable code; anything else becomes
 * INTERNAL with a fixed message. No stack trace, cause or internal extension survives.
 */
export function maskGatewayError(error: unknown, log: MaskedErrorLogger): GraphQLError {
  if (error instanceof DomainError) return fromDomainError(new GraphQLError(error.message), error, log);
  if (!(error instanceof GraphQLError)) {
    const tagged = error !== null && typeof error === 'object' ? taggedErrors.get(error) : undefined;
    if (tagged && error instanceof Error) return new GraphQLError(error.message, { extensions: { code: tagged } });
    return internal(undefined, error, log);
  }
  const tagged = taggedErrors.get(error) ?? (error.originalError ? taggedErrors.get(error.originalError) : undefined);
  // A refused document is the client's fault: 400, like any other invalid document.
  if (tagged) return rebuild(error, error.message, { ...publicExtensions(error, tagged), http: { status: 400 } });

  const original = error.originalError;
  if (original instanceof DomainError) return fromDomainError(error, original, log);
  if (original instanceof GraphQLError) return maskGatewayError(original, log);
  if (original !== undefined && original !== null) {
    // Pothos' own ForbiddenError only appears when a field escaped the builder's unauthorizedError; a read must
    // still look like a missing record.
    if ((original as { name?: unknown }).name === 'ForbiddenError') {
      return rebuild(error, PUBLIC_MESSAGES.NOT_FOUND, publicExtensions(error, ERROR_CODES.NOT_FOUND));
    }
    return internal(error, original, log);
  }

  // A GraphQLError made on purpose (parse, validation, variable coercion, yoga's HTTP errors): its message is about
  // the caller's document and safe to show.
  const existing = (error.extensions as { code?: unknown }).code;
  let code: ErrorCode;
  if (typeof existing === 'string' && OUR_CODES.has(existing)) code = existing as ErrorCode;
  else if (typeof existing === 'string' && FOREIGN_CODES[existing]) code = FOREIGN_CODES[existing];
  else if ((error.extensions as { unexpected?: unknown }).unexpected === true) return internal(error, error, log);
  else code = ERROR_CODES.QUERY_INVALID;
  return rebuild(error, error.message, publicExtensions(error, code));
}
