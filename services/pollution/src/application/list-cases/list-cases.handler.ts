import { CASE_STATES, type CaseState, type CaseSummaryView } from '../../domain/index.ts';
import type { Caller, Page, PageRequest } from '../shared/ports.ts';
import { readScopeOf, type ReadScope } from '../shared/read-scope.ts';

/** A list query as the store runs it: the scope is part of the query, so hidden cases are never counted. */
export interface CaseListQuery {
  /** Whose cases. */
  readonly scope: Exclude<ReadScope, { kind: 'none' }>;
  /** Exercise cases or real ones, never both. */
  readonly exercise: boolean;
  /** Only these states. */
  readonly states?: readonly CaseState[];
  /** Only this section. */
  readonly sectionId?: string;
  /** Which page. */
  readonly page: PageRequest;
}

/** A case in a list: its summary (the same for every reader), and whether the caller may open the full case. */
export interface CaseListItem {
  /** The summary. */
  readonly summary: Omit<CaseSummaryView, 'view'>;
  /** Last change. */
  readonly updatedAt: string;
  /** Version. */
  readonly version: number;
}

/** What listing cases needs from the store. */
export interface ListCasesStore {
  /** Matching cases, newest first. */
  listCases(query: CaseListQuery): Promise<Page<CaseListItem>>;
}

/** The filters a caller may give. */
export interface ListCasesInput {
  /** Exercise cases instead of real ones. */
  readonly exercise?: boolean;
  /** Only these states. */
  readonly states?: readonly CaseState[];
  /** Only this section. */
  readonly sectionId?: string;
  /** Which page. */
  readonly page: PageRequest;
}

/** The cases the caller may read, newest first, with the level the caller reads them at. */
export async function listCasesHandler(
  deps: { readonly cases: ListCasesStore },
  caller: Caller,
  input: ListCasesInput,
): Promise<Page<CaseListItem & { readonly level: 'full' | 'summary' }>> {
  const scope = readScopeOf(caller);
  if (scope.kind === 'none') return { items: [], total: 0 };
  const states = input.states?.filter((s) => CASE_STATES.includes(s));
  const page = await deps.cases.listCases({
    scope,
    exercise: input.exercise ?? false,
    ...(states && states.length > 0 ? { states } : {}),
    ...(input.sectionId ? { sectionId: input.sectionId } : {}),
    page: input.page,
  });
  const level = scope.kind === 'all' ? 'full' : scope.level;
  return { ...page, items: page.items.map((item) => ({ ...item, level })) };
}
