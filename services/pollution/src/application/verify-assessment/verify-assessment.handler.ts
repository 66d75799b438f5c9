import { assessPeriod, canonicalDigest, canonicalJson, type ReferenceCatalog, type WaterQualityStandard } from '../../domain/index.ts';
import { assessmentInputFromReadings, type AssessmentReadingSource } from '../shared/assessment-inputs.ts';
import { requireReadableAssessment, type StoredAssessment } from '../shared/compensation-model.ts';
import type { Caller } from '../shared/ports.ts';

/** What verifying needs from the stores. */
export interface VerifyAssessmentStore extends AssessmentReadingSource {
  /** The assessment, or undefined. */
  findAssessment(assessmentId: string): Promise<StoredAssessment | undefined>;
}

/** What a verification found. */
export interface AssessmentVerification {
  /** Re-running the stored inputs gives the same digest and the same result. */
  readonly reproduced: boolean;
  /** The digest stored. */
  readonly storedDigest: string;
  /** The digest recomputed from the stored inputs. */
  readonly recomputedDigest: string;
  /** The readings stored now still give the stored means. */
  readonly readingsUnchanged: boolean;
  /** What differs, in words. */
  readonly differences: readonly string[];
}

/**
 * Re-runs an assessment from its stored inputs with the same pure arithmetic and compares digest and result; also
 * recomputes the means from the readings stored now, to show whether a correction since would change it.
 */
export async function verifyAssessmentHandler(
  deps: { readonly store: VerifyAssessmentStore; readonly standard: WaterQualityStandard; readonly catalog: ReferenceCatalog },
  caller: Caller,
  assessmentId: string,
): Promise<AssessmentVerification> {
  const stored = requireReadableAssessment(caller, await deps.store.findAssessment(assessmentId));
  const differences: string[] = [];
  const rerun = assessPeriod(stored.input, deps.standard, deps.catalog);
  if (rerun.inputDigest !== stored.inputDigest) differences.push('the stored inputs no longer hash to the stored digest');
  if (canonicalDigest(rerun) !== canonicalDigest(stored.result)) differences.push('re-running the stored inputs gives a different result');
  const fresh = await assessmentInputFromReadings(deps.store, stored.input.agreement, stored.period, stored.input.officialClass);
  const readingsUnchanged =
    canonicalJson(fresh.current.means) === canonicalJson(stored.input.current.means) &&
    canonicalJson(fresh.comparison?.means ?? null) === canonicalJson(stored.input.comparison?.means ?? null);
  if (!readingsUnchanged) differences.push('the readings stored now give other period means; running the assessment again would supersede this one');
  return {
    reproduced: rerun.inputDigest === stored.inputDigest && canonicalDigest(rerun) === canonicalDigest(stored.result),
    storedDigest: stored.inputDigest,
    recomputedDigest: rerun.inputDigest,
    readingsUnchanged,
    differences,
  };
}
