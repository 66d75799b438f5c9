import { isEnvironmentOfficer, NATIONAL_PROVINCE, type Actor } from '../common/actor.ts';
import type { AlertMessage } from '../alerts/alert.model.ts';
import { alertProvinces } from '../alerts/alert.model.ts';
import type { CaseState, PollutionCase } from '../cases/case.model.ts';
import type { MonitoringSection } from '../reference/reference.model.ts';
import { sectionProvinces } from '../reference/reference.catalog.ts';

// access-model.md for the pollution domain, on the domain's own records. The service also runs the kit's province
// policy; these functions add what only the records know (who the parties are, who is responsible for an action).
// Anything not granted here is denied, and a denied read must look exactly like a missing record: callers turn
// `'none'` / `undefined` into the same not-found answer as for an id that does not exist.

/** How much of a record a user may read. */
export type ReadLevel = 'full' | 'summary' | 'none';

/** A national observer: the observer role held by a national body (a provincial account with the role gets nothing). */
export function isNationalObserver(actor: Actor): boolean {
  return actor.province === NATIONAL_PROVINCE && actor.roles.includes('observer');
}

function levelFor(actor: Actor, provinces: readonly string[]): ReadLevel {
  if (isNationalObserver(actor)) return 'full';
  if (!provinces.includes(actor.province)) return 'none';
  if (isEnvironmentOfficer(actor)) return 'full';
  if (actor.roles.includes('liaison')) return 'summary';
  return 'none';
}

/**
 * What a user may read of a case: its parties' environmental bureaus and the national observer everything
 * (evidence, enforcement, readings, alerts); its parties' liaison offices the summary and its escalations.
 */
export function caseReadLevel(actor: Actor, c: Pick<PollutionCase, 'partyProvinces'>): ReadLevel {
  return levelFor(actor, c.partyProvinces);
}

/**
 * What a user may read of an alert message: the sender's and addressees' environmental bureaus everything, their
 * liaison offices the summary with escalations. Provinces party to a case the alert is linked to read it as parties.
 */
export function alertReadLevel(actor: Actor, alert: AlertMessage, linkedCaseParties: readonly string[] = []): ReadLevel {
  return levelFor(actor, [...alertProvinces(alert), ...linkedCaseParties]);
}

/** The summary of a case a liaison office sees: no evidence, no enforcement findings, no timeline details. */
export interface CaseSummaryView {
  /** Always `summary`. */
  readonly view: 'summary';
  /** Id. */
  readonly id: string;
  /** Title. */
  readonly title: string;
  /** Section. */
  readonly sectionId: string;
  /** Parties. */
  readonly partyProvinces: readonly string[];
  /** Reporting province. */
  readonly reportingProvince: string;
  /** Exercise case. */
  readonly exercise: boolean;
  /** State. */
  readonly state: CaseState;
  /** Whether a dispute is under mediation. */
  readonly inMediation: boolean;
  /** Linked alert threads (their escalations are readable through alertSummaryView). */
  readonly alertThreadIds: readonly string[];
  /** How many exceedances, enforcement actions and pieces of evidence there are (counts only). */
  readonly counts: { readonly exceedances: number; readonly enforcementActions: number; readonly evidence: number };
  /** Opened. */
  readonly openedAt: string;
  /** Closed, when closed. */
  readonly closedAt?: string;
}

/** The case as this user may see it, or undefined when the user may not see it (answer: not found). */
export function viewCase(actor: Actor, c: PollutionCase): ({ readonly view: 'full' } & PollutionCase) | CaseSummaryView | undefined {
  const level = caseReadLevel(actor, c);
  if (level === 'none') return undefined;
  if (level === 'full') return { view: 'full', ...c };
  return {
    view: 'summary',
    id: c.id,
    title: c.title,
    sectionId: c.sectionId,
    partyProvinces: c.partyProvinces,
    reportingProvince: c.reportingProvince,
    exercise: c.exercise,
    state: c.state,
    inMediation: c.state === 'in_mediation',
    alertThreadIds: c.alertThreadIds,
    counts: { exceedances: c.exceedances.length, enforcementActions: c.enforcementActions.length, evidence: c.evidence.length },
    openedAt: c.openedAt,
    ...(c.closure ? { closedAt: c.closure.at } : {}),
  };
}

/** The summary of an alert a liaison office sees: what, where, how severe, who acknowledged, and its escalations. */
export interface AlertSummaryView {
  /** Always `summary`. */
  readonly view: 'summary';
  /** The message's fields a summary keeps. */
  readonly alert: Pick<
    AlertMessage,
    'id' | 'threadId' | 'msgType' | 'status' | 'category' | 'severity' | 'senderProvince' | 'sentAt' | 'sectionId' | 'headline' | 'addressees' | 'escalations' | 'supersededBy'
  >;
  /** Provinces that acknowledged, and when. */
  readonly acknowledgedBy: ReadonlyArray<{ readonly province: string; readonly at: string }>;
}

/** The alert as this user may see it, or undefined when the user may not see it. */
export function viewAlert(actor: Actor, alert: AlertMessage, linkedCaseParties: readonly string[] = []): ({ readonly view: 'full' } & AlertMessage) | AlertSummaryView | undefined {
  const level = alertReadLevel(actor, alert, linkedCaseParties);
  if (level === 'none') return undefined;
  if (level === 'full') return { view: 'full', ...alert };
  const { id, threadId, msgType, status, category, severity, senderProvince, sentAt, sectionId, headline, addressees, escalations, supersededBy } = alert;
  return {
    view: 'summary',
    alert: { id, threadId, msgType, status, category, severity, senderProvince, sentAt, sectionId, headline, addressees, escalations, ...(supersededBy ? { supersededBy } : {}) },
    acknowledgedBy: alert.acknowledgements.map((a) => ({ province: a.province, at: a.at })),
  };
}

/**
 * Whether a user may read the readings of a section: the environmental bureaus of the provinces on either side, and
 * the national observer. Readings behind a case are readable by the case's parties through caseReadLevel.
 */
export function canReadSectionReadings(actor: Actor, section: MonitoringSection): boolean {
  return isNationalObserver(actor) || (isEnvironmentOfficer(actor) && sectionProvinces(section).includes(actor.province));
}

/** Whether a user may submit readings for a section: the environmental bureau of a province on either side of it. */
export function canSubmitReadings(actor: Actor, section: MonitoringSection): boolean {
  return isEnvironmentOfficer(actor) && sectionProvinces(section).includes(actor.province);
}

/** Whether a user may change a case (a party's environmental bureau); each party edits only its own entries (see the commands). */
export function canWriteCase(actor: Actor, c: Pick<PollutionCase, 'partyProvinces'>): boolean {
  return isEnvironmentOfficer(actor) && c.partyProvinces.includes(actor.province);
}
