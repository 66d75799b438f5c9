// Formatting for the case, section and compensation screens beyond the shared pollution formats: today's date in
// Beijing, file sizes, and the details of case timeline entries.
import { WORK_TIME_ZONE } from '../shared/pollution.format.ts';

/** Today's date in Beijing, YYYY-MM-DD (the latest day an enforcement action may carry). */
export function beijingToday(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: WORK_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A size in bytes as people read it (binary units, one decimal). */
export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
  return `${number} ${units[unit]}`;
}

/** A timeline entry's details (JSON object text), or an empty object when the text is not an object. */
export function parseDetails(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A service state name in the timeline (`under_joint_investigation`) as the gateway's enum (`UNDER_JOINT_INVESTIGATION`). */
export function stateFromDetails(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value.toUpperCase().replaceAll('-', '_') : undefined;
}
