import { describe, expect, it } from 'vitest';
import { createPollutionUseCases } from '../../src/application/pollution.use-cases.ts';
import { EscalationPolicyRegistry } from '../../src/application/shared/escalation-policy-registry.ts';
import { caller, HENAN, ManualClock, SHANDONG } from '../support/fixtures.ts';
import { inMemoryDeps } from '../support/in-memory-pollution.store.ts';

const admin = caller('000000', ['admin'], 'platform.admin');
const henan = caller(HENAN);
const alert = (headline: string) => ({
  status: 'Actual',
  category: 'early-warning',
  severity: 'II',
  sectionId: 'yellow-liuzhuang',
  location: { description: 'Puyang reach' },
  pollutant: { name: 'benzene' },
  headline,
  description: 'Tanker overturned.',
});
const liuzhuang = {
  policyId: 'henan-shandong-liuzhuang',
  name: 'Henan–Shandong Liuzhuang',
  sectionIds: ['yellow-liuzhuang'],
  acknowledgeWithinMinutes: { I: 30, II: 30, III: 120, IV: 720 },
  jointMechanismAfterMinutes: { I: 30, II: 30, III: 120, IV: 720 },
  source: 'test figures',
};

function setup() {
  const clock = new ManualClock('2026-11-19T00:00:00Z');
  const { store, deps } = inMemoryDeps(clock);
  const registry = new EscalationPolicyRegistry(() => store.allPolicyVersions());
  const useCases = createPollutionUseCases({ ...deps, escalationPolicy: registry.source, escalationPolicies: registry });
  return { clock, store, registry, useCases };
}

describe('set-escalation-policy and list-escalation-policies', () => {
  it('record a version with its event and audit row, reload this process’s policies, and leave earlier alerts’ deadlines alone', async () => {
    const { clock, store, registry, useCases } = setup();
    await registry.refresh();
    const earlier = await useCases.issueAlert(henan, alert('earlier'));
    clock.advanceMinutes(5);
    const policy = await useCases.setEscalationPolicy(admin, liuzhuang);
    expect(policy).toMatchObject({ id: 'henan-shandong-liuzhuang', version: 1, effectiveFrom: '2026-11-19T00:05:00.000Z' });
    expect(store.events.map((e) => e.type)).toContain('pollution.escalation-policy.changed');
    expect(store.audit.at(-1)).toMatchObject({ action: 'set-escalation-policy', recordType: 'escalation-policy', recordId: 'henan-shandong-liuzhuang', details: { version: 1 } });

    clock.advanceMinutes(1);
    const later = await useCases.issueAlert(henan, alert('later'));
    expect(later.acknowledgeBy).toBe('2026-11-19T00:36:00.000Z');
    const reread = await useCases.getAlert(caller(SHANDONG), (earlier.view as { id: string }).id);
    expect(reread.alert.acknowledgeBy).toBe('2026-11-19T01:00:00.000Z');
    // Each stored message names the version its deadlines came from.
    expect([...store.state.alerts.values()].map((m) => [m.headline, m.escalationPolicy])).toEqual([
      ['earlier', 'default@1'],
      ['later', 'henan-shandong-liuzhuang@1'],
    ]);

    const listed = await useCases.listEscalationPolicies(caller(SHANDONG, ['liaison']));
    expect(listed.map((p) => [p.id, p.current?.version, p.versions.length])).toEqual([
      ['default', 1, 1],
      ['henan-shandong-liuzhuang', 1, 1],
    ]);
  });

  it('refuse non-administrators before any work, and leave nothing behind when the input is invalid', async () => {
    const { store, useCases } = setup();
    await expect(useCases.setEscalationPolicy(henan, liuzhuang)).rejects.toMatchObject({ code: 'POLLUTION_ESCALATION_POLICY_FORBIDDEN' });
    await expect(useCases.setEscalationPolicy(admin, { ...liuzhuang, sectionIds: ['nowhere'] })).rejects.toMatchObject({
      code: 'POLLUTION_ESCALATION_POLICY_INVALID',
      problems: [{ field: 'sectionIds[0]', reason: 'is not a known monitoring section' }],
    });
    expect((await store.allPolicyVersions()).map((p) => p.id)).toEqual(['default']);
    expect(store.events).toEqual([]);
    expect(store.audit).toEqual([]);
  });

  it('are read by environmental bureaus, liaison offices, the national observer and administrators only', async () => {
    const { useCases } = setup();
    for (const reader of [henan, caller(SHANDONG, ['liaison']), caller('000000', ['observer']), admin]) {
      expect((await useCases.listEscalationPolicies(reader)).map((p) => p.id)).toEqual(['default']);
    }
    for (const other of [caller(HENAN, ['medical_insurance']), caller(HENAN, ['observer'])]) {
      await expect(useCases.listEscalationPolicies(other)).rejects.toMatchObject({ kind: 'forbidden' });
    }
  });
});
