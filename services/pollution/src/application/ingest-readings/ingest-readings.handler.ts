import {
  addExceedances,
  canSubmitReadings,
  canonicalDigest,
  decideExceedanceCases,
  detectReadingExceedances,
  isEnvironmentOfficer,
  openCaseFromExceedances,
  parseReadingsCsv,
  readingKey,
  readingsRecordedEvents,
  ReadingsRejectedError,
  validateReadings,
  jsonFieldNamer,
  type Clock,
  type FieldNamer,
  type FieldProblem,
  type PollutionCase,
  type PollutionEvent,
  type ReferenceCatalog,
  type WaterQualityStandard,
  type WaterReading,
} from '../../domain/index.ts';
import { PollutionAccessDeniedError } from '../shared/application-errors.ts';
import type { CaseStore } from '../shared/case-writes.ts';
import type { AuditTrail, Caller, EventSink, IdGenerator, UnitOfWork } from '../shared/ports.ts';

/** An accepted upload, as stored with its readings. */
export interface ReadingBatchRecord {
  /** Id. */
  readonly id: string;
  /** `json` or `csv`. */
  readonly source: 'json' | 'csv';
  /** Who uploaded it. */
  readonly submittedBy: { readonly subject: string; readonly username: string; readonly province: string };
  /** When. */
  readonly receivedAt: string;
  /** SHA-256 of the canonical readings, on the audit chain. */
  readonly digest: string;
}

/** What ingestion needs from the stores. */
export interface IngestReadingsPorts {
  /** Readings. */
  readonly readings: {
    /** The keys (readingKey) of those among `readings` already stored. */
    existingReadingKeys(readings: readonly Pick<WaterReading, 'sectionId' | 'parameter' | 'sampledAt'>[]): Promise<Set<string>>;
    /** Stores the batch and its readings. */
    insertBatch(batch: ReadingBatchRecord, readings: readonly WaterReading[]): Promise<void>;
  };
  /** Cases. */
  readonly cases: Pick<CaseStore, 'insertCase' | 'saveCase'> & {
    /**
     * Serialises case decisions per section (a transaction-scoped lock), so two uploads with exceedances at one
     * section never both open a case; then returns the real cases not closed at those sections, locked.
     */
    lockOpenRealCasesAt(sectionIds: readonly string[]): Promise<PollutionCase[]>;
  };
  /** The outbox. */
  readonly events: EventSink;
  /** The audit chain. */
  readonly audit: AuditTrail;
}

/** What the use case needs. */
export interface IngestReadingsDeps {
  /** Runs the ingestion in one transaction. */
  readonly transaction: UnitOfWork<IngestReadingsPorts>;
  /** Now (readings from the future are refused). */
  readonly clock: Clock;
  /** Sections. */
  readonly catalog: ReferenceCatalog;
  /** Class limits and plausibility bounds. */
  readonly standard: WaterQualityStandard;
  /** Ids. */
  readonly ids: IdGenerator;
  /** Most readings per upload (default 10,000). */
  readonly maxBatchSize?: number;
}

/** What an accepted upload did. */
export interface IngestionOutcome {
  /** The upload's id. */
  readonly batchId: string;
  /** Readings stored. */
  readonly accepted: number;
  /** Readings worse than their section's target class. */
  readonly exceedances: number;
  /** Cases the exceedances opened. */
  readonly openedCaseIds: readonly string[];
  /** Open cases they were added to. */
  readonly updatedCaseIds: readonly string[];
}

/** Stores a JSON batch of readings, all or nothing; problems are named `readings[<index>].<field>`. */
export async function ingestReadingsHandler(deps: IngestReadingsDeps, caller: Caller, raw: readonly unknown[]): Promise<IngestionOutcome> {
  requireSubmitter(caller);
  const result = validateReadings(raw, validationContext(deps));
  if (!result.ok) throw new ReadingsRejectedError(result.problems);
  return store(deps, caller, result.readings, jsonFieldNamer, 'json');
}

/** Stores a CSV batch of readings, all or nothing; every problem names its line (`lines[7].value`, line 7). */
export async function ingestReadingsCsvHandler(deps: IngestReadingsDeps, caller: Caller, text: string): Promise<IngestionOutcome> {
  requireSubmitter(caller);
  const parsed = parseReadingsCsv(text);
  if (!parsed.ok) throw new ReadingsRejectedError(parsed.problems);
  const lineOf = (index: number) => parsed.rows[index]?.line ?? 0;
  const columns: Record<string, string> = { sectionId: 'section_id', parameter: 'parameter', value: 'value', unit: 'unit', sampledAt: 'sampled_at' };
  const namer: FieldNamer = (index, field) => ({ field: field === '' ? `lines[${lineOf(index)}]` : `lines[${lineOf(index)}].${columns[field]}`, line: lineOf(index) });
  const result = validateReadings(
    parsed.rows.map((r) => r.reading),
    validationContext(deps),
    namer,
  );
  if (!result.ok) throw new ReadingsRejectedError(result.problems);
  // All or nothing: a valid batch has one reading per row, in row order, so index i is the row on line lineOf(i).
  return store(deps, caller, result.readings, namer, 'csv');
}

