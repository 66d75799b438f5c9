import { describe, expect, it } from 'vitest';
import { computePeriodMeans } from '../../../src/domain/compensation/period-means.ts';
import type { WaterReading } from '../../../src/domain/monitoring/reading.model.ts';

const r = (parameter: WaterReading['parameter'], valueMgL: number, sampledAt: string, sectionId = 'yellow-liuzhuang'): WaterReading => ({
  sectionId,
  parameter,
  valueMgL,
  sampledAt: new Date(sampledAt).toISOString(),
});

describe('period means', () => {
  it('averages readings into days, days into months, months into the year', () => {
    const readings = [
      // 1 January (Beijing): 1.0, 1.2 and 0.5 — the last sampled at 2023-12-31T20:00Z, which is 04:00 on 1 January
      // in Beijing — so the day's mean is 2.7 ÷ 3 = 0.9. 2 January: 0.9. January mean (0.9 + 0.9) ÷ 2 = 0.9.
      r('NH3-N', 1.0, '2024-01-01T08:00:00+08:00'),
      r('NH3-N', 1.2, '2024-01-01T20:00:00+08:00'),
      r('NH3-N', 0.5, '2023-12-31T20:00:00Z'),
      r('NH3-N', 0.9, '2024-01-02T08:00:00+08:00'),
      // February: one reading, 2.0. Year = mean of the monthly means (0.9 + 2.0) ÷ 2 = 1.45; a plain mean of the five
      // readings would be 1.12 — a densely sampled month must not outweigh a sparse one.
      r('NH3-N', 2.0, '2024-02-10T08:00:00+08:00'),
      // Outside the year, another section, another parameter: ignored or reported separately.
      r('NH3-N', 9, '2025-01-01T08:00:00+08:00'),
      r('NH3-N', 9, '2024-01-01T08:00:00+08:00', 'yellow-fenglingdu'),
      r('TP', 0.1, '2024-03-01T08:00:00+08:00'),
    ];
    const means = computePeriodMeans(readings, 'yellow-liuzhuang', { kind: 'annual', year: 2024 }, ['NH3-N', 'TP', 'COD']);
    expect(means).toEqual({
      period: { kind: 'annual', year: 2024 },
      means: { 'NH3-N': '1.4500', TP: '0.1000' },
      coverage: { 'NH3-N': { days: 3, months: 2 }, TP: { days: 1, months: 1 } },
    });
    const january = computePeriodMeans(readings, 'yellow-liuzhuang', { kind: 'monthly', year: 2024, month: 1 }, ['NH3-N']);
    expect(january.means).toEqual({ 'NH3-N': '0.9000' });
  });

  it('rounds the final mean half to even at four places (GB/T 8170)', () => {
    // 0.00025 lies halfway: the even neighbour 0.0002 wins; 0.00035 → 0.0004 (4 is even).
    expect(computePeriodMeans([r('TP', 0.00025, '2024-05-01T08:00:00+08:00')], 'yellow-liuzhuang', { kind: 'monthly', year: 2024, month: 5 }, ['TP']).means.TP).toBe('0.0002');
    expect(computePeriodMeans([r('TP', 0.00035, '2024-05-01T08:00:00+08:00')], 'yellow-liuzhuang', { kind: 'monthly', year: 2024, month: 5 }, ['TP']).means.TP).toBe('0.0004');
  });
});
