import { issueAlert, type Clock, type EscalationPolicySource, type IssueAlertInput, type ReferenceCatalog } from '../../domain/index.ts';
import { presentAlert, type AlertReadModel } from '../shared/alert-presentation.ts';
import { escalationDueAtOf, pinEscalationPolicy, type AlertThreadStore } from '../shared/alert-writes.ts';
import type { AuditTrail, Caller, EventSink, IdGenerator, UnitOfWork } from '../shared/ports.ts';

/** The ports issuing an alert writes through. */
export interface IssueAlertPorts {
  /** Alert messages. */
  readonly alerts: Pick<AlertThreadStore, 'insertMessage'>;
  /** The outbox. */
  readonly events: EventSink;
  /** The audit chain. */
  readonly audit: AuditTrail;
}

/** What the use case needs. */
export interface IssueAlertDeps {
  /** Runs the write in one transaction. */
  readonly transaction: UnitOfWork<IssueAlertPorts>;
  /** Now. */
  readonly clock: Clock;
  /** Sections and provinces. */
  readonly catalog: ReferenceCatalog;
  /** Ids for new messages. */
  readonly ids: IdGenerator;
  /** Acknowledgement deadlines. */
  readonly escalationPolicy: EscalationPolicySource;
}

/** Issues a new alert from the caller's province: stores it, schedules its escalation, publishes AlertIssued. */
export async function issueAlertHandler(deps: IssueAlertDeps, caller: Caller, input: Omit<IssueAlertInput, 'id'>): Promise<AlertReadModel> {
  const issued = issueAlert({ ...input, id: deps.ids.newId() }, { actor: caller, clock: deps.clock, catalog: deps.catalog });
  const alert = pinEscalationPolicy(issued.alert, deps.escalationPolicy);
  const { events } = issued;
  await deps.transaction(caller, async ({ alerts, events: outbox, audit }) => {
    await alerts.insertMessage(alert, escalationDueAtOf([alert], alert, deps.escalationPolicy));
    await outbox.append(events);
    await audit.record({
      action: 'issue-alert',
      recordType: 'alert',
      recordId: alert.id,
      details: { threadId: alert.threadId, status: alert.status, severity: alert.severity, sectionId: alert.sectionId, addressees: alert.addressees },
    });
  });
  // The sender is an environmental bureau named on the alert, so it always reads the full message.
  return presentAlert(caller, alert, [], deps.escalationPolicy) as AlertReadModel;
}
