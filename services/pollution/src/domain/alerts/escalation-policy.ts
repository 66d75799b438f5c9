import type { FieldProblem } from '../common/domain-errors.ts';
import type { AlertMessage, Severity } from './alert.model.ts';
import { SEVERITIES } from './alert.model.ts';

/**
 * When unacknowledged alerts escalate, as data: an upstream/downstream cooperation agreement may set its own
 * deadlines, so each policy names the sections it covers. Minutes per severity.
 */
export interface EscalationPolicy {
  /** Stable id. */
  readonly id: string;
  /** Version, raised with each change. */
  readonly version: number;
  /** Name, e.g. the agreement it comes from. */
  readonly name: string;
  /** The sections it governs; `'default'` is the fallback for sections no other policy names. */
  readonly appliesTo: 'default' | { readonly sectionIds: readonly string[] };
  /** Minutes after a message is sent by which each addressed province must acknowledge, else its duty roster is alerted. */
  readonly acknowledgeWithinMinutes: Readonly<Record<Severity, number>>;
  /** Further minutes after that deadline before the joint mechanism is alerted. */
  readonly jointMechanismAfterMinutes: Readonly<Record<Severity, number>>;
  /** The joint mechanism (meetings service id) escalations go to, when the agreement names one. */
  readonly jointMechanismId?: string;
  /** Where the figures come from. */
  readonly source: string;
}

/**
 * The platform's default policy. These are defaults chosen for the platform, not figures from a regulation: one hour
 * for levels I and II (the example the issue gives), four hours for III, a day for IV; the joint mechanism hears of
 * it after as long again.
 */
export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  id: 'default',
  version: 1,
  name: 'Platform default acknowledgement deadlines',
  appliesTo: 'default',
  acknowledgeWithinMinutes: { I: 60, II: 60, III: 240, IV: 1440 },
  jointMechanismAfterMinutes: { I: 60, II: 60, III: 240, IV: 1440 },
  source: 'platform default (not from an agreement): I and II one hour, III four hours, IV 24 hours; the same again before the joint mechanism',
};

/** Problems with a policy record (each deadline a positive whole number of minutes, at most 30 days). */
export function validateEscalationPolicy(policy: EscalationPolicy): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (policy.id.trim() === '') problems.push({ field: 'id', reason: 'is required' });
  if (!Number.isInteger(policy.version) || policy.version < 1) problems.push({ field: 'version', reason: 'must be a whole number from 1' });
  for (const key of ['acknowledgeWithinMinutes', 'jointMechanismAfterMinutes'] as const) {
    for (const severity of SEVERITIES) {
      const minutes = policy[key][severity];
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 43_200) {
        problems.push({ field: `${key}.${severity}`, reason: 'must be a whole number of minutes from 1 to 43200 (30 days)' });
      }
    }
  }
  if (policy.appliesTo !== 'default' && policy.appliesTo.sectionIds.length === 0) {
    problems.push({ field: 'appliesTo.sectionIds', reason: 'must name at least one section' });
  }
  return problems;
}

/** Picks the policy for a message: the newest version of a policy naming its section, else the newest default. */
export function resolveEscalationPolicy(policies: readonly EscalationPolicy[], message: Pick<AlertMessage, 'sectionId'>): EscalationPolicy {
  const newest = (list: EscalationPolicy[]) => list.sort((a, b) => b.version - a.version || (a.id < b.id ? -1 : 1))[0];
  const specific = newest(policies.filter((p) => p.appliesTo !== 'default' && p.appliesTo.sectionIds.includes(message.sectionId)));
  return specific ?? newest(policies.filter((p) => p.appliesTo === 'default')) ?? DEFAULT_ESCALATION_POLICY;
}
