import type { ActorRef } from '../common/actor.ts';
import type { Instant } from '../common/clock.ts';
import type { ParameterCode } from '../monitoring/water-quality-standard.data.ts';

// The alert follows OASIS CAP 1.2: every message is immutable once sent; an Update or a Cancel is a new message that
// references the one it replaces, and the first Alert's id names the thread. Acknowledgements (CAP's Ack) and
// escalation records are kept on the message they concern.

/** CAP msgType values the platform sends (Ack is an acknowledgement record, Error is not used). */
export const ALERT_MSG_TYPES = ['Alert', 'Update', 'Cancel'] as const;
/** CAP msgType. */
export type AlertMsgType = (typeof ALERT_MSG_TYPES)[number];

/** CAP status values the platform accepts: a real alert or an exercise (System, Test and Draft are not offered). */
export const ALERT_STATUSES = ['Actual', 'Exercise'] as const;
/** Real or exercise. */
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The UNECE IAN message kinds (the Rhine plan's warning / information / search-for-polluter map onto them). */
export const ALERT_CATEGORIES = ['early-warning', 'information', 'request-for-assistance'] as const;
/** Kind of message. */
export type AlertCategory = (typeof ALERT_CATEGORIES)[number];

/** National incident severity levels. */
export const SEVERITIES = ['I', 'II', 'III', 'IV'] as const;
/** I 特别重大, II 重大, III 较大, IV 一般. */
export type Severity = (typeof SEVERITIES)[number];

/** Chinese names of the severity levels. */
export const SEVERITY_NAMES_ZH: Readonly<Record<Severity, string>> = { I: '特别重大', II: '重大', III: '较大', IV: '一般' };

/** Units an estimated pollutant quantity may be given in. */
export const QUANTITY_UNITS = ['t', 'kg', 'm3', 'L'] as const;
/** Unit of an estimated quantity. */
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

/** Where the incident is. */
export interface AlertLocation {
  /** Place as people name it (county, village, reach). */
  readonly description: string;
  /** City code, when known. */
  readonly cityCode?: string;
  /** WGS 84 latitude. */
  readonly latitude?: number;
  /** WGS 84 longitude. */
  readonly longitude?: number;
}

/** What was released. */
export interface AlertPollutant {
  /** Substance as reported (e.g. 苯胺 aniline, 柴油 diesel). */
  readonly name: string;
  /** The monitored parameter it shows in, when there is one. */
  readonly parameter?: ParameterCode;
  /** Estimated quantity released. */
  readonly estimatedQuantity?: { readonly value: number; readonly unit: QuantityUnit };
}

/** An addressed province's confirmation that it received the message. */
export interface AlertAcknowledgement {
  /** The province acknowledging. */
  readonly province: string;
  /** Who acknowledged for it. */
  readonly by: ActorRef;
  /** When. */
  readonly at: Instant;
  /** Optional note (e.g. measures taken). */
  readonly note?: string;
}

/** The escalation steps of an unacknowledged message. */
export const ESCALATION_STEPS = ['duty-roster', 'joint-mechanism'] as const;
/** First the province's duty roster, then the joint mechanism. */
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

/** An escalation that was carried out. */
export interface EscalationRecord {
  /** The province that had not acknowledged. */
  readonly province: string;
  /** Which step. */
  readonly step: EscalationStep;
  /** When it fell due. */
  readonly dueAt: Instant;
  /** When it was recorded. */
  readonly recordedAt: Instant;
}

/** One message of an alert thread. */
export interface AlertMessage {
  /** Message id. */
  readonly id: string;
  /** Id of the thread's first Alert (equal to `id` for an Alert). */
  readonly threadId: string;
  /** Alert, Update or Cancel. */
  readonly msgType: AlertMsgType;
  /** Real or exercise; the whole thread has one status. */
  readonly status: AlertStatus;
  /** Early warning, information or request for assistance. */
  readonly category: AlertCategory;
  /** Severity I–IV. */
  readonly severity: Severity;
  /** Who sent it. */
  readonly sender: ActorRef;
  /** The sending province (the message's owner). */
  readonly senderProvince: string;
  /** When it was sent. */
  readonly sentAt: Instant;
  /** Monitoring section concerned. */
  readonly sectionId: string;
  /** Where. */
  readonly location: AlertLocation;
  /** What. */
  readonly pollutant: AlertPollutant;
  /** Suspected source, if known. */
  readonly suspectedSource?: string;
  /** One-line summary. */
  readonly headline: string;
  /** Full text. */
  readonly description: string;
  /** Provinces that must acknowledge. */
  readonly addressees: readonly string[];
  /** For an Update or Cancel: the message it replaces. */
  readonly references?: string;
  /** Set when a later Update or Cancel replaced this message. */
  readonly supersededBy?: string;
  /** Acknowledgements received. */
  readonly acknowledgements: readonly AlertAcknowledgement[];
  /** Escalations carried out. */
  readonly escalations: readonly EscalationRecord[];
  /**
   * The escalation policy version (`id@version`) whose deadlines were announced with the message, pinned when the
   * service stored it, so a policy change can never move them (decision 0008). Absent on messages stored before
   * pinning: those resolve by the rule alone.
   */
  readonly escalationPolicy?: string;
}

/** Whether a message is the live head of its thread and expects acknowledgements. */
export function awaitsAcknowledgement(message: AlertMessage): boolean {
  return message.msgType !== 'Cancel' && message.supersededBy === undefined;
}

/** The provinces named on a message: its sender and addressees (the parties of the alert). */
export function alertProvinces(message: AlertMessage): string[] {
  return [...new Set([message.senderProvince, ...message.addressees])];
}
