import { describe, expect, it } from 'vitest';
import { acknowledgeAlert, issueAlert, updateAlert, type IssueAlertInput } from '../../../src/domain/alerts/alert.commands.ts';
import { dueEscalations, recordEscalation } from '../../../src/domain/alerts/alert.escalation.ts';
import type { AlertMessage } from '../../../src/domain/alerts/alert.model.ts';
import { DEFAULT_ESCALATION_POLICY, resolveEscalationPolicy, validateEscalationPolicy, type EscalationPolicy } from '../../../src/domain/alerts/escalation-policy.ts';
import { createReferenceCatalog } from '../../../src/domain/reference/reference.catalog.ts';
import { actor, HENAN, ManualClock, SHAANXI, SHANDONG, SHANXI } from '../../support/fixtures.ts';

const catalog = createReferenceCatalog();
const T0 = '2025-10-01T00:00:00Z';

function issue(clock: ManualClock, overrides: Partial<IssueAlertInput> = {}): AlertMessage {
  const base: IssueAlertInput = {
    id: 'a1',
    status: 'Actual',
    category: 'early-warning',
    severity: 'II',
    sectionId: 'yellow-liuzhuang',
    location: { description: 'Puyang reach' },
    pollutant: { name: 'diesel' },
    headline: 'Diesel slick',
    description: 'Slick seen at the pontoon bridge.',
    ...overrides,
  };
  return issueAlert(base, { actor: actor(HENAN), clock, catalog }).alert;
}

const steps = (due: ReturnType<typeof dueEscalations>) => due.map((d) => `${d.alertId}:${d.province}:${d.step}@${d.dueAt}`);

