import { describe, expect, it } from 'vitest';
import { classifySet, classifyValue, waterClassLabel } from '../../../src/domain/monitoring/water-class.ts';
import { GB_3838_2002 } from '../../../src/domain/monitoring/water-quality-standard.data.ts';

const std = GB_3838_2002;

describe('GB 3838-2002 classification', () => {
  it('puts a value exactly at a limit in that class and the smallest step above it in the next', () => {
    // NH3-N limits I–V: 0.15 / 0.5 / 1.0 / 1.5 / 2.0
    expect(classifyValue(std, 'NH3-N', '0.15', 'river')).toBe(1);
    expect(classifyValue(std, 'NH3-N', '0.1501', 'river')).toBe(2);
    expect(classifyValue(std, 'NH3-N', '1.0', 'river')).toBe(3);
    expect(classifyValue(std, 'NH3-N', 1.0000001, 'river')).toBe(4);
    expect(classifyValue(std, 'NH3-N', '2.0', 'river')).toBe(5);
    expect(classifyValue(std, 'NH3-N', '2.0001', 'river')).toBe(6);
    expect(waterClassLabel(6)).toBe('劣V');
  });

  it('classes COD at 15 mg/L as Class I (I and II share the limit) and 40 as V', () => {
    expect(classifyValue(std, 'COD', 15, 'river')).toBe(1);
    expect(classifyValue(std, 'COD', 15.01, 'river')).toBe(3);
    expect(classifyValue(std, 'COD', 20, 'river')).toBe(3);
    expect(classifyValue(std, 'COD', 30, 'river')).toBe(4);
    expect(classifyValue(std, 'COD', 40, 'river')).toBe(5);
    expect(classifyValue(std, 'COD', 40.5, 'river')).toBe(6);
  });

  it('uses the stricter total-phosphorus limits for lakes and reservoirs', () => {
    // TP 0.05 mg/L: river Class II (≤ 0.1), lake Class III (≤ 0.05)
    expect(classifyValue(std, 'TP', '0.05', 'river')).toBe(2);
    expect(classifyValue(std, 'TP', '0.05', 'lake-reservoir')).toBe(3);
    expect(classifyValue(std, 'TP', '0.2', 'river')).toBe(3);
    expect(classifyValue(std, 'TP', '0.2', 'lake-reservoir')).toBe(5);
    expect(classifyValue(std, 'TP', '0.21', 'lake-reservoir')).toBe(6);
  });

  it('judges total nitrogen for lakes and reservoirs only; permanganate index for both', () => {
    expect(classifyValue(std, 'TN', '1.2', 'river')).toBeUndefined();
    expect(classifyValue(std, 'TN', '1.2', 'lake-reservoir')).toBe(4);
    expect(classifyValue(std, 'CODMn', '4', 'river')).toBe(2);
    expect(classifyValue(std, 'CODMn', '15', 'river')).toBe(5);
  });

  it('lets the worst parameter decide the class of a set, naming it', () => {
    const result = classifySet(
      std,
      [
        { parameter: 'COD', value: 12 },
        { parameter: 'NH3-N', value: 1.2 },
        { parameter: 'TP', value: 0.1 },
        { parameter: 'TN', value: 3 },
      ],
      'river',
    );
    expect(result?.waterClass).toBe(4);
    expect(result?.decidingParameters).toEqual(['NH3-N']);
    expect(result?.ignoredParameters).toEqual(['TN']);
    expect(result?.perParameter.map((p) => p.waterClass)).toEqual([1, 4, 2]);
  });
});
