/** A field that failed validation, and why. */
export interface FieldProblem {
  /** Dotted path of the field, e.g. `readings.3.value` or `body.severity`. */
  field: string;
  /** What is wrong, in words a user can act on. */
  reason: string;
}

/**
 * The base of every domain error: a stable machine-readable code and a message safe to show to the caller.
 * Domain errors know nothing of HTTP; the service's error handler maps codes to statuses.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly problems: readonly FieldProblem[];

  constructor(code: string, message: string, problems: readonly FieldProblem[] = []) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.problems = problems;
  }
}

/** The input is invalid; `problems` names each field and the reason. */
export class ValidationError extends DomainError {
  constructor(problems: readonly FieldProblem[], message = 'The request is invalid.') {
    super('VALIDATION_FAILED', message, problems);
  }
}

/** The record does not exist — or the caller may not see it: the two must look the same. */
export class NotFoundError extends DomainError {
  constructor(what = 'record') {
    super('NOT_FOUND', `No such ${what}.`);
  }
}

/** The caller is known but may not perform this write. */
export class ForbiddenError extends DomainError {
  constructor(message = 'You may not do this.') {
    super('FORBIDDEN', message);
  }
}

/** The request conflicts with the record's current state (a state-machine transition that is not allowed, a duplicate). */
export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}
