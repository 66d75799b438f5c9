import type { StoredAssessment } from '../shared/compensation-model.ts';
import type { Caller, Page, PageRequest } from '../shared/ports.ts';
import { fullReadScopeOf, type ReadScope } from '../shared/read-scope.ts';

/** An assessment list query as the store runs it (the scope is part of the query). */
export interface AssessmentListQuery {
  /** Whose assessments. */
  readonly scope: Exclude<ReadScope, { kind: 'none' }>;
  /** Only this agreement. */
  readonly agreementId?: string;
  /** Include replaced assessments. */
  readonly includeSuperseded: boolean;
  /** Which page. */
  readonly page: PageRequest;
}

/** What listing assessments needs from the store. */
export interface ListAssessmentsStore {
  /** Matching assessments, newest period first. */
  listAssessments(query: AssessmentListQuery): Promise<Page<StoredAssessment>>;
}

/** Assessments the caller may read (parties' environmental bureaus, the national observer), newest period first. */
export async function listAssessmentsHandler(
  deps: { readonly assessments: ListAssessmentsStore },
  caller: Caller,
  input: { readonly agreementId?: string; readonly includeSuperseded?: boolean; readonly page: PageRequest },
): Promise<Page<StoredAssessment>> {
  const scope = fullReadScopeOf(caller);
  if (scope.kind === 'none') return { items: [], total: 0 };
  return deps.assessments.listAssessments({ scope, ...(input.agreementId ? { agreementId: input.agreementId } : {}), includeSuperseded: input.includeSuperseded ?? false, page: input.page });
}
