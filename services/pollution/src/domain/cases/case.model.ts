import type { ActorRef } from '../common/actor.ts';
import type { CalendarDate, Instant } from '../common/clock.ts';
import type { Exceedance } from '../monitoring/exceedance.detection.ts';
import type { ParameterCode } from '../monitoring/water-quality-standard.data.ts';

/** The states of a case. */
export const CASE_STATES = ['reported', 'under_joint_investigation', 'joint_enforcement', 'remediation', 'in_mediation', 'closed'] as const;
/** A case state. */
export type CaseState = (typeof CASE_STATES)[number];

/** What opened a case. */
export type CaseOrigin =
  | { readonly kind: 'alert'; readonly alertId: string; readonly threadId: string }
  | { readonly kind: 'exceedance' }
  | { readonly kind: 'report' };

/** A joint-enforcement action (联合执法) a party carried out; only its responsible province edits it. */
export interface EnforcementAction {
  /** Id. */
  readonly id: string;
  /** The province that carried it out and answers for it. */
  readonly responsibleProvince: string;
  /** Day of the action. */
  readonly date: CalendarDate;
  /** What was found or done. */
  readonly findings: string;
  /** Who recorded it first. */
  readonly recordedBy: ActorRef;
  /** When it was recorded. */
  readonly recordedAt: Instant;
  /** How many times it was amended (each amendment is on the timeline with the earlier values). */
  readonly revision: number;
}

/** A reading a piece of monitoring evidence points to. */
export interface ReadingRef {
  /** Section. */
  readonly sectionId: string;
  /** Parameter. */
  readonly parameter: ParameterCode;
  /** Sampling instant. */
  readonly sampledAt: Instant;
}

/** Fields every piece of evidence has. */
interface EvidenceBase {
  /** Id. */
  readonly id: string;
  /** What it shows. */
  readonly description: string;
  /** Who submitted it. */
  readonly submittedBy: ActorRef;
  /** The submitting province (the evidence's owner). */
  readonly submittedProvince: string;
  /** When. */
  readonly submittedAt: Instant;
}

/** Monitoring data as evidence: references to stored readings. */
export interface MonitoringEvidence extends EvidenceBase {
  /** Kind. */
  readonly kind: 'monitoring-data';
  /** The readings. */
  readonly readings: readonly ReadingRef[];
}

/** A document as evidence: its content hash and metadata; the file itself lives in object storage, never in events. */
export interface DocumentEvidence extends EvidenceBase {
  /** Kind. */
  readonly kind: 'document';
  /** SHA-256 of the file's bytes, lower-case hex. */
  readonly sha256: string;
  /** File name as uploaded. */
  readonly filename: string;
  /** Media type (`application/pdf`). */
  readonly mediaType: string;
  /** Size in bytes. */
  readonly sizeBytes: number;
}

/** Evidence on a case. */
export type Evidence = MonitoringEvidence | DocumentEvidence;

/** An open dispute under mediation. */
export interface Mediation {
  /** The state the case was in when the dispute was raised, to return to. */
  readonly disputedFrom: CaseState;
  /** The province that raised it. */
  readonly raisedBy: string;
  /** Why. */
  readonly reason: string;
  /** When. */
  readonly raisedAt: Instant;
}

/** How a case was closed. */
export interface Closure {
  /** By every party's agreement or by a mediation outcome. */
  readonly how: 'agreement' | 'mediation';
  /** When. */
  readonly at: Instant;
  /** The mediation's outcome, when closed by mediation. */
  readonly mediationOutcome?: string;
}

/** A party's agreement to close the case. */
export interface ClosureAgreement {
  /** The agreeing province. */
  readonly province: string;
  /** Who agreed for it. */
  readonly by: ActorRef;
  /** When. */
  readonly at: Instant;
  /** What it agrees to (e.g. remediation verified). */
  readonly statement: string;
}

/** One entry of a case's timeline: every change, who made it and for which province. */
export interface TimelineEntry {
  /** 1, 2, 3 … in order. */
  readonly seq: number;
  /** When. */
  readonly at: Instant;
  /** What changed (`opened`, `state-changed`, `evidence-added`, …). */
  readonly kind: string;
  /** Who. */
  readonly actor: { readonly subject: string; readonly username: string };
  /** For which province. */
  readonly province: string;
  /** The change's data. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** A cross-boundary pollution case (跨界污染案件). */
export interface PollutionCase {
  /** Id. */
  readonly id: string;
  /** Short title. */
  readonly title: string;
  /** Section concerned. */
  readonly sectionId: string;
  /** Party provinces: only they (and the national observer) see the case. */
  readonly partyProvinces: readonly string[];
  /** The province that opened it. */
  readonly reportingProvince: string;
  /** Opened from an exercise alert: an exercise case, never counted or mixed with real ones. */
  readonly exercise: boolean;
  /** What opened it. */
  readonly origin: CaseOrigin;
  /** Alert threads linked to the case. */
  readonly alertThreadIds: readonly string[];
  /** Exceedances recorded on it. */
  readonly exceedances: readonly Exceedance[];
  /** Current state. */
  readonly state: CaseState;
  /** The dispute under mediation, while in_mediation. */
  readonly mediation?: Mediation;
  /** Parties' agreements to close, in the current state. */
  readonly closureAgreements: readonly ClosureAgreement[];
  /** Set once closed. */
  readonly closure?: Closure;
  /** Joint-enforcement actions. */
  readonly enforcementActions: readonly EnforcementAction[];
  /** Evidence. */
  readonly evidence: readonly Evidence[];
  /** Every change. */
  readonly timeline: readonly TimelineEntry[];
  /** When opened. */
  readonly openedAt: Instant;
  /** Last change. */
  readonly updatedAt: Instant;
  /** Raised by one with every change, for optimistic concurrency in the store. */
  readonly version: number;
}
