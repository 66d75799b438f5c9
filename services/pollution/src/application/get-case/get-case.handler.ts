import { CaseNotFoundError, viewCase, type PollutionCase } from '../../domain/index.ts';
import type { CaseReadModel } from '../shared/case-presentation.ts';
import type { Caller } from '../shared/ports.ts';

/** What reading a case needs from the store. */
export interface GetCaseStore {
  /** The case with everything on it, or undefined. */
  findCase(caseId: string): Promise<PollutionCase | undefined>;
}

/** The case as the caller may see it: everything, the summary, or "not found" exactly like a missing id. */
export async function getCaseHandler(deps: { readonly cases: GetCaseStore }, caller: Caller, caseId: string): Promise<CaseReadModel> {
  const found = await deps.cases.findCase(caseId);
  const view = found ? viewCase(caller, found) : undefined;
  if (!view) throw new CaseNotFoundError();
  return view;
}