function requireSubmitter(caller: Caller): void {
  if (!isEnvironmentOfficer(caller)) throw new PollutionAccessDeniedError('Only an environmental bureau (role environment) submits readings.');
}

function validationContext(deps: IngestReadingsDeps) {
  return { catalog: deps.catalog, standard: deps.standard, clock: deps.clock, ...(deps.maxBatchSize !== undefined ? { maxBatchSize: deps.maxBatchSize } : {}) };
}

function problem(namer: FieldNamer, index: number, field: 'sectionId' | '', reason: string): FieldProblem {
  return { ...namer(index, field), reason };
}

async function store(deps: IngestReadingsDeps, caller: Caller, readings: WaterReading[], namer: FieldNamer, source: 'json' | 'csv'): Promise<IngestionOutcome> {
  // Only the provinces on either side of a section submit its readings.
  const refused = readings.flatMap((r, i) => {
    const section = deps.catalog.section(r.sectionId);
    return section && canSubmitReadings(caller, section) ? [] : [problem(namer, i, 'sectionId', `your province is on neither side of section ${r.sectionId}; only its provinces submit its readings`)];
  });
  if (refused.length > 0) throw new ReadingsRejectedError(refused);

  return deps.transaction(caller, async ({ readings: readingStore, cases, events, audit }) => {
    const stored = await readingStore.existingReadingKeys(readings);
    const duplicates = readings.flatMap((r, i) => (stored.has(readingKey(r)) ? [problem(namer, i, '', 'a reading for this section, parameter and sampling time is already stored')] : []));
    if (duplicates.length > 0) throw new ReadingsRejectedError(duplicates);

    const batch: ReadingBatchRecord = {
      id: deps.ids.newId(),
      source,
      submittedBy: { subject: caller.subject, username: caller.username, province: caller.province },
      receivedAt: deps.clock.now().toISOString(),
      digest: canonicalDigest(readings),
    };
    await readingStore.insertBatch(batch, readings);

    const exceedances = detectReadingExceedances(readings, deps.catalog, deps.standard);
    const opened: string[] = [];
    const updated: string[] = [];
    const caseEvents: PollutionEvent[] = [];
    if (exceedances.length > 0) {
      const sectionIds = [...new Set(exceedances.map((e) => e.sectionId))].sort();
      const open = await cases.lockOpenRealCasesAt(sectionIds);
      // Exceedances go to a case the submitter is party to; the domain picks the newest real one per section.
      const mine = open.filter((c) => c.partyProvinces.includes(caller.province));
      const decisions = decideExceedanceCases(
        exceedances,
        mine.map((c) => ({ id: c.id, sectionId: c.sectionId, exercise: c.exercise, openedAt: c.openedAt })),
        deps.catalog,
      );
      const context = { actor: caller, clock: deps.clock, catalog: deps.catalog };
      for (const decision of decisions) {
        if (decision.action === 'open') {
          const result = openCaseFromExceedances(decision, { id: deps.ids.newId() }, context);
          await cases.insertCase(result.case);
          caseEvents.push(...result.events);
          opened.push(result.case.id);
          await audit.record({ action: 'open-case', recordType: 'case', recordId: result.case.id, details: { origin: result.case.origin, batchId: batch.id, exceedances: decision.exceedances.length } });
        } else {
          const before = mine.find((c) => c.id === decision.caseId) as PollutionCase;
          const result = addExceedances(before, decision.exceedances, context);
          await cases.saveCase(before, result.case);
          caseEvents.push(...result.events);
          updated.push(result.case.id);
          await audit.record({ action: 'add-exceedances', recordType: 'case', recordId: result.case.id, details: { batchId: batch.id, exceedances: decision.exceedances.length, version: result.case.version } });
        }
      }
    }
    // The upload's own events (one per section, for its provinces) go first, then what its exceedances did to cases.
    const recorded = readingsRecordedEvents({ batchId: batch.id, receivedAt: batch.receivedAt, submittedBy: batch.submittedBy }, readings, exceedances, deps.catalog);
    await events.append([...recorded, ...caseEvents]);
    await audit.record({
      action: 'ingest-readings',
      recordType: 'reading-batch',
      recordId: batch.id,
      details: { source, readings: readings.length, digest: batch.digest, sections: [...new Set(readings.map((r) => r.sectionId))].sort(), exceedances: exceedances.length, openedCaseIds: opened, updatedCaseIds: updated },
    });
    return { batchId: batch.id, accepted: readings.length, exceedances: exceedances.length, openedCaseIds: opened, updatedCaseIds: updated };
  });
}
