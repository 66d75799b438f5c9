import {
  RecordView,
  type Case,
  type CaseCounts,
  type CaseOrigin,
  type Closure,
  type ClosureAgreement,
  type EnforcementAction,
  type Evidence,
  type Exceedance,
  type Mediation,
  type Reading,
  type ReadingRef,
  type TimelineEntry,
} from '@xietong/proto';
import { canWrite, type RecordScope } from '../../../kit.ts';
import type { ObjectRef } from '@pothos/core';
import type { GatewayBuilder, GatewayTypes } from '../../builder.ts';
import type { GatewayContext } from '../../gateway-context.ts';
import { currentMessageOf, type AlertThreadShape } from './alert.types.ts';
import { readPollution } from './pollution.client.ts';
import { optionalEnum, type PollutionEnums } from './pollution.enums.ts';
import { isComplete, loadReadable, threadOf, type PollutionRefs } from './pollution.refs.ts';
import { caseRecord, FULL_CONTENT_READERS, readsFull, readsSummary, SUMMARY_CONTENT_READERS } from './pollution.scopes.ts';
import { TOTAL_COUNT_DESCRIPTION, totalCountOf } from './reference.types.ts';
import { dateOf, requiredDateOf, textOrNull, type PollutionValues } from './pollution.values.ts';

/** An enforcement action with its case's provinces (whether the caller may amend it depends on both). */
type ActionShape = EnforcementAction & { caseRecord: RecordScope };

/** The case as it was read whole: a case from a list leaves out its details, which are then read by id. */
async function wholeCase(refs: PollutionRefs, c: Case, ctx: GatewayContext): Promise<Case> {
  return isComplete(c) ? c : refs.pollutionCase.getDataloader(ctx).load(c.id);
}

/** A detail field of the full view: null for a summary reader, from the whole case otherwise. */
async function detail<T>(refs: PollutionRefs, c: Case, ctx: GatewayContext, pick: (whole: Case) => T): Promise<T | null> {
  if (c.view !== RecordView.FULL) return null;
  return pick(await wholeCase(refs, c, ctx));
}

