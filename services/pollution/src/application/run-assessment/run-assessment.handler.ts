import {
  actorRef,
  assessPeriod,
  checkPeriod,
  isNationalObserver,
  isWaterClass,
  periodLabel,
  agreementVersionInForce,
  AssessmentInputError,
  type Clock,
  type CompensationAgreement,
  type PollutionEvent,
  type ReferenceCatalog,
  type WaterClass,
  type WaterQualityStandard,
} from '../../domain/index.ts';
import { AgreementNotFoundError, PollutionAccessDeniedError } from '../shared/application-errors.ts';
import { assessmentInputFromReadings, type AssessmentReadingSource } from '../shared/assessment-inputs.ts';
import { agreementProvinces, canReadCompensation, type StoredAssessment } from '../shared/compensation-model.ts';
import type { AuditTrail, Caller, EventSink, IdGenerator, UnitOfWork } from '../shared/ports.ts';

/** What running an assessment needs from the stores. */
export interface RunAssessmentPorts {
  /** Agreements. */
  readonly agreements: {
    /** Every version of an agreement, oldest first. */
    agreementVersions(agreementId: string): Promise<CompensationAgreement[]>;
  };
  /** Assessments. */
  readonly assessments: {
    /**
     * Serialises runs for one agreement and period (a transaction-scoped lock), then returns the assessment of the
     * period that nothing supersedes, if any.
     */
    lockCurrentAssessment(agreementId: string, periodLabel: string): Promise<StoredAssessment | undefined>;
    /** The assessment with exactly these inputs, if one was stored. */
    findByDigest(agreementId: string, agreementVersion: number, periodLabel: string, inputDigest: string): Promise<StoredAssessment | undefined>;
    /** Stores a new assessment. */
    insertAssessment(assessment: StoredAssessment): Promise<void>;
    /** Marks an assessment as replaced by a later one. */
    markSuperseded(assessmentId: string, supersededBy: string): Promise<void>;
  };
  /** Readings. */
  readonly readings: AssessmentReadingSource;
  /** The outbox. */
  readonly events: EventSink;
  /** The audit chain. */
  readonly audit: AuditTrail;
}

/** What the use case needs. */
export interface RunAssessmentDeps {
  /** Runs the assessment in one transaction. */
  readonly transaction: UnitOfWork<RunAssessmentPorts>;
  /** Now. */
  readonly clock: Clock;
  /** The water-quality standard. */
  readonly standard: WaterQualityStandard;
  /** Sections and provinces. */
  readonly catalog: ReferenceCatalog;
  /** Ids. */
  readonly ids: IdGenerator;
}

/** What the caller asks for. */
export interface RunAssessmentInput {
  /** Agreement id. */
  readonly agreementId: string;
  /** The period (checked: annual or monthly, a year 2000–2100, a month 1–12). */
  readonly period: unknown;
  /** The officially published class, which replaces the class judged from the means. */
  readonly officialClass?: { readonly waterClass: unknown; readonly source: unknown };
}

/**
 * Assesses one period of an agreement from the stored readings and publishes it (AssessmentPublished). The
 * arithmetic is the domain's pure `assessPeriod`; the inputs are stored with the result and their digest goes on the
 * audit chain, so anyone can re-run it. The same inputs give the same assessment, which is returned rather than
 * stored twice; other inputs (corrected readings, an official class) give a new assessment that supersedes the old.
 */
export async function runAssessmentHandler(deps: RunAssessmentDeps, caller: Caller, input: RunAssessmentInput): Promise<{ assessment: StoredAssessment; reused: boolean }> {
  const checked = checkPeriod(input.period, 'period');
  const officialProblems =
    input.officialClass && (!isWaterClass(input.officialClass.waterClass) || typeof input.officialClass.source !== 'string' || input.officialClass.source.trim() === '')
      ? [{ field: 'officialClass', reason: 'needs a class from 1 (I) to 6 (劣V) and the source it was published in' }]
      : [];
  if (!checked.period || checked.problems.length > 0 || officialProblems.length > 0) throw new AssessmentInputError([...checked.problems, ...officialProblems]);
  const period = checked.period;
  const label = periodLabel(period);

  return deps.transaction(caller, async ({ agreements, assessments, readings, events, audit }) => {
    const versions = await agreements.agreementVersions(input.agreementId);
    const newest = versions[versions.length - 1];
    if (!newest || !canReadCompensation(caller, agreementProvinces(newest))) throw new AgreementNotFoundError();
    if (isNationalObserver(caller)) throw new PollutionAccessDeniedError('Observers read assessments; the parties\' environmental bureaus run them.');
    // The version in force for the period (versions never change a stored assessment: its inputs hold the version it used).
    const agreement = agreementVersionInForce(versions, period);
    if (!agreement) {
      throw new AssessmentInputError([{ field: 'period', reason: `no version of agreement ${input.agreementId} covers the whole of ${label}` }]);
    }
    const officialClass = input.officialClass ? { waterClass: input.officialClass.waterClass as WaterClass, source: String(input.officialClass.source).trim() } : undefined;
    const assessmentInput = await assessmentInputFromReadings(readings, agreement, period, officialClass);
    const result = assessPeriod(assessmentInput, deps.standard, deps.catalog);

    const current = await assessments.lockCurrentAssessment(agreement.id, label);
    const same = await assessments.findByDigest(agreement.id, agreement.version, label, result.inputDigest);
    if (same) return { assessment: same, reused: true };

    const assessment: StoredAssessment = {
      id: deps.ids.newId(),
      agreementId: agreement.id,
      agreementVersion: agreement.version,
      period,
      periodLabel: label,
      inputDigest: result.inputDigest,
      input: assessmentInput,
      result,
      partyProvinces: agreementProvinces(agreement),
      computedBy: actorRef(caller),
      computedAt: deps.clock.now().toISOString(),
    };
    await assessments.insertAssessment(assessment);
    if (current) await assessments.markSuperseded(current.id, assessment.id);
    const event: PollutionEvent = {
      type: 'pollution.assessment.published',
      aggregate: 'agreement',
      aggregateId: agreement.id,
      occurredAt: assessment.computedAt,
      actor: assessment.computedBy,
      originProvince: caller.province,
      audienceProvinces: assessment.partyProvinces,
      exercise: false,
      payload: { assessment, supersedes: current?.id },
    };
    await events.append([event]);
    await audit.record({
      action: 'run-assessment',
      recordType: 'assessment',
      recordId: assessment.id,
      details: {
        agreementId: agreement.id,
        agreementVersion: agreement.version,
        period: label,
        algorithm: result.algorithm,
        inputDigest: result.inputDigest,
        netTransfers: result.netTransfers.map((t) => ({ payer: t.payer, payee: t.payee, amountFen: t.amountFen.toString() })),
        ...(current ? { supersedes: current.id } : {}),
      },
    });
    return { assessment, reused: false };
  });
}
