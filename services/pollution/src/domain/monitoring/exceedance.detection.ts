import { beijingDate, type CalendarDate, type Instant } from '../common/clock.ts';
import { exact, meanOf, roundExact, toDecimalString, type Exact } from '../common/exact-decimal.ts';
import type { ReferenceCatalog } from '../reference/reference.catalog.ts';
import type { MonitoringSection, WaterClass } from '../reference/reference.model.ts';
import type { WaterReading } from './reading.model.ts';
import { classifyValue, classLimit } from './water-class.ts';
import type { ParameterCode, WaterQualityStandard } from './water-quality-standard.data.ts';

/** Decimal places means are kept to (mg/L), before they are compared with limits. */
export const MEAN_DECIMAL_PLACES = 4;

/**
 * Rounds a mean the way GB/T 8170 rounds numbers (round half to even, 四舍六入五成双) to MEAN_DECIMAL_PLACES; the rounded
 * value is the one compared with limits (the standard's "compare the rounded value" method), so a mean shown as
 * 1.0000 is never judged worse than Class III for ammonia nitrogen.
 */
export function roundMean(mean: Exact): string {
  return toDecimalString(roundExact(mean, MEAN_DECIMAL_PLACES, 'half-even'), MEAN_DECIMAL_PLACES, 'half-even');
}

/** The mean of one parameter at one section over one Beijing day. */
export interface DailyMean {
  /** Section. */
  readonly sectionId: string;
  /** Parameter. */
  readonly parameter: ParameterCode;
  /** Beijing calendar day. */
  readonly date: CalendarDate;
  /** Mean concentration in mg/L, rounded (see roundMean). */
  readonly meanMgL: string;
  /** How many readings it is the mean of. */
  readonly readingCount: number;
}

