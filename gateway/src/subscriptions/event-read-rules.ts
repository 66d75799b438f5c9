import { canRead, isNationalObserver, type Principal, type ReadRequest, type RecordScope } from '../kit.ts';
import type { HubEvent } from './hub-event.ts';

/** Who may receive events of one type, after the audience check (access-model.md: "Behaviour"). */
export interface EventReadRule {
  /** The envelope type the rule covers, e.g. xietong.pollution.v1.CaseOpened. */
  readonly type: string;
  /** Whether this principal may receive this event. */
  canReceive(principal: Principal, event: HubEvent): boolean;
}

type PolicyRead = ReadRequest extends infer R ? (R extends unknown ? Omit<R, 'principal' | 'record'> : never) : never;

/**
 * A rule that asks the kit's province policy: the event is readable when the read it announces would be.
 * `record` says which provinces the event's record names (e.g. the case's parties are the audience); it gets the
 * principal too, for events addressed to every province.
 */
export function policyReadRule(type: string, read: PolicyRead, record: (event: HubEvent, principal: Principal) => RecordScope): EventReadRule {
  return {
    type,
    canReceive: (principal, event) => canRead({ ...read, principal, record: record(event, principal) } as ReadRequest),
  };
}

/**
 * The whole delivery decision: the user's province is in the event's audience (national observers read across
 * provinces), and the event type's rule allows the read. Types without a rule reach no one (deny by default).
 */
export function createEventFilter(rules: readonly EventReadRule[]) {
  const byType = new Map<string, EventReadRule>();
  for (const rule of rules) {
    if (byType.has(rule.type)) throw new Error(`two read rules for event type ${rule.type}`);
    byType.set(rule.type, rule);
  }
  return function mayReceive(principal: Principal, event: HubEvent): boolean {
    const rule = byType.get(event.type);
    if (!rule) return false;
    const inAudience = event.audienceAllProvinces || event.audienceProvinces.includes(principal.province) || isNationalObserver(principal);
    return inAudience && rule.canReceive(principal, event);
  };
}
