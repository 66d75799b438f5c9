import { acknowledgeAlert, type Clock, type EscalationPolicySource } from '../../domain/index.ts';
import { presentAlert, type AlertReadModel } from '../shared/alert-presentation.ts';
import { asVisibleWrite, escalationDueAtOf, lockVisibleThread, type AlertThreadStore } from '../shared/alert-writes.ts';
import type { AuditTrail, Caller, EventSink, UnitOfWork } from '../shared/ports.ts';

/** The ports an acknowledgement writes through. */
export interface AcknowledgeAlertPorts {
  /** Alert threads. */
  readonly alerts: AlertThreadStore;
  /** The outbox. */
  readonly events: EventSink;
  /** The audit chain. */
  readonly audit: AuditTrail;
}

/** What the use case needs. */
export interface AcknowledgeAlertDeps {
  /** Runs the write in one transaction. */
  readonly transaction: UnitOfWork<AcknowledgeAlertPorts>;
  /** Now. */
  readonly clock: Clock;
  /** Deadlines (the message's next escalation time changes once a province acknowledges). */
  readonly escalationPolicy: EscalationPolicySource;
}

/** Records the caller's province's acknowledgement of a message (an addressed province's environmental bureau, once). */
export async function acknowledgeAlertHandler(deps: AcknowledgeAlertDeps, caller: Caller, alertId: string, input: { readonly note?: unknown }): Promise<AlertReadModel> {
  return deps.transaction(caller, async ({ alerts, events, audit }) => {
    const { thread, message, linkedParties } = await lockVisibleThread(alerts, caller, alertId);
    const result = asVisibleWrite(() => acknowledgeAlert(message, input, { actor: caller, clock: deps.clock }));
    await alerts.updateMessage(message, result.alert, escalationDueAtOf(thread, result.alert, deps.escalationPolicy));
    await events.append(result.events);
    await audit.record({ action: 'acknowledge-alert', recordType: 'alert', recordId: message.id, details: { threadId: message.threadId, province: caller.province } });
    return presentAlert(caller, result.alert, linkedParties, deps.escalationPolicy) as AlertReadModel;
  });
}
