import type { DescMessage, MessageInitShape } from '@bufbuild/protobuf';
import {
  AgreementVersionRecordedSchema,
  AlertAcknowledgedSchema,
  AlertCancelledSchema,
  AlertEscalatedSchema,
  AlertIssuedSchema,
  AlertUpdatedSchema,
  AssessmentPublishedSchema,
  CaseChange,
  CaseOpenedSchema,
  CaseUpdatedSchema,
  EscalationPolicyChangedSchema,
  ReadingsRecordedSchema,
  TOPICS,
} from '@xietong/proto';
import type { StoredAssessment } from '../application/shared/compensation-model.ts';
import {
  acknowledgementDeadline,
  type AlertMessage,
  type CaseEventPayload,
  type EscalationPolicySource,
  type EscalationStep,
  type PollutionEvent,
  type ReadingsRecordedPayload,
  type RecordedAgreementVersion,
  type RecordedEscalationPolicy,
} from '../domain/index.ts';
import { ALERT_CATEGORY, ALERT_MSG_TYPE, ALERT_STATUS, CASE_ORIGIN_KIND, CASE_STATE, ESCALATION_STEP, PERIOD_KIND, SEVERITY } from './proto-enums.ts';
import { agreementToProto, escalationPolicyToProto, exceedanceToProto, money, person, ts } from './record-mappers.ts';

/** A domain event as the contract carries it: the topic, the payload's schema and the payload. */
export interface ContractEvent<Desc extends DescMessage = DescMessage> {
  /** The Kafka topic. */
  readonly topic: string;
  /** The payload message's schema (its type name becomes the envelope's type). */
  readonly schema: Desc;
  /** The payload. */
  readonly payload: MessageInitShape<Desc>;
  /** Revision of the payload schema. */
  readonly schemaVersion: number;
}

/** Revision of every pollution payload schema (raise one when a field is added to it). */
export const POLLUTION_SCHEMA_VERSION = 1;

/** The event type names the service publishes, by domain event type (for the AsyncAPI document and tests). */
export const PUBLISHED_EVENT_TYPES = {
  'pollution.alert.issued': AlertIssuedSchema.typeName,
  'pollution.alert.updated': AlertUpdatedSchema.typeName,
  'pollution.alert.cancelled': AlertCancelledSchema.typeName,
  'pollution.alert.acknowledged': AlertAcknowledgedSchema.typeName,
  'pollution.alert.escalated': AlertEscalatedSchema.typeName,
  'pollution.case.opened': CaseOpenedSchema.typeName,
  'pollution.case.*': CaseUpdatedSchema.typeName,
  'pollution.assessment.published': AssessmentPublishedSchema.typeName,
  'pollution.agreement.version-recorded': AgreementVersionRecordedSchema.typeName,
  'pollution.escalation-policy.changed': EscalationPolicyChangedSchema.typeName,
  'pollution.readings.recorded': ReadingsRecordedSchema.typeName,
} as const;

const CASE_CHANGE: Readonly<Record<string, CaseChange>> = {
  'state-changed': CaseChange.STATE_CHANGED,
  'exceedances-added': CaseChange.EXCEEDANCES_ADDED,
  'alert-linked': CaseChange.ALERT_LINKED,
  'enforcement-recorded': CaseChange.ENFORCEMENT_RECORDED,
  'enforcement-amended': CaseChange.ENFORCEMENT_AMENDED,
  'evidence-added': CaseChange.EVIDENCE_ADDED,
  'closure-agreed': CaseChange.CLOSURE_AGREED,
  'dispute-raised': CaseChange.DISPUTE_RAISED,
  'mediation-resolved': CaseChange.MEDIATION_RESOLVED,
  closed: CaseChange.CLOSED,
};

/** The change kinds a CaseUpdated event can carry (every case timeline kind except `opened`). */
export const CASE_CHANGE_KINDS = Object.keys(CASE_CHANGE);

function alertHeader(m: AlertMessage) {
  return {
    alertId: m.id,
    threadId: m.threadId,
    msgType: ALERT_MSG_TYPE[m.msgType],
    status: ALERT_STATUS[m.status],
    category: ALERT_CATEGORY[m.category],
    severity: SEVERITY[m.severity],
    sectionId: m.sectionId,
    senderProvince: m.senderProvince,
    addressees: [...m.addressees],
    headline: m.headline,
    sentAt: ts(m.sentAt),
  };
}

function caseHeader(p: CaseEventPayload) {
  return {
    caseId: p.caseId,
    title: p.header.title,
    sectionId: p.header.sectionId,
    partyProvinces: [...p.header.partyProvinces],
    reportingProvince: p.header.reportingProvince,
    exercise: p.header.exercise,
    state: CASE_STATE[p.state],
    version: p.version,
  };
}

function contract<Desc extends DescMessage>(topic: string, schema: Desc, payload: MessageInitShape<Desc>): ContractEvent {
  return { topic, schema, payload, schemaVersion: POLLUTION_SCHEMA_VERSION } as ContractEvent;
}

/**
 * Maps a domain event to its contract payload and topic: alert events to xietong.pollution.alerts.v1, case events to
 * …cases.v1, assessments, agreement versions and escalation-policy changes to …agreements.v1, accepted readings to
 * …readings.v1. Throws for an event type the contract does
 * not know, so a new domain event cannot be published without a contract.
 */
