import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { ReadingsRecordedSchema, TOPICS, WaterClass } from '@xietong/proto';
import { describe, expect, it } from 'vitest';
import { createPollutionUseCases } from '../../src/application/pollution.use-cases.ts';
import { toContractEvent } from '../../src/contracts/event-mappers.ts';
import { DEFAULT_ESCALATION_POLICY, MAX_EVENT_EXCEEDANCES, type ReadingsRecordedPayload } from '../../src/domain/index.ts';
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
    expect(store.events.map((e) => e.type)).toEqual(['pollution.readings.recorded', 'pollution.case.opened', 'pollution.readings.recorded', 'pollution.case.exceedances-added']);
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

describe('the ReadingsRecorded event of an upload', () => {
  const recorded = (events: ReturnType<typeof setup>['store']['events']) => events.filter((e) => e.type === 'pollution.readings.recorded');

  it('is written with the readings: batch, count, each parameter with its count and sampling span, the exceedances; for the section\'s provinces', async () => {
    const { store, useCases } = setup();
    const outcome = await useCases.submitReadings({ ...henan, correlationId: 'corr-readings-1' }, [
      reading({ parameter: 'COD', value: '16.2', sampledAt: '2026-11-18T10:00:00+08:00' }),
      reading({ parameter: 'COD', value: '15.1', sampledAt: '2026-11-18T08:00:00+08:00' }),
      reading({ parameter: 'COD', value: '31', sampledAt: '2026-11-18T12:00:00+08:00' }),
      reading({ parameter: 'benzene', value: '86', unit: 'µg/L', sampledAt: '2026-11-18T16:00:00+08:00' }),
      reading({ parameter: 'NH3-N', value: '0.42', sampledAt: '2026-11-18T09:00:00+08:00' }),
    ]);
    const events = recorded(store.events);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      aggregate: 'section',
      aggregateId: 'yellow-liuzhuang',
      originProvince: HENAN,
      audienceProvinces: [HENAN, SHANDONG],
      exercise: false,
      actor: { subject: henan.subject, province: HENAN },
      occurredAt: '2026-11-19T00:00:00.000Z',
    });
    const payload = event!.payload as ReadingsRecordedPayload;
    expect(payload).toMatchObject({
      sectionId: 'yellow-liuzhuang',
      batchId: outcome.batchId,
      count: 5,
      exceedanceCount: 2,
      upstreamProvinces: [HENAN],
      downstreamProvinces: [SHANDONG],
      submittingProvince: HENAN,
      receivedAt: '2026-11-19T00:00:00.000Z',
      parameters: [
        { parameter: 'COD', count: 3, firstSampledAt: '2026-11-18T00:00:00.000Z', lastSampledAt: '2026-11-18T04:00:00.000Z' },
        { parameter: 'NH3-N', count: 1, firstSampledAt: '2026-11-18T01:00:00.000Z', lastSampledAt: '2026-11-18T01:00:00.000Z' },
        { parameter: 'benzene', count: 1, firstSampledAt: '2026-11-18T08:00:00.000Z', lastSampledAt: '2026-11-18T08:00:00.000Z' },
      ],
    });
    // Exceedances in sampling order: COD at noon (worse than the Class III target), benzene above its single limit.
    expect(payload.exceedances.map((e) => [e.parameter, e.basis, e.valueMgL, e.observedClass, e.targetLimitMgL])).toEqual([
      ['COD', { kind: 'reading', sampledAt: '2026-11-18T04:00:00.000Z' }, '31', 5, '20'],
      ['benzene', { kind: 'reading', sampledAt: '2026-11-18T08:00:00.000Z' }, '0.086', undefined, '0.01'],
    ]);
    // Not every value: only the exceedances carry one.
    expect(JSON.stringify(payload)).not.toContain('16.2');

    // In the same transaction as the readings (the in-memory unit of work keeps the events only when it commits).
    expect(store.state.readings.size).toBe(5);
  });

  it('maps to ReadingsRecorded on xietong.pollution.readings.v1, which round-trips through protobuf', async () => {
    const { store, useCases } = setup();
    await useCases.submitReadings(henan, [reading({ parameter: 'benzene', value: '86', unit: 'µg/L' }), reading()]);
    const contract = toContractEvent(recorded(store.events)[0]!, DEFAULT_ESCALATION_POLICY);
    expect(contract.topic).toBe(TOPICS.pollutionReadings);
    expect(contract.schema.typeName).toBe('xietong.pollution.v1.ReadingsRecorded');
    const message = fromBinary(ReadingsRecordedSchema, toBinary(ReadingsRecordedSchema, create(ReadingsRecordedSchema, contract.payload as never)));
    expect(message).toMatchObject({
      sectionId: 'yellow-liuzhuang',
      count: 2,
      exceedanceCount: 1,
      upstreamProvinces: [HENAN],
      downstreamProvinces: [SHANDONG],
      submittingProvince: HENAN,
      parameters: [{ parameter: 'NH3-N', count: 1 }, { parameter: 'benzene', count: 1 }],
      exceedances: [{ sectionId: 'yellow-liuzhuang', parameter: 'benzene', valueMgL: '0.086', observedClass: WaterClass.UNSPECIFIED, targetLimitMgL: '0.01', exceedanceMultiple: '7.60' }],
    });
    expect(message.exceedances[0]!.sampledAt).toBeDefined();
  });

  it('comes once per section of an upload spanning sections, each for that section\'s provinces, from a CSV upload too', async () => {
    const { store, useCases } = setup();
    const csv = [
      'section_id,parameter,value,unit,sampled_at',
      'yellow-liuzhuang,COD,16.2,mg/L,2026-11-18T10:00:00+08:00',
      'dan-jingziguan,COD,12,mg/L,2026-11-18T10:00:00+08:00',
      'dan-jingziguan,TP,0.05,mg/L,2026-11-18T11:00:00+08:00',
    ].join('\n');
    // Henan is downstream at Jingziguan (Shaanxi → Henan) and upstream at Liuzhuang.
    const outcome = await useCases.submitReadingsCsv(henan, csv);
    const events = recorded(store.events);
    expect(events.map((e) => [e.aggregateId, e.audienceProvinces, (e.payload as ReadingsRecordedPayload).count, (e.payload as ReadingsRecordedPayload).batchId])).toEqual([
      ['dan-jingziguan', ['610000', HENAN], 2, outcome.batchId],
      ['yellow-liuzhuang', [HENAN, SHANDONG], 1, outcome.batchId],
    ]);
  });

  it('is not written when the upload is refused', async () => {
    const { store, useCases } = setup();
    await useCases.submitReadings(henan, [reading()]);
    await expect(useCases.submitReadings(henan, [reading({ parameter: 'COD', value: '15' }), reading()])).rejects.toMatchObject({ code: 'POLLUTION_READINGS_INVALID' });
    await expect(useCases.submitReadings(caller(ANHUI), [reading({ parameter: 'TP' })])).rejects.toMatchObject({ code: 'POLLUTION_READINGS_INVALID' });
    expect(recorded(store.events)).toHaveLength(1);
  });

  it('lists at most MAX_EVENT_EXCEEDANCES exceedances and counts them all', async () => {
    const { store, useCases } = setup();
    const many = Array.from({ length: MAX_EVENT_EXCEEDANCES + 5 }, (_, i) =>
      reading({ parameter: 'COD', value: '40', sampledAt: new Date(Date.parse('2026-11-10T00:00:00Z') + i * 60_000).toISOString() }),
    );
    await useCases.submitReadings(henan, many);
    const payload = recorded(store.events)[0]!.payload as ReadingsRecordedPayload;
    expect(payload.exceedanceCount).toBe(MAX_EVENT_EXCEEDANCES + 5);
    expect(payload.exceedances).toHaveLength(MAX_EVENT_EXCEEDANCES);
    expect(payload.exceedances[0]!.basis).toEqual({ kind: 'reading', sampledAt: '2026-11-10T00:00:00.000Z' });
  });
});
