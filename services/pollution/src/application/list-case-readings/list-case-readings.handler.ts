import { CaseNotFoundError, caseReadLevel, type PollutionCase } from '../../domain/index.ts';
import { PollutionAccessDeniedError } from '../shared/application-errors.ts';
import type { Caller } from '../shared/ports.ts';
import type { StoredReading } from '../shared/reading-model.ts';

/** What listing a case's readings needs from the stores. */
export interface ListCaseReadingsStore {
  /** The case, or undefined. */
  findCase(caseId: string): Promise<PollutionCase | undefined>;
  /** The stored readings behind a case: those its exceedances were judged on (a reading, or every reading of a daily mean's day) and those its evidence names, oldest first. */
  readingsBehindCase(c: PollutionCase): Promise<StoredReading[]>;
}

/**
 * The readings behind a case, for those who read the whole case (parties' environmental bureaus, the national
 * observer). A party's liaison office sees the case's summary but not its readings.
 */
export async function listCaseReadingsHandler(deps: { readonly store: ListCaseReadingsStore }, caller: Caller, caseId: string): Promise<StoredReading[]> {
  const c = await deps.store.findCase(caseId);
  const level = c ? caseReadLevel(caller, c) : 'none';
  if (!c || level === 'none') throw new CaseNotFoundError();
  if (level !== 'full') throw new PollutionAccessDeniedError('The readings behind a case are for the parties\' environmental bureaus and the national observer.');
  return deps.store.readingsBehindCase(c);
}
