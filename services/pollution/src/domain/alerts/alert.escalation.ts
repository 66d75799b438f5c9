import { addMinutes, instantMillis, nowInstant, type Clock, type Instant } from '../common/clock.ts';
import type { PollutionEvent } from '../common/domain-event.ts';
import { alertProvinces, awaitsAcknowledgement, ESCALATION_STEPS, type AlertMessage, type AlertStatus, type EscalationStep, type Severity } from './alert.model.ts';
import type { EscalationPolicy } from './escalation-policy.ts';

/** An escalation that has fallen due and not yet been carried out. */
export interface DueEscalation {
  /** The message not acknowledged (the thread's current one). */
  readonly alertId: string;
  /** Its thread. */
  readonly threadId: string;
  /** The province that has not acknowledged. */
  readonly province: string;
  /** Duty roster first, then joint mechanism. */
  readonly step: EscalationStep;
  /** When it fell due. */
  readonly dueAt: Instant;
  /** The message's severity. */
  readonly severity: Severity;
  /** Real or exercise: an exercise escalation goes to exercise channels only. */
  readonly status: AlertStatus;
  /** Section. */
  readonly sectionId: string;
  /** The policy (id@version) that set the deadline. */
  readonly policy: string;
  /** Joint mechanism named by the policy, for the second step. */
  readonly jointMechanismId?: string;
}

/** A policy for every message, or a function choosing one per message (see resolveEscalationPolicy). */
export type EscalationPolicySource = EscalationPolicy | ((message: AlertMessage) => EscalationPolicy);

function policyFor(source: EscalationPolicySource, message: AlertMessage): EscalationPolicy {
  return typeof source === 'function' ? source(message) : source;
}

/** When a step falls due for one message on its own (the acknowledgement deadline is the duty-roster step's). */
export function stepDueAt(message: AlertMessage, policy: EscalationPolicy, step: EscalationStep): Instant {
  const first = addMinutes(message.sentAt, policy.acknowledgeWithinMinutes[message.severity]);
  return step === 'duty-roster' ? first : addMinutes(first, policy.jointMechanismAfterMinutes[message.severity]);
}

// The messages of a thread a province has been waiting on without acknowledging, newest first: the message itself
// and, through its references, each earlier message that also addressed the province and that it never
// acknowledged. An update must never postpone an escalation already running, so the earliest deadline in this chain
// counts, and an escalation recorded anywhere in it is not repeated.
function unacknowledgedChain(message: AlertMessage, province: string, byId: ReadonlyMap<string, AlertMessage>): AlertMessage[] {
  const chain = [message];
  const seen = new Set([message.id]);
  let current = message;
  while (current.references !== undefined) {
    const earlier = byId.get(current.references);
    if (!earlier || seen.has(earlier.id)) break;
    if (!earlier.addressees.includes(province) || earlier.acknowledgements.some((a) => a.province === province)) break;
    chain.push(earlier);
    seen.add(earlier.id);
    current = earlier;
  }
  return chain;
}

/**
 * The escalations due now among the messages of one mode (`Actual` by default; exercises are evaluated only when
 * asked for with `Exercise`, so a drill never reaches a real duty roster or a real count). For each live message and
 * each addressed province that has not acknowledged it: the duty-roster step once the acknowledgement deadline has
 * passed (at the deadline exactly counts as passed), the joint-mechanism step once the second interval has passed
 * too. Idempotent: a step already recorded for the province in the thread is not due again. `messages` should hold
 * every message of the threads concerned, so earlier deadlines carry over to updates. Sorted by due time.
 */
export function dueEscalations(messages: readonly AlertMessage[], policy: EscalationPolicySource, clock: Clock, mode: AlertStatus = 'Actual'): DueEscalation[] {
  const now = instantMillis(nowInstant(clock));
  const byId = new Map(messages.map((m) => [m.id, m]));
  const due: DueEscalation[] = [];
  for (const message of messages) {
    if (message.status !== mode || !awaitsAcknowledgement(message)) continue;
    const active = policyFor(policy, message);
    for (const province of message.addressees) {
      if (message.acknowledgements.some((a) => a.province === province)) continue;
      const chain = unacknowledgedChain(message, province, byId);
      for (const step of ESCALATION_STEPS) {
        if (chain.some((m) => m.escalations.some((e) => e.province === province && e.step === step))) continue;
        const dueAt = chain
          .map((m) => stepDueAt(m, policyFor(policy, m), step))
          .reduce((a, b) => (instantMillis(a) <= instantMillis(b) ? a : b));
        if (instantMillis(dueAt) > now) continue;
        due.push({
          alertId: message.id,
          threadId: message.threadId,
          province,
          step,
          dueAt,
          severity: message.severity,
          status: message.status,
          sectionId: message.sectionId,
          policy: `${active.id}@${active.version}`,
          ...(active.jointMechanismId !== undefined ? { jointMechanismId: active.jointMechanismId } : {}),
        });
      }
    }
  }
  return due.sort(
    (a, b) => instantMillis(a.dueAt) - instantMillis(b.dueAt) || (a.alertId < b.alertId ? -1 : a.alertId > b.alertId ? 1 : 0) || (a.province < b.province ? -1 : a.province > b.province ? 1 : 0) || ESCALATION_STEPS.indexOf(a.step) - ESCALATION_STEPS.indexOf(b.step),
  );
}

