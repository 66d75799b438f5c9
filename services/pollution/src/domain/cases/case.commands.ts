import { actorRef, isEnvironmentOfficer, NATIONAL_PROVINCE, type Actor } from '../common/actor.ts';
import { beijingToday, checkCalendarDate, nowInstant, parseOffsetTimestamp, type Clock, type Instant } from '../common/clock.ts';
import type { PollutionEvent } from '../common/domain-event.ts';
import { ProblemList } from '../common/field-checks.ts';
import type { AlertMessage } from '../alerts/alert.model.ts';
import { alertProvinces } from '../alerts/alert.model.ts';
import type { ExceedanceCaseDecision, Exceedance } from '../monitoring/exceedance.detection.ts';
import { isParameterCode } from '../monitoring/water-quality-standard.data.ts';
import type { ReferenceCatalog } from '../reference/reference.catalog.ts';
import { sectionProvinces } from '../reference/reference.catalog.ts';
import { CaseConflictError, CaseForbiddenError, CaseInvalidError, CaseNotFoundError, CaseTransitionNotAllowedError } from './case.errors.ts';
import type { CaseOrigin, CaseState, DocumentEvidence, EnforcementAction, Evidence, PollutionCase, ReadingRef, TimelineEntry } from './case.model.ts';
import { ENFORCEMENT_STATES, findTransition, type CaseCommand } from './case.state-machine.ts';

/** The payload of every `pollution.case.*` event. */
export interface CaseEventPayload {
  /** Case id. */
  readonly caseId: string;
  /** The timeline entry of the change. */
  readonly seq: number;
  /** State after the change. */
  readonly state: CaseState;
  /** State before the change. */
  readonly previousState: CaseState;
  /** Version after the change. */
  readonly version: number;
  /** The timeline entry's details. */
  readonly details: Readonly<Record<string, unknown>>;
  /** The case's routing facts after the change. */
  readonly header: {
    readonly title: string;
    readonly sectionId: string;
    readonly partyProvinces: readonly string[];
    readonly reportingProvince: string;
    readonly exercise: boolean;
    readonly origin: CaseOrigin;
    readonly exceedanceCount: number;
  };
}

/** What case commands need besides their input. */
export interface CaseCommandContext {
  /** Who acts. */
  readonly actor: Actor;
  /** Now. */
  readonly clock: Clock;
}

/** The new state of the case and the events to publish. */
export interface CaseCommandResult {
  /** The case after the change. */
  readonly case: PollutionCase;
  /** Events for the outbox (audience: the party provinces). */
  readonly events: readonly PollutionEvent[];
}

// Who may change a case: an environmental bureau of a party province. A province that is not a party cannot see the
// case at all, so it is told the case does not exist; the national observer sees it but writes nothing.
function requireCaseWriter(c: PollutionCase, actor: Actor): void {
  const isParty = c.partyProvinces.includes(actor.province);
  if (!isParty) {
    if (actor.province === NATIONAL_PROVINCE && actor.roles.includes('observer')) throw new CaseForbiddenError('Observers read cases; they do not change them.');
    throw new CaseNotFoundError();
  }
  if (!isEnvironmentOfficer(actor)) throw new CaseForbiddenError('Only a party\'s environmental bureau (role environment) changes a case.');
}

function requireCommand(c: PollutionCase, command: CaseCommand): CaseState {
  const transition = findTransition(c.state, command);
  if (!transition) throw new CaseTransitionNotAllowedError(c.state, command);
  if (transition.to !== 'previous') return transition.to;
  if (!c.mediation) throw new CaseTransitionNotAllowedError(c.state, command);
  return c.mediation.disputedFrom;
}

