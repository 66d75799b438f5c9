import { AlertMsgType, EscalationStep, RecordView, type Alert, type AlertAcknowledgement, type AlertCounts, type AlertEscalation, type AlertLocation, type AlertPollutant, type Quantity } from '@xietong/proto';
import { filterReadable, type GatewayBuilder } from '../../builder.ts';
import type { GatewayContext } from '../../gateway-context.ts';
import type { RecordScope } from '../../../kit.ts';
import type { PollutionEnums } from './pollution.enums.ts';
import { loadReadable, threadOf, type PollutionRefs } from './pollution.refs.ts';
import { alertRecord, FULL_CONTENT_READERS, readsFull, readsSummary, SUMMARY_CONTENT_READERS } from './pollution.scopes.ts';
import { dateOf, requiredDateOf, textOrNull, type PollutionValues } from './pollution.values.ts';

/** An alert thread as the gateway shows it: the messages the caller may read, oldest first. */
export interface AlertThreadShape {
  threadId: string;
  messages: readonly Alert[];
}

interface AcknowledgementShape {
  acknowledgement: AlertAcknowledgement;
  /** The alert's provinces: who acknowledged is for its full readers only. */
  record: RecordScope;
  full: boolean;
}

/** Whether the message is in the full view and the principal may read it whole. */
function isFull(alert: Alert): boolean {
  return alert.view === RecordView.FULL;
}

/** The current message of a thread: the one no later message replaced (the newest as a fallback). */
export function currentMessageOf(messages: readonly Alert[]): Alert | undefined {
  return messages.find((m) => m.supersededBy === '') ?? messages.at(-1);
}

/** Whether an alert's acknowledgement deadline has passed while a province still has not acknowledged. */
export function isAcknowledgementOverdue(alert: Alert, now = Date.now()): boolean {
  const deadline = dateOf(alert.acknowledgeBy);
  return deadline !== null && alert.awaitingProvinces.length > 0 && deadline.getTime() <= now;
}

/** The thread of a message (GetAlert), reading it when the message came from a list. */
async function threadFor(builder: GatewayBuilder, refs: PollutionRefs, alert: Alert, ctx: GatewayContext): Promise<AlertThreadShape> {
  let messages = threadOf(alert);
  if (!messages) {
    const loaded = await loadReadable(builder, refs.alert, 'PollutionAlert', alert.id, ctx);
    messages = (loaded && threadOf(loaded)) ?? [alert];
  }
  return { threadId: alert.threadId, messages };
}

