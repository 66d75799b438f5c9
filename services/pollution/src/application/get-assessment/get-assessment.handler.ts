import { requireReadableAssessment, type StoredAssessment } from '../shared/compensation-model.ts';
import type { Caller } from '../shared/ports.ts';

/** What reading an assessment needs from the store. */
export interface GetAssessmentStore {
  /** The assessment, or undefined. */
  findAssessment(assessmentId: string): Promise<StoredAssessment | undefined>;
}

/** One assessment with its breakdown, for the agreement's parties' environmental bureaus and the national observer. */
export async function getAssessmentHandler(deps: { readonly assessments: GetAssessmentStore }, caller: Caller, assessmentId: string): Promise<StoredAssessment> {
  return requireReadableAssessment(caller, await deps.assessments.findAssessment(assessmentId));
}
