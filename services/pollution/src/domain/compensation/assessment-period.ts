import type { CalendarDate } from '../common/clock.ts';
import type { AssessmentPeriod } from './agreement.model.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** First day of a period. */
export function periodStart(period: AssessmentPeriod): CalendarDate {
  return period.kind === 'annual' ? `${pad(period.year, 4)}-01-01` : `${pad(period.year, 4)}-${pad(period.month)}-01`;
}

/** Last day of a period. */
export function periodEnd(period: AssessmentPeriod): CalendarDate {
  if (period.kind === 'annual') return `${pad(period.year, 4)}-12-31`;
  const last = new Date(Date.UTC(period.year, period.month, 0)).getUTCDate();
  return `${pad(period.year, 4)}-${pad(period.month)}-${pad(last)}`;
}

/** The same period one year earlier (the comparison period of a change payment). */
export function samePeriodPreviousYear(period: AssessmentPeriod): AssessmentPeriod {
  return { ...period, year: period.year - 1 };
}

/** A period's label: `2025` or `2025-10`. */
export function periodLabel(period: AssessmentPeriod): string {
  return period.kind === 'annual' ? pad(period.year, 4) : `${pad(period.year, 4)}-${pad(period.month)}`;
}

/** Whether two periods are the same. */
export function samePeriod(a: AssessmentPeriod, b: AssessmentPeriod): boolean {
  return periodLabel(a) === periodLabel(b) && a.kind === b.kind;
}

/** Whether a Beijing calendar date lies in a period. */
export function dateInPeriod(date: CalendarDate, period: AssessmentPeriod): boolean {
  return date >= periodStart(period) && date <= periodEnd(period);
}

/** Problems with a period value (year 2000–2100, month 1–12). */
export function checkPeriod(value: unknown, field: string): { period?: AssessmentPeriod; problems: Array<{ field: string; reason: string }> } {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const problems: Array<{ field: string; reason: string }> = [];
  if (v.kind !== 'annual' && v.kind !== 'monthly') problems.push({ field: `${field}.kind`, reason: 'must be annual or monthly' });
  if (typeof v.year !== 'number' || !Number.isInteger(v.year) || v.year < 2000 || v.year > 2100) problems.push({ field: `${field}.year`, reason: 'must be a year from 2000 to 2100' });
  if (v.kind === 'monthly' && (typeof v.month !== 'number' || !Number.isInteger(v.month) || v.month < 1 || v.month > 12)) {
    problems.push({ field: `${field}.month`, reason: 'must be a month from 1 to 12' });
  }
  if (problems.length > 0) return { problems };
  const period: AssessmentPeriod = v.kind === 'annual' ? { kind: 'annual', year: v.year as number } : { kind: 'monthly', year: v.year as number, month: v.month as number };
  return { period, problems };
}
