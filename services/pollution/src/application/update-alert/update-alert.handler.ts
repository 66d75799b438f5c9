import { updateAlert, type AlertContentInput, type Clock, type EscalationPolicySource, type ReferenceCatalog } from '../../domain/index.ts';
import { presentAlert, type AlertReadModel } from '../shared/alert-presentation.ts';
import { asVisibleWrite, escalationDueAtOf, lockVisibleThread, pinEscalationPolicy, type AlertThreadStore } from '../shared/alert-writes.ts';
import type { AuditTrail, Caller, EventSink, IdGenerator, UnitOfWork } from '../shared/ports.ts';

/** The ports an update writes through. */
export interface UpdateAlertPorts {
  /** Alert threads. */
  readonly alerts: AlertThreadStore;
  /** The outbox. */
  readonly events: EventSink;
  /** The audit chain. */
  readonly audit: AuditTrail;
}

/** What the use case needs. */
export interface UpdateAlertDeps {
  /** Runs the write in one transaction. */
  readonly transaction: UnitOfWork<UpdateAlertPorts>;
  /** Now. */
  readonly clock: Clock;
  /** Sections and provinces. */
  readonly catalog: ReferenceCatalog;
  /** Ids for new messages. */
  readonly ids: IdGenerator;
  /** Acknowledgement deadlines. */
  readonly escalationPolicy: EscalationPolicySource;
}

/**
 * Sends an Update replacing the thread's current message (issuing province only). The replaced message stops
 * escalating; the update escalates from the earliest deadline a province has left unacknowledged in the thread.
 */
export async function updateAlertHandler(deps: UpdateAlertDeps, caller: Caller, alertId: string, input: AlertContentInput): Promise<AlertReadModel> {
  return deps.transaction(caller, async ({ alerts, events, audit }) => {
    const { thread, message, linkedParties } = await lockVisibleThread(alerts, caller, alertId);
    const result = asVisibleWrite(() => updateAlert(message, { ...input, id: deps.ids.newId() }, { actor: caller, clock: deps.clock, catalog: deps.catalog }));
    const replaced = result.replaced ?? message;
    const update = pinEscalationPolicy(result.alert, deps.escalationPolicy);
    const after = [...thread.filter((m) => m.id !== message.id), replaced, update];
    await alerts.updateMessage(message, replaced, undefined);
    await alerts.insertMessage(update, escalationDueAtOf(after, update, deps.escalationPolicy));
    await events.append(result.events);
    await audit.record({ action: 'update-alert', recordType: 'alert', recordId: result.alert.id, details: { threadId: result.alert.threadId, references: message.id } });
    return presentAlert(caller, update, linkedParties, deps.escalationPolicy) as AlertReadModel;
  });
}
