import {
  AgreementNotFoundError,
  AssessmentNotFoundError,
} from './application-errors.ts';
import {
  isEnvironmentOfficer,
  isNationalObserver,
  type Actor,
  type ActorRef,
  type AssessmentInput,
  type AssessmentPeriod,
  type CompensationAgreement,
  type PeriodAssessment,
} from '../../domain/index.ts';

/** An assessment as stored: its inputs (so anyone can re-run it), its result and who ran it. */
export interface StoredAssessment {
  /** Id. */
  readonly id: string;
  /** Agreement id. */
  readonly agreementId: string;
  /** Agreement version. */
  readonly agreementVersion: number;
  /** Period. */
  readonly period: AssessmentPeriod;
  /** `2025` or `2025-10`. */
  readonly periodLabel: string;
  /** SHA-256 of the canonical inputs. */
  readonly inputDigest: string;
  /** The inputs, including the agreement version as it was. */
  readonly input: AssessmentInput;
  /** The result. */
  readonly result: PeriodAssessment;
  /** The agreement's provinces. */
  readonly partyProvinces: readonly string[];
  /** Who ran it. */
  readonly computedBy: ActorRef;
  /** When. */
  readonly computedAt: string;
  /** The later assessment of the same period that replaces it. */
  readonly supersededBy?: string;
}

/** The provinces of an agreement. */
export function agreementProvinces(agreement: Pick<CompensationAgreement, 'parties'>): string[] {
  return agreement.parties.map((p) => p.province);
}

/** Whether a caller reads an agreement and its assessments: its parties' environmental bureaus and the national observer. */
export function canReadCompensation(caller: Actor, provinces: readonly string[]): boolean {
  return isNationalObserver(caller) || (isEnvironmentOfficer(caller) && provinces.includes(caller.province));
}

/** The agreement if the caller may read it, else "not found". */
export function requireReadableAgreement<A extends Pick<CompensationAgreement, 'parties'>>(caller: Actor, agreement: A | undefined): A {
  if (!agreement || !canReadCompensation(caller, agreementProvinces(agreement))) throw new AgreementNotFoundError();
  return agreement;
}

/** The assessment if the caller may read it, else "not found". */
export function requireReadableAssessment(caller: Actor, assessment: StoredAssessment | undefined): StoredAssessment {
  if (!assessment || !canReadCompensation(caller, assessment.partyProvinces)) throw new AssessmentNotFoundError();
  return assessment;
}