/** Daily means per section and parameter, by Beijing day, sorted by section, parameter and day. */
export function computeDailyMeans(readings: readonly WaterReading[]): DailyMean[] {
  const groups = new Map<string, { sectionId: string; parameter: ParameterCode; date: string; values: Exact[] }>();
  for (const r of readings) {
    const date = beijingDate(r.sampledAt);
    const key = `${r.sectionId}|${r.parameter}|${date}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { sectionId: r.sectionId, parameter: r.parameter, date, values: [] }));
    group.values.push(exact(r.valueMgL));
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => ({ sectionId: g.sectionId, parameter: g.parameter, date: g.date, meanMgL: roundMean(meanOf(g.values)), readingCount: g.values.length }));
}

/** What an exceedance was judged on. */
export type ExceedanceBasis = { kind: 'reading'; sampledAt: Instant } | { kind: 'daily-mean'; date: CalendarDate; readingCount: number };

/** A value worse than the section's target class. */
export interface Exceedance {
  /** Section. */
  readonly sectionId: string;
  /** Parameter. */
  readonly parameter: ParameterCode;
  /** A single reading or a daily mean. */
  readonly basis: ExceedanceBasis;
  /** The value judged, mg/L. */
  readonly valueMgL: string;
  /** Its class; absent for a specific item (benzene), which has a limit but no classes. */
  readonly observedClass?: WaterClass;
  /** The section's target class. */
  readonly targetClass: WaterClass;
  /** The target class's limit for the parameter, mg/L. */
  readonly targetLimitMgL: string;
  /** How many times over the limit (超标倍数 = (value − limit) ÷ limit), two decimals. */
  readonly exceedanceMultiple: string;
}

function judge(
  section: MonitoringSection,
  standard: WaterQualityStandard,
  parameter: ParameterCode,
  value: string,
  basis: ExceedanceBasis,
): Exceedance | undefined {
  const specific = standard.parameters[parameter].specificLimitMgL;
  if (specific !== undefined) {
    const limit = exact(specific);
    if (!exact(value).gt(limit)) return undefined;
    return {
      sectionId: section.id,
      parameter,
      basis,
      valueMgL: value,
      targetClass: section.targetClass,
      targetLimitMgL: limit.toString(),
      exceedanceMultiple: toDecimalString(exact(value).sub(limit).div(limit), 2, 'half-even'),
    };
  }
  const observed = classifyValue(standard, parameter, value, section.waterBodyType);
  if (observed === undefined || observed <= section.targetClass || section.targetClass === 6) return undefined;
  const limit = classLimit(standard, parameter, section.waterBodyType, section.targetClass as 1 | 2 | 3 | 4 | 5);
  const multiple = exact(value).sub(limit).div(limit);
  return {
    sectionId: section.id,
    parameter,
    basis,
    valueMgL: value,
    observedClass: observed,
    targetClass: section.targetClass,
    targetLimitMgL: limit.toString(),
    exceedanceMultiple: toDecimalString(multiple, 2, 'half-even'),
  };
}

/**
 * Whether a value at a section is an exceedance: worse than the section's target class, or above a specific item's
 * limit (a value exactly at the limit is not).
 */
export function exceedsSectionTarget(section: MonitoringSection, standard: WaterQualityStandard, parameter: ParameterCode, value: string): boolean {
  return judge(section, standard, parameter, value, { kind: 'reading', sampledAt: '' }) !== undefined;
}

/** Readings worse than their section's target class (a value exactly at the target limit is not an exceedance). */
export function detectReadingExceedances(readings: readonly WaterReading[], catalog: ReferenceCatalog, standard: WaterQualityStandard): Exceedance[] {
  const found: Exceedance[] = [];
  for (const r of readings) {
    const section = catalog.section(r.sectionId);
    if (!section) continue;
    const e = judge(section, standard, r.parameter, exact(r.valueMgL).toString(), { kind: 'reading', sampledAt: r.sampledAt });
    if (e) found.push(e);
  }
  return found;
}

/** Daily means worse than their section's target class. */
export function detectDailyMeanExceedances(means: readonly DailyMean[], catalog: ReferenceCatalog, standard: WaterQualityStandard): Exceedance[] {
  const found: Exceedance[] = [];
  for (const m of means) {
    const section = catalog.section(m.sectionId);
    if (!section) continue;
    const e = judge(section, standard, m.parameter, m.meanMgL, { kind: 'daily-mean', date: m.date, readingCount: m.readingCount });
    if (e) found.push(e);
  }
  return found;
}

/** The part of an open case exceedance handling needs. */
export interface OpenCaseRef {
  /** Case id. */
  readonly id: string;
  /** Its section. */
  readonly sectionId: string;
  /** Whether it is an exercise case (never updated by real monitoring). */
  readonly exercise: boolean;
  /** When it was opened, to pick the newest when several are open. */
  readonly openedAt: Instant;
}

/** What to do about a section's exceedances. */
export type ExceedanceCaseDecision =
  | {
      readonly action: 'open';
      /** Section. */
      readonly sectionId: string;
      /** The section's provinces, upstream first: the parties of the new case. */
      readonly partyProvinces: readonly string[];
      /** The exceedances that open it. */
      readonly exceedances: readonly Exceedance[];
    }
  | {
      readonly action: 'update';
      /** The open case to add them to. */
      readonly caseId: string;
      /** Section. */
      readonly sectionId: string;
      /** The exceedances to add. */
      readonly exceedances: readonly Exceedance[];
    };

/**
 * Decides, per section, whether exceedances open a new case or go to the case already open there (the newest real
 * one; exercise cases never receive real monitoring data). `openCases` must hold only cases that are not closed.
 */
export function decideExceedanceCases(
  exceedances: readonly Exceedance[],
  openCases: readonly OpenCaseRef[],
  catalog: ReferenceCatalog,
): ExceedanceCaseDecision[] {
  const bySection = new Map<string, Exceedance[]>();
  for (const e of exceedances) {
    const list = bySection.get(e.sectionId) ?? [];
    list.push(e);
    bySection.set(e.sectionId, list);
  }
  const decisions: ExceedanceCaseDecision[] = [];
  for (const sectionId of [...bySection.keys()].sort()) {
    const list = bySection.get(sectionId) ?? [];
    const open = openCases
      .filter((c) => c.sectionId === sectionId && !c.exercise)
      .sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : a.id < b.id ? 1 : -1))[0];
    if (open) {
      decisions.push({ action: 'update', caseId: open.id, sectionId, exceedances: list });
      continue;
    }
    const section = catalog.section(sectionId);
    if (!section) continue;
    decisions.push({ action: 'open', sectionId, partyProvinces: [...new Set([...section.upstreamProvinces, ...section.downstreamProvinces])], exceedances: list });
  }
  return decisions;
}
