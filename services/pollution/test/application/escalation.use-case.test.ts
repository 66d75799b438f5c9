import { describe, expect, it } from 'vitest';
import { escalateAlertsHandler } from '../../src/application/escalate-alerts/escalate-alerts.handler.ts';
import { createPollutionUseCases } from '../../src/application/pollution.use-cases.ts';
import { caller, HENAN, ManualClock, SHANDONG } from '../support/fixtures.ts';
import { inMemoryDeps } from '../support/in-memory-pollution.store.ts';

const henan = caller(HENAN);
const shandong = caller(SHANDONG);
const job = { kind: 'system', subject: 'pollution:escalation-job' } as const;
const alert = (status: 'Actual' | 'Exercise') => ({
  status,
  category: 'early-warning',
  severity: 'II',
  sectionId: 'yellow-liuzhuang',
  location: { description: 'Puyang reach' },
  pollutant: { name: 'benzene' },
  headline: `${status}: benzene`,
  description: 'Tanker overturned.',
});

function setup() {
  const clock = new ManualClock('2026-11-19T00:00:00Z');
  const { store, deps } = inMemoryDeps(clock);
  const run = () => escalateAlertsHandler({ transaction: deps.transaction, clock, escalationPolicy: deps.escalationPolicy, job });
  return { clock, store, useCases: createPollutionUseCases(deps), run };
}

describe('the escalation job', () => {
  it('alerts the duty roster at the deadline, once, then the joint mechanism after the second interval', async () => {
    const { clock, store, useCases, run } = setup();
    await useCases.issueAlert(henan, alert('Actual'));
    clock.set('2026-11-19T00:59:59Z');
    expect(await run()).toEqual({ messages: 0, escalations: 0 });
    clock.set('2026-11-19T01:00:00Z');
    expect((await run()).escalations).toBe(1);
    expect((await run()).escalations).toBe(0);
    clock.set('2026-11-19T02:00:00Z');
    expect((await run()).escalations).toBe(1);
    clock.set('2026-11-20T00:00:00Z');
    expect(await run()).toEqual({ messages: 0, escalations: 0 });

    const escalated = store.events.filter((e) => e.type === 'pollution.alert.escalated');
    expect(escalated.map((e) => [(e.payload as { step: string }).step, e.audienceProvinces])).toEqual([
      ['duty-roster', [SHANDONG, HENAN]],
      ['joint-mechanism', [HENAN, SHANDONG]],
    ]);
    expect(store.audit.filter((a) => a.action === 'escalate-alert').map((a) => a.actor)).toEqual([job, job]);
  });

  it('does nothing for a province that acknowledged in time, nor for a cancelled alert', async () => {
    const { clock, store, useCases, run } = setup();
    const first = await useCases.issueAlert(henan, alert('Actual'));
    const second = await useCases.issueAlert(henan, { ...alert('Actual'), headline: 'second' });
    clock.set('2026-11-19T00:30:00Z');
    await useCases.acknowledgeAlert(shandong, first.view.view === 'full' ? first.view.id : '', undefined);
    await useCases.cancelAlert(henan, second.view.view === 'full' ? second.view.id : '', 'false alarm');
    clock.set('2026-11-19T03:00:00Z');
    expect((await run()).escalations).toBe(0);
    expect(store.events.some((e) => e.type === 'pollution.alert.escalated')).toBe(false);
  });

  it('escalates an exercise on its own, marked as an exercise', async () => {
    const { clock, store, useCases, run } = setup();
    await useCases.issueAlert(henan, alert('Exercise'));
    clock.set('2026-11-19T01:00:00Z');
    expect((await run()).escalations).toBe(1);
    expect(store.events.filter((e) => e.type === 'pollution.alert.escalated').map((e) => e.exercise)).toEqual([true]);
  });

  it('shares due messages between concurrent runs without doing a step twice', async () => {
    const { clock, store, useCases, run } = setup();
    for (let i = 0; i < 5; i += 1) await useCases.issueAlert(henan, { ...alert('Actual'), headline: `alert ${i}` });
    clock.set('2026-11-19T01:00:00Z');
    const results = await Promise.all([run(), run(), run()]);
    expect(results.reduce((n, r) => n + r.escalations, 0)).toBe(5);
    expect(store.events.filter((e) => e.type === 'pollution.alert.escalated')).toHaveLength(5);
  });
});