// Applies a change: appends the timeline entry, raises the version and returns the event for it.
function apply(c: PollutionCase, actor: Actor, clock: Clock, kind: string, details: Record<string, unknown>, next: Partial<PollutionCase>): CaseCommandResult {
  const at = nowInstant(clock);
  const entry: TimelineEntry = { seq: c.timeline.length + 1, at, kind, actor: { subject: actor.subject, username: actor.username }, province: actor.province, details };
  const updated: PollutionCase = { ...c, ...next, timeline: [...c.timeline, entry], updatedAt: at, version: c.version + 1 };
  const event: PollutionEvent = {
    type: `pollution.case.${kind}`,
    aggregate: 'case',
    aggregateId: c.id,
    occurredAt: at,
    actor: actorRef(actor),
    originProvince: actor.province,
    audienceProvinces: updated.partyProvinces,
    exercise: updated.exercise,
    payload: {
      caseId: c.id,
      seq: entry.seq,
      state: updated.state,
      previousState: c.state,
      version: updated.version,
      details,
      // What a consumer needs to route and show the event without fetching the case (no evidence or findings).
      header: {
        title: updated.title,
        sectionId: updated.sectionId,
        partyProvinces: updated.partyProvinces,
        reportingProvince: updated.reportingProvince,
        exercise: updated.exercise,
        origin: updated.origin,
        exceedanceCount: updated.exceedances.length,
      },
    } satisfies CaseEventPayload,
  };
  return { case: updated, events: [event] };
}

/** Input to open a case by hand (a report) or from an alert or exceedances. */
export interface OpenCaseInput {
  /** Id (generated by the service). */
  readonly id: string;
  /** Short title. */
  readonly title?: unknown;
  /** Section. */
  readonly sectionId?: unknown;
  /** Parties; by default the section's provinces. Must include the reporting province. */
  readonly partyProvinces?: unknown;
  /** What the reporter knows. */
  readonly description?: unknown;
}

function openCaseRecord(
  input: OpenCaseInput,
  context: CaseCommandContext & { readonly catalog: ReferenceCatalog },
  origin: CaseOrigin,
  extra: { exercise: boolean; alertThreadIds: string[]; exceedances: Exceedance[]; defaultParties?: string[] },
): CaseCommandResult {
  const { actor, clock, catalog } = context;
  if (!isEnvironmentOfficer(actor)) throw new CaseForbiddenError('Only an environmental bureau (role environment) opens a case.');
  const p = new ProblemList();
  if (typeof input.id !== 'string' || input.id.trim() === '') p.add('id', 'is required');
  const title = p.text('title', input.title, 200);
  const description = p.optionalText('description', input.description, 4000);
  const section = typeof input.sectionId === 'string' ? catalog.section(input.sectionId) : undefined;
  if (!section) p.add('sectionId', 'is not a known monitoring section');
  let parties: string[] = [];
  if (input.partyProvinces === undefined) parties = extra.defaultParties ?? (section ? sectionProvinces(section) : []);
  else if (!Array.isArray(input.partyProvinces)) p.add('partyProvinces', 'must be a list of province codes');
  else {
    input.partyProvinces.forEach((code: unknown, i) => {
      if (typeof code !== 'string' || !catalog.province(code)) p.add(`partyProvinces[${i}]`, 'is not a known province code');
      else if (parties.includes(code)) p.add(`partyProvinces[${i}]`, 'is listed twice');
      else parties.push(code);
    });
  }
  if (p.ok && !parties.includes(actor.province)) p.add('partyProvinces', 'must include your own province');
  if (p.ok && parties.length < 2) p.add('partyProvinces', 'a cross-boundary case has at least two party provinces');
  if (!p.ok || !title || !section) throw new CaseInvalidError(p.problems);
  const at = nowInstant(clock);
  const base: PollutionCase = {
    id: input.id,
    title,
    sectionId: section.id,
    partyProvinces: parties,
    reportingProvince: actor.province,
    exercise: extra.exercise,
    origin,
    alertThreadIds: extra.alertThreadIds,
    exceedances: extra.exceedances,
    state: 'reported',
    closureAgreements: [],
    enforcementActions: [],
    evidence: [],
    timeline: [],
    openedAt: at,
    updatedAt: at,
    version: 0,
  };
  return apply(base, actor, clock, 'opened', { origin, partyProvinces: parties, ...(description ? { description } : {}), exceedanceCount: extra.exceedances.length }, {});
}

/** Opens a case on a report (no alert or exceedance behind it). */
export function openReportedCase(input: OpenCaseInput, context: CaseCommandContext & { readonly catalog: ReferenceCatalog }): CaseCommandResult {
  return openCaseRecord(input, context, { kind: 'report' }, { exercise: false, alertThreadIds: [], exceedances: [] });
}

/**
 * Opens a case from an alert: the alert's provinces become the parties by default, the section is the alert's, and
 * an exercise alert opens an exercise case. The opener must be an environmental bureau of one of the provinces.
 */
