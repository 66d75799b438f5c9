import { AlertNotFoundError, linkAlert, viewAlert, type AlertMessage, type Clock } from '../../domain/index.ts';
import type { CaseReadModel } from '../shared/case-presentation.ts';
import { changeCase, type CaseWritePorts } from '../shared/case-writes.ts';
import type { Caller, UnitOfWork } from '../shared/ports.ts';

/** The ports linking an alert writes through: the case ports plus alert look-ups. */
export interface LinkAlertToCasePorts extends CaseWritePorts {
  /** Alerts. */
  readonly alerts: {
    /** Every message of the thread `alertId` belongs to; undefined when there is no such message. */
    lockThreadOf(alertId: string): Promise<AlertMessage[] | undefined>;
    /** Parties of cases linked to a thread. */
    linkedCaseParties(threadId: string): Promise<string[]>;
  };
}

/** Links a further alert thread to a case (same section and mode, only the case's parties on it). */
export async function linkAlertToCaseHandler(
  deps: { readonly transaction: UnitOfWork<LinkAlertToCasePorts>; readonly clock: Clock },
  caller: Caller,
  input: { readonly caseId: string; readonly alertId: string; readonly expectedVersion?: number },
): Promise<CaseReadModel> {
  return changeCase(deps.transaction, caller, input.caseId, input.expectedVersion, { action: 'link-alert-to-case', details: { alertId: input.alertId } }, async (c, ports) => {
    const thread = await ports.alerts.lockThreadOf(input.alertId);
    const alert = thread?.find((m) => m.id === input.alertId);
    if (!alert || !viewAlert(caller, alert, await ports.alerts.linkedCaseParties(alert.threadId))) throw new AlertNotFoundError();
    return linkAlert(c, alert, { actor: caller, clock: deps.clock });
  });
}