/**
 * Records a due escalation on its message and returns the event that carries it out: to the province's duty roster
 * (audience: that province and the sender) or to the joint mechanism (audience: everyone on the alert). Safe to
 * repeat: when the step is already recorded, or the province has acknowledged meanwhile, or the message is no longer
 * current, the message comes back unchanged with no event.
 */
export function recordEscalation(message: AlertMessage, due: DueEscalation, clock: Clock): { alert: AlertMessage; events: readonly PollutionEvent[] } {
  if (due.alertId !== message.id) throw new RangeError(`escalation is for ${due.alertId}, not ${message.id}`);
  const stale =
    !awaitsAcknowledgement(message) ||
    message.acknowledgements.some((a) => a.province === due.province) ||
    message.escalations.some((e) => e.province === due.province && e.step === due.step);
  if (stale) return { alert: message, events: [] };
  const recordedAt = nowInstant(clock);
  const alert: AlertMessage = { ...message, escalations: [...message.escalations, { province: due.province, step: due.step, dueAt: due.dueAt, recordedAt }] };
  const audience = due.step === 'duty-roster' ? [...new Set([due.province, message.senderProvince])] : alertProvinces(message);
  const event: PollutionEvent = {
    type: 'pollution.alert.escalated',
    aggregate: 'alert',
    aggregateId: message.threadId,
    occurredAt: recordedAt,
    originProvince: message.senderProvince,
    audienceProvinces: audience,
    exercise: message.status === 'Exercise',
    payload: {
      alertId: message.id,
      threadId: message.threadId,
      province: due.province,
      step: due.step,
      dueAt: due.dueAt,
      severity: message.severity,
      sectionId: message.sectionId,
      policy: due.policy,
      target: due.step === 'duty-roster' ? { kind: 'duty-roster', province: due.province } : { kind: 'joint-mechanism', mechanismId: due.jointMechanismId ?? null },
      message: alert,
    },
  };
  return { alert, events: [event] };
}

/** The acknowledgement deadline of a message under its policy, or undefined when it awaits no acknowledgement. */
export function acknowledgementDeadline(message: AlertMessage, policy: EscalationPolicySource): Instant | undefined {
  return awaitsAcknowledgement(message) ? stepDueAt(message, policyFor(policy, message), 'duty-roster') : undefined;
}

/**
 * The earliest instant at which an escalation step of this message can fall due, whether or not it has passed, or
 * undefined when none can any more (every addressee acknowledged or was escalated through every step, or the message
 * was replaced or is a cancellation). The service stores it to know when to look at the message again; the same
 * chain rule as dueEscalations applies, so `dueEscalations` finds a step due at exactly this instant.
 */
export function nextEscalationDueAt(messages: readonly AlertMessage[], message: AlertMessage, policy: EscalationPolicySource): Instant | undefined {
  if (!awaitsAcknowledgement(message)) return undefined;
  const byId = new Map(messages.map((m) => [m.id, m]));
  byId.set(message.id, message);
  let earliest: Instant | undefined;
  for (const province of message.addressees) {
    if (message.acknowledgements.some((a) => a.province === province)) continue;
    const chain = unacknowledgedChain(message, province, byId);
    for (const step of ESCALATION_STEPS) {
      if (chain.some((m) => m.escalations.some((e) => e.province === province && e.step === step))) continue;
      for (const m of chain) {
        const dueAt = stepDueAt(m, policyFor(policy, m), step);
        if (earliest === undefined || instantMillis(dueAt) < instantMillis(earliest)) earliest = dueAt;
      }
    }
  }
  return earliest;
}
