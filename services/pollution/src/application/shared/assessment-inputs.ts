import {
  computePeriodMeans,
  periodEnd,
  periodStart,
  samePeriodPreviousYear,
  type AssessmentInput,
  type AssessmentPeriod,
  type CompensationAgreement,
  type ParameterCode,
  type WaterClass,
  type WaterReading,
} from '../../domain/index.ts';

/** Reads the readings an assessment is computed from. */
export interface AssessmentReadingSource {
  /** Readings of a section and parameters sampled within [from, to). */
  readingsBetween(sectionId: string, parameters: readonly ParameterCode[], from: string, to: string): Promise<WaterReading[]>;
}

// Periods are Beijing calendar periods; China keeps +08:00 all year.
const beijingMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** The instants [from, to) a Beijing calendar period spans. */
export function periodInstants(period: AssessmentPeriod): { from: string; to: string } {
  const end = beijingMidnight(periodEnd(period));
  end.setUTCDate(end.getUTCDate() + 1);
  return { from: beijingMidnight(periodStart(period)).toISOString(), to: end.toISOString() };
}

/** The parameters an agreement needs means of: the class payment's and the change payment's. */
export function agreementParameters(agreement: CompensationAgreement): ParameterCode[] {
  return [...new Set([...(agreement.classPayment?.parameters ?? []), ...(agreement.changePayment?.pollutants ?? [])])];
}

/**
 * Builds an assessment's input from the stored readings: the period's means and, when a change payment falls due in
 * this kind of period, the means of the same period a year before.
 */
export async function assessmentInputFromReadings(
  source: AssessmentReadingSource,
  agreement: CompensationAgreement,
  period: AssessmentPeriod,
  officialClass?: { readonly waterClass: WaterClass; readonly source: string },
): Promise<AssessmentInput> {
  const parameters = agreementParameters(agreement);
  const meansOf = async (p: AssessmentPeriod) => {
    const { from, to } = periodInstants(p);
    const readings = await source.readingsBetween(agreement.sectionId, parameters, from, to);
    return computePeriodMeans(readings, agreement.sectionId, p, parameters);
  };
  const current = await meansOf(period);
  const needsComparison = agreement.changePayment?.period === period.kind;
  const comparison = needsComparison ? await meansOf(samePeriodPreviousYear(period)) : undefined;
  return { agreement, period, current, ...(comparison ? { comparison } : {}), ...(officialClass ? { officialClass } : {}) };
}
