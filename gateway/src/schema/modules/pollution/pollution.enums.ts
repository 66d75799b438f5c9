import {
  AlertCategory,
  AlertMsgType,
  AlertStatus,
  CaseChange,
  CaseCommand,
  CaseOriginKind,
  CaseState,
  ClosureKind,
  EscalationStep,
  EvidenceKind,
  MediationOutcome,
  PartyRole,
  PaymentDirection,
  PeriodKind,
  RecordView,
  Severity,
  WaterBodyType,
  WaterClass,
} from '@xietong/proto';
import type { GatewayBuilder } from '../../builder.ts';

// GraphQL enums over the contract's protobuf enums. Their internal values are the protobuf numbers, so resolvers
// pass the service's values through and arguments arrive ready for a request; UNSPECIFIED (0) is never a GraphQL
// value — a field that may be unset is nullable and resolves 0 to null (see `optionalEnum`).

type ProtoEnum = Readonly<Record<string, number>>;

// V is the contract's enum type (its known values and UnknownEnum), so resolvers return the service's values as they are.
function enumFromProto<V extends number>(builder: GatewayBuilder, name: string, source: ProtoEnum, description: string, valueDescriptions: Readonly<Record<string, string>> = {}) {
  const values: Record<string, { value: V; description?: string }> = {};
  for (const [key, value] of Object.entries(source) as Array<[string, V]>) {
    if (value === 0) continue;
    values[key] = { value, ...(valueDescriptions[key] ? { description: valueDescriptions[key] } : {}) };
  }
  return builder.enumType(name, { description, values });
}

/** A protobuf enum value, or null when unset (0). */
export function optionalEnum<T extends number>(value: T): T | null {
  return value === 0 ? null : value;
}

/** The transitions changeCaseState accepts (the other commands have their own mutations). */
export const CASE_TRANSITIONS = {
  START_JOINT_INVESTIGATION: CaseCommand.START_JOINT_INVESTIGATION,
  START_JOINT_ENFORCEMENT: CaseCommand.START_JOINT_ENFORCEMENT,
  START_REMEDIATION: CaseCommand.START_REMEDIATION,
} as const;

/** The case changes a caseUpdated event reports: OPENED, then the contract's CaseChange values. */
export const CASE_CHANGES = ['OPENED', ...Object.keys(CaseChange).filter((key) => key !== 'UNSPECIFIED')] as const;

/** The name of a CaseChange value (UNKNOWN for a value this gateway does not know yet). */
export function caseChangeName(change: number): string {
  return Object.entries(CaseChange).find(([key, value]) => value === change && key !== 'UNSPECIFIED')?.[0] ?? 'UNKNOWN';
}

/** Creates every pollution enum on the builder. */
export function definePollutionEnums(builder: GatewayBuilder) {
  return {
    mode: enumFromProto<AlertStatus>(builder, 'PollutionMode', AlertStatus, 'A real incident or a drill (CAP status Actual / Exercise). Lists, counts and subscriptions never mix the two.', {
      ACTUAL: 'A real alert or case.',
      EXERCISE: 'A drill; escalates on exercise channels only.',
    }),
    msgType: enumFromProto<AlertMsgType>(builder, 'AlertMessageType', AlertMsgType, 'CAP msgType: the first message of a thread, an update replacing it, or a cancellation.'),
    category: enumFromProto<AlertCategory>(builder, 'AlertCategory', AlertCategory, 'The UNECE IAN message kind.'),
    severity: enumFromProto<Severity>(builder, 'IncidentSeverity', Severity, 'National incident severity: I 特别重大, II 重大, III 较大, IV 一般.'),
    escalationStep: enumFromProto<EscalationStep>(builder, 'EscalationStep', EscalationStep, 'Where an unacknowledged alert escalates: the province’s duty roster, then the joint mechanism.'),
    waterClass: enumFromProto<WaterClass>(builder, 'WaterClass', WaterClass, 'A surface-water quality class of GB 3838-2002.', { WORSE_THAN_V: '劣V: worse than Class V.' }),
    waterBodyType: enumFromProto<WaterBodyType>(builder, 'WaterBodyType', WaterBodyType, 'River, or lake and reservoir (stricter total-phosphorus limits).'),
    view: enumFromProto<RecordView>(builder, 'RecordView', RecordView, 'How much of a record you see: everything, or the summary parties’ liaison offices read.'),
    caseState: enumFromProto<CaseState>(builder, 'PollutionCaseState', CaseState, 'The states of a cross-boundary pollution case.'),
    caseCommand: enumFromProto<CaseCommand>(builder, 'PollutionCaseCommand', CaseCommand, 'A command that moves a case between states.'),
    caseTransition: builder.enumType('PollutionCaseTransition', {
      description: 'The state changes changeCaseState makes (closing, disputes and mediation have their own mutations).',
      values: Object.fromEntries(Object.entries(CASE_TRANSITIONS).map(([key, value]) => [key, { value }])) as Record<keyof typeof CASE_TRANSITIONS, { value: CaseCommand }>,
    }),
    caseOrigin: enumFromProto<CaseOriginKind>(builder, 'PollutionCaseOriginKind', CaseOriginKind, 'What opened a case.'),
    evidenceKind: enumFromProto<EvidenceKind>(builder, 'CaseEvidenceKind', EvidenceKind, 'Monitoring data (references to stored readings) or a document (hash and metadata).'),
    closureKind: enumFromProto<ClosureKind>(builder, 'CaseClosureKind', ClosureKind, 'How a case was closed: every party agreed, or a mediation outcome.'),
    mediationOutcome: enumFromProto<MediationOutcome>(builder, 'MediationOutcome', MediationOutcome, 'The outcome of a mediation: back to the disputed state, or closed.'),
    caseChange: builder.enumType('PollutionCaseChange', {
      description: 'What changed in a case (caseUpdated). UNKNOWN: a change this gateway version does not know yet.',
      values: [...CASE_CHANGES, 'UNKNOWN'] as const,
    }),
    alertChange: builder.enumType('PollutionAlertChange', {
      description: 'What happened to an alert thread (alertActivity).',
      values: {
        ISSUED: { description: 'A new alert (the thread’s first message).' },
        UPDATED: { description: 'An update replaced the thread’s current message; it must be acknowledged anew.' },
        CANCELLED: { description: 'The thread was cancelled; nothing escalates further.' },
        ACKNOWLEDGED: { description: 'An addressed province acknowledged the current message (`province`).' },
        ESCALATED: { description: 'A province (`province`) did not acknowledge in time: its duty roster, then the joint mechanism.' },
      } as const,
    }),
    periodKind: enumFromProto<PeriodKind>(builder, 'AssessmentPeriodKind', PeriodKind, 'An annual or a monthly period (Beijing calendar).'),
    partyRole: enumFromProto<PartyRole>(builder, 'AgreementPartyRole', PartyRole, 'Upstream or downstream of the agreement’s section.'),
    paymentDirection: enumFromProto<PaymentDirection>(builder, 'PaymentDirection', PaymentDirection, 'Who pays whom for a part of an assessment.'),
  };
}

/** The pollution enums of one builder. */
export type PollutionEnums = ReturnType<typeof definePollutionEnums>;
