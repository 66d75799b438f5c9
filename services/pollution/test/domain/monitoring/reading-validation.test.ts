import { describe, expect, it } from 'vitest';
import { assertValidReadings, ReadingsRejectedError, validateReadings } from '../../../src/domain/monitoring/reading.validation.ts';
import { validateReadingsCsv } from '../../../src/domain/monitoring/reading-csv.parser.ts';
import { GB_3838_2002 } from '../../../src/domain/monitoring/water-quality-standard.data.ts';
import { createReferenceCatalog } from '../../../src/domain/reference/reference.catalog.ts';
import { ManualClock } from '../../support/fixtures.ts';

const clock = new ManualClock('2025-10-01T04:00:00Z'); // 12:00 Beijing time
const context = { catalog: createReferenceCatalog(), standard: GB_3838_2002, clock };
const good = { sectionId: 'yellow-liuzhuang', parameter: 'NH3-N', value: 0.42, unit: 'mg/L', sampledAt: '2025-10-01T08:00:00+08:00' };

function problemsOf(raw: unknown[]) {
  const result = validateReadings(raw, context);
  if (result.ok) throw new Error('expected the batch to be rejected');
  return result.problems;
}

describe('reading validation', () => {
  it('accepts good readings, normalising the time to UTC and converting µg/L exactly', () => {
    const readings = assertValidReadings([good, { ...good, parameter: 'TP', value: '25', unit: 'µg/L' }], context);
    expect(readings).toEqual([
      { sectionId: 'yellow-liuzhuang', parameter: 'NH3-N', valueMgL: 0.42, sampledAt: '2025-10-01T00:00:00.000Z' },
      { sectionId: 'yellow-liuzhuang', parameter: 'TP', valueMgL: 0.025, sampledAt: '2025-10-01T00:00:00.000Z' },
    ]);
  });

  it('rejects an unknown section', () => {
    expect(problemsOf([good, { ...good, sectionId: 'yellow-nowhere' }])).toEqual([{ field: 'readings[1].sectionId', reason: 'unknown monitoring section "yellow-nowhere"' }]);
  });

  it('rejects a negative concentration', () => {
    expect(problemsOf([{ ...good, value: -0.1 }])).toEqual([{ field: 'readings[0].value', reason: 'a concentration cannot be negative' }]);
  });

  it('rejects an absurd value per parameter (TP above 100 mg/L)', () => {
    const [problem] = problemsOf([{ ...good, parameter: 'TP', value: 250 }]);
    expect(problem?.field).toBe('readings[0].value');
    expect(problem?.reason).toMatch(/not a plausible TP concentration/);
  });

  it('rejects a wrong or missing unit', () => {
    expect(problemsOf([{ ...good, unit: 'g/L' }, { ...good, unit: undefined, sampledAt: '2025-10-01T09:00:00+08:00' }])).toEqual([
      { field: 'readings[0].unit', reason: 'must be mg/L (or µg/L, converted to mg/L), got "g/L"' },
      { field: 'readings[1].unit', reason: 'is required (mg/L)' },
    ]);
  });

  it('rejects a timestamp in the future, and one without an offset', () => {
    const problems = problemsOf([{ ...good, sampledAt: '2025-10-01T13:00:00+08:00' }, { ...good, sampledAt: '2025-10-01 08:00' }]);
    expect(problems).toEqual([
      { field: 'readings[0].sampledAt', reason: '2025-10-01T05:00:00.000Z is in the future' },
      { field: 'readings[1].sampledAt', reason: 'must be an ISO 8601 timestamp with an offset, e.g. 2025-09-01T08:00:00+08:00' },
    ]);
    // The present instant itself is not the future.
    expect(validateReadings([{ ...good, sampledAt: '2025-10-01T12:00:00+08:00' }], context).ok).toBe(true);
  });

  it('rejects a duplicate in the batch (same section, parameter and instant, even written in another offset)', () => {
    expect(problemsOf([good, { ...good, value: 0.5, sampledAt: '2025-10-01T00:00:00Z' }])).toEqual([
      { field: 'readings[1]', reason: 'duplicates readings[0] (same section, parameter and sampling time)' },
    ]);
  });

  it('lists every problem of every reading and throws a coded error for the whole batch', () => {
    const bad = [good, { sectionId: 'x', parameter: 'pH', value: 'abc', unit: 'mg/L', sampledAt: 'yesterday' }];
    try {
      assertValidReadings(bad, context);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ReadingsRejectedError);
      const e = error as ReadingsRejectedError;
      expect(e.code).toBe('POLLUTION_READINGS_INVALID');
      expect(e.kind).toBe('validation');
      expect(e.problems.map((p) => p.field)).toEqual(['readings[1].sectionId', 'readings[1].parameter', 'readings[1].value', 'readings[1].sampledAt']);
    }
  });

  it('rejects an empty batch and one over the size limit', () => {
    expect(problemsOf([])).toEqual([{ field: 'readings', reason: 'the batch holds no reading' }]);
    const result = validateReadings([good, good, good], { ...context, maxBatchSize: 2 });
    expect(result.ok).toBe(false);
  });
});

