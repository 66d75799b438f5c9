import type { FieldProblem } from '../common/domain-errors.ts';
import { PollutionConflictError, PollutionForbiddenError, PollutionNotFoundError, PollutionValidationError } from '../common/domain-errors.ts';

/** The alert input is invalid. */
export class AlertInvalidError extends PollutionValidationError {
  constructor(problems: readonly FieldProblem[]) {
    super('POLLUTION_ALERT_INVALID', problems, 'The alert is invalid.');
  }
}

/** No such alert, or the caller may not see it. */
export class AlertNotFoundError extends PollutionNotFoundError {
  constructor() {
    super('POLLUTION_ALERT_NOT_FOUND', 'alert');
  }
}

/** Only the environmental bureau of the issuing (or an addressed) province may do this. */
export class AlertForbiddenError extends PollutionForbiddenError {
  constructor(message: string) {
    super('POLLUTION_ALERT_FORBIDDEN', message);
  }
}

/** The province already acknowledged this message. */
export class AlertAlreadyAcknowledgedError extends PollutionConflictError {
  constructor(province: string) {
    super('POLLUTION_ALERT_ALREADY_ACKNOWLEDGED', `Province ${province} has already acknowledged this alert.`);
  }
}

/** The message was replaced by an Update or Cancel, or is a Cancel: nothing further can be done to it. */
export class AlertNotCurrentError extends PollutionConflictError {
  constructor(message: string) {
    super('POLLUTION_ALERT_NOT_CURRENT', message);
  }
}