/** PollutionAlert (one CAP message as the caller may see it), its thread, acknowledgements, escalations and counts. */
export function implementAlertTypes(builder: GatewayBuilder, refs: PollutionRefs, enums: PollutionEnums, values: PollutionValues) {
  // Fields only a full reader sees: the service sends them empty in the summary view, and the gateway checks again.
  const fullOnly = {
    authScopes: (a: Alert) => readsFull(alertRecord(a)),
    unauthorizedResolver: () => null,
  };

  const quantity = builder.objectRef<Quantity>('AlertQuantity').implement({
    description: 'An estimated quantity released.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      value: t.exposeFloat('value'),
      unit: t.exposeString('unit', { description: 't, kg, m3 or L.' }),
    }),
  });
  const location = builder.objectRef<AlertLocation>('AlertLocation').implement({
    description: 'Where the incident is.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      description: t.exposeString('description', { description: 'Place as people name it (county, village, reach).' }),
      cityCode: t.string({ nullable: true, description: 'GB/T 2260 city code, when known.', resolve: (l) => textOrNull(l.cityCode) }),
      latitude: t.float({ nullable: true, description: 'WGS 84, when known.', resolve: (l) => l.latitude ?? null }),
      longitude: t.float({ nullable: true, description: 'WGS 84, when known.', resolve: (l) => l.longitude ?? null }),
    }),
  });
  const pollutant = builder.objectRef<AlertPollutant>('AlertPollutant').implement({
    description: 'What was released.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      name: t.exposeString('name', { description: 'Substance as reported (e.g. 苯 benzene).' }),
      parameter: t.string({ nullable: true, description: 'The monitored parameter it shows in, when there is one.', resolve: (p) => textOrNull(p.parameter) }),
      estimatedQuantity: t.field({ type: quantity, nullable: true, resolve: (p) => p.estimatedQuantity ?? null }),
    }),
  });
  const acknowledgement = builder.objectRef<AcknowledgementShape>('AlertAcknowledgement').implement({
    description: 'An addressed province’s acknowledgement of one message.',
    authScopes: SUMMARY_CONTENT_READERS,
    fields: (t) => ({
      province: t.string({ resolve: (a) => a.acknowledgement.province }),
      at: t.field({ type: 'DateTime', resolve: (a) => requiredDateOf(a.acknowledgement.at) }),
      by: t.field({
        type: values.person,
        nullable: true,
        description: 'Who acknowledged (full view only; null otherwise).',
        authScopes: (a: AcknowledgementShape) => readsFull(a.record),
        unauthorizedResolver: () => null,
        resolve: (a) => (a.full ? (a.acknowledgement.by ?? null) : null),
      }),
      note: t.string({
        nullable: true,
        description: 'Note, e.g. measures taken (full view only; null otherwise).',
        authScopes: (a: AcknowledgementShape) => readsFull(a.record),
        unauthorizedResolver: () => null,
        resolve: (a) => (a.full ? textOrNull(a.acknowledgement.note) : null),
      }),
    }),
  });
  const escalation = builder.objectRef<AlertEscalation>('AlertEscalation').implement({
    description: 'An escalation carried out because a province did not acknowledge in time.',
    authScopes: SUMMARY_CONTENT_READERS,
    fields: (t) => ({
      province: t.exposeString('province', { description: 'The province that had not acknowledged.' }),
      step: t.field({ type: enums.escalationStep, resolve: (e) => e.step }),
      dueAt: t.field({ type: 'DateTime', description: 'When it fell due.', resolve: (e) => requiredDateOf(e.dueAt) }),
      recordedAt: t.field({ type: 'DateTime', description: 'When it was carried out.', resolve: (e) => requiredDateOf(e.recordedAt) }),
    }),
  });

  const thread = builder.objectRef<AlertThreadShape>('PollutionAlertThread').implement({
    description: 'An alert thread: the first Alert message, its updates and any cancellation, as far as you may read them.',
    // Every province the thread ever named (an update may change the addressees); each message is checked again
    // on its own where it is returned.
    authScopes: (th) => {
      const first = th.messages[0];
      if (!first) return false;
      return readsSummary({ ownerProvince: first.senderProvince, partyProvinces: [...new Set(th.messages.flatMap((m) => [m.senderProvince, ...m.addressees]))] });
    },
    fields: (t) => ({
      threadId: t.exposeString('threadId', { description: 'The id of the thread’s first message.' }),
      messages: t.field({
        type: [refs.alert],
        description: 'Every message of the thread, oldest first.',
        resolve: async (th, _args, ctx) => filterReadable(builder, 'PollutionAlert', [...th.messages], ctx),
      }),
      current: t.field({
        type: refs.alert,
        nullable: true,
        description: 'The message in force: the one no later update or cancellation replaced (null if an update no longer names your province).',
        resolve: async (th, _args, ctx) => {
          const current = currentMessageOf(th.messages);
          return current ? ((await filterReadable(builder, 'PollutionAlert', [current], ctx))[0] ?? null) : null;
        },
      }),
      status: t.field({ type: enums.mode, description: 'Actual or exercise (a thread keeps one).', resolve: (th) => (currentMessageOf(th.messages) as Alert).status }),
      cancelled: t.boolean({ resolve: (th) => th.messages.some((m) => m.msgType === AlertMsgType.CANCEL) }),
    }),
  });

  refs.alert.implement({
    description: 'One message of a CAP-style alert thread (Alert, Update or Cancel), as you may see it: parties’ environmental bureaus and the national observer everything, parties’ liaison offices the summary with acknowledgements and escalations.',
    authScopes: (a: Alert) => readsSummary(alertRecord(a)),
    fields: (t) => ({
      messageId: t.exposeString('id', { description: 'The service’s id of this message.' }),
      threadId: t.exposeString('threadId', { description: 'The id of the thread’s first message.' }),
      msgType: t.field({ type: enums.msgType, resolve: (a) => a.msgType }),
      status: t.field({ type: enums.mode, description: 'Actual or exercise.', resolve: (a) => a.status }),
      category: t.field({ type: enums.category, resolve: (a) => a.category }),
      severity: t.field({ type: enums.severity, resolve: (a) => a.severity }),
      view: t.field({ type: enums.view, description: 'FULL, or SUMMARY: the full-view fields are null.', resolve: (a) => a.view }),
      senderProvince: t.exposeString('senderProvince'),
      sender: t.field({ type: values.person, nullable: true, description: 'Who sent it (full view).', ...fullOnly, resolve: (a) => (isFull(a) ? (a.sender ?? null) : null) }),
      sentAt: t.field({ type: 'DateTime', resolve: (a) => requiredDateOf(a.sentAt) }),
      section: t.field({ type: refs.section, resolve: (a) => a.sectionId }),
      sectionCode: t.exposeString('sectionId'),
      headline: t.exposeString('headline', { description: 'One-line summary.' }),
      description: t.string({ nullable: true, description: 'Full text (full view).', ...fullOnly, resolve: (a) => (isFull(a) ? a.description : null) }),
      location: t.field({ type: location, nullable: true, description: 'Where (full view).', ...fullOnly, resolve: (a) => (isFull(a) ? (a.location ?? null) : null) }),
      pollutant: t.field({ type: pollutant, nullable: true, description: 'What (full view).', ...fullOnly, resolve: (a) => (isFull(a) ? (a.pollutant ?? null) : null) }),
      suspectedSource: t.string({ nullable: true, description: 'Suspected source (full view).', ...fullOnly, resolve: (a) => (isFull(a) ? textOrNull(a.suspectedSource) : null) }),
      addressees: t.exposeStringList('addressees', { description: 'Provinces that must acknowledge.' }),
      replaces: t.field({
        type: refs.alert,
        nullable: true,
        description: 'For an Update or Cancel: the message it replaces.',
        resolve: (a, _args, ctx) => (a.referencesId === '' ? null : loadReadable(builder, refs.alert, 'PollutionAlert', a.referencesId, ctx)),
      }),
      supersededBy: t.field({
        type: refs.alert,
        nullable: true,
        description: 'The later Update or Cancel that replaced this message.',
        resolve: (a, _args, ctx) => (a.supersededBy === '' ? null : loadReadable(builder, refs.alert, 'PollutionAlert', a.supersededBy, ctx)),
      }),
      isCurrent: t.boolean({ description: 'No later message replaced this one.', resolve: (a) => a.supersededBy === '' }),
      acknowledgements: t.field({
        type: [acknowledgement],
        resolve: (a) => a.acknowledgements.map((ack) => ({ acknowledgement: ack, record: alertRecord(a), full: isFull(a) })),
      }),
      escalations: t.field({ type: [escalation], description: 'Escalations carried out (duty roster, then joint mechanism).', resolve: (a) => a.escalations }),
      highestEscalation: t.field({
        type: enums.escalationStep,
        nullable: true,
        description: 'The furthest step carried out so far; null when nothing escalated.',
        resolve: (a) => (a.escalations.some((e) => e.step === EscalationStep.JOINT_MECHANISM) ? EscalationStep.JOINT_MECHANISM : a.escalations.length > 0 ? EscalationStep.DUTY_ROSTER : null),
      }),
      acknowledgeBy: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'The acknowledgement deadline under the escalation policy in force (the countdown’s end); null for a cancellation or a replaced message.',
        resolve: (a) => dateOf(a.acknowledgeBy),
      }),
      awaitingProvinces: t.exposeStringList('awaitingProvinces', { description: 'Addressed provinces that have not acknowledged (empty when nothing is awaited).' }),
      linkedCaseProvinces: t.exposeStringList('linkedCaseProvinces', { description: 'Provinces party to cases linked to the thread, beyond the sender and addressees: they read the alert too.' }),
      awaitingMyAcknowledgement: t.boolean({
        description: 'Your province is addressed and has not acknowledged this message yet.',
        resolve: (a, _args, ctx) => ctx.principal !== null && a.awaitingProvinces.includes(ctx.principal.province),
      }),
      acknowledgementOverdue: t.boolean({ description: 'The deadline has passed and a province has still not acknowledged.', resolve: (a) => isAcknowledgementOverdue(a) }),
      thread: t.field({ type: thread, description: 'The whole thread.', resolve: (a, _args, ctx) => threadFor(builder, refs, a, ctx) }),
    }),
  });

  const counts = builder.objectRef<AlertCounts>('PollutionAlertCounts').implement({
    description: 'Counts of the alert threads you may read, of one status (hidden threads are never counted).',
    authScopes: { authenticated: true },
    fields: (t) => ({
      total: t.exposeInt('total'),
      active: t.exposeInt('active', { description: 'Threads not cancelled.' }),
      cancelled: t.exposeInt('cancelled'),
      awaitingAcknowledgement: t.exposeInt('awaitingAcknowledgement', { description: 'Active threads whose current message an addressed province has not acknowledged.' }),
      severityI: t.exposeInt('severityI', { description: 'Active threads of severity I.' }),
      severityII: t.exposeInt('severityIi', { description: 'Active threads of severity II.' }),
      severityIII: t.exposeInt('severityIii', { description: 'Active threads of severity III.' }),
      severityIV: t.exposeInt('severityIv', { description: 'Active threads of severity IV.' }),
    }),
  });
  return { thread, counts };
}
