import { PollutionConflictError, PollutionForbiddenError, PollutionNotFoundError } from '../../domain/index.ts';

// Errors the use cases add to the domain's: records the domain does not model as aggregates (agreements,
// assessments, reading batches) and concurrency. They keep the domain's `kind`, so one mapping serves both.

/** The case changed since the caller read it (expected_version did not match). */
export class CaseVersionConflictError extends PollutionConflictError {
  constructor(expected: number, actual: number) {
    super('POLLUTION_CASE_VERSION_CONFLICT', `The case changed since you read it (version ${expected}, now ${actual}); reload it and try again.`);
  }
}

/** No such agreement, or the caller may not see it. */
export class AgreementNotFoundError extends PollutionNotFoundError {
  constructor() {
    super('POLLUTION_AGREEMENT_NOT_FOUND', 'agreement');
  }
}

/** No such assessment, or the caller may not see it. */
export class AssessmentNotFoundError extends PollutionNotFoundError {
  constructor() {
    super('POLLUTION_ASSESSMENT_NOT_FOUND', 'assessment');
  }
}

/** The caller sees the record but may not do this with it. */
export class PollutionAccessDeniedError extends PollutionForbiddenError {
  constructor(message: string) {
    super('POLLUTION_FORBIDDEN', message);
  }
}
