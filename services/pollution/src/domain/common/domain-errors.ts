// Domain errors of the pollution service. They know nothing of HTTP: the service maps `kind` to a status when it
// wires these into the service kit's error handler (a `kind` per error keeps that mapping one table, not a list of
// codes).

/** A field that failed validation and why; `line` is set for rows of an uploaded CSV file (1-based, header = 1). */
export interface FieldProblem {
  /** Path of the field, e.g. `readings[3].value` or, for CSV input, `lines[7].unit`. */
  readonly field: string;
  /** What is wrong, in words a user can act on. */
  readonly reason: string;
  /** Line of the CSV file the problem is on. */
  readonly line?: number;
}

/** How the service should treat an error: bad input, a write the caller may not make, a missing record, or a state conflict. */
export type PollutionErrorKind = 'validation' | 'forbidden' | 'not-found' | 'conflict';

/** Base of every pollution domain error: a stable machine-readable code and a message safe to show to the caller. */
export class PollutionDomainError extends Error {
  readonly code: string;
  readonly kind: PollutionErrorKind;
  readonly problems: readonly FieldProblem[];

  constructor(code: string, kind: PollutionErrorKind, message: string, problems: readonly FieldProblem[] = []) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.kind = kind;
    this.problems = problems;
  }
}

/** Input failed validation; `problems` lists every field at fault, not just the first. */
export class PollutionValidationError extends PollutionDomainError {
  constructor(code: string, problems: readonly FieldProblem[], message = 'The input is invalid.') {
    super(code, 'validation', message, problems);
  }
}

/**
 * A record does not exist or the caller may not see it. The two must look the same (access-model.md), so the
 * message never says which.
 */
export class PollutionNotFoundError extends PollutionDomainError {
  constructor(code: string, what: string) {
    super(code, 'not-found', `No such ${what}.`);
  }
}

/** The caller can see the record but may not make this write. */
export class PollutionForbiddenError extends PollutionDomainError {
  constructor(code: string, message: string) {
    super(code, 'forbidden', message);
  }
}

/** The write conflicts with the record's state (a transition not allowed from here, a duplicate). */
export class PollutionConflictError extends PollutionDomainError {
  constructor(code: string, message: string) {
    super(code, 'conflict', message);
  }
}
