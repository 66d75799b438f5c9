import { beijingDate } from '../common/clock.ts';
import { exact, meanOf, type Exact } from '../common/exact-decimal.ts';
import { roundMean } from '../monitoring/exceedance.detection.ts';
import type { WaterReading } from '../monitoring/reading.model.ts';
import type { ParameterCode } from '../monitoring/water-quality-standard.data.ts';
import type { AssessmentPeriod } from './agreement.model.ts';
import { dateInPeriod } from './assessment-period.ts';

/** Period means of the parameters at a section: the input of an assessment. */
export interface PeriodMeans {
  /** The period. */
  readonly period: AssessmentPeriod;
  /** Mean concentration per parameter, mg/L, as a decimal string. */
  readonly means: Readonly<Partial<Record<ParameterCode, string>>>;
  /** How much data each mean rests on (shown in the breakdown; not used in the arithmetic). */
  readonly coverage?: Readonly<Partial<Record<ParameterCode, { readonly days: number; readonly months: number }>>>;
}

/**
 * Period means from readings, the way monthly and annual water-quality assessments average: readings → daily mean
 * (Beijing day) → monthly mean of the daily means → annual mean of the monthly means. Averaging in stages keeps a
 * month with dense automatic sampling from outweighing a month sampled by hand. Exact until the end, then rounded
 * once (GB/T 8170, four places). Parameters without a reading in the period are left out.
 */
export function computePeriodMeans(readings: readonly WaterReading[], sectionId: string, period: AssessmentPeriod, parameters: readonly ParameterCode[]): PeriodMeans {
  const means: Partial<Record<ParameterCode, string>> = {};
  const coverage: Partial<Record<ParameterCode, { days: number; months: number }>> = {};
  for (const parameter of parameters) {
    const byDay = new Map<string, Exact[]>();
    for (const r of readings) {
      if (r.sectionId !== sectionId || r.parameter !== parameter) continue;
      const day = beijingDate(r.sampledAt);
      if (!dateInPeriod(day, period)) continue;
      const list = byDay.get(day) ?? [];
      list.push(exact(r.valueMgL));
      byDay.set(day, list);
    }
    if (byDay.size === 0) continue;
    const byMonth = new Map<string, Exact[]>();
    for (const [day, values] of byDay) {
      const month = day.slice(0, 7);
      const list = byMonth.get(month) ?? [];
      list.push(meanOf(values));
      byMonth.set(month, list);
    }
    const monthly = [...byMonth.values()].map(meanOf);
    means[parameter] = roundMean(meanOf(monthly));
    coverage[parameter] = { days: byDay.size, months: byMonth.size };
  }
  return { period, means, coverage };
}
