import { describe, expect, it } from 'vitest';
import { issueAlert, type IssueAlertInput } from '../../../src/domain/alerts/alert.commands.ts';
import { acknowledgementDeadline, dueEscalations } from '../../../src/domain/alerts/alert.escalation.ts';
import type { AlertMessage } from '../../../src/domain/alerts/alert.model.ts';
import { setEscalationPolicy, type EscalationPolicyInput } from '../../../src/domain/alerts/escalation-policy.commands.ts';
import { DEFAULT_ESCALATION_POLICY, resolveEscalationPolicy, type RecordedEscalationPolicy } from '../../../src/domain/alerts/escalation-policy.ts';
import { PollutionDomainError } from '../../../src/domain/common/domain-errors.ts';
import { createReferenceCatalog } from '../../../src/domain/reference/reference.catalog.ts';
import { actor, HENAN, ManualClock, SHANDONG } from '../../support/fixtures.ts';

const catalog = createReferenceCatalog();
const admin = actor('000000', ['admin'], 'platform.admin');
const shipped: RecordedEscalationPolicy = { ...DEFAULT_ESCALATION_POLICY, recordedAt: '2025-01-01T00:00:00.000Z', recordedBy: { subject: 'platform', username: 'platform', province: '000000' } };

const liuzhuangInput = (overrides: Partial<EscalationPolicyInput> = {}): EscalationPolicyInput => ({
  policyId: 'henan-shandong-liuzhuang',
  name: 'Henan–Shandong Yellow River (Liuzhuang)',
  sectionIds: ['yellow-liuzhuang'],
  acknowledgeWithinMinutes: { I: 30, II: 30, III: 120, IV: 720 },
  jointMechanismAfterMinutes: { I: 30, II: 60, III: 120, IV: 720 },
  jointMechanismId: 'henan-shandong-joint-mechanism',
  source: 'Henan–Shandong agreement (test figures)',
  ...overrides,
});

function issue(clock: ManualClock, id: string, overrides: Partial<IssueAlertInput> = {}): AlertMessage {
  return issueAlert(
    {
      id,
      status: 'Actual',
      category: 'early-warning',
      severity: 'II',
      sectionId: 'yellow-liuzhuang',
      location: { description: 'Puyang reach' },
      pollutant: { name: 'benzene' },
      headline: 'Benzene',
      description: 'Tanker overturned.',
      ...overrides,
    },
    { actor: actor(HENAN), clock, catalog },
  ).alert;
}

function problemsOf(run: () => unknown): Array<{ field: string; reason: string }> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PollutionDomainError);
    return [...(error as PollutionDomainError).problems];
  }
  throw new Error('expected the command to be refused');
}