/** PollutionCase with its exceedances, enforcement actions, evidence, timeline, mediation and closure. */
export function implementCaseTypes(
  builder: GatewayBuilder,
  refs: PollutionRefs,
  enums: PollutionEnums,
  values: PollutionValues,
  reading: ObjectRef<GatewayTypes, Reading>,
  thread: ObjectRef<GatewayTypes, AlertThreadShape>,
) {
  const fullOnly = {
    authScopes: (c: Case) => readsFull(caseRecord(c)),
    unauthorizedResolver: () => null,
  };

  const counts = builder.objectRef<CaseCounts>('PollutionCaseCounts').implement({
    description: 'How many exceedances, enforcement actions and pieces of evidence a case holds (what a summary shows of them).',
    authScopes: SUMMARY_CONTENT_READERS,
    fields: (t) => ({
      exceedances: t.exposeInt('exceedances'),
      enforcementActions: t.exposeInt('enforcementActions'),
      evidence: t.exposeInt('evidence'),
    }),
  });
  const origin = builder.objectRef<CaseOrigin>('PollutionCaseOrigin').implement({
    description: 'What opened a case.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      kind: t.field({ type: enums.caseOrigin, resolve: (o) => o.kind }),
      alert: t.field({
        type: refs.alert,
        nullable: true,
        description: 'The alert message that opened it, if you may read it.',
        resolve: (o, _args, ctx) => (o.alertId === '' ? null : loadReadable(builder, refs.alert, 'PollutionAlert', o.alertId, ctx)),
      }),
    }),
  });
  const exceedance = builder.objectRef<Exceedance>('WaterQualityExceedance').implement({
    description: 'A reading or daily mean worse than the section’s target class.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      section: t.field({ type: refs.section, resolve: (e) => e.sectionId }),
      parameter: t.exposeString('parameter'),
      sampledAt: t.field({ type: 'DateTime', nullable: true, description: 'The reading judged, when judged on a single reading.', resolve: (e) => dateOf(e.sampledAt) }),
      dailyMeanDate: t.string({ nullable: true, description: 'The Beijing day (YYYY-MM-DD), when judged on a daily mean.', resolve: (e) => textOrNull(e.dailyMeanDate) }),
      dailyMeanReadingCount: t.int({ nullable: true, description: 'Readings behind the daily mean.', resolve: (e) => (e.dailyMeanDate === '' ? null : e.dailyMeanReadingCount) }),
      valueMgL: t.exposeString('valueMgL', { description: 'The value judged, mg/L.' }),
      observedClass: t.field({ type: enums.waterClass, nullable: true, description: 'Its class; null for a specific item (benzene) with a limit but no classes.', resolve: (e) => optionalEnum(e.observedClass) }),
      targetClass: t.field({ type: enums.waterClass, nullable: true, resolve: (e) => optionalEnum(e.targetClass) }),
      targetLimitMgL: t.exposeString('targetLimitMgL', { description: 'The target class’s limit, mg/L.' }),
      exceedanceMultiple: t.exposeString('exceedanceMultiple', { description: '超标倍数: (value − limit) ÷ limit, two decimals.' }),
    }),
  });
  const action = builder.objectRef<ActionShape>('EnforcementAction').implement({
    description: 'A joint-enforcement action (联合执法) one party carried out; only that party amends it.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      actionId: t.exposeString('id'),
      responsibleProvince: t.exposeString('responsibleProvince', { description: 'The province that carried it out and answers for it.' }),
      date: t.exposeString('date', { description: 'Day of the action, YYYY-MM-DD.' }),
      findings: t.exposeString('findings', { description: 'What was found or done.' }),
      recordedBy: t.field({ type: values.person, nullable: true, resolve: (a) => a.recordedBy ?? null }),
      recordedAt: t.field({ type: 'DateTime', resolve: (a) => requiredDateOf(a.recordedAt) }),
      revision: t.exposeInt('revision', { description: 'How many times it was amended (the timeline keeps earlier values).' }),
      amendable: t.boolean({
        description: 'You may amend it: your province carried it out and you are its environmental bureau.',
        resolve: (a, _args, ctx) =>
          ctx.principal !== null &&
          canWrite({ principal: ctx.principal, domain: 'pollution', action: 'own-entry', record: { ownerProvince: a.responsibleProvince, partyProvinces: a.caseRecord.partyProvinces ?? [] } }),
      }),
    }),
  });
  const readingRef = builder.objectRef<ReadingRef>('CaseEvidenceReading').implement({
    description: 'A stored reading that monitoring evidence points to.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      section: t.field({ type: refs.section, resolve: (r) => r.sectionId }),
      parameter: t.exposeString('parameter'),
      sampledAt: t.field({ type: 'DateTime', resolve: (r) => requiredDateOf(r.sampledAt) }),
    }),
  });
  const evidence = builder.objectRef<Evidence>('CaseEvidence').implement({
    description: 'Evidence on a case (parties’ environmental bureaus and the national observer only): monitoring data, or a document’s hash and metadata (the file is in object storage).',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      evidenceId: t.exposeString('id'),
      kind: t.field({ type: enums.evidenceKind, resolve: (e) => e.kind }),
      description: t.exposeString('description'),
      submittedBy: t.field({ type: values.person, nullable: true, resolve: (e) => e.submittedBy ?? null }),
      submittedProvince: t.exposeString('submittedProvince', { description: 'The submitting province (the evidence’s owner).' }),
      submittedAt: t.field({ type: 'DateTime', resolve: (e) => requiredDateOf(e.submittedAt) }),
      readings: t.field({ type: [readingRef], description: 'Monitoring data: the readings.', resolve: (e) => e.readings }),
      sha256: t.string({ nullable: true, description: 'Document: SHA-256 of the file, lower-case hex.', resolve: (e) => textOrNull(e.sha256) }),
      filename: t.string({ nullable: true, resolve: (e) => textOrNull(e.filename) }),
      mediaType: t.string({ nullable: true, resolve: (e) => textOrNull(e.mediaType) }),
      sizeBytes: t.float({ nullable: true, description: 'Document: size in bytes.', resolve: (e) => (e.sha256 === '' ? null : Number(e.sizeBytes)) }),
    }),
  });
  const mediation = builder.objectRef<Mediation>('CaseMediation').implement({
    description: 'A dispute under mediation.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      disputedFrom: t.field({ type: enums.caseState, description: 'The state to return to.', resolve: (m) => m.disputedFrom }),
      raisedBy: t.exposeString('raisedBy', { description: 'The province that raised it.' }),
      reason: t.exposeString('reason'),
      raisedAt: t.field({ type: 'DateTime', resolve: (m) => requiredDateOf(m.raisedAt) }),
    }),
  });
  const closureAgreement = builder.objectRef<ClosureAgreement>('CaseClosureAgreement').implement({
    description: 'A party’s agreement to close the case in its current state.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      province: t.exposeString('province'),
      by: t.field({ type: values.person, nullable: true, resolve: (a) => a.by ?? null }),
      at: t.field({ type: 'DateTime', resolve: (a) => requiredDateOf(a.at) }),
      statement: t.exposeString('statement'),
    }),
  });
  const closure = builder.objectRef<Closure>('CaseClosure').implement({
    description: 'How a case was closed.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      how: t.field({ type: enums.closureKind, resolve: (c) => c.how }),
      at: t.field({ type: 'DateTime', resolve: (c) => requiredDateOf(c.at) }),
      mediationOutcome: t.string({ nullable: true, description: 'What the mediation decided, when closed by mediation.', resolve: (c) => textOrNull(c.mediationOutcome) }),
    }),
  });
  const timelineEntry = builder.objectRef<TimelineEntry>('CaseTimelineEntry').implement({
    description: 'One change of a case: what, when, who and for which province.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      seq: t.exposeInt('seq', { description: '1, 2, 3 … in order.' }),
      at: t.field({ type: 'DateTime', resolve: (e) => requiredDateOf(e.at) }),
      kind: t.exposeString('kind', {
        description: 'opened, state-changed, exceedances-added, alert-linked, enforcement-recorded, enforcement-amended, evidence-added, closure-agreed, dispute-raised, mediation-resolved or closed.',
      }),
      actorSubject: t.exposeString('actorSubject'),
      actorUsername: t.exposeString('actorUsername'),
      province: t.exposeString('province', { description: 'The province the change was made for.' }),
      // JSON text rather than a JSON scalar: its shape depends on `kind`, and clients parse it where they show it.
      detailsJson: t.string({
        description: 'The change’s data as a JSON object text, by kind (for an amendment: the values before and after).',
        resolve: (e) => JSON.stringify(e.details ?? {}),
      }),
    }),
  });

  refs.pollutionCase.implement({
    description: 'A cross-boundary pollution case (跨界污染案件) as you may see it: parties’ environmental bureaus and the national observer everything, parties’ liaison offices the summary (state, parties, counts, linked alerts and their escalations), anyone else nothing.',
    authScopes: (c: Case) => readsSummary(caseRecord(c)),
    fields: (t) => ({
      caseId: t.exposeString('id', { description: 'The service’s id of the case (the aggregate id in its events).' }),
      title: t.exposeString('title'),
      section: t.field({ type: refs.section, resolve: (c) => c.sectionId }),
      sectionCode: t.exposeString('sectionId'),
      partyProvinces: t.exposeStringList('partyProvinces', { description: 'The party provinces: only they (and the national observer) see the case.' }),
      reportingProvince: t.exposeString('reportingProvince', { description: 'The province that opened it.' }),
      mode: t.field({ type: enums.mode, description: 'EXERCISE for a case opened from an exercise alert (never mixed with real cases).', resolve: (c) => (c.exercise ? 2 : 1) }),
      state: t.field({ type: enums.caseState, resolve: (c) => c.state }),
      inMediation: t.exposeBoolean('inMediation'),
      counts: t.field({ type: counts, resolve: (c) => c.counts ?? { exceedances: 0, enforcementActions: 0, evidence: 0 } as CaseCounts }),
      openedAt: t.field({ type: 'DateTime', resolve: (c) => requiredDateOf(c.openedAt) }),
      closedAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => dateOf(c.closedAt) }),
      view: t.field({ type: enums.view, description: 'FULL, or SUMMARY: the full-view fields are null.', resolve: (c) => c.view }),
      linkedAlerts: t.field({
        type: [thread],
        description: 'The alert threads linked to the case, with their acknowledgements and escalations (those you may read).',
        resolve: async (c, _args, ctx) => {
          const loaded = await Promise.all(c.alertThreadIds.map((id) => loadReadable(builder, refs.alert, 'PollutionAlert', id, ctx)));
          return loaded.flatMap((first) => {
            const messages = first ? threadOf(first) : undefined;
            return first && messages && currentMessageOf(messages) ? [{ threadId: first.threadId, messages }] : [];
          });
        },
      }),
      updatedAt: t.field({ type: 'DateTime', nullable: true, description: 'Last change (full view).', ...fullOnly, resolve: (c) => (c.view === RecordView.FULL ? dateOf(c.updatedAt) : null) }),
      version: t.int({
        nullable: true,
        description: 'Raised by one with every change (full view); pass it as expectedVersion to refuse a write based on a stale read.',
        ...fullOnly,
        resolve: (c) => (c.view === RecordView.FULL ? c.version : null),
      }),
      origin: t.field({ type: origin, nullable: true, description: 'What opened it (full view).', ...fullOnly, resolve: (c, _args, ctx) => detail(refs, c, ctx, (w) => w.origin ?? null) }),
      exceedances: t.field({ type: [exceedance], nullable: true, description: 'Exceedances (full view).', ...fullOnly, resolve: (c, _args, ctx) => detail(refs, c, ctx, (w) => w.exceedances) }),
      enforcementActions: t.field({
        type: [action],
        nullable: true,
        description: 'Enforcement actions (full view).',
        ...fullOnly,
        resolve: (c, _args, ctx) => detail(refs, c, ctx, (w) => w.enforcementActions.map((a) => Object.assign({}, a, { caseRecord: caseRecord(w) }))),
      }),
      evidence: t.field({
        type: [evidence],
        nullable: true,
        description: 'Evidence (full view: parties’ environmental bureaus and the national observer; null for liaison offices).',
        ...fullOnly,
        resolve: (c, _args, ctx) => detail(refs, c, ctx, (w) => w.evidence),
      }),
      timeline: t.field({ type: [timelineEntry], nullable: true, description: 'Every change, oldest first (full view).', ...fullOnly, resolve: (c, _args, ctx) => detail(refs, c, ctx, (w) => w.timeline) }),
      mediation: t.field({ type: mediation, nullable: true, description: 'The dispute under mediation (full view).', ...fullOnly, resolve: (c, _args, ctx) => detail(refs, c, ctx, (w) => w.mediation ?? null) }),
      closureAgreements: t.field({
        type: [closureAgreement],
        nullable: true,
        description: 'Parties’ agreements to close in the current state (full view).',
        ...fullOnly,
        resolve: (c, _args, ctx) => detail(refs, c, ctx, (w) => w.closureAgreements),
      }),
      closure: t.field({ type: closure, nullable: true, description: 'How it was closed (full view).', ...fullOnly, resolve: (c, _args, ctx) => detail(refs, c, ctx, (w) => w.closure ?? null) }),
      allowedCommands: t.field({
        type: [enums.caseCommand],
        nullable: true,
        description: 'The state commands allowed now (full view).',
        ...fullOnly,
        resolve: (c, _args, ctx) => detail(refs, c, ctx, (w) => w.allowedCommands),
      }),
      readings: t.field({
        type: [reading],
        nullable: true,
        description: 'The readings behind the case: those its exceedances were judged on and those its evidence names, oldest first (full view).',
        ...fullOnly,
        resolve: async (c, _args, ctx) => (c.view === RecordView.FULL ? (await readPollution(ctx, (client, options) => client.listCaseReadings({ caseId: c.id }, options))).readings : null),
      }),
    }),
  });

  const connection = builder.connectionObject({
    type: refs.pollutionCase,
    name: 'PollutionCaseConnection',
    fields: (t) => ({ totalCount: t.int({ description: TOTAL_COUNT_DESCRIPTION, resolve: totalCountOf }) }),
  });
  return { connection, exceedance };
}
