import {
  acknowledgementDeadline,
  awaitsAcknowledgement,
  viewAlert,
  type Actor,
  type AlertMessage,
  type AlertSummaryView,
  type EscalationPolicySource,
  type Instant,
} from '../../domain/index.ts';

/** An alert message as a caller may see it, with the deadline and who still has to acknowledge. */
export interface AlertReadModel {
  /** The full message, or the summary a liaison office reads. */
  readonly view: ({ readonly view: 'full' } & AlertMessage) | AlertSummaryView;
  /** The acknowledgement deadline; undefined once the message no longer awaits acknowledgement. */
  readonly acknowledgeBy?: Instant;
  /** Addressed provinces that have not acknowledged (empty when the message awaits nothing). */
  readonly awaitingProvinces: readonly string[];
  /** Provinces party to cases linked to the thread that are neither sender nor addressee (they read it too). */
  readonly linkedCaseProvinces: readonly string[];
}

/** The provinces that have not acknowledged a message that still awaits acknowledgement. */
export function awaitingProvincesOf(message: AlertMessage): string[] {
  if (!awaitsAcknowledgement(message)) return [];
  return message.addressees.filter((p) => !message.acknowledgements.some((a) => a.province === p));
}

/** The message as this caller may see it, or undefined when the caller may not (answer: not found). */
export function presentAlert(
  caller: Actor,
  message: AlertMessage,
  linkedCaseParties: readonly string[],
  policy: EscalationPolicySource,
): AlertReadModel | undefined {
  const view = viewAlert(caller, message, linkedCaseParties);
  if (!view) return undefined;
  const acknowledgeBy = acknowledgementDeadline(message, policy);
  const own = new Set([message.senderProvince, ...message.addressees]);
  const linkedCaseProvinces = [...new Set(linkedCaseParties)].filter((p) => !own.has(p)).sort();
  return { view, ...(acknowledgeBy ? { acknowledgeBy } : {}), awaitingProvinces: awaitingProvincesOf(message), linkedCaseProvinces };
}
