import { canReadSectionReadings, isParameterCode, PARAMETER_CODES, PollutionValidationError, type ParameterCode, type ReferenceCatalog } from '../../domain/index.ts';
import { PollutionAccessDeniedError } from '../shared/application-errors.ts';
import type { Caller, Page, PageRequest } from '../shared/ports.ts';
import type { StoredReading } from '../shared/reading-model.ts';

/** A readings query as the store runs it. */
export interface ReadingListQuery {
  /** Section. */
  readonly sectionId: string;
  /** Only this parameter. */
  readonly parameter?: ParameterCode;
  /** Sampled at or after. */
  readonly from?: string;
  /** Sampled before. */
  readonly to?: string;
  /** Which page. */
  readonly page: PageRequest;
}

/** What listing readings needs from the store. */
export interface ListReadingsStore {
  /** Matching readings, oldest first. */
  listReadings(query: ReadingListQuery): Promise<Page<StoredReading>>;
}

/** Readings of a section, for the environmental bureaus of its provinces and the national observer. */
export async function listReadingsHandler(
  deps: { readonly readings: ListReadingsStore; readonly catalog: ReferenceCatalog },
  caller: Caller,
  input: { readonly sectionId: string; readonly parameter?: string; readonly from?: string; readonly to?: string; readonly page: PageRequest },
): Promise<Page<StoredReading>> {
  const section = deps.catalog.section(input.sectionId);
  const problems = [];
  if (!section) problems.push({ field: 'sectionId', reason: `unknown monitoring section ${JSON.stringify(input.sectionId)}` });
  if (input.parameter !== undefined && !isParameterCode(input.parameter)) problems.push({ field: 'parameter', reason: `must be one of ${PARAMETER_CODES.join(', ')}` });
  if (input.from !== undefined && input.to !== undefined && input.from > input.to) problems.push({ field: 'to', reason: 'must not be before from' });
  if (problems.length > 0 || !section) throw new PollutionValidationError('POLLUTION_QUERY_INVALID', problems, 'The query is invalid.');
  if (!canReadSectionReadings(caller, section)) throw new PollutionAccessDeniedError('A section\'s readings are for the environmental bureaus of its provinces and the national observer.');
  return deps.readings.listReadings({
    sectionId: section.id,
    ...(input.parameter !== undefined ? { parameter: input.parameter as ParameterCode } : {}),
    ...(input.from !== undefined ? { from: input.from } : {}),
    ...(input.to !== undefined ? { to: input.to } : {}),
    page: input.page,
  });
}
