import { describe, expect, it } from 'vitest';
import { createPollutionUseCases } from '../../src/application/pollution.use-cases.ts';
import { ANHUI, caller, HENAN, ManualClock, SHANDONG } from '../support/fixtures.ts';
import { inMemoryDeps } from '../support/in-memory-pollution.store.ts';

const henan = caller(HENAN);
const shandong = caller(SHANDONG);

async function caseInEnforcement() {
  const clock = new ManualClock('2026-11-19T00:00:00Z');
  const { store, deps } = inMemoryDeps(clock);
  const useCases = createPollutionUseCases(deps);
  const issued = await useCases.issueAlert(henan, {
    status: 'Actual',
    category: 'early-warning',
    severity: 'II',
    sectionId: 'yellow-liuzhuang',
    location: { description: 'Puyang reach' },
    pollutant: { name: 'benzene' },
    headline: 'Benzene spill',
    description: 'Tanker overturned.',
  });
  const alertId = issued.view.view === 'full' ? issued.view.id : '';
  const opened = await useCases.openCase(henan, { alertId });
  const caseId = opened.id;
  await useCases.changeCaseState(shandong, { caseId, command: 'start-joint-investigation' });
  await useCases.changeCaseState(henan, { caseId, command: 'start-joint-enforcement' });
  return { clock, store, useCases, caseId, alertId };
}

describe('cases', () => {
  it('opens from an alert with its provinces as parties, once per thread', async () => {
    const { useCases, caseId, alertId } = await caseInEnforcement();
    const c = await useCases.getCase(henan, caseId);
    expect(c).toMatchObject({ view: 'full', partyProvinces: [HENAN, SHANDONG], alertThreadIds: [alertId], state: 'joint_enforcement', title: 'Benzene spill' });
    await expect(useCases.openCase(shandong, { alertId })).rejects.toMatchObject({ code: 'POLLUTION_CASE_CONFLICT' });
  });

  it('keeps a timeline of every change with actor and province', async () => {
    const { useCases, caseId } = await caseInEnforcement();
    const c = await useCases.getCase(shandong, caseId);
    expect(c.view === 'full' && c.timeline.map((t) => [t.seq, t.kind, t.actor.username, t.province])).toEqual([
      [1, 'opened', henan.username, HENAN],
      [2, 'state-changed', shandong.username, SHANDONG],
      [3, 'state-changed', henan.username, HENAN],
    ]);
  });

  it('lets no party edit another party\'s enforcement action, and keeps the old values on the timeline', async () => {
    const { store, useCases, caseId } = await caseInEnforcement();
    const { actionId } = await useCases.recordEnforcementAction(henan, { caseId, date: '2026-11-19', findings: 'Drain outlet sealed.' });
    await expect(useCases.amendEnforcementAction(shandong, { caseId, actionId, findings: 'Rewritten by Shandong' })).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'POLLUTION_CASE_FORBIDDEN',
    });
    await expect(useCases.amendEnforcementAction(caller(ANHUI), { caseId, actionId, findings: 'x' })).rejects.toMatchObject({ kind: 'not-found' });
    const amended = await useCases.amendEnforcementAction(henan, { caseId, actionId, findings: 'Drain outlet sealed; 9.6 t recovered.' });
    expect(amended.view === 'full' && amended.enforcementActions[0]).toMatchObject({ findings: 'Drain outlet sealed; 9.6 t recovered.', revision: 1 });
    expect(amended.view === 'full' && amended.timeline.at(-1)?.details).toMatchObject({ before: { findings: 'Drain outlet sealed.' } });
    expect(store.audit.filter((a) => a.action === 'amend-enforcement-action')).toHaveLength(1);
  });

  it('refuses a write based on a stale version', async () => {
    const { useCases, caseId } = await caseInEnforcement();
    const c = await useCases.getCase(henan, caseId);
    const version = c.view === 'full' ? c.version : 0;
    await useCases.recordEnforcementAction(henan, { caseId, date: '2026-11-19', findings: 'Sealed.', expectedVersion: version });
    await expect(useCases.recordEnforcementAction(shandong, { caseId, date: '2026-11-19', findings: 'Intakes closed.', expectedVersion: version })).rejects.toMatchObject({
      code: 'POLLUTION_CASE_VERSION_CONFLICT',
    });
  });

  it('takes monitoring evidence only for readings that are stored', async () => {
    const { useCases, caseId } = await caseInEnforcement();
    await useCases.submitReadings(henan, [{ sectionId: 'yellow-liuzhuang', parameter: 'benzene', value: '0.086', unit: 'mg/L', sampledAt: '2026-11-18T16:00:00+08:00' }]);
    const refs = [
      { sectionId: 'yellow-liuzhuang', parameter: 'benzene', sampledAt: '2026-11-18T16:00:00+08:00' },
      { sectionId: 'yellow-liuzhuang', parameter: 'benzene', sampledAt: '2026-11-18T17:00:00+08:00' },
    ];
    await expect(useCases.addCaseEvidence(henan, { caseId, evidence: { kind: 'monitoring-data', description: 'Plume', readings: refs } })).rejects.toMatchObject({
      problems: [{ field: 'readings[1]' }],
    });
    const { case: c } = await useCases.addCaseEvidence(henan, { caseId, evidence: { kind: 'monitoring-data', description: 'Plume', readings: refs.slice(0, 1) } });
    expect(c.view === 'full' && c.evidence).toHaveLength(1);
    expect((await useCases.listCaseReadings(shandong, caseId)).map((r) => r.valueText)).toEqual(['0.086']);
  });

  it('shows a party\'s liaison office the summary only, and no readings; a non-party sees no case at all, and no count of it', async () => {
    const { useCases, caseId } = await caseInEnforcement();
    const liaison = caller(SHANDONG, ['liaison']);
    const summary = await useCases.getCase(liaison, caseId);
    expect(summary.view).toBe('summary');
    expect(summary).not.toHaveProperty('timeline');
    await expect(useCases.listCaseReadings(liaison, caseId)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(useCases.getCase(caller(ANHUI), caseId)).rejects.toMatchObject({ kind: 'not-found', message: 'No such case.' });
    expect(await useCases.listCases(caller(ANHUI), { page: { offset: 0, limit: 10 } })).toEqual({ items: [], total: 0 });
    expect((await useCases.listCases(liaison, { page: { offset: 0, limit: 10 } })).items.map((i) => i.level)).toEqual(['summary']);
  });
});
