import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type FieldProblem } from '../errors/domain-error.ts';
import { INTERNAL_ERROR_MESSAGE, errorKindOf, type ErrorKind } from '../errors/error-kinds.ts';

/** The JSON body of every error response. */
export interface ErrorBody {
  code: string;
  message: string;
  problems?: FieldProblem[];
  requestId: string;
}

// The one place that turns error kinds into HTTP statuses (errors/error-kinds.ts classifies the codes).
const statusByKind: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'too-large': 413,
  'rate-limited': 429,
  unavailable: 503,
  internal: 500,
  conflict: 409,
};

/** Maps an error code to an HTTP status; codes the kit does not know are domain conflicts (409). */
export function statusForCode(code: string): number {
  return statusByKind[errorKindOf(code)];
}

/** Fastify's schema-validation errors, as field problems ("body.severity: must be one of …"). */
function problemsFromValidation(error: FastifyError): FieldProblem[] {
  return (error.validation ?? []).map((v) => {
    const base = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
    const missing = v.keyword === 'required' ? String((v.params as { missingProperty?: string }).missingProperty ?? '') : '';
    const field = [error.validationContext, base, missing].filter(Boolean).join('.');
    return { field: field || String(error.validationContext ?? 'request'), reason: v.message ?? 'is invalid' };
  });
}

/** Fastify error handler: domain errors keep their code and safe message; anything unexpected becomes a 500 with no internal text. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const requestId = String(request.id);
  if (error instanceof DomainError && errorKindOf(error.code) !== 'internal') {
    const body: ErrorBody = { code: error.code, message: error.message, requestId };
    if (error.problems.length > 0) body.problems = [...error.problems];
    void reply.status(statusForCode(error.code)).send(body);
    return;
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    void reply.status(400).send({ code: 'VALIDATION_FAILED', message: 'The request is invalid.', problems: problemsFromValidation(fastifyError), requestId } satisfies ErrorBody);
    return;
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (bad JSON, body too large, unsupported media type): their messages are safe.
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : (fastifyError.code ?? 'BAD_REQUEST');
    void reply.status(status).send({ code, message: fastifyError.message, requestId } satisfies ErrorBody);
    return;
  }
  // Unexpected errors and the service's own faults (AUDIT_FAILED, INVALID_CONFIG…): logged, never described.
  request.log.error({ err: error }, 'unhandled error');
  void reply.status(500).send({ code: 'INTERNAL', message: INTERNAL_ERROR_MESSAGE, requestId } satisfies ErrorBody);
}