describe('CSV batches', () => {
  const header = 'section_id,parameter,value,unit,sampled_at';

  it('reads a good file with the columns in any order', () => {
    const csv = `unit,value,parameter,sampled_at,section_id\nmg/L,0.42,NH3-N,2025-10-01T08:00:00+08:00,yellow-liuzhuang\nmg/L,18,COD,2025-10-01T08:00:00+08:00,yellow-liuzhuang\n`;
    const result = validateReadingsCsv(csv, context);
    expect(result.ok && result.readings.map((r) => [r.parameter, r.valueMgL])).toEqual([
      ['NH3-N', 0.42],
      ['COD', 18],
    ]);
  });

  it('names the line of each bad row and rejects the whole file', () => {
    const csv = [
      header,
      'yellow-liuzhuang,NH3-N,0.42,mg/L,2025-10-01T08:00:00+08:00',
      '',
      'yellow-liuzhuang,COD,-3,mg/L,2025-10-01T08:00:00+08:00',
      'yellow-liuzhuang,TP,0.1,ppm,2025-10-01T08:00:00+08:00',
      'yellow-liuzhuang,NH3-N,0.40,mg/L,2025-10-01T08:00:00+08:00',
      'yellow-liuzhuang,TP,0.1',
    ].join('\n');
    const result = validateReadingsCsv(csv, context);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([{ field: 'lines[7]', line: 7, reason: 'has 3 field(s); the header has 5' }]);

    const withoutShortRow = csv.split('\n').slice(0, 6).join('\n');
    const second = validateReadingsCsv(withoutShortRow, context);
    expect(!second.ok && second.problems).toEqual([
      { field: 'lines[4].value', line: 4, reason: 'a concentration cannot be negative' },
      { field: 'lines[5].unit', line: 5, reason: 'must be mg/L (or µg/L, converted to mg/L), got "ppm"' },
      { field: 'lines[6]', line: 6, reason: 'duplicates lines[2] (same section, parameter and sampling time)' },
    ]);
  });

  it('counts a quoted field spanning lines when naming later lines', () => {
    const csv = `${header}\n"yellow-\nliuzhuang",COD,10,mg/L,2025-10-01T08:00:00+08:00\nyellow-liuzhuang,COD,-1,mg/L,2025-10-01T09:00:00+08:00\n`;
    const result = validateReadingsCsv(csv, context);
    expect(!result.ok && result.problems.map((p) => p.field)).toEqual(['lines[2].section_id', 'lines[4].value']);
  });

  it('validates the header: unknown, missing and repeated columns', () => {
    const result = validateReadingsCsv('section_id,parameter,value,value,when\nx,y,z,w,v\n', context);
    expect(!result.ok && result.problems.map((p) => p.reason)).toEqual([
      'column "value" appears twice',
      'unknown column "when"; the columns are section_id, parameter, value, unit, sampled_at',
      'missing column "unit"',
      'missing column "sampled_at"',
    ]);
    expect(!result.ok && result.problems.every((p) => p.line === 1 && p.field === 'header')).toBe(true);
  });

  it('reports an empty file, a header with no rows, and unreadable CSV', () => {
    expect(validateReadingsCsv('', context)).toMatchObject({ ok: false, problems: [{ field: 'file' }] });
    expect(validateReadingsCsv(`${header}\n`, context)).toMatchObject({ ok: false, problems: [{ field: 'file', reason: 'the file has a header but no readings' }] });
    const unclosed = validateReadingsCsv(`${header}\n"yellow-liuzhuang,COD,10,mg/L,2025-10-01T08:00:00+08:00\n`, context);
    expect(unclosed).toMatchObject({ ok: false, problems: [{ reason: expect.stringMatching(/not readable as CSV/) }] });
  });
});
