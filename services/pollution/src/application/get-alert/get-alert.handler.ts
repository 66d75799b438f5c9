import { AlertNotFoundError, type AlertMessage, type EscalationPolicySource } from '../../domain/index.ts';
import { presentAlert, type AlertReadModel } from '../shared/alert-presentation.ts';
import type { Caller } from '../shared/ports.ts';

/** What reading one alert needs from the store. */
export interface GetAlertStore {
  /** Every message of the thread `alertId` belongs to, oldest first; undefined when no message has that id. */
  findThreadOf(alertId: string): Promise<AlertMessage[] | undefined>;
  /** Provinces party to cases the thread is linked to. */
  linkedCaseParties(threadId: string): Promise<string[]>;
}

/** What the use case needs. */
export interface GetAlertDeps {
  /** Alerts. */
  readonly alerts: GetAlertStore;
  /** Deadlines. */
  readonly escalationPolicy: EscalationPolicySource;
}

/** A message and its thread as the caller may see them; a message the caller may not read is "not found". */
export async function getAlertHandler(deps: GetAlertDeps, caller: Caller, alertId: string): Promise<{ alert: AlertReadModel; thread: AlertReadModel[] }> {
  const thread = await deps.alerts.findThreadOf(alertId);
  const message = thread?.find((m) => m.id === alertId);
  if (!thread || !message) throw new AlertNotFoundError();
  const linked = await deps.alerts.linkedCaseParties(message.threadId);
  const alert = presentAlert(caller, message, linked, deps.escalationPolicy);
  if (!alert) throw new AlertNotFoundError();
  // Every message of a thread names the same provinces or a subset chosen by the sender; show only those readable.
  const views = thread.map((m) => presentAlert(caller, m, linked, deps.escalationPolicy)).filter((v): v is AlertReadModel => v !== undefined);
  return { alert, thread: views };
}
