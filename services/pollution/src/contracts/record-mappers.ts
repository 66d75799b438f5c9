import { create, type JsonObject } from '@bufbuild/protobuf';
import { timestampFromDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import {
  AgreementSchema,
  AlertSchema,
  AssessmentSchema,
  CaseSchema,
  EscalationPolicyHistorySchema,
  EscalationPolicySchema,
  ClosureKind,
  EvidenceKind,
  MonitoringSectionSchema,
  MoneySchema,
  PartyRole,
  ReadingSchema,
  RecordView,
  type Agreement,
  type Alert,
  type Assessment,
  type Case,
  type EscalationPolicy as ProtoEscalationPolicy,
  type EscalationPolicyHistory,
  type Money,
  type MonitoringSection,
  type PeriodMeans,
  type Reading,
} from '@xietong/proto';
import type { AlertReadModel } from '../application/shared/alert-presentation.ts';
import type { CaseReadModel } from '../application/shared/case-presentation.ts';
import type { CaseListItem } from '../application/list-cases/list-cases.handler.ts';
import type { StoredAssessment } from '../application/shared/compensation-model.ts';
import type { StoredReading } from '../application/shared/reading-model.ts';
import {
  allowedCommands,
  classifyValue,
  exceedsSectionTarget,
  type ActorRef,
  type AssessmentPeriod,
  type CompensationAgreement,
  type Exceedance,
  type RecordedEscalationPolicy,
  type Severity as DomainSeverity,
  type Fen,
  type PeriodMeans as DomainPeriodMeans,
  type ReferenceCatalog,
  type WaterQualityStandard,
  type MonitoringSection as DomainSection,
} from '../domain/index.ts';
import {
  ALERT_CATEGORY,
  ALERT_MSG_TYPE,
  ALERT_STATUS,
  CASE_COMMAND,
  CASE_ORIGIN_KIND,
  CASE_STATE,
  ESCALATION_STEP,
  PAYMENT_DIRECTION,
  PERIOD_KIND,
  SEVERITY,
  WATER_BODY_TYPE,
  waterClassToProto,
} from './proto-enums.ts';

// Domain records → contract messages. Summary views fill only the summary's fields: a field left at its default
// is how the contract says "not yours to see" (the `view` field tells the caller which it got).

/** An ISO instant as a protobuf Timestamp (undefined stays unset). */
export function ts(instant: string | undefined): Timestamp | undefined {
  return instant === undefined ? undefined : timestampFromDate(new Date(instant));
}

/** Fen as the contract's Money. */
export function money(fen: Fen | undefined): Money | undefined {
  return fen === undefined ? undefined : create(MoneySchema, { fen });
}

/** Who, as the contract's PersonRef. */
export function person(ref: ActorRef) {
  return { subject: ref.subject, username: ref.username, province: ref.province };
}

// Timeline details are plain JSON by construction; the round trip drops undefined fields as protobuf Struct must.
function jsonObject(value: Readonly<Record<string, unknown>>): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

/** A monitoring section with its river's names. */
export function sectionToProto(section: DomainSection, riverNameZh: string, riverNameEn: string): MonitoringSection {
  return create(MonitoringSectionSchema, {
    id: section.id,
    nameZh: section.nameZh,
    nameEn: section.nameEn,
    riverId: section.riverId,
    riverNameZh,
    riverNameEn,
    waterBodyType: WATER_BODY_TYPE[section.waterBodyType],
    upstreamProvinces: [...section.upstreamProvinces],
    downstreamProvinces: [...section.downstreamProvinces],
    upstreamCities: [...section.upstreamCities],
    downstreamCities: [...section.downstreamCities],
    targetClass: waterClassToProto(section.targetClass),
    nationalControl: section.nationalControl,
    sourceKind: section.source.kind,
    sourceNote: section.source.note,
  });
}

/** An alert message as the caller may see it. */
export function alertToProto(model: AlertReadModel): Alert {
  const common = {
    acknowledgeBy: ts(model.acknowledgeBy),
    awaitingProvinces: [...model.awaitingProvinces],
    linkedCaseProvinces: [...model.linkedCaseProvinces],
  };
  if (model.view.view === 'summary') {
    const a = model.view.alert;
    return create(AlertSchema, {
      ...common,
      view: RecordView.SUMMARY,
      id: a.id,
      threadId: a.threadId,
      msgType: ALERT_MSG_TYPE[a.msgType],
      status: ALERT_STATUS[a.status],
      category: ALERT_CATEGORY[a.category],
      severity: SEVERITY[a.severity],
      senderProvince: a.senderProvince,
      sentAt: ts(a.sentAt),
      sectionId: a.sectionId,
      headline: a.headline,
      addressees: [...a.addressees],
      supersededBy: a.supersededBy ?? '',
      acknowledgements: model.view.acknowledgedBy.map((ack) => ({ province: ack.province, at: ts(ack.at) })),
      escalations: a.escalations.map((e) => ({ province: e.province, step: ESCALATION_STEP[e.step], dueAt: ts(e.dueAt), recordedAt: ts(e.recordedAt) })),
    });
  }
  const m = model.view;
  return create(AlertSchema, {
    ...common,
    view: RecordView.FULL,
    id: m.id,
    threadId: m.threadId,
    msgType: ALERT_MSG_TYPE[m.msgType],
    status: ALERT_STATUS[m.status],
    category: ALERT_CATEGORY[m.category],
    severity: SEVERITY[m.severity],
    senderProvince: m.senderProvince,
    sender: person(m.sender),
    sentAt: ts(m.sentAt),
    sectionId: m.sectionId,
    location: {
      description: m.location.description,
      cityCode: m.location.cityCode ?? '',
      ...(m.location.latitude !== undefined ? { latitude: m.location.latitude } : {}),
      ...(m.location.longitude !== undefined ? { longitude: m.location.longitude } : {}),
    },
    pollutant: {
      name: m.pollutant.name,
      parameter: m.pollutant.parameter ?? '',
      ...(m.pollutant.estimatedQuantity ? { estimatedQuantity: { value: m.pollutant.estimatedQuantity.value, unit: m.pollutant.estimatedQuantity.unit } } : {}),
    },
    suspectedSource: m.suspectedSource ?? '',
    headline: m.headline,
    description: m.description,
    addressees: [...m.addressees],
    referencesId: m.references ?? '',
    supersededBy: m.supersededBy ?? '',
    acknowledgements: m.acknowledgements.map((a) => ({ province: a.province, by: person(a.by), at: ts(a.at), note: a.note ?? '' })),
    escalations: m.escalations.map((e) => ({ province: e.province, step: ESCALATION_STEP[e.step], dueAt: ts(e.dueAt), recordedAt: ts(e.recordedAt) })),
  });
}

/** An exceedance as the contract carries it (case.proto's Exceedance). */
export function exceedanceToProto(e: Exceedance) {
  return {
    sectionId: e.sectionId,
    parameter: e.parameter,
    ...(e.basis.kind === 'reading' ? { sampledAt: ts(e.basis.sampledAt) } : { dailyMeanDate: e.basis.date, dailyMeanReadingCount: e.basis.readingCount }),
    valueMgL: e.valueMgL,
    observedClass: waterClassToProto(e.observedClass),
    targetClass: waterClassToProto(e.targetClass),
    targetLimitMgL: e.targetLimitMgL,
    exceedanceMultiple: e.exceedanceMultiple,
  };
}

/** A case as the caller may see it. */
export function caseToProto(model: CaseReadModel): Case {
  if (model.view === 'summary') {
    return create(CaseSchema, {
      view: RecordView.SUMMARY,
      id: model.id,
      title: model.title,
      sectionId: model.sectionId,
      partyProvinces: [...model.partyProvinces],
      reportingProvince: model.reportingProvince,
      exercise: model.exercise,
      state: CASE_STATE[model.state],
      inMediation: model.inMediation,
      alertThreadIds: [...model.alertThreadIds],
      counts: { ...model.counts },
      openedAt: ts(model.openedAt),
      closedAt: ts(model.closedAt),
    });
  }
  const c = model;
  return create(CaseSchema, {
    view: RecordView.FULL,
    id: c.id,
    title: c.title,
    sectionId: c.sectionId,
    partyProvinces: [...c.partyProvinces],
    reportingProvince: c.reportingProvince,
    exercise: c.exercise,
    state: CASE_STATE[c.state],
    inMediation: c.state === 'in_mediation',
    alertThreadIds: [...c.alertThreadIds],
    counts: { exceedances: c.exceedances.length, enforcementActions: c.enforcementActions.length, evidence: c.evidence.length },
    openedAt: ts(c.openedAt),
    closedAt: ts(c.closure?.at),
    updatedAt: ts(c.updatedAt),
    version: c.version,
    origin: { kind: CASE_ORIGIN_KIND[c.origin.kind], ...(c.origin.kind === 'alert' ? { alertId: c.origin.alertId, threadId: c.origin.threadId } : {}) },
    exceedances: c.exceedances.map(exceedanceToProto),
    enforcementActions: c.enforcementActions.map((a) => ({
      id: a.id,
      responsibleProvince: a.responsibleProvince,
      date: a.date,
      findings: a.findings,
      recordedBy: person(a.recordedBy),
      recordedAt: ts(a.recordedAt),
      revision: a.revision,
    })),
    evidence: c.evidence.map((e) => ({
      id: e.id,
      kind: e.kind === 'document' ? EvidenceKind.DOCUMENT : EvidenceKind.MONITORING_DATA,
      description: e.description,
      submittedBy: person(e.submittedBy),
      submittedProvince: e.submittedProvince,
      submittedAt: ts(e.submittedAt),
      ...(e.kind === 'document'
        ? { sha256: e.sha256, filename: e.filename, mediaType: e.mediaType, sizeBytes: BigInt(e.sizeBytes) }
        : { readings: e.readings.map((r) => ({ sectionId: r.sectionId, parameter: r.parameter, sampledAt: ts(r.sampledAt) })) }),
    })),
    timeline: c.timeline.map((t) => ({
      seq: t.seq,
      at: ts(t.at),
      kind: t.kind,
      actorSubject: t.actor.subject,
      actorUsername: t.actor.username,
      province: t.province,
      details: jsonObject(t.details),
    })),
    ...(c.mediation
      ? { mediation: { disputedFrom: CASE_STATE[c.mediation.disputedFrom], raisedBy: c.mediation.raisedBy, reason: c.mediation.reason, raisedAt: ts(c.mediation.raisedAt) } }
      : {}),
    closureAgreements: c.closureAgreements.map((a) => ({ province: a.province, by: person(a.by), at: ts(a.at), statement: a.statement })),
    ...(c.closure
      ? { closure: { how: c.closure.how === 'agreement' ? ClosureKind.AGREEMENT : ClosureKind.MEDIATION, at: ts(c.closure.at), mediationOutcome: c.closure.mediationOutcome ?? '' } }
      : {}),
    allowedCommands: allowedCommands(c.state).map((command) => CASE_COMMAND[command]),
  });
}

/** A case in a list: summary fields, plus version and last change for those who read the full case. */
export function caseListItemToProto(item: CaseListItem & { readonly level: 'full' | 'summary' }): Case {
  const s = item.summary;
  return create(CaseSchema, {
    view: item.level === 'full' ? RecordView.FULL : RecordView.SUMMARY,
    id: s.id,
    title: s.title,
    sectionId: s.sectionId,
    partyProvinces: [...s.partyProvinces],
    reportingProvince: s.reportingProvince,
    exercise: s.exercise,
    state: CASE_STATE[s.state],
    inMediation: s.inMediation,
    alertThreadIds: [...s.alertThreadIds],
    counts: { ...s.counts },
    openedAt: ts(s.openedAt),
    closedAt: ts(s.closedAt),
    ...(item.level === 'full' ? { updatedAt: ts(item.updatedAt), version: item.version } : {}),
  });
}

/** A stored reading, with its class at the section and whether it exceeds the section's target. */
export function readingToProto(reading: StoredReading, catalog: ReferenceCatalog, standard: WaterQualityStandard): Reading {
  const section = catalog.section(reading.sectionId);
  const waterClass = section ? classifyValue(standard, reading.parameter, reading.valueText, section.waterBodyType) : undefined;
  const exceeds = section ? exceedsSectionTarget(section, standard, reading.parameter, reading.valueText) : false;
  return create(ReadingSchema, {
    sectionId: reading.sectionId,
    parameter: reading.parameter,
    valueMgL: reading.valueText,
    sampledAt: ts(reading.sampledAt),
    batchId: reading.batchId,
    waterClass: waterClassToProto(waterClass),
    exceedsTarget: exceeds,
  });
}

function periodToProto(period: AssessmentPeriod) {
  return { kind: PERIOD_KIND[period.kind], year: period.year, month: period.kind === 'monthly' ? period.month : 0 };
}

function periodMeansToProto(means: DomainPeriodMeans): PeriodMeans {
  return {
    $typeName: 'xietong.pollution.v1.PeriodMeans',
    period: { $typeName: 'xietong.pollution.v1.AssessmentPeriod', ...periodToProto(means.period) },
    means: Object.entries(means.means).map(([parameter, mean]) => ({
      $typeName: 'xietong.pollution.v1.ParameterMean',
      parameter,
      meanMgL: mean ?? '',
      days: means.coverage?.[parameter as keyof typeof means.coverage]?.days ?? 0,
      months: means.coverage?.[parameter as keyof typeof means.coverage]?.months ?? 0,
    })),
  };
}

/** An agreement version. */
export function agreementToProto(a: CompensationAgreement): Agreement {
  return create(AgreementSchema, {
    id: a.id,
    version: a.version,
    nameZh: a.nameZh,
    nameEn: a.nameEn,
    sectionId: a.sectionId,
    waterBodyType: WATER_BODY_TYPE[a.waterBodyType],
    standardId: a.standardId,
    parties: a.parties.map((p) => ({ province: p.province, role: p.role === 'upstream' ? PartyRole.UPSTREAM : PartyRole.DOWNSTREAM, shareBasisPoints: p.shareBasisPoints })),
    validFrom: a.validFrom,
    validTo: a.validTo ?? '',
    ...(a.classPayment
      ? {
          classPayment: {
            period: PERIOD_KIND[a.classPayment.period],
            baselineClass: waterClassToProto(a.classPayment.baselineClass),
            amountPerClassStep: money(a.classPayment.amountPerClassStepFen),
            parameters: [...a.classPayment.parameters],
            capPerPeriod: money(a.classPayment.capPerPeriodFen),
          },
        }
      : {}),
    ...(a.changePayment
      ? {
          changePayment: {
            period: PERIOD_KIND[a.changePayment.period],
            comparison: a.changePayment.comparison,
            pollutants: [...a.changePayment.pollutants],
            indexFormula: a.changePayment.indexFormula,
            changeMeasure: a.changePayment.changeMeasure,
            pointRoundingMode: a.changePayment.pointRounding.mode,
            pointRoundingDecimals: a.changePayment.pointRounding.decimals,
            amountPerPoint: money(a.changePayment.amountPerPointFen),
            capPerPeriod: money(a.changePayment.capPerPeriodFen),
          },
        }
      : {}),
    fenRounding: a.fenRounding,
    settlement: a.settlement,
    provenance: a.provenance.map((p) => ({ field: p.field, source: p.source, note: p.note })),
  });
}

/** An assessment; `withBreakdown: false` leaves the breakdown out (lists). */
export function assessmentToProto(s: StoredAssessment, withBreakdown = true): Assessment {
  const r = s.result;
  const cls = r.classPayment;
  const chg = r.changePayment;
  return create(AssessmentSchema, {
    id: s.id,
    agreementId: s.agreementId,
    agreementVersion: s.agreementVersion,
    period: periodToProto(s.period),
    periodLabel: s.periodLabel,
    algorithm: r.algorithm,
    inputDigest: s.inputDigest,
    current: periodMeansToProto(s.input.current),
    ...(s.input.comparison ? { comparison: periodMeansToProto(s.input.comparison) } : {}),
    ...(s.input.officialClass ? { officialClass: { waterClass: waterClassToProto(s.input.officialClass.waterClass), source: s.input.officialClass.source } } : {}),
    classPayment: cls.applied
      ? {
          applied: true,
          judgedClass: waterClassToProto(cls.judgedClass),
          classSource: cls.classSource,
          perParameter: cls.perParameter.map((p) => ({ parameter: p.parameter, meanMgL: p.meanMgL, waterClass: waterClassToProto(p.waterClass) })),
          baselineClass: waterClassToProto(cls.baselineClass),
          classSteps: cls.classSteps,
          direction: PAYMENT_DIRECTION[cls.direction],
          uncapped: money(cls.uncappedFen),
          amount: money(cls.amountFen),
        }
      : { applied: false, reason: cls.reason },
    changePayment: chg.applied
      ? {
          applied: true,
          indexCurrent: chg.indexCurrent,
          indexComparison: chg.indexComparison,
          changePointsExact: chg.changePointsExact,
          changePoints: chg.changePoints,
          paidPoints: chg.paidPoints,
          direction: PAYMENT_DIRECTION[chg.direction],
          uncapped: money(chg.uncappedFen),
          cap: money(chg.capFen),
          capped: chg.capped,
          amount: money(chg.amountFen),
        }
      : { applied: false, reason: chg.reason },
    transfers: r.transfers.map((t) => ({ payer: t.payer, payee: t.payee, amount: money(t.amountFen), part: t.part })),
    netTransfers: r.netTransfers.map((t) => ({ payer: t.payer, payee: t.payee, amount: money(t.amountFen) })),
    breakdown: withBreakdown
      ? r.breakdown.map((b) => ({ step: b.step, part: b.part, description: b.description, formula: b.formula ?? '', values: Object.entries(b.values).map(([name, value]) => ({ name, value })) }))
      : [],
    partyProvinces: [...s.partyProvinces],
    computedBy: person(s.computedBy),
    computedAt: ts(s.computedAt),
    supersededBy: s.supersededBy ?? '',
  });
}

function severityMinutes(minutes: Readonly<Record<DomainSeverity, number>>) {
  return { levelI: minutes.I, levelIi: minutes.II, levelIii: minutes.III, levelIv: minutes.IV };
}

/** One escalation policy version. */
export function escalationPolicyToProto(policy: RecordedEscalationPolicy): ProtoEscalationPolicy {
  return create(EscalationPolicySchema, {
    policyId: policy.id,
    version: policy.version,
    name: policy.name,
    isDefault: policy.appliesTo === 'default',
    sectionIds: policy.appliesTo === 'default' ? [] : [...policy.appliesTo.sectionIds],
    acknowledgeWithinMinutes: severityMinutes(policy.acknowledgeWithinMinutes),
    jointMechanismAfterMinutes: severityMinutes(policy.jointMechanismAfterMinutes),
    jointMechanismId: policy.jointMechanismId ?? '',
    source: policy.source,
    effectiveFrom: ts(policy.effectiveFrom),
    recordedAt: ts(policy.recordedAt),
    recordedBy: person(policy.recordedBy),
  });
}

/** A policy with its version in force now and every version. */
export function escalationPolicyHistoryToProto(history: { readonly id: string; readonly current?: RecordedEscalationPolicy; readonly versions: readonly RecordedEscalationPolicy[] }): EscalationPolicyHistory {
  return create(EscalationPolicyHistorySchema, {
    policyId: history.id,
    ...(history.current ? { current: escalationPolicyToProto(history.current) } : {}),
    versions: history.versions.map(escalationPolicyToProto),
  });
}
