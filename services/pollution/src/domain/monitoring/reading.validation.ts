import { nowInstant, instantMillis, parseOffsetTimestamp, type Clock } from '../common/clock.ts';
import { PollutionValidationError, type FieldProblem } from '../common/domain-errors.ts';
import { exact, isDecimalString, type Exact } from '../common/exact-decimal.ts';
import type { ReferenceCatalog } from '../reference/reference.catalog.ts';
import { readingKey, type RawReading, type WaterReading } from './reading.model.ts';
import { isParameterCode, PARAMETER_CODES, type WaterQualityStandard } from './water-quality-standard.data.ts';

/** What reading validation needs to know. */
export interface ReadingValidationContext {
  /** Sections a reading may name. */
  readonly catalog: ReferenceCatalog;
  /** The standard whose parameters and plausibility bounds apply. */
  readonly standard: WaterQualityStandard;
  /** "Now", to refuse readings from the future. */
  readonly clock: Clock;
  /** Most readings one batch may carry (default 10,000), so one upload cannot hold a worker for minutes. */
  readonly maxBatchSize?: number;
}

/** Names a field of the reading at `index` in problems; JSON batches say `readings[3].value`, CSV batches name the line. */
export type FieldNamer = (index: number, field: keyof RawReading | '') => { field: string; line?: number };

/** Problems of a JSON batch are named `readings[<index>].<field>`. */
export const jsonFieldNamer: FieldNamer = (index, field) => ({ field: field === '' ? `readings[${index}]` : `readings[${index}].${field}` });

/** The readings were refused; `problems` lists every bad field of every reading. */
export class ReadingsRejectedError extends PollutionValidationError {
  constructor(problems: readonly FieldProblem[]) {
    super('POLLUTION_READINGS_INVALID', problems, `The batch was rejected: ${problems.length} problem(s); no reading was stored.`);
  }
}

// The units accepted. mg/L is the standard's unit; µg/L (with either micro sign, or "ug/L") is converted exactly by
// dividing by 1000 because laboratories report trace phosphorus in it. Anything else is refused rather than guessed.
const MG_PER_L = new Set(['mg/L', 'mg/l']);
const UG_PER_L = new Set(['µg/L', 'μg/L', 'ug/L', 'µg/l', 'μg/l', 'ug/l']);

function parseValue(value: unknown): Exact | { problem: string } {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { problem: 'must be a finite number' };
    return exact(value);
  }
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return { problem: 'is required' };
    if (!isDecimalString(trimmed)) return { problem: `must be a decimal number, got ${JSON.stringify(value)}` };
    return exact(trimmed);
  }
  if (value === undefined || value === null) return { problem: 'is required' };
  return { problem: 'must be a number' };
}

/**
 * Validates a batch of readings, all or nothing: returns the readings when every one is valid, otherwise every
 * problem found (unknown section or parameter, wrong unit, negative or impossible value, bad or future timestamp,
 * a duplicate of an earlier reading in the batch) with the field it is on.
 */
export function validateReadings(
  raw: readonly unknown[],
  context: ReadingValidationContext,
  nameField: FieldNamer = jsonFieldNamer,
): { ok: true; readings: WaterReading[] } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const maxBatch = context.maxBatchSize ?? 10_000;
  if (raw.length === 0) return { ok: false, problems: [{ field: 'readings', reason: 'the batch holds no reading' }] };
  if (raw.length > maxBatch) {
    return { ok: false, problems: [{ field: 'readings', reason: `the batch holds ${raw.length} readings; at most ${maxBatch} are accepted at once` }] };
  }
  const now = instantMillis(nowInstant(context.clock));
  const readings: WaterReading[] = [];
  const firstIndexByKey = new Map<string, number>();

  raw.forEach((item, index) => {
    const problem = (field: keyof RawReading | '', reason: string) => problems.push({ ...nameField(index, field), reason });
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problem('', 'must be an object with sectionId, parameter, value, unit and sampledAt');
      return;
    }
    const r = item as RawReading;
    let ok = true;

    const sectionId = typeof r.sectionId === 'string' ? r.sectionId.trim() : undefined;
    if (sectionId === undefined || sectionId === '') {
      problem('sectionId', 'is required');
      ok = false;
    } else if (!context.catalog.section(sectionId)) {
      problem('sectionId', `unknown monitoring section ${JSON.stringify(sectionId)}`);
      ok = false;
    }

    const parameter = typeof r.parameter === 'string' ? r.parameter.trim() : r.parameter;
    if (!isParameterCode(parameter)) {
      problem('parameter', `must be one of ${PARAMETER_CODES.join(', ')}`);
      ok = false;
    }

    const unit = typeof r.unit === 'string' ? r.unit.trim() : undefined;
    let toMgL: Exact | undefined;
    if (unit === undefined || unit === '') {
      problem('unit', 'is required (mg/L)');
      ok = false;
    } else if (MG_PER_L.has(unit)) toMgL = exact(1);
    else if (UG_PER_L.has(unit)) toMgL = exact('0.001');
    else {
      problem('unit', `must be mg/L (or µg/L, converted to mg/L), got ${JSON.stringify(unit)}`);
      ok = false;
    }

    const parsed = parseValue(r.value);
    let valueMgL: Exact | undefined;
    if ('problem' in parsed) {
      problem('value', parsed.problem);
      ok = false;
    } else if (parsed.s < 0n) {
      problem('value', 'a concentration cannot be negative');
      ok = false;
    } else if (toMgL) {
      valueMgL = parsed.mul(toMgL);
      if (isParameterCode(parameter)) {
        const max = context.standard.parameters[parameter].plausibleMaxMgL;
        if (valueMgL.gt(exact(max))) {
          problem('value', `${valueMgL.toString()} mg/L is not a plausible ${parameter} concentration (at most ${max} mg/L); check the unit and decimal point`);
          ok = false;
        }
      }
    }

    const sampledAt = parseOffsetTimestamp(r.sampledAt);
    if (typeof sampledAt !== 'string') {
      problem('sampledAt', sampledAt.problem);
      ok = false;
    } else if (instantMillis(sampledAt) > now) {
      problem('sampledAt', `${sampledAt} is in the future`);
      ok = false;
    }

    if (!ok || valueMgL === undefined || typeof sampledAt !== 'string' || !isParameterCode(parameter) || sectionId === undefined) return;
    const reading: WaterReading = { sectionId, parameter, valueMgL: valueMgL.valueOf(), sampledAt };
    const key = readingKey(reading);
    const first = firstIndexByKey.get(key);
    if (first !== undefined) {
      problem('', `duplicates ${nameField(first, '').field} (same section, parameter and sampling time)`);
      return;
    }
    firstIndexByKey.set(key, index);
    readings.push(reading);
  });

  return problems.length > 0 ? { ok: false, problems } : { ok: true, readings };
}

/** Validates a batch and throws ReadingsRejectedError listing every problem when any reading is bad. */
export function assertValidReadings(raw: readonly unknown[], context: ReadingValidationContext, nameField: FieldNamer = jsonFieldNamer): WaterReading[] {
  const result = validateReadings(raw, context, nameField);
  if (!result.ok) throw new ReadingsRejectedError(result.problems);
  return result.readings;
}
