import type { Instant } from '../common/clock.ts';
import type { ParameterCode } from './water-quality-standard.data.ts';

/** A validated water-quality reading at a section. */
export interface WaterReading {
  /** The monitoring section. */
  readonly sectionId: string;
  /** What was measured. */
  readonly parameter: ParameterCode;
  /** Concentration in mg/L (converted from µg/L when it came in that unit). */
  readonly valueMgL: number;
  /** When the sample was taken. */
  readonly sampledAt: Instant;
}

/** A reading as it arrives (JSON body or CSV row), before validation. */
export interface RawReading {
  /** Section id. */
  readonly sectionId?: unknown;
  /** Parameter code. */
  readonly parameter?: unknown;
  /** Concentration, a number or a decimal string. */
  readonly value?: unknown;
  /** Unit of the value: `mg/L`, or `µg/L` (converted). */
  readonly unit?: unknown;
  /** ISO 8601 timestamp with an offset. */
  readonly sampledAt?: unknown;
}

/** The key under which two readings are duplicates: the same section, parameter and sampling instant. */
export function readingKey(reading: Pick<WaterReading, 'sectionId' | 'parameter' | 'sampledAt'>): string {
  return `${reading.sectionId}|${reading.parameter}|${reading.sampledAt}`;
}
