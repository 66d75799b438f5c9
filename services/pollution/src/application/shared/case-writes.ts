import { CaseNotFoundError, viewCase, type CaseCommandResult, type PollutionCase } from '../../domain/index.ts';
import { CaseVersionConflictError } from './application-errors.ts';
import type { CaseReadModel } from './case-presentation.ts';
import type { AuditTrail, Caller, EventSink, UnitOfWork } from './ports.ts';

/** What the case-changing use cases need from the case store. */
export interface CaseStore {
  /** The case with everything on it, locked until the transaction ends; undefined when there is none. */
  lockCase(caseId: string): Promise<PollutionCase | undefined>;
  /** Stores a new case. */
  insertCase(c: PollutionCase): Promise<void>;
  /** Stores what a command changed (the case row, new timeline entries, actions, evidence, exceedances). */
  saveCase(before: PollutionCase, after: PollutionCase): Promise<void>;
}

/** The ports a case change writes through. */
export interface CaseWritePorts {
  /** Cases. */
  readonly cases: CaseStore;
  /** The outbox. */
  readonly events: EventSink;
  /** The audit chain. */
  readonly audit: AuditTrail;
}

/** How a case change is audited. */
export interface CaseChangeAudit {
  /** The audit action, e.g. `record-enforcement-action`. */
  readonly action: string;
  /** Extra ids for the audit row. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * Runs one domain command on a case the caller may read, in one transaction with its events and audit row. A case
 * the caller may not read is "not found"; a stale `expectedVersion` (when given, i.e. above 0) is refused, so a
 * user never changes a case on the strength of facts someone else has since changed.
 */
export async function changeCase<Ports extends CaseWritePorts>(
  transaction: UnitOfWork<Ports>,
  caller: Caller,
  caseId: string,
  expectedVersion: number | undefined,
  audit: CaseChangeAudit,
  command: (c: PollutionCase, ports: Ports) => CaseCommandResult | Promise<CaseCommandResult>,
): Promise<CaseReadModel> {
  return transaction(caller, async (ports) => {
    const before = await ports.cases.lockCase(caseId);
    if (!before || !viewCase(caller, before)) throw new CaseNotFoundError();
    if (expectedVersion !== undefined && expectedVersion > 0 && expectedVersion !== before.version) throw new CaseVersionConflictError(expectedVersion, before.version);
    const result = await command(before, ports);
    await ports.cases.saveCase(before, result.case);
    await ports.events.append(result.events);
    const entry = result.case.timeline[result.case.timeline.length - 1];
    await ports.audit.record({
      action: audit.action,
      recordType: 'case',
      recordId: caseId,
      details: { version: result.case.version, timelineSeq: entry?.seq, kind: entry?.kind, state: result.case.state, ...audit.details },
    });
    return viewCase(caller, result.case) as CaseReadModel;
  });
}
