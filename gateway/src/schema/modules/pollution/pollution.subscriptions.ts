import {
  AlertAcknowledgedSchema,
  AlertEscalatedSchema,
  AlertIssuedSchema,
  AlertStatus,
  AssessmentPublishedSchema,
  type CaseState,
  CaseUpdatedSchema,
  ReadingsRecordedSchema,
  type AlertAcknowledged,
  type AlertEscalated,
  type AlertHeader,
  type AlertIssued,
  type AssessmentPublished,
  type CaseHeader,
  type Exceedance,
  type ReadingsParameterSummary,
  type ReadingsRecorded,
  type Transfer,
} from '@xietong/proto';
import type { ObjectRef } from '@pothos/core';
import { isNationalObserver, type Principal } from '../../../kit.ts';
import type { HubEvent } from '../../../subscriptions/hub-event.ts';
import type { GatewayBuilder, GatewayTypes } from '../../builder.ts';
import { serviceIdOf } from './pollution.client.ts';
import { caseChangeName, optionalEnum, type PollutionEnums } from './pollution.enums.ts';
import { alertChangeOf, alertEventProvinceOf, alertHeaderOf, caseHeaderOf, payloadOf, POLLUTION_EVENT_TYPES, type AlertChange } from './pollution.events.ts';
import { forgetLoadedRecords, loadReadable, type PollutionRefs } from './pollution.refs.ts';
import { alertRecord, caseRecord, compensationRecord, FULL_CONTENT_READERS, readsFull, readsSummary, sectionRecord } from './pollution.scopes.ts';
import { dateOf, requiredDateOf, textOrNull } from './pollution.values.ts';

// Subscriptions fed by the event hub. The hub delivers an event only to users in its audience whose role may read
// it (POLLUTION_EVENT_READ_RULES); each subscription narrows further (mode, addressed to my province, one case…).
// The event's own fields come from its payload (summary content only); the record itself is read afresh through the
// service for each event (the stream's loaders are emptied first), so it is current and shown exactly as the user
// may see it now (null if no longer).

interface EventShape<P> {
  event: HubEvent;
  payload: P;
}

interface AlertActivityShape {
  event: HubEvent;
  change: AlertChange;
  header: AlertHeader;
  province: string | null;
}

interface CaseEventShape {
  event: HubEvent;
  header: CaseHeader;
  change: string;
  timelineSeq: number | null;
  province: string | null;
  previousState: CaseState | null;
}

const POLLUTION_SUBSCRIBERS = { $any: { observer: true, anyRole: ['environment', 'liaison'] } } as const;

function principalOf(ctx: { principal: Principal | null }): Principal {
  return ctx.principal as Principal;
}

function caseEventShape(event: HubEvent): CaseEventShape | undefined {
  const header = caseHeaderOf(event);
  if (!header) return undefined;
  const updated = payloadOf(event, CaseUpdatedSchema);
  if (updated) {
    return { event, header, change: caseChangeName(updated.change), timelineSeq: updated.timelineSeq, province: textOrNull(updated.province), previousState: optionalEnum(updated.previousState) };
  }
  return { event, header, change: 'OPENED', timelineSeq: 1, province: header.reportingProvince, previousState: null };
}

/** Whether an alert event is of this mode and, when a thread is named, of that thread. */
function alertEventMatches(header: AlertHeader | undefined, mode: AlertStatus, threadId: string | null | undefined): header is AlertHeader {
  return header !== undefined && header.status === mode && (threadId === null || threadId === undefined || header.threadId === threadId);
}

