import type { ActorRef } from '../common/actor.ts';
import { instantMillis, type Instant } from '../common/clock.ts';
import type { FieldProblem } from '../common/domain-errors.ts';
import type { AlertMessage, Severity } from './alert.model.ts';
import { SEVERITIES } from './alert.model.ts';

/**
 * When unacknowledged alerts escalate, as data: an upstream/downstream cooperation agreement may set its own
 * deadlines, so each policy names the sections it covers. Minutes per severity. A change is a new version with the
 * instant it takes effect; versions are never edited, so a message's deadlines can always be worked out again.
 */
export interface EscalationPolicy {
  /** Stable id (`default` is the platform's fallback policy). */
  readonly id: string;
  /** Version, raised by one with each change. */
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
  /** Where the figures come from (the agreement, the decision). */
  readonly source: string;
  /** From this instant on, messages sent get this version's deadlines (until a later version takes effect). */
  readonly effectiveFrom: Instant;
}

/** A stored policy version: the policy and who recorded it when. */
export interface RecordedEscalationPolicy extends EscalationPolicy {
  /** When it was recorded. */
  readonly recordedAt: Instant;
  /** The administrator who recorded it (the platform for the shipped default). */
  readonly recordedBy: ActorRef;
}

/** Id of the platform's fallback policy, the only one that applies to sections by default. */
export const DEFAULT_ESCALATION_POLICY_ID = 'default';

/**
 * The platform's default policy. These are defaults chosen for the platform, not figures from a regulation: one hour
 * for levels I and II (the example the issue gives), four hours for III, a day for IV; the joint mechanism hears of
 * it after as long again. In force since the epoch: every message ever sent had it unless a later version applied.
 */
export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  id: DEFAULT_ESCALATION_POLICY_ID,
  version: 1,
  name: 'Platform default acknowledgement deadlines',
  appliesTo: 'default',
  acknowledgeWithinMinutes: { I: 60, II: 60, III: 240, IV: 1440 },
  jointMechanismAfterMinutes: { I: 60, II: 60, III: 240, IV: 1440 },
  source: 'platform default (not from an agreement): I and II one hour, III four hours, IV 24 hours; the same again before the joint mechanism',
  effectiveFrom: '1970-01-01T00:00:00.000Z',
};

/** Longest deadline or interval a policy may set: 30 days. */
export const MAX_ESCALATION_MINUTES = 43_200;

const POLICY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Problems with a policy record (each deadline a positive whole number of minutes, at most 30 days). */
export function validateEscalationPolicy(policy: EscalationPolicy): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (policy.id.trim() === '') problems.push({ field: 'id', reason: 'is required' });
  else if (!POLICY_ID.test(policy.id) || policy.id.length > 64) problems.push({ field: 'id', reason: 'must be lower-case words joined by hyphens, at most 64 characters' });
  if (!Number.isInteger(policy.version) || policy.version < 1) problems.push({ field: 'version', reason: 'must be a whole number from 1' });
  for (const key of ['acknowledgeWithinMinutes', 'jointMechanismAfterMinutes'] as const) {
    for (const severity of SEVERITIES) {
      const minutes = policy[key][severity];
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_ESCALATION_MINUTES) {
        problems.push({ field: `${key}.${severity}`, reason: `must be a whole number of minutes from 1 to ${MAX_ESCALATION_MINUTES} (30 days)` });
      }
    }
  }
  if (policy.appliesTo !== 'default' && policy.appliesTo.sectionIds.length === 0) {
    problems.push({ field: 'appliesTo.sectionIds', reason: 'must name at least one section' });
  }
  if (Number.isNaN(instantMillis(policy.effectiveFrom))) problems.push({ field: 'effectiveFrom', reason: 'must be an instant' });
  return problems;
}

/** A version's reference, as messages pin it and escalation events name it: `id@version`. */
export function escalationPolicyRef(policy: Pick<EscalationPolicy, 'id' | 'version'>): string {
  return `${policy.id}@${policy.version}`;
}

/** The version of one policy in force at an instant: the highest version that took effect at or before it. */
export function versionInForce<P extends EscalationPolicy>(versions: readonly P[], at: Instant): P | undefined {
  const atMillis = instantMillis(at);
  let found: P | undefined;
  for (const v of versions) {
    if (instantMillis(v.effectiveFrom) <= atMillis && (!found || v.version > found.version)) found = v;
  }
  return found;
}

/** Every policy's version in force at an instant (policies none of whose versions had taken effect are left out). */
export function policiesInForce<P extends EscalationPolicy>(policies: readonly P[], at: Instant): P[] {
  const byId = new Map<string, P[]>();
  for (const p of policies) byId.set(p.id, [...(byId.get(p.id) ?? []), p]);
  return [...byId.values()].map((versions) => versionInForce(versions, at)).filter((p): p is P => p !== undefined);
}

/**
 * Picks the policy for a message: the version pinned on it when it was stored, if known; otherwise, of the policy
 * versions in force when the message was sent (effectiveFrom ≤ sentAt, the newest version of each policy), one
 * naming its section, else the default, else the platform's built-in default. A version recorded later never changes a message sent earlier — its deadlines were announced
 * in its AlertIssued/AlertUpdated event — and the same stored versions always give the same answer. Two policies
 * naming one section cannot be recorded (the write refuses it); should stored data hold them anyway, the one that
 * took effect last wins, then the lower id.
 */
export function resolveEscalationPolicy(policies: readonly EscalationPolicy[], message: Pick<AlertMessage, 'sectionId' | 'sentAt' | 'escalationPolicy'>): EscalationPolicy {
  if (message.escalationPolicy !== undefined) {
    const pinned = policies.find((p) => escalationPolicyRef(p) === message.escalationPolicy);
    if (pinned) return pinned;
  }
  const inForce = policiesInForce(policies, message.sentAt);
  const newest = (list: EscalationPolicy[]) => list.sort((a, b) => instantMillis(b.effectiveFrom) - instantMillis(a.effectiveFrom) || (a.id < b.id ? -1 : 1))[0];
  const specific = newest(inForce.filter((p) => p.appliesTo !== 'default' && p.appliesTo.sectionIds.includes(message.sectionId)));
  return specific ?? newest(inForce.filter((p) => p.appliesTo === 'default')) ?? DEFAULT_ESCALATION_POLICY;
}