export function toContractEvent(event: PollutionEvent, policy: EscalationPolicySource): ContractEvent {
  const type = event.type;
  if (event.aggregate === 'alert') {
    const p = event.payload as { message: AlertMessage };
    const m = p.message;
    switch (type) {
      case 'pollution.alert.issued':
        return contract(TOPICS.pollutionAlerts, AlertIssuedSchema, { alert: alertHeader(m), acknowledgeBy: ts(acknowledgementDeadline(m, policy)) });
      case 'pollution.alert.updated':
        return contract(TOPICS.pollutionAlerts, AlertUpdatedSchema, { alert: alertHeader(m), referencesId: m.references ?? '', acknowledgeBy: ts(acknowledgementDeadline(m, policy)) });
      case 'pollution.alert.cancelled':
        return contract(TOPICS.pollutionAlerts, AlertCancelledSchema, { alert: alertHeader(m), referencesId: m.references ?? '', reason: m.description });
      case 'pollution.alert.acknowledged': {
        const ack = (event.payload as { acknowledgement: { province: string; at: string } }).acknowledgement;
        return contract(TOPICS.pollutionAlerts, AlertAcknowledgedSchema, { alert: alertHeader(m), province: ack.province, acknowledgedAt: ts(ack.at) });
      }
      case 'pollution.alert.escalated': {
        const e = event.payload as { province: string; step: EscalationStep; dueAt: string; policy: string; target: { mechanismId?: string | null } };
        return contract(TOPICS.pollutionAlerts, AlertEscalatedSchema, {
          alert: alertHeader(m),
          province: e.province,
          step: ESCALATION_STEP[e.step],
          dueAt: ts(e.dueAt),
          policy: e.policy,
          jointMechanismId: e.target.mechanismId ?? '',
        });
      }
    }
  }
  if (event.aggregate === 'case') {
    const p = event.payload as CaseEventPayload;
    if (type === 'pollution.case.opened') {
      const origin = p.header.origin;
      return contract(TOPICS.pollutionCases, CaseOpenedSchema, {
        caseHeader: caseHeader(p),
        origin: { kind: CASE_ORIGIN_KIND[origin.kind], ...(origin.kind === 'alert' ? { alertId: origin.alertId, threadId: origin.threadId } : {}) },
        exceedanceCount: p.header.exceedanceCount,
      });
    }
    const change = CASE_CHANGE[type.slice('pollution.case.'.length)];
    if (change !== undefined) {
      return contract(TOPICS.pollutionCases, CaseUpdatedSchema, {
        caseHeader: caseHeader(p),
        change,
        timelineSeq: p.seq,
        province: event.originProvince,
        previousState: CASE_STATE[p.previousState],
      });
    }
  }
  if (event.aggregate === 'agreement' && type === 'pollution.assessment.published') {
    const { assessment, supersedes } = event.payload as { assessment: StoredAssessment; supersedes?: string };
    return contract(TOPICS.pollutionAgreements, AssessmentPublishedSchema, {
      assessmentId: assessment.id,
      agreementId: assessment.agreementId,
      agreementVersion: assessment.agreementVersion,
      period: { kind: PERIOD_KIND[assessment.period.kind], year: assessment.period.year, month: assessment.period.kind === 'monthly' ? assessment.period.month : 0 },
      periodLabel: assessment.periodLabel,
      inputDigest: assessment.inputDigest,
      algorithm: assessment.result.algorithm,
      netTransfers: assessment.result.netTransfers.map((t) => ({ payer: t.payer, payee: t.payee, amount: money(t.amountFen) })),
      partyProvinces: [...assessment.partyProvinces],
      supersedesAssessmentId: supersedes ?? '',
    });
  }
  if (event.aggregate === 'agreement' && type === 'pollution.agreement.version-recorded') {
    const recorded = event.payload as RecordedAgreementVersion;
    return contract(TOPICS.pollutionAgreements, AgreementVersionRecordedSchema, {
      agreement: agreementToProto(recorded.agreement),
      previousVersion: recorded.previousVersion ?? 0,
      reason: recorded.reason,
      recordedAt: ts(recorded.recordedAt),
      recordedBy: person(recorded.recordedBy),
      partyProvinces: [...event.audienceProvinces],
    });
  }
  if (event.aggregate === 'escalation-policy' && type === 'pollution.escalation-policy.changed') {
    const { policy, previousVersion } = event.payload as { policy: RecordedEscalationPolicy; previousVersion?: number };
    return contract(TOPICS.pollutionAgreements, EscalationPolicyChangedSchema, { policy: escalationPolicyToProto(policy), previousVersion: previousVersion ?? 0 });
  }
  if (event.aggregate === 'section' && type === 'pollution.readings.recorded') {
    const p = event.payload as ReadingsRecordedPayload;
    return contract(TOPICS.pollutionReadings, ReadingsRecordedSchema, {
      sectionId: p.sectionId,
      batchId: p.batchId,
      count: p.count,
      parameters: p.parameters.map((s) => ({ parameter: s.parameter, count: s.count, firstSampledAt: ts(s.firstSampledAt), lastSampledAt: ts(s.lastSampledAt) })),
      exceedances: p.exceedances.map(exceedanceToProto),
      exceedanceCount: p.exceedanceCount,
      upstreamProvinces: [...p.upstreamProvinces],
      downstreamProvinces: [...p.downstreamProvinces],
      submittingProvince: p.submittingProvince,
      receivedAt: ts(p.receivedAt),
    });
  }
  throw new RangeError(`no contract for domain event ${type} (${event.aggregate})`);
}
