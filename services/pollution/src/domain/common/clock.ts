/** The source of "now" for domain code, so tests can move time and domain code never calls `new Date()`. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** An instant as an ISO 8601 UTC string (`2025-09-01T08:00:00.000Z`), the form every record stores. */
export type Instant = string;

/** The clock's current instant as an ISO 8601 UTC string. */
export function nowInstant(clock: Clock): Instant {
  return clock.now().toISOString();
}

/** Milliseconds since the epoch of an instant the domain stored (always a valid ISO string). */
export function instantMillis(instant: Instant): number {
  return Date.parse(instant);
}

/** Adds minutes to an instant. */
export function addMinutes(instant: Instant, minutes: number): Instant {
  return new Date(instantMillis(instant) + minutes * 60_000).toISOString();
}

// Timestamps from outside must say their offset: "2025-09-01 08:00" is ambiguous between UTC and Beijing time, and
// guessing would shift readings into the wrong day or month.
const OFFSET_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO 8601 timestamp with an explicit offset into an Instant, or returns the reason it is not one. */
export function parseOffsetTimestamp(value: unknown): Instant | { problem: string } {
  if (typeof value !== 'string' || !OFFSET_TIMESTAMP.test(value)) {
    return { problem: 'must be an ISO 8601 timestamp with an offset, e.g. 2025-09-01T08:00:00+08:00' };
  }
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) return { problem: 'is not a real date and time' };
  // Date.parse rolls 2025-02-30 over to March; a rolled-over date is a typo, not a reading time.
  const [datePart] = value.split('T');
  const [y, m, d] = (datePart ?? '').split('-').map(Number);
  if (!isCalendarDate(y ?? 0, m ?? 0, d ?? 0)) return { problem: 'is not a real calendar date' };
  return new Date(millis).toISOString();
}

/** Whether year-month-day names a day of the Gregorian calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** A calendar date `YYYY-MM-DD` (no time zone: the day as the agreement or the enforcement record names it). */
export type CalendarDate = string;

/** Checks a `YYYY-MM-DD` calendar date, returning the reason when it is not one. */
export function checkCalendarDate(value: unknown): CalendarDate | { problem: string } {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return { problem: 'must be a date as YYYY-MM-DD' };
  const [y, m, d] = value.split('-').map(Number);
  if (!isCalendarDate(y ?? 0, m ?? 0, d ?? 0)) return { problem: 'is not a real calendar date' };
  return value;
}

// China has one time zone without daylight saving, so Beijing time is a fixed +08:00: monitoring days and months
// (the unit of daily means and monthly assessments) are Beijing days and months.
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Beijing calendar date (`YYYY-MM-DD`) an instant falls on. */
export function beijingDate(instant: Instant): CalendarDate {
  return new Date(instantMillis(instant) + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Beijing calendar date of the clock's now. */
export function beijingToday(clock: Clock): CalendarDate {
  return beijingDate(clock.now().toISOString());
}
