import { actorRef, NATIONAL_PROVINCE, type Actor } from '../common/actor.ts';
import { instantMillis, nowInstant, parseOffsetTimestamp, type Clock, type Instant } from '../common/clock.ts';
import type { PollutionEvent } from '../common/domain-event.ts';
import { PollutionConflictError, PollutionForbiddenError, PollutionValidationError, type FieldProblem } from '../common/domain-errors.ts';
import { sectionProvinces, type ReferenceCatalog } from '../reference/reference.catalog.ts';
import { SEVERITIES, type Severity } from './alert.model.ts';
import {
  DEFAULT_ESCALATION_POLICY_ID,
  MAX_ESCALATION_MINUTES,
  policiesInForce,
  validateEscalationPolicy,
  type EscalationPolicy,
  type RecordedEscalationPolicy,
} from './escalation-policy.ts';

/** The role that manages reference data and configuration (access-model.md). */
export const ADMIN_ROLE = 'admin';

/** A new policy version is invalid; `problems` names every field at fault. */
export class EscalationPolicyInvalidError extends PollutionValidationError {
  constructor(problems: readonly FieldProblem[]) {
    super('POLLUTION_ESCALATION_POLICY_INVALID', problems, 'The escalation policy is invalid.');
  }
}

/** Only platform administrators record policy versions. */
export class EscalationPolicyForbiddenError extends PollutionForbiddenError {
  constructor() {
    super('POLLUTION_ESCALATION_POLICY_FORBIDDEN', 'Only a platform administrator may change escalation policies.');
  }
}

/** The caller changed a version other than the newest (someone recorded one in between). */
export class EscalationPolicyVersionConflictError extends PollutionConflictError {
  constructor(expected: number, actual: number) {
    super('POLLUTION_ESCALATION_POLICY_VERSION_CONFLICT', `The policy is at version ${actual}, not ${expected}; read it again and reapply the change.`);
  }
}

/** What an administrator sends to record a policy version (unchecked: every field is validated here). */
export interface EscalationPolicyInput {
  /** The policy's id (`default` for the platform's fallback); a new id starts a new policy at version 1. */
  readonly policyId: unknown;
  /** Name. */
  readonly name: unknown;
  /** Sections it governs; none for the default policy. */
  readonly sectionIds?: unknown;
  /** Minutes per severity (I–IV) before the duty roster is alerted. */
  readonly acknowledgeWithinMinutes: unknown;
  /** Further minutes per severity before the joint mechanism is alerted. */
  readonly jointMechanismAfterMinutes: unknown;
  /** Joint mechanism (meetings service id), optional. */
  readonly jointMechanismId?: unknown;
  /** The agreement or decision the figures come from. */
  readonly source: unknown;
  /** When it takes effect (ISO 8601 with offset); now when absent. */
  readonly effectiveFrom?: unknown;
  /** The version the caller changes (0 or absent: no check). */
  readonly expectedVersion?: unknown;
}

/** What recording a version yields. */
export interface EscalationPolicyChange {
  /** The new version. */
  readonly policy: RecordedEscalationPolicy;
  /** The version it follows, if any. */
  readonly previous?: RecordedEscalationPolicy;
  /** `pollution.escalation-policy.changed`. */
  readonly event: PollutionEvent<'pollution.escalation-policy.changed', { policy: RecordedEscalationPolicy; previousVersion?: number }>;
}

/**
 * How far in the past an `effectiveFrom` may lie and still count as "now": an administrator's clock (or the form
 * that filled in "now") may be a little behind the service's. It is recorded as the service's now, so a version
 * never takes effect before it was recorded.
 */
export const EFFECTIVE_FROM_SKEW_MINUTES = 5;

function text(value: unknown, field: string, max: number, problems: FieldProblem[], required = true): string | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) problems.push({ field, reason: 'is required' });
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.push({ field, reason: 'must be text' });
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed.length > max) problems.push({ field, reason: `must be at most ${max} characters` });
  return trimmed;
}

