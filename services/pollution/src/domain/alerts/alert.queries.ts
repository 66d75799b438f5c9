import type { AlertMessage, AlertStatus, Severity } from './alert.model.ts';
import { awaitsAcknowledgement } from './alert.model.ts';

/** A filter for alert lists; the status is required so that a list never mixes real alerts with exercises. */
export interface AlertFilter {
  /** Real or exercise, never both. */
  readonly status: AlertStatus;
  /** Only this section. */
  readonly sectionId?: string;
  /** Only these severities. */
  readonly severities?: readonly Severity[];
  /** Only threads whose current message still awaits acknowledgement (not cancelled). */
  readonly activeOnly?: boolean;
}

/** The current message of each thread that matches the filter, newest first. */
export function listAlertThreads(messages: readonly AlertMessage[], filter: AlertFilter): AlertMessage[] {
  return messages
    .filter((m) => m.supersededBy === undefined && m.status === filter.status)
    .filter((m) => filter.sectionId === undefined || m.sectionId === filter.sectionId)
    .filter((m) => filter.severities === undefined || filter.severities.includes(m.severity))
    .filter((m) => !filter.activeOnly || awaitsAcknowledgement(m))
    .sort((a, b) => (a.sentAt < b.sentAt ? 1 : a.sentAt > b.sentAt ? -1 : a.id < b.id ? 1 : -1));
}

/** Counts of alert threads of one status. */
export interface AlertCounts {
  /** Threads. */
  readonly total: number;
  /** Threads not cancelled. */
  readonly active: number;
  /** Threads cancelled. */
  readonly cancelled: number;
  /** Active threads with at least one addressed province that has not acknowledged the current message. */
  readonly awaitingAcknowledgement: number;
  /** Active threads per severity of the current message. */
  readonly bySeverity: Readonly<Record<Severity, number>>;
}

/** Counts the threads of one status (a count never adds exercises to real alerts). */
export function countAlertThreads(messages: readonly AlertMessage[], status: AlertStatus): AlertCounts {
  const current = listAlertThreads(messages, { status });
  const active = current.filter(awaitsAcknowledgement);
  const bySeverity: Record<Severity, number> = { I: 0, II: 0, III: 0, IV: 0 };
  for (const m of active) bySeverity[m.severity] += 1;
  return {
    total: current.length,
    active: active.length,
    cancelled: current.length - active.length,
    awaitingAcknowledgement: active.filter((m) => m.addressees.some((p) => !m.acknowledgements.some((a) => a.province === p))).length,
    bySeverity,
  };
}
