// Formatting shared by the pollution screens: times in Beijing time (officials everywhere in China work on it),
// sections and provinces in the chosen language, and durations for countdowns.
import { provinceName } from '../../reference/provinces.ts';

/** Beijing time, the platform's working time zone. */
export const WORK_TIME_ZONE = 'Asia/Shanghai';

/** A date and time in Beijing time, e.g. 2026/11/22 14:05. */
export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short', timeZone: WORK_TIME_ZONE, hourCycle: 'h23' }).format(new Date(iso));
}

/** A section as people name it: the Chinese or English name and its river. */
export interface NamedSection {
  nameZh: string;
  nameEn: string;
  riverNameZh?: string;
  riverNameEn?: string;
}

/** The section's name (with its river when known) in the language. */
export function sectionName(section: NamedSection, language: string, t: (key: 'pollution.section', values: { name: string; river: string }) => string): string {
  const english = language.startsWith('en');
  const name = english ? section.nameEn : section.nameZh;
  const river = english ? section.riverNameEn : section.riverNameZh;
  return river ? t('pollution.section', { name, river }) : name;
}

/** Province names joined in the language (、 in Chinese). */
export function provinceList(codes: readonly string[], language: string, separator: string): string {
  return codes.map((code) => provinceName(code, language)).join(separator);
}

/** A duration split into whole days, hours, minutes and seconds. */
export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Splits a non-negative number of milliseconds (negative counts as zero). */
export function splitDuration(ms: number): DurationParts {
  const total = Math.max(0, Math.floor(ms / 1000));
  return { days: Math.floor(total / 86_400), hours: Math.floor((total % 86_400) / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}