function minutesBySeverity(value: unknown, field: string, problems: FieldProblem[]): Record<Severity, number> {
  const out = {} as Record<Severity, number>;
  if (typeof value !== 'object' || value === null) {
    problems.push({ field, reason: 'must give minutes for each severity I, II, III and IV' });
    return { I: 0, II: 0, III: 0, IV: 0 };
  }
  for (const severity of SEVERITIES) {
    const minutes = (value as Record<string, unknown>)[severity];
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > MAX_ESCALATION_MINUTES) {
      problems.push({ field: `${field}.${severity}`, reason: `must be a whole number of minutes from 1 to ${MAX_ESCALATION_MINUTES} (30 days)` });
    }
    out[severity] = typeof minutes === 'number' ? minutes : 0;
  }
  return out;
}

/**
 * Records a new version of an escalation policy (platform administrators only). `history` holds every stored
 * version of every policy. The version is the previous one's plus one; it takes effect at `effectiveFrom`, which may
 * not lie in the past (a change never moves a deadline already announced) nor before the previous version's; the
 * sections must exist and belong to no other policy; the default policy names none. Every problem is reported at
 * once, by field.
 */
export function setEscalationPolicy(
  history: readonly RecordedEscalationPolicy[],
  input: EscalationPolicyInput,
  ctx: { readonly actor: Actor; readonly clock: Clock; readonly catalog: ReferenceCatalog },
): EscalationPolicyChange {
  if (!ctx.actor.roles.includes(ADMIN_ROLE)) throw new EscalationPolicyForbiddenError();
  const now = nowInstant(ctx.clock);
  const problems: FieldProblem[] = [];

  const id = text(input.policyId, 'policyId', 64, problems);
  if (id !== undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) problems.push({ field: 'policyId', reason: 'must be lower-case letters and digits in words joined by hyphens, e.g. henan-shandong-liuzhuang' });
  const name = text(input.name, 'name', 200, problems);
  const source = text(input.source, 'source', 500, problems);
  const jointMechanismId = text(input.jointMechanismId, 'jointMechanismId', 100, problems, false);
  const acknowledgeWithinMinutes = minutesBySeverity(input.acknowledgeWithinMinutes, 'acknowledgeWithinMinutes', problems);
  const jointMechanismAfterMinutes = minutesBySeverity(input.jointMechanismAfterMinutes, 'jointMechanismAfterMinutes', problems);

  const versions = history.filter((p) => p.id === id).sort((a, b) => a.version - b.version);
  const previous = versions[versions.length - 1];
  const isDefault = id === DEFAULT_ESCALATION_POLICY_ID;

  // Sections.
  const sectionIds: string[] = [];
  const rawSections = input.sectionIds ?? [];
  if (!Array.isArray(rawSections)) {
    problems.push({ field: 'sectionIds', reason: 'must be a list of section ids' });
  } else if (isDefault && rawSections.length > 0) {
    problems.push({ field: 'sectionIds', reason: 'must be empty: the default policy applies wherever no other policy does' });
  } else if (!isDefault && id !== undefined && rawSections.length === 0) {
    problems.push({ field: 'sectionIds', reason: 'must name at least one section (only the default policy names none)' });
  } else {
    // A section governed by another policy — by the version in force now or by its newest (perhaps scheduled)
    // version — would make two policies compete for its messages.
    const others = history.filter((p) => p.id !== id);
    const newestOfOthers = [...new Map([...others].sort((a, b) => a.version - b.version).map((p) => [p.id, p])).values()];
    const governing = [...policiesInForce(others, now), ...newestOfOthers];
    rawSections.forEach((value: unknown, i) => {
      const field = `sectionIds[${i}]`;
      if (typeof value !== 'string' || !ctx.catalog.section(value)) {
        problems.push({ field, reason: 'is not a known monitoring section' });
      } else if (sectionIds.includes(value)) {
        problems.push({ field, reason: 'is named twice' });
      } else {
        const owner = governing.find((p) => p.appliesTo !== 'default' && p.appliesTo.sectionIds.includes(value));
        if (owner) problems.push({ field, reason: `is governed by policy ${owner.id}; remove it there first` });
        sectionIds.push(value);
      }
    });
  }

  // When it takes effect.
  let effectiveFrom: Instant = now;
  if (input.effectiveFrom !== undefined && input.effectiveFrom !== null && input.effectiveFrom !== '') {
    const parsed = parseOffsetTimestamp(input.effectiveFrom);
    if (typeof parsed !== 'string') problems.push({ field: 'effectiveFrom', reason: parsed.problem });
    else if (instantMillis(parsed) < instantMillis(now) - EFFECTIVE_FROM_SKEW_MINUTES * 60_000) {
      problems.push({ field: 'effectiveFrom', reason: 'must not lie in the past: a change applies to messages sent from now on, never to deadlines already announced' });
    } else if (instantMillis(parsed) > instantMillis(now)) effectiveFrom = parsed;
  }
  if (previous && instantMillis(effectiveFrom) < instantMillis(previous.effectiveFrom)) {
    problems.push({ field: 'effectiveFrom', reason: `must not be before version ${previous.version} takes effect (${previous.effectiveFrom})` });
  }

  const expected = input.expectedVersion;
  if (expected !== undefined && expected !== null && expected !== 0 && (typeof expected !== 'number' || !Number.isInteger(expected) || expected < 0)) {
    problems.push({ field: 'expectedVersion', reason: 'must be a whole number from 0' });
  }
  if (problems.length > 0) throw new EscalationPolicyInvalidError(problems);
  if (typeof expected === 'number' && expected > 0 && expected !== (previous?.version ?? 0)) throw new EscalationPolicyVersionConflictError(expected, previous?.version ?? 0);

  const policy: RecordedEscalationPolicy = {
    id: id!,
    version: (previous?.version ?? 0) + 1,
    name: name!,
    appliesTo: isDefault ? 'default' : { sectionIds },
    acknowledgeWithinMinutes,
    jointMechanismAfterMinutes,
    ...(jointMechanismId ? { jointMechanismId } : {}),
    source: source!,
    effectiveFrom,
    recordedAt: now,
    recordedBy: actorRef(ctx.actor),
  };
  const recordProblems = validateEscalationPolicy(policy);
  if (recordProblems.length > 0) throw new EscalationPolicyInvalidError(recordProblems);

  return { policy, ...(previous ? { previous } : {}), event: policyChangedEvent(policy, previous, ctx.actor, ctx.catalog) };
}