export function openCaseFromAlert(alert: AlertMessage, input: Omit<OpenCaseInput, 'sectionId'>, context: CaseCommandContext & { readonly catalog: ReferenceCatalog }): CaseCommandResult {
  if (!alertProvinces(alert).includes(context.actor.province)) throw new CaseNotFoundError();
  if (alert.msgType === 'Cancel') throw new CaseConflictError('The alert was cancelled; a cancelled alert opens no case.');
  return openCaseRecord(
    { title: alert.headline, ...input, sectionId: alert.sectionId },
    context,
    { kind: 'alert', alertId: alert.id, threadId: alert.threadId },
    { exercise: alert.status === 'Exercise', alertThreadIds: [alert.threadId], exceedances: [], defaultParties: alertProvinces(alert) },
  );
}

/** Opens a case for an `open` exceedance decision (see decideExceedanceCases), on behalf of whoever submitted the readings. */
export function openCaseFromExceedances(
  decision: Extract<ExceedanceCaseDecision, { action: 'open' }>,
  input: { readonly id: string; readonly title?: string },
  context: CaseCommandContext & { readonly catalog: ReferenceCatalog },
): CaseCommandResult {
  const section = context.catalog.section(decision.sectionId);
  const parameters = [...new Set(decision.exceedances.map((e) => e.parameter))].join(', ');
  const title = input.title ?? `Exceedance at ${section?.nameZh ?? decision.sectionId} ${section?.nameEn ?? ''}: ${parameters}`.replace(/\s+/g, ' ').trim();
  return openCaseRecord(
    { id: input.id, title, sectionId: decision.sectionId, partyProvinces: [...decision.partyProvinces] },
    context,
    { kind: 'exceedance' },
    { exercise: false, alertThreadIds: [], exceedances: [...decision.exceedances] },
  );
}

/** Adds exceedances to an open case (an `update` exceedance decision). */
export function addExceedances(c: PollutionCase, exceedances: readonly Exceedance[], context: CaseCommandContext): CaseCommandResult {
  requireCaseWriter(c, context.actor);
  if (c.state === 'closed') throw new CaseTransitionNotAllowedError(c.state, 'add-exceedances');
  if (c.exercise) throw new CaseConflictError('Real monitoring data is never added to an exercise case.');
  if (exceedances.some((e) => e.sectionId !== c.sectionId)) throw new CaseConflictError('Exceedances must be at the case\'s section.');
  return apply(c, context.actor, context.clock, 'exceedances-added', { count: exceedances.length, parameters: [...new Set(exceedances.map((e) => e.parameter))] }, {
    exceedances: [...c.exceedances, ...exceedances],
  });
}

/** Links a further alert thread to the case; the alert must concern the case's section, have the same mode, and involve only parties. */
export function linkAlert(c: PollutionCase, alert: AlertMessage, context: CaseCommandContext): CaseCommandResult {
  requireCaseWriter(c, context.actor);
  if (c.state === 'closed') throw new CaseTransitionNotAllowedError(c.state, 'link-alert');
  if (alert.sectionId !== c.sectionId) throw new CaseConflictError('The alert concerns another section.');
  if ((alert.status === 'Exercise') !== c.exercise) throw new CaseConflictError('Exercise alerts and real cases never mix.');
  if (!alertProvinces(alert).every((p) => c.partyProvinces.includes(p))) throw new CaseConflictError('The alert involves provinces that are not parties to the case.');
  if (c.alertThreadIds.includes(alert.threadId)) throw new CaseConflictError('The alert is already linked.');
  return apply(c, context.actor, context.clock, 'alert-linked', { threadId: alert.threadId }, { alertThreadIds: [...c.alertThreadIds, alert.threadId] });
}

function transition(c: PollutionCase, command: CaseCommand, context: CaseCommandContext, details: Record<string, unknown> = {}): CaseCommandResult {
  requireCaseWriter(c, context.actor);
  const to = requireCommand(c, command);
  // A change of state clears closure agreements: they were given for the facts as they stood.
  return apply(c, context.actor, context.clock, 'state-changed', { command, from: c.state, to, ...details }, { state: to, closureAgreements: [] });
}

/** reported → under joint investigation (联合调查). */
export function startJointInvestigation(c: PollutionCase, context: CaseCommandContext): CaseCommandResult {
  return transition(c, 'start-joint-investigation', context);
}

