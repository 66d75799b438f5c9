import { describe, expect, it } from 'vitest';
import { createPollutionUseCases } from '../../src/application/pollution.use-cases.ts';
import { ANHUI, caller, HENAN, JIANGSU, ManualClock, SHANDONG } from '../support/fixtures.ts';
import { inMemoryDeps } from '../support/in-memory-pollution.store.ts';

const henan = caller(HENAN);
const shandong = caller(SHANDONG);
const shandongLiaison = caller(SHANDONG, ['liaison']);
const anhui = caller(ANHUI);
const observer = caller('000000', ['observer']);

const benzeneAlert = {
  status: 'Actual',
  category: 'early-warning',
  severity: 'II',
  sectionId: 'yellow-liuzhuang',
  location: { description: 'Puyang reach', cityCode: '410900' },
  pollutant: { name: 'benzene', parameter: 'benzene', estimatedQuantity: { value: 12, unit: 't' } },
  headline: 'Benzene spill upstream of Liuzhuang',
  description: 'A road tanker overturned.',
};

function setup() {
  const clock = new ManualClock('2026-11-19T00:05:00Z');
  const { store, deps } = inMemoryDeps(clock);
  return { clock, store, useCases: createPollutionUseCases(deps) };
}

describe('issuing an alert', () => {
  it('stores it, addresses the downstream province, publishes AlertIssued to both and audits it in the same unit of work', async () => {
    const { store, useCases } = setup();
    const issued = await useCases.issueAlert(henan, benzeneAlert);
    expect(issued.view).toMatchObject({ view: 'full', addressees: [SHANDONG], senderProvince: HENAN });
    expect(issued.acknowledgeBy).toBe('2026-11-19T01:05:00.000Z');
    expect(issued.awaitingProvinces).toEqual([SHANDONG]);
    expect(store.events).toMatchObject([{ type: 'pollution.alert.issued', aggregate: 'alert', audienceProvinces: [HENAN, SHANDONG], exercise: false }]);
    expect(store.audit).toMatchObject([{ action: 'issue-alert', recordType: 'alert', actor: { subject: henan.subject } }]);
  });

  it('refuses bad input with every field problem and stores nothing', async () => {
    const { store, useCases } = setup();
    await expect(useCases.issueAlert(henan, { ...benzeneAlert, severity: 'V', headline: '' })).rejects.toMatchObject({
      code: 'POLLUTION_ALERT_INVALID',
      problems: [
        { field: 'severity', reason: expect.stringContaining('I, II, III, IV') },
        { field: 'headline', reason: 'is required' },
      ],
    });
    expect(store.state.alerts.size).toBe(0);
    expect(store.events).toEqual([]);
  });

  it('is for environmental bureaus of the section\'s provinces only', async () => {
    const { useCases } = setup();
    await expect(useCases.issueAlert(shandongLiaison, benzeneAlert)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(useCases.issueAlert(anhui, benzeneAlert)).rejects.toMatchObject({ kind: 'validation', problems: [{ field: 'sectionId', reason: expect.stringContaining('neither side') }] });
  });
});

describe('reading and acknowledging an alert', () => {
  it('shows the whole alert to the parties\' environmental bureaus and the observer, the summary to a liaison office, nothing to others', async () => {
    const { useCases } = setup();
    const issued = await useCases.issueAlert(henan, benzeneAlert);
    const id = issued.view.view === 'full' ? issued.view.id : '';
    expect((await useCases.getAlert(shandong, id)).alert.view.view).toBe('full');
    expect((await useCases.getAlert(observer, id)).alert.view.view).toBe('full');
    const summary = (await useCases.getAlert(shandongLiaison, id)).alert.view;
    expect(summary.view).toBe('summary');
    expect(summary).not.toHaveProperty('description');
    await expect(useCases.getAlert(anhui, id)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(useCases.getAlert(anhui, 'no-such-id')).rejects.toMatchObject({ kind: 'not-found', message: 'No such alert.' });
  });

  it('shows it to the parties of a case it is linked to, naming those provinces on the record', async () => {
    const { useCases } = setup();
    const issued = await useCases.issueAlert(henan, benzeneAlert);
    const id = issued.view.view === 'full' ? issued.view.id : '';
    expect(issued.linkedCaseProvinces).toEqual([]);
    await expect(useCases.getAlert(caller(JIANGSU), id)).rejects.toMatchObject({ kind: 'not-found' });
    const opened = await useCases.openCase(henan, { sectionId: 'yellow-liuzhuang', title: 'Benzene towards the Jiangsu intake', partyProvinces: [HENAN, SHANDONG, JIANGSU] });
    await useCases.linkAlertToCase(henan, { caseId: opened.id, alertId: id });
    const seen = (await useCases.getAlert(caller(JIANGSU), id)).alert;
    expect(seen.view.view).toBe('full');
    // The sender and the addressee are parties already: only the further province is named.
    expect(seen.linkedCaseProvinces).toEqual([JIANGSU]);
    expect((await useCases.getAlert(henan, id)).alert.linkedCaseProvinces).toEqual([JIANGSU]);
    await expect(useCases.getAlert(anhui, id)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('lets only the addressed province\'s environmental bureau acknowledge, once, and a non-party learns nothing', async () => {
    const { store, useCases } = setup();
    const issued = await useCases.issueAlert(henan, benzeneAlert);
    const id = issued.view.view === 'full' ? issued.view.id : '';
    await expect(useCases.acknowledgeAlert(anhui, id, undefined)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(useCases.acknowledgeAlert(henan, id, undefined)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(useCases.acknowledgeAlert(shandongLiaison, id, undefined)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(useCases.acknowledgeAlert(observer, id, undefined)).rejects.toMatchObject({ kind: 'forbidden' });
    const acked = await useCases.acknowledgeAlert(shandong, id, 'Intakes closed.');
    expect(acked.awaitingProvinces).toEqual([]);
    expect(store.state.dueAt.get(id)).toBeUndefined();
    await expect(useCases.acknowledgeAlert(shandong, id, undefined)).rejects.toMatchObject({ code: 'POLLUTION_ALERT_ALREADY_ACKNOWLEDGED' });
    expect(store.events.map((e) => e.type)).toEqual(['pollution.alert.issued', 'pollution.alert.acknowledged']);
  });

  it('lets only the issuing province update or cancel, each as a new message that references the old one', async () => {
    const { useCases } = setup();
    const issued = await useCases.issueAlert(henan, benzeneAlert);
    const id = issued.view.view === 'full' ? issued.view.id : '';
    await expect(useCases.updateAlert(shandong, id, { headline: 'x' })).rejects.toMatchObject({ kind: 'forbidden' });
    const update = await useCases.updateAlert(henan, id, { severity: 'I' });
    expect(update.view).toMatchObject({ msgType: 'Update', references: id, severity: 'I', threadId: id });
    const thread = await useCases.getAlert(henan, id);
    expect(thread.alert.view).toMatchObject({ supersededBy: update.view.view === 'full' ? update.view.id : '' });
    const cancelled = await useCases.cancelAlert(henan, update.view.view === 'full' ? update.view.id : '', 'Contained at the drain outlet.');
    expect(cancelled.view).toMatchObject({ msgType: 'Cancel' });
    expect(cancelled.acknowledgeBy).toBeUndefined();
  });
});

describe('alert lists and counts', () => {
  it('never mix exercises with real alerts, and never count what the caller may not see', async () => {
    const { useCases, clock } = setup();
    await useCases.issueAlert(henan, benzeneAlert);
    clock.advanceMinutes(5);
    await useCases.issueAlert(henan, { ...benzeneAlert, status: 'Exercise', headline: 'Drill: benzene spill' });
    clock.advanceMinutes(5);
    await useCases.issueAlert(henan, { ...benzeneAlert, sectionId: 'huai-wangjiaba', headline: 'Ammonia at Wangjiaba' });
    const page = { offset: 0, limit: 50 };

    const real = await useCases.listAlerts(shandong, { page });
    expect(real.total).toBe(1);
    expect(real.items.map((a) => a.view.view === 'full' && a.view.headline)).toEqual(['Benzene spill upstream of Liuzhuang']);
    const drills = await useCases.listAlerts(shandong, { status: 'Exercise', page });
    expect(drills.items.map((a) => a.view.view === 'full' && a.view.status)).toEqual(['Exercise']);

    expect((await useCases.listAlerts(anhui, { page })).items.map((a) => a.view.view === 'full' && a.view.headline)).toEqual(['Ammonia at Wangjiaba']);
    expect((await useCases.listAlerts(caller(ANHUI, ['investment']), { page })).total).toBe(0);
    expect((await useCases.listAlerts(observer, { page })).total).toBe(2);

    expect(await useCases.countAlerts(shandong)).toMatchObject({ total: 1, active: 1, awaitingAcknowledgement: 1, bySeverity: { II: 1 } });
    expect(await useCases.countAlerts(shandong, 'Exercise')).toMatchObject({ total: 1 });
    expect((await useCases.listAlerts(shandong, { awaitingMyAcknowledgement: true, page })).total).toBe(1);
    expect((await useCases.listAlerts(henan, { awaitingMyAcknowledgement: true, page })).total).toBe(0);
  });
});