describe('escalation policy versions (effectiveFrom)', () => {
  it('give a message the deadlines of the version in force when it was sent: old messages keep theirs, new ones get the new', () => {
    const clock = new ManualClock('2026-03-01T00:00:00Z');
    const before = issue(clock, 'before');
    clock.advanceMinutes(10);
    const { policy } = setEscalationPolicy([shipped], liuzhuangInput(), { actor: admin, clock, catalog });
    expect(policy).toMatchObject({ version: 1, effectiveFrom: '2026-03-01T00:10:00.000Z', recordedBy: { username: 'platform.admin' } });
    const policies = [shipped, policy];
    const source = (m: AlertMessage) => resolveEscalationPolicy(policies, m);
    clock.advanceMinutes(1);
    const after = issue(clock, 'after');

    expect(acknowledgementDeadline(before, source)).toBe('2026-03-01T01:00:00.000Z'); // default: one hour for II
    expect(acknowledgementDeadline(after, source)).toBe('2026-03-01T00:41:00.000Z'); // Liuzhuang: 30 minutes
    // At 00:45 only the new message is overdue, under the new policy (with its joint mechanism).
    clock.set('2026-03-01T00:45:00Z');
    expect(dueEscalations([before, after], source, clock).map((d) => [d.alertId, d.step, d.policy, d.jointMechanismId])).toEqual([
      ['after', 'duty-roster', 'henan-shandong-liuzhuang@1', 'henan-shandong-joint-mechanism'],
    ]);

    // A second version scheduled for later changes nothing for messages sent before it takes effect.
    const v2 = setEscalationPolicy(policies, liuzhuangInput({ acknowledgeWithinMinutes: { I: 20, II: 20, III: 60, IV: 360 }, effectiveFrom: '2026-03-02T00:00:00+08:00' }), { actor: admin, clock, catalog }).policy;
    expect(v2).toMatchObject({ version: 2, effectiveFrom: '2026-03-01T16:00:00.000Z' });
    const withV2 = [...policies, v2];
    expect(resolveEscalationPolicy(withV2, after)).toMatchObject({ version: 1 });
    clock.set('2026-03-01T16:00:00Z');
    expect(resolveEscalationPolicy(withV2, issue(clock, 'later'))).toMatchObject({ version: 2 });
    // Resolution depends only on the stored versions and the message: reproducible.
    expect(resolveEscalationPolicy([...withV2].reverse(), after)).toEqual(resolveEscalationPolicy(withV2, after));
  });

  it('prefer a policy naming the section over the default; other sections keep the default, and a new default version applies to them', () => {
    const clock = new ManualClock('2026-03-01T00:00:00Z');
    const liuzhuang = setEscalationPolicy([shipped], liuzhuangInput(), { actor: admin, clock, catalog }).policy;
    const defaultV2 = setEscalationPolicy(
      [shipped, liuzhuang],
      { policyId: 'default', name: 'Platform default', acknowledgeWithinMinutes: { I: 45, II: 45, III: 180, IV: 1440 }, jointMechanismAfterMinutes: { I: 45, II: 45, III: 180, IV: 1440 }, source: 'platform' },
      { actor: admin, clock, catalog },
    ).policy;
    expect(defaultV2).toMatchObject({ version: 2, appliesTo: 'default' });
    const policies = [shipped, liuzhuang, defaultV2];
    clock.advanceMinutes(1);
    expect(resolveEscalationPolicy(policies, issue(clock, 'l'))).toMatchObject({ id: 'henan-shandong-liuzhuang' });
    expect(resolveEscalationPolicy(policies, issue(clock, 'f', { sectionId: 'yellow-fenglingdu' }))).toMatchObject({ id: 'default', version: 2 });
    // A later version that drops the section hands its messages back to the default.
    const huaiOnly = setEscalationPolicy(policies, liuzhuangInput({ sectionIds: ['huai-wangjiaba'] }), { actor: admin, clock, catalog }).policy;
    clock.advanceMinutes(1);
    expect(resolveEscalationPolicy([...policies, huaiOnly], issue(clock, 'l2'))).toMatchObject({ id: 'default', version: 2 });
  });

  it('keep the version pinned on a stored message, even one an instance chose before it had loaded a newer version', () => {
    const clock = new ManualClock('2026-03-01T00:00:00Z');
    const liuzhuang = setEscalationPolicy([shipped], liuzhuangInput(), { actor: admin, clock, catalog }).policy;
    clock.advanceMinutes(1);
    // Sent after the Liuzhuang version took effect, but by an instance that still held only the default.
    const stale = { ...issue(clock, 'stale'), escalationPolicy: 'default@1' };
    expect(resolveEscalationPolicy([shipped, liuzhuang], stale)).toMatchObject({ id: 'default', version: 1 });
    expect(acknowledgementDeadline(stale, (m) => resolveEscalationPolicy([shipped, liuzhuang], m))).toBe('2026-03-01T01:01:00.000Z');
    // A pin naming a version this process does not hold falls back to the rule.
    expect(resolveEscalationPolicy([shipped, liuzhuang], { ...stale, escalationPolicy: 'elsewhere@9' })).toMatchObject({ id: 'henan-shandong-liuzhuang' });
  });

  it('name every invalid field, refuse the past, foreign sections and non-administrators, and check the expected version', () => {
    const clock = new ManualClock('2026-03-01T00:00:00Z');
    const ctx = { actor: admin, clock, catalog };
    expect(
      problemsOf(() =>
        setEscalationPolicy(
          [shipped],
          {
            policyId: 'Liuzhuang Policy',
            name: '',
            sectionIds: ['yellow-liuzhuang', 'nowhere', 'yellow-liuzhuang'],
            acknowledgeWithinMinutes: { I: 30, II: 0, III: 1.5, IV: 43_201 },
            jointMechanismAfterMinutes: 'soon',
            source: '  ',
            effectiveFrom: '2026-02-28T23:00:00Z',
          },
          ctx,
        ),
      ).map((p) => p.field),
    ).toEqual([
      'policyId',
      'name',
      'source',
      'acknowledgeWithinMinutes.II',
      'acknowledgeWithinMinutes.III',
      'acknowledgeWithinMinutes.IV',
      'jointMechanismAfterMinutes',
      'sectionIds[1]',
      'sectionIds[2]',
      'effectiveFrom',
    ]);
    expect(problemsOf(() => setEscalationPolicy([shipped], liuzhuangInput({ effectiveFrom: '2026-03-01 08:00' }), ctx))).toEqual([
      { field: 'effectiveFrom', reason: 'must be an ISO 8601 timestamp with an offset, e.g. 2025-09-01T08:00:00+08:00' },
    ]);
    expect(problemsOf(() => setEscalationPolicy([shipped], liuzhuangInput({ sectionIds: [] }), ctx))).toEqual([
      { field: 'sectionIds', reason: 'must name at least one section (only the default policy names none)' },
    ]);
    expect(problemsOf(() => setEscalationPolicy([shipped], { ...liuzhuangInput({ policyId: 'default' }) }, ctx))[0]?.field).toBe('sectionIds');

    const liuzhuang = setEscalationPolicy([shipped], liuzhuangInput(), ctx).policy;
    expect(problemsOf(() => setEscalationPolicy([shipped, liuzhuang], liuzhuangInput({ policyId: 'another' }), ctx))).toEqual([
      { field: 'sectionIds[0]', reason: 'is governed by policy henan-shandong-liuzhuang; remove it there first' },
    ]);
    // A few minutes of clock skew count as now; the version never takes effect before it was recorded.
    expect(setEscalationPolicy([shipped], liuzhuangInput({ effectiveFrom: '2026-02-28T23:58:00Z' }), ctx).policy.effectiveFrom).toBe('2026-03-01T00:00:00.000Z');
    const scheduled = setEscalationPolicy([shipped, liuzhuang], liuzhuangInput({ effectiveFrom: '2026-04-01T00:00:00Z' }), ctx).policy;
    expect(problemsOf(() => setEscalationPolicy([shipped, liuzhuang, scheduled], liuzhuangInput(), ctx))).toEqual([
      { field: 'effectiveFrom', reason: 'must not be before version 2 takes effect (2026-04-01T00:00:00.000Z)' },
    ]);

    expect(() => setEscalationPolicy([shipped, liuzhuang], liuzhuangInput({ expectedVersion: 3 }), ctx)).toThrow(expect.objectContaining({ code: 'POLLUTION_ESCALATION_POLICY_VERSION_CONFLICT' }));
    expect(setEscalationPolicy([shipped, liuzhuang], liuzhuangInput({ expectedVersion: 1 }), ctx).policy.version).toBe(2);
    expect(() => setEscalationPolicy([shipped], liuzhuangInput(), { ...ctx, actor: actor(HENAN) })).toThrow(expect.objectContaining({ code: 'POLLUTION_ESCALATION_POLICY_FORBIDDEN', kind: 'forbidden' }));
  });

  it('announce a change to the provinces of the sections governed before and after, and a default change to every province', () => {
    const clock = new ManualClock('2026-03-01T00:00:00Z');
    const ctx = { actor: admin, clock, catalog };
    const first = setEscalationPolicy([shipped], liuzhuangInput(), ctx);
    expect(first.event).toMatchObject({ type: 'pollution.escalation-policy.changed', aggregateId: 'henan-shandong-liuzhuang', originProvince: '000000', audienceProvinces: [HENAN, SHANDONG] });
    const moved = setEscalationPolicy([shipped, first.policy], liuzhuangInput({ sectionIds: ['han-yangwei'] }), ctx);
    expect([...moved.event.audienceProvinces].sort()).toEqual(['370000', '410000', '420000', '610000']);
    expect(moved.event.payload.previousVersion).toBe(1);
    const def = setEscalationPolicy([shipped], { policyId: 'default', name: 'd', acknowledgeWithinMinutes: { I: 1, II: 1, III: 1, IV: 1 }, jointMechanismAfterMinutes: { I: 1, II: 1, III: 1, IV: 1 }, source: 's' }, ctx);
    expect(def.event).toMatchObject({ audienceProvinces: [], audienceAllProvinces: true });
  });
});
