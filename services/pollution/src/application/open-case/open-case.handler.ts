import {
  AlertNotFoundError,
  CaseConflictError,
  openCaseFromAlert,
  openReportedCase,
  viewAlert,
  type AlertMessage,
  type Clock,
  type PollutionCase,
  type ReferenceCatalog,
} from '../../domain/index.ts';
import type { CaseReadModel } from '../shared/case-presentation.ts';
import type { CaseStore } from '../shared/case-writes.ts';
import type { AuditTrail, Caller, EventSink, IdGenerator, UnitOfWork } from '../shared/ports.ts';

/** What opening a case needs from the stores. */
export interface OpenCasePorts {
  /** Cases. */
  readonly cases: Pick<CaseStore, 'insertCase'> & {
    /** Cases not closed that link the thread. */
    openCasesLinkingThread(threadId: string): Promise<Pick<PollutionCase, 'id'>[]>;
  };
  /** Alerts. */
  readonly alerts: {
    /** Every message of the thread `alertId` belongs to, locked; undefined when there is no such message. */
    lockThreadOf(alertId: string): Promise<AlertMessage[] | undefined>;
    /** Parties of cases linked to a thread. */
    linkedCaseParties(threadId: string): Promise<string[]>;
  };
  /** The outbox. */
  readonly events: EventSink;
  /** The audit chain. */
  readonly audit: AuditTrail;
}

/** What the use case needs. */
export interface OpenCaseDeps {
  /** Runs the write in one transaction. */
  readonly transaction: UnitOfWork<OpenCasePorts>;
  /** Now. */
  readonly clock: Clock;
  /** Sections and provinces. */
  readonly catalog: ReferenceCatalog;
  /** Ids. */
  readonly ids: IdGenerator;
}

/** A case to open, on a report or from an alert. */
export interface OpenCaseCommand {
  /** Title (from an alert: defaults to its headline). */
  readonly title?: string;
  /** Section (ignored when opened from an alert, whose section it takes). */
  readonly sectionId?: string;
  /** Parties; default the section's (or the alert's) provinces. */
  readonly partyProvinces?: readonly string[];
  /** What the reporter knows. */
  readonly description?: string;
  /** Open from this alert message. */
  readonly alertId?: string;
}

/**
 * Opens a case. From an alert, the alert's provinces become the parties and its thread is linked; an exercise alert
 * opens an exercise case, and a thread that already has an open case is not given a second one.
 */
export async function openCaseHandler(deps: OpenCaseDeps, caller: Caller, command: OpenCaseCommand): Promise<CaseReadModel> {
  return deps.transaction(caller, async ({ cases, alerts, events, audit }) => {
    const id = deps.ids.newId();
    const context = { actor: caller, clock: deps.clock, catalog: deps.catalog };
    const input = {
      id,
      ...(command.title !== undefined && command.title !== '' ? { title: command.title } : {}),
      ...(command.partyProvinces && command.partyProvinces.length > 0 ? { partyProvinces: [...command.partyProvinces] } : {}),
      ...(command.description ? { description: command.description } : {}),
    };
    let result;
    if (command.alertId) {
      const thread = await alerts.lockThreadOf(command.alertId);
      const alert = thread?.find((m) => m.id === command.alertId);
      if (!alert || !viewAlert(caller, alert, await alerts.linkedCaseParties(alert.threadId))) throw new AlertNotFoundError();
      const existing = await cases.openCasesLinkingThread(alert.threadId);
      if (existing.length > 0) throw new CaseConflictError(`The alert already has an open case (${existing.map((c) => c.id).join(', ')}); link further alerts to it instead.`);
      result = openCaseFromAlert(alert, input, context);
    } else {
      result = openReportedCase({ ...input, sectionId: command.sectionId }, context);
    }
    await cases.insertCase(result.case);
    await events.append(result.events);
    await audit.record({
      action: 'open-case',
      recordType: 'case',
      recordId: id,
      details: { origin: result.case.origin, partyProvinces: result.case.partyProvinces, sectionId: result.case.sectionId, exercise: result.case.exercise },
    });
    return { view: 'full', ...result.case };
  });
}