function governedProvinces(policy: EscalationPolicy | undefined, catalog: ReferenceCatalog): string[] {
  if (!policy || policy.appliesTo === 'default') return [];
  return policy.appliesTo.sectionIds.flatMap((id) => {
    const section = catalog.section(id);
    return section ? sectionProvinces(section) : [];
  });
}

// Audience: the provinces of the sections the policy governs now or governed before (a province whose section left
// the policy must learn its deadlines changed too); the default policy concerns every province.
function policyChangedEvent(policy: RecordedEscalationPolicy, previous: RecordedEscalationPolicy | undefined, actor: Actor, catalog: ReferenceCatalog): EscalationPolicyChange['event'] {
  const isDefault = policy.appliesTo === 'default';
  return {
    type: 'pollution.escalation-policy.changed',
    aggregate: 'escalation-policy',
    aggregateId: policy.id,
    occurredAt: policy.recordedAt,
    actor: actorRef(actor),
    originProvince: actor.province || NATIONAL_PROVINCE,
    audienceProvinces: isDefault ? [] : [...new Set([...governedProvinces(policy, catalog), ...governedProvinces(previous, catalog)])],
    ...(isDefault ? { audienceAllProvinces: true } : {}),
    exercise: false,
    payload: { policy, ...(previous ? { previousVersion: previous.version } : {}) },
  };
}