/** The fields every alert event shows of the message it concerns, read from its header (summary content only). */
function alertHeaderFields<S>(
  t: PothosSchemaTypes.ObjectFieldBuilder<GatewayTypes, S>,
  builder: GatewayBuilder,
  refs: PollutionRefs,
  enums: PollutionEnums,
  headerOf: (shape: S) => AlertHeader | undefined,
  alertDescription: string,
) {
  return {
    messageId: t.string({ resolve: (s) => headerOf(s)?.alertId ?? '' }),
    threadId: t.string({ resolve: (s) => headerOf(s)?.threadId ?? '' }),
    mode: t.field({ type: enums.mode, resolve: (s) => headerOf(s)?.status ?? AlertStatus.ACTUAL }),
    severity: t.field({ type: enums.severity, resolve: (s) => headerOf(s)?.severity ?? 0 }),
    section: t.field({ type: refs.section, resolve: (s) => headerOf(s)?.sectionId ?? '' }),
    senderProvince: t.string({ resolve: (s) => headerOf(s)?.senderProvince ?? '' }),
    headline: t.string({ resolve: (s) => headerOf(s)?.headline ?? '' }),
    alert: t.field({
      type: refs.alert,
      nullable: true,
      description: alertDescription,
      resolve: (s, _args, ctx) => loadReadable(builder, refs.alert, 'PollutionAlert', headerOf(s)?.alertId ?? '', ctx, true),
    }),
  };
}