/** under joint investigation → joint enforcement (联合执法). */
export function startJointEnforcement(c: PollutionCase, context: CaseCommandContext): CaseCommandResult {
  return transition(c, 'start-joint-enforcement', context);
}

/** joint enforcement → remediation (整改/修复). */
export function startRemediation(c: PollutionCase, context: CaseCommandContext): CaseCommandResult {
  return transition(c, 'start-remediation', context);
}

/**
 * A party agrees to close the case. The case closes when every party has agreed (unanimity: no province can close a
 * cross-boundary case over another's objection; a party that objects raises a dispute instead, and mediation decides).
 */
export function agreeToClose(c: PollutionCase, input: { readonly statement?: unknown }, context: CaseCommandContext): CaseCommandResult {
  requireCaseWriter(c, context.actor);
  requireCommand(c, 'close-by-agreement');
  const p = new ProblemList();
  const statement = p.text('statement', input.statement, 2000);
  if (!p.ok || statement === undefined) throw new CaseInvalidError(p.problems);
  if (c.closureAgreements.some((a) => a.province === context.actor.province)) throw new CaseConflictError('Your province has already agreed to close this case.');
  const at = nowInstant(context.clock);
  const agreements = [...c.closureAgreements, { province: context.actor.province, by: actorRef(context.actor), at, statement }];
  const all = c.partyProvinces.every((province) => agreements.some((a) => a.province === province));
  if (!all) {
    return apply(c, context.actor, context.clock, 'closure-agreed', { statement, agreed: agreements.map((a) => a.province) }, { closureAgreements: agreements });
  }
  return apply(
    c,
    context.actor,
    context.clock,
    'closed',
    { command: 'close-by-agreement', from: c.state, statement, agreed: agreements.map((a) => a.province) },
    { state: 'closed', closureAgreements: agreements, closure: { how: 'agreement', at } },
  );
}

/** A party disputes the case's handling: the case goes to mediation and remembers where it was. */
export function raiseDispute(c: PollutionCase, input: { readonly reason?: unknown }, context: CaseCommandContext): CaseCommandResult {
  requireCaseWriter(c, context.actor);
  const to = requireCommand(c, 'raise-dispute');
  const p = new ProblemList();
  const reason = p.text('reason', input.reason, 4000);
  if (!p.ok || reason === undefined) throw new CaseInvalidError(p.problems);
  const mediation = { disputedFrom: c.state, raisedBy: context.actor.province, reason, raisedAt: nowInstant(context.clock) };
  return apply(c, context.actor, context.clock, 'dispute-raised', { from: c.state, to, reason }, { state: to, mediation, closureAgreements: [] });
}

/** The outcome of a mediation, recorded by a party: resume where the case was, or close it. */
export interface MediationOutcomeInput {
  /** Resume or close. */
  readonly outcome?: unknown;
  /** Who mediated (e.g. the basin authority or the joint mechanism). */
  readonly mediator?: unknown;
  /** What was decided. */
  readonly summary?: unknown;
  /** A document evidence on the case holding the mediation record. */
  readonly documentEvidenceId?: unknown;
}

/** Records a mediation's outcome: back to the disputed state, or closed (a mediation outcome closes without unanimity). */
export function resolveMediation(c: PollutionCase, input: MediationOutcomeInput, context: CaseCommandContext): CaseCommandResult {
  requireCaseWriter(c, context.actor);
  const p = new ProblemList();
  const outcome = p.oneOf('outcome', input.outcome, ['resume', 'close'] as const);
  const mediator = p.text('mediator', input.mediator, 200);
  const summary = p.text('summary', input.summary, 4000);
  let documentEvidenceId: string | undefined;
  if (input.documentEvidenceId !== undefined) {
    const doc = c.evidence.find((e) => e.id === input.documentEvidenceId);
    if (!doc || doc.kind !== 'document') p.add('documentEvidenceId', 'is not a document evidence of this case');
    else documentEvidenceId = doc.id;
  }
  const to = requireCommand(c, outcome === 'close' ? 'close-by-mediation' : 'resume-after-mediation');
  if (!p.ok || !outcome || !mediator || !summary) throw new CaseInvalidError(p.problems);
  const details = { outcome, mediator, summary, from: c.state, to, disputedFrom: c.mediation?.disputedFrom, ...(documentEvidenceId ? { documentEvidenceId } : {}) };
  const { mediation: _resolved, ...withoutMediation } = c;
  const closure = to === 'closed' ? { closure: { how: 'mediation' as const, at: nowInstant(context.clock), mediationOutcome: summary } } : {};
  return apply(withoutMediation, context.actor, context.clock, to === 'closed' ? 'closed' : 'mediation-resolved', details, { state: to, closureAgreements: [], ...closure });
}

