import { cancelAlert, type Clock, type EscalationPolicySource, type ReferenceCatalog } from '../../domain/index.ts';
import { presentAlert, type AlertReadModel } from '../shared/alert-presentation.ts';
import { asVisibleWrite, lockVisibleThread, type AlertThreadStore } from '../shared/alert-writes.ts';
import type { AuditTrail, Caller, EventSink, IdGenerator, UnitOfWork } from '../shared/ports.ts';

/** The ports a cancellation writes through. */
export interface CancelAlertPorts {
  /** Alert threads. */
  readonly alerts: AlertThreadStore;
  /** The outbox. */
  readonly events: EventSink;
  /** The audit chain. */
  readonly audit: AuditTrail;
}

/** What the use case needs. */
export interface CancelAlertDeps {
  /** Runs the write in one transaction. */
  readonly transaction: UnitOfWork<CancelAlertPorts>;
  /** Now. */
  readonly clock: Clock;
  /** Sections and provinces. */
  readonly catalog: ReferenceCatalog;
  /** Ids for new messages. */
  readonly ids: IdGenerator;
  /** Acknowledgement deadlines (for the view). */
  readonly escalationPolicy: EscalationPolicySource;
}

/** Cancels an alert (issuing province only): a Cancel message replaces the current one and nothing escalates further. */
export async function cancelAlertHandler(deps: CancelAlertDeps, caller: Caller, alertId: string, input: { readonly reason?: unknown }): Promise<AlertReadModel> {
  return deps.transaction(caller, async ({ alerts, events, audit }) => {
    const { message, linkedParties } = await lockVisibleThread(alerts, caller, alertId);
    const result = asVisibleWrite(() => cancelAlert(message, { id: deps.ids.newId(), reason: input.reason }, { actor: caller, clock: deps.clock, catalog: deps.catalog }));
    await alerts.updateMessage(message, result.replaced ?? message, undefined);
    await alerts.insertMessage(result.alert, undefined);
    await events.append(result.events);
    await audit.record({ action: 'cancel-alert', recordType: 'alert', recordId: result.alert.id, details: { threadId: result.alert.threadId, references: message.id } });
    return presentAlert(caller, result.alert, linkedParties, deps.escalationPolicy) as AlertReadModel;
  });
}