/** alertIssued, alertActivity, alertAcknowledged, alertAcknowledgementOverdue, caseUpdated, assessmentPublished and readingsRecorded. */
export function registerPollutionSubscriptions(
  builder: GatewayBuilder,
  refs: PollutionRefs,
  enums: PollutionEnums,
  types: { exceedance: ObjectRef<GatewayTypes, Exceedance> },
) {
  const issued = builder.objectRef<EventShape<AlertIssued>>('PollutionAlertIssuedEvent').implement({
    description: 'A new alert addressed to your province (or, for the national observer, to any province).',
    authScopes: (s) => (s.payload.alert ? readsSummary(alertRecord(s.payload.alert)) : false),
    fields: (t) => ({
      eventId: t.id({ description: 'The event id (also the SSE id to resume after).', resolve: (s) => s.event.id }),
      occurredAt: t.field({ type: 'DateTime', resolve: (s) => s.event.occurredAt }),
      ...alertHeaderFields(t, builder, refs, enums, (s) => s.payload.alert, 'The message as you may see it now (null if you may no longer read it).'),
      category: t.field({ type: enums.category, resolve: (s) => s.payload.alert?.category ?? 0 }),
      addressees: t.stringList({ resolve: (s) => s.payload.alert?.addressees ?? [] }),
      sentAt: t.field({ type: 'DateTime', resolve: (s) => requiredDateOf(s.payload.alert?.sentAt) }),
      acknowledgeBy: t.field({ type: 'DateTime', nullable: true, description: 'The acknowledgement deadline.', resolve: (s) => dateOf(s.payload.acknowledgeBy) }),
    }),
  });

  const activity = builder.objectRef<AlertActivityShape>('PollutionAlertActivityEvent').implement({
    description: 'A change to an alert thread you may read: issued, updated, cancelled, acknowledged by a province, or escalated.',
    authScopes: (s) => readsSummary(alertRecord(s.header)),
    fields: (t) => ({
      eventId: t.id({ description: 'The event id (also the SSE id to resume after).', resolve: (s) => s.event.id }),
      occurredAt: t.field({ type: 'DateTime', resolve: (s) => s.event.occurredAt }),
      change: t.field({ type: enums.alertChange, resolve: (s) => s.change }),
      ...alertHeaderFields(t, builder, refs, enums, (s) => s.header, 'The message the change concerns, as you may see it now (null if you may no longer read it).'),
      category: t.field({ type: enums.category, resolve: (s) => s.header.category }),
      addressees: t.stringList({ resolve: (s) => s.header.addressees }),
      province: t.string({ nullable: true, description: 'ACKNOWLEDGED: the province that acknowledged; ESCALATED: the province that had not.', resolve: (s) => s.province }),
    }),
  });

  const acknowledged = builder.objectRef<EventShape<AlertAcknowledged>>('PollutionAlertAcknowledgedEvent').implement({
    description: 'An addressed province acknowledged an alert you may read (the sender sees every addressee’s acknowledgement).',
    authScopes: (s) => (s.payload.alert ? readsSummary(alertRecord(s.payload.alert)) : false),
    fields: (t) => ({
      eventId: t.id({ description: 'The event id (also the SSE id to resume after).', resolve: (s) => s.event.id }),
      occurredAt: t.field({ type: 'DateTime', resolve: (s) => s.event.occurredAt }),
      province: t.string({ description: 'The province that acknowledged.', resolve: (s) => s.payload.province }),
      acknowledgedAt: t.field({ type: 'DateTime', resolve: (s) => requiredDateOf(s.payload.acknowledgedAt) }),
      ...alertHeaderFields(t, builder, refs, enums, (s) => s.payload.alert, 'The message as you may see it now, with its acknowledgements.'),
    }),
  });

  const overdue = builder.objectRef<EventShape<AlertEscalated>>('PollutionAlertOverdueEvent').implement({
    description: 'A province did not acknowledge an alert in time: it went to that province’s duty roster or, later, to the joint mechanism.',
    authScopes: (s) => (s.payload.alert ? readsSummary(alertRecord(s.payload.alert)) : false),
    fields: (t) => ({
      eventId: t.id({ description: 'The event id (also the SSE id to resume after).', resolve: (s) => s.event.id }),
      occurredAt: t.field({ type: 'DateTime', resolve: (s) => s.event.occurredAt }),
      province: t.string({ description: 'The province that had not acknowledged.', resolve: (s) => s.payload.province }),
      step: t.field({ type: enums.escalationStep, resolve: (s) => s.payload.step }),
      dueAt: t.field({ type: 'DateTime', description: 'When the acknowledgement fell due.', resolve: (s) => requiredDateOf(s.payload.dueAt) }),
      policy: t.string({ description: 'The escalation policy (id@version) that set the deadline.', resolve: (s) => s.payload.policy }),
      jointMechanismId: t.string({ nullable: true, description: 'The joint mechanism named by the policy, for the second step.', resolve: (s) => textOrNull(s.payload.jointMechanismId) }),
      ...alertHeaderFields(t, builder, refs, enums, (s) => s.payload.alert, 'The message as you may see it now.'),
    }),
  });

  const caseEvent = builder.objectRef<CaseEventShape>('PollutionCaseUpdatedEvent').implement({
    description: 'A case you may read was opened or changed (its timeline gained an entry). Evidence and findings are never in the event: read `case`.',
    authScopes: (s) => readsSummary(caseRecord(s.header)),
    fields: (t) => ({
      eventId: t.id({ description: 'The event id (also the SSE id to resume after).', resolve: (s) => s.event.id }),
      occurredAt: t.field({ type: 'DateTime', resolve: (s) => s.event.occurredAt }),
      change: t.field({ type: enums.caseChange, resolve: (s) => s.change as (typeof s.change & 'OPENED') }),
      caseId: t.string({ description: 'The service’s case id.', resolve: (s) => s.header.caseId }),
      title: t.string({ resolve: (s) => s.header.title }),
      section: t.field({ type: refs.section, resolve: (s) => s.header.sectionId }),
      partyProvinces: t.stringList({ resolve: (s) => s.header.partyProvinces }),
      reportingProvince: t.string({ resolve: (s) => s.header.reportingProvince }),
      mode: t.field({ type: enums.mode, resolve: (s) => (s.header.exercise ? AlertStatus.EXERCISE : AlertStatus.ACTUAL) }),
      state: t.field({ type: enums.caseState, description: 'State after the change.', resolve: (s) => s.header.state }),
      previousState: t.field({ type: enums.caseState, nullable: true, resolve: (s) => s.previousState }),
      timelineSeq: t.int({ nullable: true, description: 'The timeline entry of the change.', resolve: (s) => s.timelineSeq }),
      province: t.string({ nullable: true, description: 'The province the change was made for.', resolve: (s) => s.province }),
      case: t.field({
        type: refs.pollutionCase,
        nullable: true,
        description: 'The case as you may see it now (summary or full).',
        resolve: (s, _args, ctx) => loadReadable(builder, refs.pollutionCase, 'PollutionCase', s.header.caseId, ctx, true),
      }),
    }),
  });

  const transfer = builder.objectRef<Transfer>('AssessmentPublishedTransfer').implement({
    description: 'A netted transfer announced with an assessment.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      payer: t.exposeString('payer'),
      payee: t.exposeString('payee'),
      fen: t.string({ description: 'Whole fen, decimal.', resolve: (r) => (r.amount?.fen ?? 0n).toString() }),
    }),
  });
  const published = builder.objectRef<EventShape<AssessmentPublished>>('CompensationAssessmentPublishedEvent').implement({
    description: 'A period assessment of an agreement your province is party to was published: who pays whom.',
    authScopes: (s) => readsFull(compensationRecord(s.payload.partyProvinces)),
    fields: (t) => ({
      eventId: t.id({ description: 'The event id (also the SSE id to resume after).', resolve: (s) => s.event.id }),
      occurredAt: t.field({ type: 'DateTime', resolve: (s) => s.event.occurredAt }),
      assessmentId: t.string({ resolve: (s) => s.payload.assessmentId }),
      agreementCode: t.string({ resolve: (s) => s.payload.agreementId }),
      agreementVersion: t.int({ resolve: (s) => s.payload.agreementVersion }),
      periodLabel: t.string({ description: '"2025" or "2025-10".', resolve: (s) => s.payload.periodLabel }),
      inputDigest: t.string({ resolve: (s) => s.payload.inputDigest }),
      algorithm: t.string({ resolve: (s) => s.payload.algorithm }),
      netTransfers: t.field({ type: [transfer], resolve: (s) => s.payload.netTransfers }),
      partyProvinces: t.stringList({ resolve: (s) => s.payload.partyProvinces }),
      supersedesAssessmentId: t.string({ nullable: true, resolve: (s) => textOrNull(s.payload.supersedesAssessmentId) }),
      assessment: t.field({
        type: refs.assessment,
        nullable: true,
        description: 'The assessment with its breakdown.',
        resolve: (s, _args, ctx) => loadReadable(builder, refs.assessment, 'CompensationAssessment', s.payload.assessmentId, ctx, true),
      }),
    }),
  });

  const parameterSummary = builder.objectRef<ReadingsParameterSummary>('WaterQualityReadingsParameter').implement({
    description: 'The readings of one parameter in an upload: how many, and the span they were sampled over.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      parameter: t.exposeString('parameter', { description: 'Parameter code: COD, CODMn, NH3-N, TP, TN or benzene.' }),
      count: t.exposeInt('count', { description: 'Readings of the parameter stored.' }),
      firstSampledAt: t.field({ type: 'DateTime', description: 'The earliest sampling time.', resolve: (p) => requiredDateOf(p.firstSampledAt) }),
      lastSampledAt: t.field({ type: 'DateTime', description: 'The latest sampling time.', resolve: (p) => requiredDateOf(p.lastSampledAt) }),
    }),
  });
  const readingsRecorded = builder.objectRef<EventShape<ReadingsRecorded>>('WaterQualityReadingsRecordedEvent').implement({
    description:
      'An upload of readings was stored at a section whose readings you may read (its provinces’ environmental bureaus, the national observer): counts and exceedances, never every value — read `section.readings` for those.',
    authScopes: (s) => readsFull(sectionRecord(s.payload)),
    fields: (t) => ({
      eventId: t.id({ description: 'The event id (also the SSE id to resume after).', resolve: (s) => s.event.id }),
      occurredAt: t.field({ type: 'DateTime', description: 'When the upload was accepted.', resolve: (s) => s.event.occurredAt }),
      sectionCode: t.string({ description: 'The section’s code.', resolve: (s) => s.payload.sectionId }),
      section: t.field({ type: refs.section, resolve: (s) => s.payload.sectionId }),
      batchId: t.string({ description: 'The upload (WaterQualityReading.batchId of each reading it stored).', resolve: (s) => s.payload.batchId }),
      count: t.int({ description: 'Readings stored at this section.', resolve: (s) => s.payload.count }),
      parameters: t.field({ type: [parameterSummary], description: 'Per parameter, by code.', resolve: (s) => s.payload.parameters }),
      exceedances: t.field({
        type: [types.exceedance],
        description: 'Readings worse than the section’s target class (or above a specific item’s limit), in sampling order; at most 1,000 (exceedanceCount counts all).',
        resolve: (s) => s.payload.exceedances,
      }),
      exceedanceCount: t.int({ description: 'Exceedances found in the upload at this section.', resolve: (s) => s.payload.exceedanceCount }),
      submittingProvince: t.string({ description: 'The province whose environmental bureau submitted the upload.', resolve: (s) => s.payload.submittingProvince }),
    }),
  });

  builder.subscriptionFields((t) => ({
    alertIssued: t.field({
      type: issued,
      description: 'Each new alert addressed to your province, of one mode (the national observer: every new alert).',
      authScopes: POLLUTION_SUBSCRIBERS,
      args: { mode: t.arg({ type: enums.mode, required: true, defaultValue: AlertStatus.ACTUAL }) },
      subscribe: (_root, args, ctx) => {
        const principal = principalOf(ctx);
        return ctx.events.subscribe((event) => {
          const header = payloadOf(event, AlertIssuedSchema)?.alert;
          return header !== undefined && header.status === args.mode && (isNationalObserver(principal) || header.addressees.includes(principal.province));
        });
      },
      resolve: (event: HubEvent, _args, ctx) => {
        forgetLoadedRecords(refs, ctx);
        return { event, payload: payloadOf(event, AlertIssuedSchema) as AlertIssued };
      },
    }),
    alertActivity: t.field({
      type: activity,
      description: 'Every change to the alert threads you may read (sent by or addressed to your province; the national observer: all), of one mode; or of one thread.',
      authScopes: POLLUTION_SUBSCRIBERS,
      args: {
        mode: t.arg({ type: enums.mode, required: true, defaultValue: AlertStatus.ACTUAL }),
        threadId: t.arg.string({ required: false, description: 'Only this thread (PollutionAlert.threadId).' }),
      },
      subscribe: (_root, args, ctx) =>
        ctx.events.subscribe((event) => alertChangeOf(event) !== undefined && alertEventMatches(alertHeaderOf(event), args.mode, args.threadId)),
      resolve: (event: HubEvent, _args, ctx) => {
        forgetLoadedRecords(refs, ctx);
        return { event, change: alertChangeOf(event) as AlertChange, header: alertHeaderOf(event) as AlertHeader, province: alertEventProvinceOf(event) };
      },
    }),
    alertAcknowledged: t.field({
      type: acknowledged,
      description: 'Each acknowledgement of an alert you may read, of one mode; or of one thread. The sending province learns here that the addressees have it.',
      authScopes: POLLUTION_SUBSCRIBERS,
      args: {
        mode: t.arg({ type: enums.mode, required: true, defaultValue: AlertStatus.ACTUAL }),
        threadId: t.arg.string({ required: false, description: 'Only this thread (PollutionAlert.threadId).' }),
      },
      subscribe: (_root, args, ctx) => ctx.events.subscribe((event) => alertEventMatches(payloadOf(event, AlertAcknowledgedSchema)?.alert, args.mode, args.threadId)),
      resolve: (event: HubEvent, _args, ctx) => {
        forgetLoadedRecords(refs, ctx);
        return { event, payload: payloadOf(event, AlertAcknowledgedSchema) as AlertAcknowledged };
      },
    }),
    alertAcknowledgementOverdue: t.field({
      type: overdue,
      description: 'Each escalation of an alert you may read because a province did not acknowledge it in time.',
      authScopes: POLLUTION_SUBSCRIBERS,
      args: {
        mode: t.arg({ type: enums.mode, required: true, defaultValue: AlertStatus.ACTUAL }),
        onlyMyProvince: t.arg.boolean({ required: false, defaultValue: false, description: 'Only escalations of your own province’s missing acknowledgements.' }),
      },
      subscribe: (_root, args, ctx) => {
        const principal = principalOf(ctx);
        return ctx.events.subscribe((event) => {
          const payload = payloadOf(event, AlertEscalatedSchema);
          return payload?.alert !== undefined && payload.alert.status === args.mode && (!args.onlyMyProvince || payload.province === principal.province);
        });
      },
      resolve: (event: HubEvent, _args, ctx) => {
        forgetLoadedRecords(refs, ctx);
        return { event, payload: payloadOf(event, AlertEscalatedSchema) as AlertEscalated };
      },
    }),
    caseUpdated: t.field({
      type: caseEvent,
      description: 'Each change to a case you may read (opened, state, enforcement, evidence, mediation, closure), of one mode; or of one case.',
      authScopes: POLLUTION_SUBSCRIBERS,
      args: {
        mode: t.arg({ type: enums.mode, required: true, defaultValue: AlertStatus.ACTUAL }),
        caseId: t.arg.id({ required: false, description: 'Only this case (its global id).' }),
      },
      subscribe: (_root, args, ctx) => {
        const only = args.caseId === null || args.caseId === undefined ? null : serviceIdOf(String(args.caseId), 'PollutionCase', 'caseId');
        const exercise = args.mode === AlertStatus.EXERCISE;
        return ctx.events.subscribe((event) => {
          if (event.type !== POLLUTION_EVENT_TYPES.caseOpened && event.type !== POLLUTION_EVENT_TYPES.caseUpdated) return false;
          const header = caseHeaderOf(event);
          return header !== undefined && header.exercise === exercise && (only === null || header.caseId === only);
        });
      },
      resolve: (event: HubEvent, _args, ctx) => {
        forgetLoadedRecords(refs, ctx);
        return caseEventShape(event) as CaseEventShape;
      },
    }),
    assessmentPublished: t.field({
      type: published,
      description: 'Each assessment published for an agreement your province is party to (environmental bureaus and the national observer).',
      authScopes: FULL_CONTENT_READERS,
      args: { agreementCode: t.arg.string({ required: false, description: 'Only this agreement.' }) },
      subscribe: (_root, args, ctx) =>
        ctx.events.subscribe((event) => {
          const payload = payloadOf(event, AssessmentPublishedSchema);
          return payload !== undefined && (!args.agreementCode || payload.agreementId === args.agreementCode);
        }),
      resolve: (event: HubEvent, _args, ctx) => {
        forgetLoadedRecords(refs, ctx);
        return { event, payload: payloadOf(event, AssessmentPublishedSchema) as AssessmentPublished };
      },
    }),
    readingsRecorded: t.field({
      type: readingsRecorded,
      description: 'Each upload of readings stored at a section whose readings you may read (its provinces’ environmental bureaus, the national observer); or at one section.',
      authScopes: FULL_CONTENT_READERS,
      args: { sectionCode: t.arg.string({ required: false, description: 'Only this section (MonitoringSection.code).' }) },
      subscribe: (_root, args, ctx) =>
        ctx.events.subscribe((event) => {
          const payload = payloadOf(event, ReadingsRecordedSchema);
          return payload !== undefined && (!args.sectionCode || payload.sectionId === args.sectionCode);
        }),
      resolve: (event: HubEvent, _args, ctx) => {
        forgetLoadedRecords(refs, ctx);
        return { event, payload: payloadOf(event, ReadingsRecordedSchema) as ReadingsRecorded };
      },
    }),
  }));
}