describe('escalation deadlines (default policy: I/II 1 h, III 4 h, IV 24 h, then as long again)', () => {
  it('is not due before the deadline, is due exactly at it, and reaches the joint mechanism after the second interval', () => {
    const clock = new ManualClock(T0);
    const alert = issue(clock);
    clock.set('2025-10-01T00:59:59.999Z');
    expect(dueEscalations([alert], DEFAULT_ESCALATION_POLICY, clock)).toEqual([]);
    clock.set('2025-10-01T01:00:00Z');
    expect(steps(dueEscalations([alert], DEFAULT_ESCALATION_POLICY, clock))).toEqual(['a1:370000:duty-roster@2025-10-01T01:00:00.000Z']);
    clock.set('2025-10-01T02:00:00Z');
    expect(steps(dueEscalations([alert], DEFAULT_ESCALATION_POLICY, clock))).toEqual([
      'a1:370000:duty-roster@2025-10-01T01:00:00.000Z',
      'a1:370000:joint-mechanism@2025-10-01T02:00:00.000Z',
    ]);
  });

  it.each([
    ['I', 60],
    ['II', 60],
    ['III', 240],
    ['IV', 1440],
  ] as const)('gives severity %s %i minutes', (severity, minutes) => {
    const clock = new ManualClock(T0);
    const alert = issue(clock, { severity });
    clock.advanceMinutes(minutes - 1);
    expect(dueEscalations([alert], DEFAULT_ESCALATION_POLICY, clock)).toEqual([]);
    clock.advanceMinutes(1);
    expect(dueEscalations([alert], DEFAULT_ESCALATION_POLICY, clock).map((d) => d.step)).toEqual(['duty-roster']);
  });

  it('stops for a province once it acknowledges, even late, and carries on for the others', () => {
    const clock = new ManualClock(T0);
    // Henan alerts Shanxi and Shaanxi at Fenglingdu (Henan is downstream there).
    const alert = issue(clock, { sectionId: 'yellow-fenglingdu', category: 'request-for-assistance' });
    expect(alert.addressees).toEqual([SHANXI, SHAANXI]);
    clock.advanceMinutes(90);
    const acked = acknowledgeAlert(alert, {}, { actor: actor(SHANXI), clock }).alert;
    expect(dueEscalations([acked], DEFAULT_ESCALATION_POLICY, clock).map((d) => d.province)).toEqual([SHAANXI]);
  });

  it('is idempotent: a recorded step is not due again, and recording twice changes nothing', () => {
    const clock = new ManualClock(T0);
    let alert = issue(clock);
    clock.advanceMinutes(60);
    const [due] = dueEscalations([alert], DEFAULT_ESCALATION_POLICY, clock);
    const first = recordEscalation(alert, due!, clock);
    alert = first.alert;
    expect(first.events[0]).toMatchObject({
      type: 'pollution.alert.escalated',
      audienceProvinces: [SHANDONG, HENAN],
      exercise: false,
      payload: { step: 'duty-roster', province: SHANDONG, target: { kind: 'duty-roster', province: SHANDONG }, policy: 'default@1' },
    });
    expect(dueEscalations([alert], DEFAULT_ESCALATION_POLICY, clock)).toEqual([]);
    const again = recordEscalation(alert, due!, clock);
    expect(again.alert).toBe(alert);
    expect(again.events).toEqual([]);

    clock.advanceMinutes(60);
    const [second] = dueEscalations([alert], DEFAULT_ESCALATION_POLICY, clock);
    expect(second?.step).toBe('joint-mechanism');
    const { events } = recordEscalation(alert, second!, clock);
    expect(events[0]).toMatchObject({ audienceProvinces: [HENAN, SHANDONG], payload: { target: { kind: 'joint-mechanism', mechanismId: null } } });
  });

  it('does not record an escalation when the province acknowledged in the meantime', () => {
    const clock = new ManualClock(T0);
    const alert = issue(clock);
    clock.advanceMinutes(61);
    const [due] = dueEscalations([alert], DEFAULT_ESCALATION_POLICY, clock);
    const acked = acknowledgeAlert(alert, {}, { actor: actor(SHANDONG), clock }).alert;
    expect(recordEscalation(acked, due!, clock).events).toEqual([]);
  });

  it('keeps exercises apart: evaluated only in exercise mode, and their events are marked as exercises', () => {
    const clock = new ManualClock(T0);
    const real = issue(clock, { id: 'real' });
    const drill = issue(clock, { id: 'drill', status: 'Exercise' });
    clock.advanceMinutes(60);
    expect(dueEscalations([real, drill], DEFAULT_ESCALATION_POLICY, clock).map((d) => d.alertId)).toEqual(['real']);
    const exerciseDue = dueEscalations([real, drill], DEFAULT_ESCALATION_POLICY, clock, 'Exercise');
    expect(exerciseDue.map((d) => [d.alertId, d.status])).toEqual([['drill', 'Exercise']]);
    expect(recordEscalation(drill, exerciseDue[0]!, clock).events[0]?.exercise).toBe(true);
  });

  it('lets an update not postpone an escalation already running, and not repeat one already recorded', () => {
    const clock = new ManualClock(T0);
    let original = issue(clock, { severity: 'IV' }); // due at T0 + 24 h
    clock.advanceMinutes(600);
    const { alert: update, replaced } = updateAlert(original, { id: 'a2', severity: 'IV', description: 'Slick now 2 km long.' }, { actor: actor(HENAN), clock, catalog });
    original = replaced!;
    // The update alone would be due at T0 + 10 h + 24 h; the original deadline (T0 + 24 h) still counts.
    clock.set('2025-10-02T00:00:00Z');
    const due = dueEscalations([original, update], DEFAULT_ESCALATION_POLICY, clock);
    expect(steps(due)).toEqual(['a2:370000:duty-roster@2025-10-02T00:00:00.000Z']);

    // Had Shandong acknowledged the original, the update's own deadline would apply.
    const clock2 = new ManualClock(T0);
    const first = issue(clock2, { severity: 'IV' });
    const ackedFirst = acknowledgeAlert(first, {}, { actor: actor(SHANDONG), clock: clock2 }).alert;
    clock2.advanceMinutes(600);
    const u = updateAlert(ackedFirst, { id: 'a2' }, { actor: actor(HENAN), clock: clock2, catalog });
    clock2.set('2025-10-02T00:00:00Z');
    expect(dueEscalations([u.replaced!, u.alert], DEFAULT_ESCALATION_POLICY, clock2)).toEqual([]);

    // A duty-roster escalation recorded on the original is not repeated for the update.
    const clock3 = new ManualClock(T0);
    let a = issue(clock3);
    clock3.advanceMinutes(60);
    a = recordEscalation(a, dueEscalations([a], DEFAULT_ESCALATION_POLICY, clock3)[0]!, clock3).alert;
    const u3 = updateAlert(a, { id: 'a2' }, { actor: actor(HENAN), clock: clock3, catalog });
    expect(dueEscalations([u3.replaced!, u3.alert], DEFAULT_ESCALATION_POLICY, clock3)).toEqual([]);
    clock3.advanceMinutes(60);
    expect(dueEscalations([u3.replaced!, u3.alert], DEFAULT_ESCALATION_POLICY, clock3).map((d) => `${d.alertId}:${d.step}`)).toEqual(['a2:joint-mechanism']);
  });

  it('takes per-agreement deadlines as data and picks the policy naming the section', () => {
    const huai: EscalationPolicy = {
      id: 'huai-joint-prevention',
      version: 2,
      name: 'Henan–Jiangsu–Shandong upstream/downstream framework (example figures)',
      appliesTo: { sectionIds: ['yellow-liuzhuang'] },
      acknowledgeWithinMinutes: { I: 30, II: 30, III: 120, IV: 720 },
      jointMechanismAfterMinutes: { I: 30, II: 30, III: 120, IV: 720 },
      jointMechanismId: 'mechanism-henan-shandong',
      source: 'test',
      effectiveFrom: '2025-01-01T00:00:00.000Z',
    };
    expect(validateEscalationPolicy(huai)).toEqual([]);
    expect(validateEscalationPolicy({ ...huai, acknowledgeWithinMinutes: { ...huai.acknowledgeWithinMinutes, I: 0 } })).toEqual([
      { field: 'acknowledgeWithinMinutes.I', reason: 'must be a whole number of minutes from 1 to 43200 (30 days)' },
    ]);
    const policies = [DEFAULT_ESCALATION_POLICY, huai, { ...huai, version: 1 }];
    const clock = new ManualClock(T0);
    const liuzhuang = issue(clock, { id: 'l' });
    const fenglingdu = issue(clock, { id: 'f', sectionId: 'yellow-fenglingdu' });
    expect(resolveEscalationPolicy(policies, liuzhuang).version).toBe(2);
    expect(resolveEscalationPolicy(policies, fenglingdu).id).toBe('default');
    clock.advanceMinutes(30);
    const due = dueEscalations([liuzhuang, fenglingdu], (m) => resolveEscalationPolicy(policies, m), clock);
    expect(due.map((d) => [d.alertId, d.policy, d.jointMechanismId])).toEqual([['l', 'huai-joint-prevention@2', 'mechanism-henan-shandong']]);
  });
});