function checkActionDate(p: ProblemList, value: unknown, clock: Clock): string | undefined {
  const date = checkCalendarDate(value);
  if (typeof date !== 'string') {
    p.add('date', date.problem);
    return undefined;
  }
  if (date > beijingToday(clock)) {
    p.add('date', 'cannot be in the future');
    return undefined;
  }
  return date;
}

/** A party records an enforcement action it carried out; the responsible province is the actor's own. */
export function recordEnforcementAction(c: PollutionCase, input: { readonly id: string; readonly date?: unknown; readonly findings?: unknown }, context: CaseCommandContext): CaseCommandResult {
  requireCaseWriter(c, context.actor);
  if (!ENFORCEMENT_STATES.includes(c.state)) throw new CaseTransitionNotAllowedError(c.state, 'record-enforcement-action');
  const p = new ProblemList();
  if (typeof input.id !== 'string' || input.id.trim() === '') p.add('id', 'is required');
  else if (c.enforcementActions.some((a) => a.id === input.id)) p.add('id', 'is already used on this case');
  const date = checkActionDate(p, input.date, context.clock);
  const findings = p.text('findings', input.findings, 8000);
  if (!p.ok || !date || !findings) throw new CaseInvalidError(p.problems);
  const action: EnforcementAction = {
    id: input.id,
    responsibleProvince: context.actor.province,
    date,
    findings,
    recordedBy: actorRef(context.actor),
    recordedAt: nowInstant(context.clock),
    revision: 0,
  };
  return apply(c, context.actor, context.clock, 'enforcement-recorded', { actionId: action.id, responsibleProvince: action.responsibleProvince, date, findings }, {
    enforcementActions: [...c.enforcementActions, action],
  });
}

/** Amends an enforcement action; only its responsible province may, and the timeline keeps the earlier values. */
export function amendEnforcementAction(
  c: PollutionCase,
  actionId: string,
  input: { readonly date?: unknown; readonly findings?: unknown },
  context: CaseCommandContext,
): CaseCommandResult {
  requireCaseWriter(c, context.actor);
  const action = c.enforcementActions.find((a) => a.id === actionId);
  if (!action) throw new CaseInvalidError([{ field: 'actionId', reason: 'is not an enforcement action of this case' }]);
  if (action.responsibleProvince !== context.actor.province) throw new CaseForbiddenError('Only the responsible province edits its enforcement action.');
  if (!ENFORCEMENT_STATES.includes(c.state)) throw new CaseTransitionNotAllowedError(c.state, 'amend-enforcement-action');
  const p = new ProblemList();
  const date = input.date === undefined ? action.date : checkActionDate(p, input.date, context.clock);
  const findings = input.findings === undefined ? action.findings : p.text('findings', input.findings, 8000);
  if (input.date === undefined && input.findings === undefined) p.add('findings', 'nothing to change: give a new date or findings');
  if (!p.ok || !date || !findings) throw new CaseInvalidError(p.problems);
  const amended: EnforcementAction = { ...action, date, findings, revision: action.revision + 1 };
  return apply(
    c,
    context.actor,
    context.clock,
    'enforcement-amended',
    { actionId, revision: amended.revision, before: { date: action.date, findings: action.findings }, after: { date, findings } },
    { enforcementActions: c.enforcementActions.map((a) => (a.id === actionId ? amended : a)) },
  );
}

/** Evidence as received. */
export type EvidenceInput =
  | { readonly id: string; readonly kind: 'monitoring-data'; readonly description?: unknown; readonly readings?: unknown }
  | {
      readonly id: string;
      readonly kind: 'document';
      readonly description?: unknown;
      readonly sha256?: unknown;
      readonly filename?: unknown;
      readonly mediaType?: unknown;
      readonly sizeBytes?: unknown;
    };

