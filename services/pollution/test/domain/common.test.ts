import { describe, expect, it } from 'vitest';
import * as pollution from '../../src/index.ts';
import { canonicalDigest, canonicalJson } from '../../src/domain/common/canonical-digest.ts';
import { beijingDate, parseOffsetTimestamp } from '../../src/domain/common/clock.ts';
import { exact, roundToInteger, toDecimalString } from '../../src/domain/common/exact-decimal.ts';
import { formatYuan, yuan } from '../../src/domain/common/money.ts';

describe('exact decimals', () => {
  it('reads numbers as the decimals they print as, including exponent notation', () => {
    expect(exact(0.1).add(exact(0.2)).equals(exact('0.3'))).toBe(true);
    expect(exact(1e-7).toFraction()).toBe('1/10000000');
    expect(exact(1.5e21).toFraction()).toBe('1500000000000000000000');
    expect(() => exact('1e3')).toThrow(RangeError);
  });

  it('rounds toward zero, half away from zero and half to even, symmetrically for negatives', () => {
    const cases: Array<[string, bigint, bigint, bigint]> = [
      // value, toward-zero, half-away-from-zero, half-even
      ['3.4', 3n, 3n, 3n],
      ['3.5', 3n, 4n, 4n],
      ['2.5', 2n, 3n, 2n],
      ['-2.5', -2n, -3n, -2n],
      ['-3.9', -3n, -4n, -4n],
    ];
    for (const [value, tz, haz, he] of cases) {
      expect([roundToInteger(exact(value), 'toward-zero'), roundToInteger(exact(value), 'half-away-from-zero'), roundToInteger(exact(value), 'half-even')]).toEqual([tz, haz, he]);
    }
    expect(toDecimalString(exact('1').div(3), 6)).toBe('0.333333');
    expect(toDecimalString(exact('-0.0005'), 3, 'half-away-from-zero')).toBe('-0.001');
  });
});

describe('money, time and digests', () => {
  it('formats fen as yuan', () => {
    expect(formatYuan(yuan(60_000_000))).toBe('60,000,000.00');
    expect(formatYuan(-9_999_999n)).toBe('-99,999.99');
    expect(() => yuan(0.5)).toThrow(RangeError);
  });

  it('parses offset timestamps strictly and places instants on Beijing days', () => {
    expect(parseOffsetTimestamp('2025-02-28T23:30:00-01:00')).toBe('2025-03-01T00:30:00.000Z');
    expect(parseOffsetTimestamp('2025-02-29T08:00:00+08:00')).toEqual({ problem: 'is not a real calendar date' });
    expect(beijingDate('2025-09-30T16:00:00.000Z')).toBe('2025-10-01');
    expect(beijingDate('2025-09-30T15:59:59.999Z')).toBe('2025-09-30');
  });

  it('digests canonical JSON: key order does not matter, bigints become strings', () => {
    expect(canonicalJson({ b: 1n, a: [undefined, 'x'] })).toBe('{"a":[null,"x"],"b":"1"}');
    expect(canonicalDigest({ x: 1, y: { z: 2n } })).toBe(canonicalDigest({ y: { z: 2n }, x: 1 }));
    expect(canonicalDigest({ x: 1 })).not.toBe(canonicalDigest({ x: 2 }));
  });
});

describe('package entry point', () => {
  it('exports the domain API', () => {
    for (const name of ['issueAlert', 'dueEscalations', 'openCaseFromAlert', 'validateReadingsCsv', 'assessPeriod', 'SEED_AGREEMENTS', 'GB_3838_2002', 'viewCase', 'createReferenceCatalog']) {
      expect(pollution).toHaveProperty(name);
    }
  });
});
