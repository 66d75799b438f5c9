import type { EscalationPolicy, EscalationPolicyHistory, SeverityMinutes } from '@xietong/proto';
import type { GatewayBuilder } from '../../builder.ts';
import { sectionsOf, type PollutionRefs } from './pollution.refs.ts';
import { requiredDateOf, textOrNull } from './pollution.values.ts';

/**
 * Who reads escalation policies: acknowledgement deadlines are not province-private — every province's
 * environmental bureau and liaison office must know how long a neighbour has to acknowledge, the national observer
 * reads everything, platform administrators maintain them. The service applies the same rule.
 */
export const ESCALATION_POLICY_READERS = { $any: { observer: true, anyRole: ['environment', 'liaison', 'admin'] } } as const;

/** Escalation policies (acknowledgement deadlines per severity) with their versions. */
export function implementEscalationPolicyTypes(builder: GatewayBuilder, refs: PollutionRefs) {
  const minutes = builder.objectRef<SeverityMinutes>('PollutionSeverityMinutes').implement({
    description: 'Minutes for each incident severity level (I 特别重大 … IV 一般).',
    authScopes: ESCALATION_POLICY_READERS,
    fields: (t) => ({
      I: t.int({ resolve: (m) => m.levelI }),
      II: t.int({ resolve: (m) => m.levelIi }),
      III: t.int({ resolve: (m) => m.levelIii }),
      IV: t.int({ resolve: (m) => m.levelIv }),
    }),
  });
  const none: SeverityMinutes = { $typeName: 'xietong.pollution.v1.SeverityMinutes', levelI: 0, levelIi: 0, levelIii: 0, levelIv: 0 };

  const version = builder.objectRef<EscalationPolicy>('PollutionEscalationPolicyVersion').implement({
    description:
      'One version of an escalation policy. An alert’s deadlines come from the newest version in force when it was sent (effectiveFrom ≤ sent), of the policy naming its section, else of the default policy; later versions never move a deadline already announced.',
    authScopes: ESCALATION_POLICY_READERS,
    fields: (t) => ({
      version: t.exposeInt('version', { description: 'From 1, raised by one with each change.' }),
      name: t.exposeString('name'),
      isDefault: t.exposeBoolean('isDefault', { description: 'The default policy applies wherever no other policy names the section.' }),
      sectionCodes: t.stringList({ description: 'The sections it governs (empty for the default policy).', resolve: (p) => p.sectionIds }),
      sections: t.field({
        type: [refs.section],
        description: 'The sections it governs.',
        resolve: async (p, _args, ctx) => {
          const sections = await sectionsOf(ctx);
          return p.sectionIds.flatMap((id) => sections.filter((s) => s.id === id));
        },
      }),
      acknowledgeWithinMinutes: t.field({ type: minutes, description: 'Minutes after sending by which each addressed province must acknowledge, else its duty roster is alerted.', resolve: (p) => p.acknowledgeWithinMinutes ?? none }),
      jointMechanismAfterMinutes: t.field({ type: minutes, description: 'Further minutes after that deadline before the joint mechanism is alerted.', resolve: (p) => p.jointMechanismAfterMinutes ?? none }),
      jointMechanismId: t.string({ nullable: true, description: 'The joint mechanism escalations go to (meetings service id), when named.', resolve: (p) => textOrNull(p.jointMechanismId) }),
      source: t.exposeString('source', { description: 'Where the figures come from (agreement, decision).' }),
      effectiveFrom: t.field({ type: 'DateTime', description: 'Alerts sent from this instant on get this version’s deadlines.', resolve: (p) => requiredDateOf(p.effectiveFrom) }),
      recordedAt: t.field({ type: 'DateTime', resolve: (p) => requiredDateOf(p.recordedAt) }),
      recordedByUsername: t.string({ description: 'The administrator who recorded it (“platform” for the shipped default).', resolve: (p) => p.recordedBy?.username ?? '' }),
    }),
  });

  const policy = builder.objectRef<EscalationPolicyHistory>('PollutionEscalationPolicy').implement({
    description: 'An escalation policy (预警确认时限): when an addressed province must acknowledge an alert, per severity, and when the joint mechanism hears of it.',
    authScopes: ESCALATION_POLICY_READERS,
    fields: (t) => ({
      code: t.exposeString('policyId', { description: 'Policy id, e.g. default or yellow-henan-shandong-liuzhuang.' }),
      current: t.field({ type: version, nullable: true, description: 'The version in force now (null while every version still lies in the future).', resolve: (p) => p.current ?? null }),
      versions: t.field({ type: [version], description: 'Every version, oldest first (later ones may be scheduled).', resolve: (p) => p.versions }),
    }),
  });
  return { policy, version };
}
