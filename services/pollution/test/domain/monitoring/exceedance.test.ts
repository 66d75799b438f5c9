import { describe, expect, it } from 'vitest';
import { computeDailyMeans, decideExceedanceCases, detectDailyMeanExceedances, detectReadingExceedances } from '../../../src/domain/monitoring/exceedance.detection.ts';
import type { WaterReading } from '../../../src/domain/monitoring/reading.model.ts';
import { GB_3838_2002 } from '../../../src/domain/monitoring/water-quality-standard.data.ts';
import { createReferenceCatalog } from '../../../src/domain/reference/reference.catalog.ts';

const catalog = createReferenceCatalog();
const std = GB_3838_2002;
const at = (iso: string) => new Date(iso).toISOString();
function reading(parameter: WaterReading['parameter'], valueMgL: number, sampledAt: string, sectionId = 'yellow-liuzhuang'): WaterReading {
  return { sectionId, parameter, valueMgL, sampledAt: at(sampledAt) };
}

describe('exceedance detection', () => {
  it('flags a reading worse than the target class and not one exactly at the target limit', () => {
    // Liuzhuang's target is Class III: NH3-N ≤ 1.0, COD ≤ 20, TP ≤ 0.2 mg/L.
    const found = detectReadingExceedances(
      [reading('NH3-N', 1.0, '2025-10-01T08:00:00+08:00'), reading('NH3-N', 1.25, '2025-10-01T09:00:00+08:00'), reading('COD', 20, '2025-10-01T09:00:00+08:00'), reading('TP', 0.45, '2025-10-01T09:00:00+08:00')],
      catalog,
      std,
    );
    expect(found).toEqual([
      { sectionId: 'yellow-liuzhuang', parameter: 'NH3-N', basis: { kind: 'reading', sampledAt: '2025-10-01T01:00:00.000Z' }, valueMgL: '1.25', observedClass: 4, targetClass: 3, targetLimitMgL: '1', exceedanceMultiple: '0.25' },
      { sectionId: 'yellow-liuzhuang', parameter: 'TP', basis: { kind: 'reading', sampledAt: '2025-10-01T01:00:00.000Z' }, valueMgL: '0.45', observedClass: 6, targetClass: 3, targetLimitMgL: '0.2', exceedanceMultiple: '1.25' },
    ]);
  });

  it('uses a Class II target at the Han sections (Jingziguan: NH3-N 0.6 exceeds 0.5)', () => {
    const found = detectReadingExceedances([reading('NH3-N', 0.6, '2025-10-01T08:00:00+08:00', 'dan-jingziguan'), reading('NH3-N', 0.5, '2025-10-01T09:00:00+08:00', 'dan-jingziguan')], catalog, std);
    expect(found.map((e) => [e.valueMgL, e.observedClass, e.targetClass])).toEqual([['0.6', 3, 2]]);
  });

  it('never flags total nitrogen at a river section (GB 3838 applies it to lakes and reservoirs)', () => {
    expect(detectReadingExceedances([reading('TN', 5, '2025-10-01T08:00:00+08:00')], catalog, std)).toEqual([]);
  });

  it('averages by Beijing day and judges the rounded daily mean', () => {
    const means = computeDailyMeans([
      reading('NH3-N', 0.9, '2025-10-01T00:30:00+08:00'),
      reading('NH3-N', 1.2, '2025-10-01T23:30:00+08:00'),
      // 2025-09-30T23:00Z is 2025-10-01 07:00 in Beijing: same Beijing day.
      reading('NH3-N', 0.9, '2025-09-30T23:00:00Z'),
      reading('NH3-N', 1.00005, '2025-10-02T08:00:00+08:00'),
      reading('NH3-N', 1.00015, '2025-10-03T08:00:00+08:00'),
    ]);
    expect(means.map((m) => [m.date, m.meanMgL, m.readingCount])).toEqual([
      ['2025-10-01', '1.0000', 3],
      ['2025-10-02', '1.0000', 1], // 1.00005 rounds half to even → 1.0000, within Class III
      ['2025-10-03', '1.0002', 1], // 1.00015 → 1.0002
    ]);
    const found = detectDailyMeanExceedances(means, catalog, std);
    expect(found.map((e) => [e.basis, e.valueMgL])).toEqual([[{ kind: 'daily-mean', date: '2025-10-03', readingCount: 1 }, '1.0002']]);
  });

  it('opens a case for a section with no open case and updates the newest real open case otherwise', () => {
    const exceedances = detectReadingExceedances(
      [reading('NH3-N', 1.5, '2025-10-01T08:00:00+08:00'), reading('NH3-N', 1.6, '2025-10-01T08:00:00+08:00', 'yellow-fenglingdu'), reading('COD', 31, '2025-10-01T08:00:00+08:00', 'huai-wangjiaba')],
      catalog,
      std,
    );
    const decisions = decideExceedanceCases(
      exceedances,
      [
        { id: 'case-old', sectionId: 'yellow-liuzhuang', exercise: false, openedAt: '2025-09-01T00:00:00.000Z' },
        { id: 'case-new', sectionId: 'yellow-liuzhuang', exercise: false, openedAt: '2025-09-20T00:00:00.000Z' },
        { id: 'case-drill', sectionId: 'yellow-liuzhuang', exercise: true, openedAt: '2025-09-30T00:00:00.000Z' },
        { id: 'case-drill-2', sectionId: 'huai-wangjiaba', exercise: true, openedAt: '2025-09-30T00:00:00.000Z' },
      ],
      catalog,
    );
    expect(decisions.map((d) => (d.action === 'update' ? [d.action, d.sectionId, d.caseId] : [d.action, d.sectionId, d.partyProvinces]))).toEqual([
      ['open', 'huai-wangjiaba', ['410000', '340000']],
      ['open', 'yellow-fenglingdu', ['140000', '610000', '410000']],
      ['update', 'yellow-liuzhuang', 'case-new'],
    ]);
  });
});
