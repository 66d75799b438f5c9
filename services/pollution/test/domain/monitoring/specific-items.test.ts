import { describe, expect, it } from 'vitest';
import { classifyValue } from '../../../src/domain/monitoring/water-class.ts';
import { GB_3838_2002 } from '../../../src/domain/monitoring/water-quality-standard.data.ts';
import { detectReadingExceedances, exceedsSectionTarget } from '../../../src/domain/monitoring/exceedance.detection.ts';
import { createReferenceCatalog } from '../../../src/domain/reference/reference.catalog.ts';
import { validateReadings } from '../../../src/domain/monitoring/reading.validation.ts';
import { ManualClock } from '../../support/fixtures.ts';

const catalog = createReferenceCatalog();
const liuzhuang = catalog.section('yellow-liuzhuang')!;

describe('specific items (benzene, GB 3838-2002 table 3)', () => {
  it('judge no class, so they never decide a section class', () => {
    expect(classifyValue(GB_3838_2002, 'benzene', '0.5', 'river')).toBeUndefined();
  });

  it('are exceedances above their single limit, at any target class, and not at the limit itself', () => {
    expect(exceedsSectionTarget(liuzhuang, GB_3838_2002, 'benzene', '0.01')).toBe(false);
    expect(exceedsSectionTarget(liuzhuang, GB_3838_2002, 'benzene', '0.0101')).toBe(true);
    const [e] = detectReadingExceedances([{ sectionId: 'yellow-liuzhuang', parameter: 'benzene', valueMgL: 0.086, sampledAt: '2026-11-19T02:00:00.000Z' }], catalog, GB_3838_2002);
    expect(e).toMatchObject({ parameter: 'benzene', targetLimitMgL: '0.01', exceedanceMultiple: '7.60', valueMgL: '0.086' });
    expect(e?.observedClass).toBeUndefined();
  });

  it('are accepted as readings, in µg/L too', () => {
    const result = validateReadings(
      [{ sectionId: 'yellow-liuzhuang', parameter: 'benzene', value: '86', unit: 'µg/L', sampledAt: '2026-11-19T10:00:00+08:00' }],
      { catalog, standard: GB_3838_2002, clock: new ManualClock('2026-11-20T00:00:00Z') },
    );
    expect(result).toEqual({ ok: true, readings: [{ sectionId: 'yellow-liuzhuang', parameter: 'benzene', valueMgL: 0.086, sampledAt: '2026-11-19T02:00:00.000Z' }] });
  });
});
