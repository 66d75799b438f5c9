import { DEFAULT_ESCALATION_POLICY_ID, isNationalObserver, versionInForce, type Clock, type RecordedEscalationPolicy } from '../../domain/index.ts';
import { PollutionAccessDeniedError } from '../shared/application-errors.ts';
import type { Caller } from '../shared/ports.ts';

/** What listing policies needs from the store. */
export interface ListEscalationPoliciesStore {
  /** Every version of every policy. */
  allPolicyVersions(): Promise<RecordedEscalationPolicy[]>;
}

/** A policy with the version in force now and every version, oldest first. */
export interface EscalationPolicyHistoryView {
  /** Policy id. */
  readonly id: string;
  /** The version in force now (absent while every version lies in the future). */
  readonly current?: RecordedEscalationPolicy;
  /** Every version, oldest first. */
  readonly versions: readonly RecordedEscalationPolicy[];
}

// Deadlines are not province-private: every province's environmental bureau and liaison office must know how long
// a neighbour has to acknowledge, the national observer reads everything, and administrators maintain them. Other
// roles (medical insurance, investment) have no business with them, and a provincial account's observer role
// grants nothing (access-model.md).
const READER_ROLES = ['environment', 'liaison', 'admin'];

/** Whether the caller may read escalation policies. */
export function canReadEscalationPolicies(caller: Caller): boolean {
  return isNationalObserver(caller) || caller.roles.some((role) => READER_ROLES.includes(role));
}

/** Every escalation policy with its versions: the default first, then by id. */
export async function listEscalationPoliciesHandler(
  deps: { readonly store: ListEscalationPoliciesStore; readonly clock: Clock },
  caller: Caller,
): Promise<EscalationPolicyHistoryView[]> {
  if (!canReadEscalationPolicies(caller)) throw new PollutionAccessDeniedError('Escalation policies are read by environmental bureaus, liaison offices, the national observer and platform administrators.');
  const now = deps.clock.now().toISOString();
  const byId = new Map<string, RecordedEscalationPolicy[]>();
  for (const version of await deps.store.allPolicyVersions()) byId.set(version.id, [...(byId.get(version.id) ?? []), version]);
  return [...byId.entries()]
    .sort(([a], [b]) => (a === DEFAULT_ESCALATION_POLICY_ID ? -1 : b === DEFAULT_ESCALATION_POLICY_ID ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([id, versions]) => {
      const sorted = [...versions].sort((a, b) => a.version - b.version);
      const current = versionInForce(sorted, now);
      return { id, ...(current ? { current } : {}), versions: sorted };
    });
}
