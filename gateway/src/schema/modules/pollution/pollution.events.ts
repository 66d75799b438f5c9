import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { anyUnpack } from '@bufbuild/protobuf/wkt';
import {
  AlertAcknowledgedSchema,
  AlertCancelledSchema,
  AlertEscalatedSchema,
  AlertIssuedSchema,
  AlertUpdatedSchema,
  AssessmentPublishedSchema,
  CaseOpenedSchema,
  CaseUpdatedSchema,
  ReadingsRecordedSchema,
  TOPICS,
  type AlertHeader,
  type CaseHeader,
} from '@xietong/proto';
import type { RecordScope } from '../../../kit.ts';
import { policyReadRule, type EventReadRule } from '../../../subscriptions/event-read-rules.ts';
import type { HubEvent } from '../../../subscriptions/hub-event.ts';
import { alertRecord, caseRecord, compensationRecord, sectionRecord } from './pollution.scopes.ts';

// The pollution events the gateway delivers (proto/xietong/pollution/v1/*_events.proto) and who may receive each:
// alert and case events are summaries (parties' environment and liaison, the national observer — the hub has already
// checked the audience provinces); an assessment is for the agreement's parties' environmental bureaus and the observer;
// a readings upload for the section's provinces' environmental bureaus and the observer, who read its readings.

/** The topics the pollution subscriptions draw from. */
export const POLLUTION_TOPICS = [TOPICS.pollutionAlerts, TOPICS.pollutionCases, TOPICS.pollutionAgreements, TOPICS.pollutionReadings] as const;

/** Fully qualified event types. */
export const POLLUTION_EVENT_TYPES = {
  alertIssued: 'xietong.pollution.v1.AlertIssued',
  alertUpdated: 'xietong.pollution.v1.AlertUpdated',
  alertCancelled: 'xietong.pollution.v1.AlertCancelled',
  alertAcknowledged: 'xietong.pollution.v1.AlertAcknowledged',
  alertEscalated: 'xietong.pollution.v1.AlertEscalated',
  caseOpened: 'xietong.pollution.v1.CaseOpened',
  caseUpdated: 'xietong.pollution.v1.CaseUpdated',
  assessmentPublished: 'xietong.pollution.v1.AssessmentPublished',
  readingsRecorded: 'xietong.pollution.v1.ReadingsRecorded',
} as const;

// Each event's payload is decoded once, however many subscribers look at it.
const decoded = new WeakMap<HubEvent, unknown>();

/** The event's payload as `schema`, or undefined when it is of another type or does not decode. */
export function payloadOf<Desc extends DescMessage>(event: HubEvent, schema: Desc): MessageShape<Desc> | undefined {
  if (event.type !== schema.typeName || !event.envelope.payload) return undefined;
  if (decoded.has(event)) return decoded.get(event) as MessageShape<Desc> | undefined;
  let payload: MessageShape<Desc> | undefined;
  try {
    payload = anyUnpack(event.envelope.payload, schema);
  } catch {
    payload = undefined;
  }
  decoded.set(event, payload);
  return payload;
}

/** The header of an alert event of any type. */
export function alertHeaderOf(event: HubEvent): AlertHeader | undefined {
  const payload =
    payloadOf(event, AlertIssuedSchema) ??
    payloadOf(event, AlertUpdatedSchema) ??
    payloadOf(event, AlertCancelledSchema) ??
    payloadOf(event, AlertAcknowledgedSchema) ??
    payloadOf(event, AlertEscalatedSchema);
  return payload?.alert;
}

/** What happened to an alert thread, by event type. */
export type AlertChange = 'ISSUED' | 'UPDATED' | 'CANCELLED' | 'ACKNOWLEDGED' | 'ESCALATED';

const ALERT_CHANGES: ReadonlyMap<string, AlertChange> = new Map([
  [POLLUTION_EVENT_TYPES.alertIssued, 'ISSUED'],
  [POLLUTION_EVENT_TYPES.alertUpdated, 'UPDATED'],
  [POLLUTION_EVENT_TYPES.alertCancelled, 'CANCELLED'],
  [POLLUTION_EVENT_TYPES.alertAcknowledged, 'ACKNOWLEDGED'],
  [POLLUTION_EVENT_TYPES.alertEscalated, 'ESCALATED'],
]);

/** The change an alert event reports, or undefined for any other event. */
export function alertChangeOf(event: HubEvent): AlertChange | undefined {
  return ALERT_CHANGES.get(event.type);
}

/** The province an acknowledgement or escalation concerns (null for the other alert events). */
export function alertEventProvinceOf(event: HubEvent): string | null {
  return (payloadOf(event, AlertAcknowledgedSchema) ?? payloadOf(event, AlertEscalatedSchema))?.province ?? null;
}

/** The header of a case event of either type. */
export function caseHeaderOf(event: HubEvent): CaseHeader | undefined {
  return (payloadOf(event, CaseOpenedSchema) ?? payloadOf(event, CaseUpdatedSchema))?.caseHeader;
}

// An event whose payload does not decode names no provinces: only the national observer may still receive it
// (it reads every record), and only as a change notice (recordEvents), since nothing can be shown of it.
const NOBODY: RecordScope = {};

function alertEventRecord(event: HubEvent): RecordScope {
  const header = alertHeaderOf(event);
  return header ? alertRecord(header) : NOBODY;
}

function caseEventRecord(event: HubEvent): RecordScope {
  const header = caseHeaderOf(event);
  return header ? caseRecord(header) : NOBODY;
}

function assessmentEventRecord(event: HubEvent): RecordScope {
  const payload = payloadOf(event, AssessmentPublishedSchema);
  return payload ? compensationRecord(payload.partyProvinces) : NOBODY;
}

// The section's provinces as the payload names them (like MonitoringSection.readings, which reads the section).
function readingsEventRecord(event: HubEvent): RecordScope {
  const payload = payloadOf(event, ReadingsRecordedSchema);
  return payload ? sectionRecord(payload) : NOBODY;
}

/** Who receives each pollution event type (recordEvents and the pollution subscriptions alike). */
export const POLLUTION_EVENT_READ_RULES: readonly EventReadRule[] = [
  ...[POLLUTION_EVENT_TYPES.alertIssued, POLLUTION_EVENT_TYPES.alertUpdated, POLLUTION_EVENT_TYPES.alertCancelled, POLLUTION_EVENT_TYPES.alertAcknowledged, POLLUTION_EVENT_TYPES.alertEscalated].map(
    (type) => policyReadRule(type, { domain: 'pollution', part: 'summary' }, alertEventRecord),
  ),
  policyReadRule(POLLUTION_EVENT_TYPES.caseOpened, { domain: 'pollution', part: 'summary' }, caseEventRecord),
  policyReadRule(POLLUTION_EVENT_TYPES.caseUpdated, { domain: 'pollution', part: 'summary' }, caseEventRecord),
  policyReadRule(POLLUTION_EVENT_TYPES.assessmentPublished, { domain: 'pollution', part: 'full' }, assessmentEventRecord),
  // Readings are full content: the section's provinces' environmental bureaus and the observer, never liaison.
  policyReadRule(POLLUTION_EVENT_TYPES.readingsRecorded, { domain: 'pollution', part: 'full' }, readingsEventRecord),
];
