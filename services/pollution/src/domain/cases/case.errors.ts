import type { FieldProblem } from '../common/domain-errors.ts';
import { PollutionConflictError, PollutionForbiddenError, PollutionNotFoundError, PollutionValidationError } from '../common/domain-errors.ts';
import type { CaseCommand } from './case.state-machine.ts';
import type { CaseState } from './case.model.ts';

/** The case input is invalid. */
export class CaseInvalidError extends PollutionValidationError {
  constructor(problems: readonly FieldProblem[]) {
    super('POLLUTION_CASE_INVALID', problems, 'The case input is invalid.');
  }
}

/** No such case, or the caller may not see it. */
export class CaseNotFoundError extends PollutionNotFoundError {
  constructor() {
    super('POLLUTION_CASE_NOT_FOUND', 'case');
  }
}

/** The caller sees the case but may not make this change. */
export class CaseForbiddenError extends PollutionForbiddenError {
  constructor(message: string) {
    super('POLLUTION_CASE_FORBIDDEN', message);
  }
}

/** The command is not allowed in the case's current state. */
export class CaseTransitionNotAllowedError extends PollutionConflictError {
  readonly from: CaseState;
  readonly command: CaseCommand | string;

  constructor(from: CaseState, command: CaseCommand | string) {
    super('POLLUTION_CASE_TRANSITION_NOT_ALLOWED', `"${command}" is not allowed while the case is ${from}.`);
    this.from = from;
    this.command = command;
  }
}

/** The change conflicts with what the case already holds (a duplicate agreement, document or id). */
export class CaseConflictError extends PollutionConflictError {
  constructor(message: string) {
    super('POLLUTION_CASE_CONFLICT', message);
  }
}