/** Largest document accepted as evidence (bytes). */
export const MAX_EVIDENCE_BYTES = 2 * 1024 ** 3;

function checkReadingRefs(p: ProblemList, raw: unknown, catalog: ReferenceCatalog): ReadingRef[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 1000) {
    p.add('readings', 'must list from 1 to 1000 readings');
    return [];
  }
  const refs: ReadingRef[] = [];
  raw.forEach((item: unknown, i) => {
    const r = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const sectionOk = typeof r.sectionId === 'string' && catalog.section(r.sectionId) !== undefined;
    if (!sectionOk) p.add(`readings[${i}].sectionId`, 'is not a known monitoring section');
    if (!isParameterCode(r.parameter)) p.add(`readings[${i}].parameter`, 'is not a known parameter');
    const sampledAt = parseOffsetTimestamp(r.sampledAt);
    if (typeof sampledAt !== 'string') p.add(`readings[${i}].sampledAt`, sampledAt.problem);
    if (sectionOk && isParameterCode(r.parameter) && typeof sampledAt === 'string') refs.push({ sectionId: r.sectionId as string, parameter: r.parameter, sampledAt });
  });
  return refs;
}

/**
 * A party adds evidence: monitoring data (references to stored readings) or a document (its SHA-256 and metadata;
 * the bytes go to object storage). The same document cannot be added twice to a case. Not after closure.
 */
export function addEvidence(c: PollutionCase, input: EvidenceInput, context: CaseCommandContext & { readonly catalog: ReferenceCatalog }): CaseCommandResult {
  requireCaseWriter(c, context.actor);
  if (c.state === 'closed') throw new CaseTransitionNotAllowedError(c.state, 'add-evidence');
  const p = new ProblemList();
  if (typeof input.id !== 'string' || input.id.trim() === '') p.add('id', 'is required');
  else if (c.evidence.some((e) => e.id === input.id)) p.add('id', 'is already used on this case');
  const description = p.text('description', input.description, 4000);
  const base = { id: input.id, submittedBy: actorRef(context.actor), submittedProvince: context.actor.province, submittedAt: nowInstant(context.clock) as Instant };
  let evidence: Evidence | undefined;
  if (input.kind === 'monitoring-data') {
    const readings = checkReadingRefs(p, input.readings, context.catalog);
    if (p.ok && description) evidence = { ...base, kind: 'monitoring-data', description, readings };
  } else if (input.kind === 'document') {
    const sha256 = typeof input.sha256 === 'string' ? input.sha256.toLowerCase() : '';
    if (!/^[0-9a-f]{64}$/.test(sha256)) p.add('sha256', 'must be the SHA-256 of the file as 64 hexadecimal characters');
    const filename = p.text('filename', input.filename, 255);
    // eslint-disable-next-line no-control-regex
    if (filename && /[\\/\u0000-\u001f]/.test(filename)) p.add('filename', 'must be a bare file name without path separators or control characters');
    const mediaType = typeof input.mediaType === 'string' ? input.mediaType.trim().toLowerCase() : '';
    if (!/^[a-z]+\/[a-z0-9][a-z0-9.+-]*$/.test(mediaType)) p.add('mediaType', 'must be a media type such as application/pdf');
    const size = input.sizeBytes;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1 || size > MAX_EVIDENCE_BYTES) p.add('sizeBytes', `must be a whole number of bytes from 1 to ${MAX_EVIDENCE_BYTES}`);
    if (p.ok && c.evidence.some((e) => e.kind === 'document' && e.sha256 === sha256)) throw new CaseConflictError('This document is already evidence on the case.');
    if (p.ok && description && filename) {
      const doc: DocumentEvidence = { ...base, kind: 'document', description, sha256, filename, mediaType, sizeBytes: size as number };
      evidence = doc;
    }
  } else p.add('kind', 'must be monitoring-data or document');
  if (!p.ok || !evidence) throw new CaseInvalidError(p.problems);
  const summary = evidence.kind === 'document' ? { sha256: evidence.sha256, filename: evidence.filename, mediaType: evidence.mediaType, sizeBytes: evidence.sizeBytes } : { readingCount: evidence.readings.length };
  return apply(c, context.actor, context.clock, 'evidence-added', { evidenceId: evidence.id, kind: evidence.kind, ...summary }, { evidence: [...c.evidence, evidence] });
}
