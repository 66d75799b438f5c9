import {
  AlertCategory,
  AlertMsgType,
  AlertStatus,
  CaseCommand,
  CaseOriginKind,
  CaseState,
  EscalationStep,
  PaymentDirection,
  PeriodKind,
  Severity,
  WaterBodyType,
  WaterClass,
} from '@xietong/proto';
import type * as domain from '../domain/index.ts';

// The one place where the domain's string unions meet the contract's protobuf enums, both ways. Each table is
// typed over the whole domain union, so adding a domain value without its contract value fails to compile.

function invert<K extends string, V extends number>(table: Readonly<Record<K, V>>): ReadonlyMap<number, K> {
  return new Map(Object.entries(table).map(([k, v]) => [v as number, k as K]));
}

/** Domain AlertStatus → contract. */
export const ALERT_STATUS: Readonly<Record<domain.AlertStatus, AlertStatus>> = { Actual: AlertStatus.ACTUAL, Exercise: AlertStatus.EXERCISE };
/** Contract AlertStatus → domain (UNSPECIFIED and unknown values are absent). */
export const ALERT_STATUS_FROM = invert(ALERT_STATUS);

/** Domain msgType → contract. */
export const ALERT_MSG_TYPE: Readonly<Record<domain.AlertMsgType, AlertMsgType>> = { Alert: AlertMsgType.ALERT, Update: AlertMsgType.UPDATE, Cancel: AlertMsgType.CANCEL };

/** Domain category → contract. */
export const ALERT_CATEGORY: Readonly<Record<domain.AlertCategory, AlertCategory>> = {
  'early-warning': AlertCategory.EARLY_WARNING,
  information: AlertCategory.INFORMATION,
  'request-for-assistance': AlertCategory.REQUEST_FOR_ASSISTANCE,
};
/** Contract category → domain. */
export const ALERT_CATEGORY_FROM = invert(ALERT_CATEGORY);

/** Domain severity → contract. */
export const SEVERITY: Readonly<Record<domain.Severity, Severity>> = { I: Severity.I, II: Severity.II, III: Severity.III, IV: Severity.IV };
/** Contract severity → domain. */
export const SEVERITY_FROM = invert(SEVERITY);

/** Domain escalation step → contract. */
export const ESCALATION_STEP: Readonly<Record<domain.EscalationStep, EscalationStep>> = {
  'duty-roster': EscalationStep.DUTY_ROSTER,
  'joint-mechanism': EscalationStep.JOINT_MECHANISM,
};

/** Domain case state → contract. */
export const CASE_STATE: Readonly<Record<domain.CaseState, CaseState>> = {
  reported: CaseState.REPORTED,
  under_joint_investigation: CaseState.UNDER_JOINT_INVESTIGATION,
  joint_enforcement: CaseState.JOINT_ENFORCEMENT,
  remediation: CaseState.REMEDIATION,
  in_mediation: CaseState.IN_MEDIATION,
  closed: CaseState.CLOSED,
};
/** Contract case state → domain. */
export const CASE_STATE_FROM = invert(CASE_STATE);

/** Domain case command → contract. */
export const CASE_COMMAND: Readonly<Record<domain.CaseCommand, CaseCommand>> = {
  'start-joint-investigation': CaseCommand.START_JOINT_INVESTIGATION,
  'start-joint-enforcement': CaseCommand.START_JOINT_ENFORCEMENT,
  'start-remediation': CaseCommand.START_REMEDIATION,
  'close-by-agreement': CaseCommand.CLOSE_BY_AGREEMENT,
  'raise-dispute': CaseCommand.RAISE_DISPUTE,
  'resume-after-mediation': CaseCommand.RESUME_AFTER_MEDIATION,
  'close-by-mediation': CaseCommand.CLOSE_BY_MEDIATION,
};
/** Contract case command → domain. */
export const CASE_COMMAND_FROM = invert(CASE_COMMAND);

/** Domain case origin kind → contract. */
export const CASE_ORIGIN_KIND: Readonly<Record<domain.CaseOrigin['kind'], CaseOriginKind>> = {
  alert: CaseOriginKind.ALERT,
  exceedance: CaseOriginKind.EXCEEDANCE,
  report: CaseOriginKind.REPORT,
};

/** Domain water body → contract. */
export const WATER_BODY_TYPE: Readonly<Record<domain.WaterBodyType, WaterBodyType>> = { river: WaterBodyType.RIVER, 'lake-reservoir': WaterBodyType.LAKE_RESERVOIR };
/** Contract water body → domain. */
export const WATER_BODY_TYPE_FROM = invert(WATER_BODY_TYPE);

/** Domain class rank → contract (the numbers are the same by design). */
export function waterClassToProto(rank: domain.WaterClass | undefined): WaterClass {
  return rank === undefined ? WaterClass.UNSPECIFIED : (rank as WaterClass);
}

/** Contract class → domain rank, or undefined for UNSPECIFIED and unknown values. */
export function waterClassFromProto(value: WaterClass): domain.WaterClass | undefined {
  return value >= 1 && value <= 6 ? (value as domain.WaterClass) : undefined;
}

/** Domain period kind → contract. */
export const PERIOD_KIND: Readonly<Record<domain.PaymentPeriod, PeriodKind>> = { annual: PeriodKind.ANNUAL, monthly: PeriodKind.MONTHLY };
/** Contract period kind → domain. */
export const PERIOD_KIND_FROM = invert(PERIOD_KIND);

/** Domain payment direction → contract. */
export const PAYMENT_DIRECTION: Readonly<Record<domain.PaymentDirection, PaymentDirection>> = {
  none: PaymentDirection.NONE,
  'downstream-pays-upstream': PaymentDirection.DOWNSTREAM_PAYS_UPSTREAM,
  'upstream-pays-downstream': PaymentDirection.UPSTREAM_PAYS_DOWNSTREAM,
};
