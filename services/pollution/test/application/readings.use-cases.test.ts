import { describe, expect, it } from 'vitest';
import { createPollutionUseCases } from '../../src/application/pollution.use-cases.ts';
import { ANHUI, caller, HENAN, ManualClock, SHANDONG } from '../support/fixtures.ts';
import { inMemoryDeps } from '../support/in-memory-pollution.store.ts';

const henan = caller(HENAN);
const shandong = caller(SHANDONG);

const reading = (overrides: Record<string, unknown> = {}) => ({
  sectionId: 'yellow-liuzhuang',
  parameter: 'NH3-N',
  value: '0.42',
  unit: 'mg/L',
  sampledAt: '2026-11-18T10:00:00+08:00',
  ...overrides,
});

function setup() {
  const clock = new ManualClock('2026-11-19T00:00:00Z');
  const { store, deps } = inMemoryDeps(clock);
  return { clock, store, useCases: createPollutionUseCases(deps) };
}

describe('ingesting readings', () => {
  it('rejects a batch with an unknown section, a negative value, a wrong unit, a future time and a duplicate, naming each field, and stores nothing', async () => {
    const { store, useCases } = setup();
    const batch = [
      reading(),
      reading({ sectionId: 'yellow-nowhere' }),
      reading({ parameter: 'COD', value: '-3' }),
      reading({ parameter: 'TP', unit: 'ppm' }),
      reading({ parameter: 'TN', sampledAt: '2026-11-20T10:00:00+08:00' }),
      reading(),
    ];
    const error = await useCases.submitReadings(henan, batch).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'POLLUTION_READINGS_INVALID', kind: 'validation' });
    expect((error as { problems: Array<{ field: string }> }).problems.map((p) => p.field)).toEqual([
      'readings[1].sectionId',
      'readings[2].value',
      'readings[3].unit',
      'readings[4].sampledAt',
      'readings[5]',
    ]);
    expect(store.state.readings.size).toBe(0);
    expect(store.state.batches).toEqual([]);
    expect(store.audit).toEqual([]);
  });

  it('names the line of each bad CSV row (the header is line 1)', async () => {
    const { store, useCases } = setup();
    const csv = [
      'section_id,parameter,value,unit,sampled_at',
      'yellow-liuzhuang,COD,16.2,mg/L,2026-11-18T10:00:00+08:00',
      'yellow-liuzhuang,COD,-1,mg/L,2026-11-18T11:00:00+08:00',
      '',
      'yellow-liuzhuang,TP,0.1,g/L,2026-11-18T10:00:00+08:00',
    ].join('\n');
    await expect(useCases.submitReadingsCsv(henan, csv)).rejects.toMatchObject({
      problems: [
        { field: 'lines[3].value', line: 3, reason: 'a concentration cannot be negative' },
        { field: 'lines[5].unit', line: 5 },
      ],
    });
    expect(store.state.readings.size).toBe(0);
  });

  it('refuses a reading already stored, naming it, and keeps the rest of that batch out too', async () => {
    const { store, useCases } = setup();
    await useCases.submitReadings(henan, [reading()]);
    await expect(useCases.submitReadings(shandong, [reading({ parameter: 'COD', value: '15' }), reading()])).rejects.toMatchObject({
      problems: [{ field: 'readings[1]', reason: expect.stringContaining('already stored') }],
    });
    expect(store.state.readings.size).toBe(1);
  });

  it('accepts readings only from the provinces on either side of the section, and only from environmental bureaus', async () => {
    const { useCases } = setup();
    await expect(useCases.submitReadings(caller(ANHUI), [reading()])).rejects.toMatchObject({ problems: [{ field: 'readings[0].sectionId', reason: expect.stringContaining('neither side') }] });
    await expect(useCases.submitReadings(caller(HENAN, ['liaison']), [reading()])).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('opens a case on the first exceedance at a section and adds later ones to it', async () => {
    const { store, useCases } = setup();
    const first = await useCases.submitReadings(henan, [reading(), reading({ parameter: 'benzene', value: '86', unit: 'µg/L', sampledAt: '2026-11-18T16:00:00+08:00' })]);
    expect(first).toMatchObject({ accepted: 2, exceedances: 1, updatedCaseIds: [] });
    expect(first.openedCaseIds).toHaveLength(1);
    const opened = store.state.cases.get(first.openedCaseIds[0]!)!;
    expect(opened).toMatchObject({ partyProvinces: [HENAN, SHANDONG], origin: { kind: 'exceedance' }, exceedances: [{ parameter: 'benzene', valueMgL: '0.086', exceedanceMultiple: '7.60' }] });

    const second = await useCases.submitReadings(shandong, [reading({ parameter: 'NH3-N', value: '1.6', sampledAt: '2026-11-18T18:00:00+08:00' })]);
    expect(second).toMatchObject({ exceedances: 1, openedCaseIds: [], updatedCaseIds: [opened.id] });
    expect(store.state.cases.get(opened.id)?.exceedances).toHaveLength(2);
    expect(store.events.map((e) => e.type)).toEqual(['pollution.case.opened', 'pollution.case.exceedances-added']);
    expect(store.audit.map((a) => a.action)).toEqual(['open-case', 'ingest-readings', 'add-exceedances', 'ingest-readings']);
    expect(store.audit.find((a) => a.action === 'ingest-readings')?.details).toMatchObject({ readings: 2, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('lets the section\'s environmental bureaus and the observer read its readings, nobody else', async () => {
    const { useCases } = setup();
    await useCases.submitReadings(henan, [reading(), reading({ parameter: 'COD', value: '15.5' })]);
    const page = { offset: 0, limit: 10 };
    expect((await useCases.listReadings(shandong, { sectionId: 'yellow-liuzhuang', page })).total).toBe(2);
    expect((await useCases.listReadings(caller('000000', ['observer']), { sectionId: 'yellow-liuzhuang', parameter: 'COD', page })).items.map((r) => r.valueText)).toEqual(['15.5']);
    await expect(useCases.listReadings(caller(ANHUI), { sectionId: 'yellow-liuzhuang', page })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(useCases.listReadings(shandong, { sectionId: 'nowhere', page })).rejects.toMatchObject({ kind: 'validation', problems: [{ field: 'sectionId' }] });
  });
});
