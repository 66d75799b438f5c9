import type { HandlerContext, ServiceImpl } from '@connectrpc/connect';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type {
  PollutionService} from '@xietong/proto';
import {
  MediationOutcome,
  PartyRole,
  type AgreementParty,
  type ChangePaymentTerms,
  type ClassPaymentTerms,
  type RecordAgreementVersionRequest,
  type AlertLocation,
  type AlertPollutant,
  type AssessmentPeriod,
  type CaseCommand,
  type IngestionResult,
  type ReadingInput,
  type SeverityMinutes,
} from '@xietong/proto';
import { callInfoFrom, principalFrom, ValidationError } from '@xietong/service-kit';
import { STATE_COMMANDS, type StateCommand } from '../application/change-case-state/change-case-state.handler.ts';
import type { IngestionOutcome } from '../application/ingest-readings/ingest-readings.handler.ts';
import type { PollutionUseCases } from '../application/pollution.use-cases.ts';
import {
  ALERT_CATEGORY_FROM,
  ALERT_STATUS_FROM,
  CASE_COMMAND_FROM,
  CASE_STATE_FROM,
  PERIOD_KIND_FROM,
  SEVERITY_FROM,
  WATER_BODY_TYPE_FROM,
  waterClassFromProto,
} from '../contracts/proto-enums.ts';
import {
  agreementToProto,
  alertToProto,
  assessmentToProto,
  caseListItemToProto,
  caseToProto,
  escalationPolicyHistoryToProto,
  escalationPolicyToProto,
  person,
  readingToProto,
  ts,
  sectionToProto,
} from '../contracts/record-mappers.ts';
import type { AlertContentInput, CaseState, ReferenceCatalog, Severity, WaterQualityStandard } from '../domain/index.ts';
import { callerOf, nextPageToken, pageRequestOf, translated } from './route-support.ts';

const LIST_PAGE = { defaultSize: 50, maxSize: 200 } as const;
const READINGS_PAGE = { defaultSize: 500, maxSize: 5000 } as const;

// Connect messages carry defaults ('' and 0) where the domain expects "absent": the domain's validation then names
// the field that is required, instead of a contract detail the caller cannot see.
const text = (value: string) => (value === '' ? undefined : value);
const instant = (value: Timestamp | undefined) => (value ? timestampDate(value).toISOString() : undefined);

// Minutes per severity as the domain names them (acknowledgeWithinMinutes.II), so problems name those fields.
const minutesInput = (m: SeverityMinutes | undefined) => (m ? { I: m.levelI, II: m.levelIi, III: m.levelIii, IV: m.levelIv } : undefined);

function locationInput(location: AlertLocation | undefined) {
  if (!location) return undefined;
  return {
    description: location.description,
    ...(location.cityCode !== '' ? { cityCode: location.cityCode } : {}),
    ...(location.latitude !== undefined ? { latitude: location.latitude } : {}),
    ...(location.longitude !== undefined ? { longitude: location.longitude } : {}),
  };
}

function pollutantInput(pollutant: AlertPollutant | undefined) {
  if (!pollutant) return undefined;
  return {
    name: pollutant.name,
    ...(pollutant.parameter !== '' ? { parameter: pollutant.parameter } : {}),
    ...(pollutant.estimatedQuantity ? { estimatedQuantity: { value: pollutant.estimatedQuantity.value, unit: pollutant.estimatedQuantity.unit } } : {}),
  };
}

// Agreement terms as the domain names them (classPayment.amountPerClassStepFen, parties[1].role), defaults as absent.
function partyInput(p: AgreementParty) {
  const role = p.role === PartyRole.UPSTREAM ? 'upstream' : p.role === PartyRole.DOWNSTREAM ? 'downstream' : undefined;
  return { province: p.province, role, shareBasisPoints: p.shareBasisPoints };
}

function classPaymentInput(c: ClassPaymentTerms) {
  return {
    period: PERIOD_KIND_FROM.get(c.period),
    baselineClass: waterClassFromProto(c.baselineClass),
    amountPerClassStepFen: text(c.amountPerClassStepFen),
    parameters: c.parameters,
    capPerPeriodFen: text(c.capPerPeriodFen),
  };
}

function changePaymentInput(c: ChangePaymentTerms) {
  return {
    period: PERIOD_KIND_FROM.get(c.period),
    comparison: text(c.comparison),
    pollutants: c.pollutants,
    indexFormula: text(c.indexFormula),
    changeMeasure: text(c.changeMeasure),
    pointRoundingMode: text(c.pointRoundingMode),
    pointRoundingDecimals: c.pointRoundingDecimals,
    amountPerPointFen: text(c.amountPerPointFen),
    capPerPeriodFen: text(c.capPerPeriodFen),
  };
}

function agreementVersionInput(req: RecordAgreementVersionRequest) {
  return {
    agreementId: text(req.agreementId),
    version: req.version === 0 ? undefined : req.version,
    nameZh: text(req.nameZh),
    nameEn: text(req.nameEn),
    sectionId: text(req.sectionId),
    waterBodyType: WATER_BODY_TYPE_FROM.get(req.waterBodyType),
    standardId: text(req.standardId),
    parties: req.parties.map(partyInput),
    validFrom: text(req.validFrom),
    validTo: text(req.validTo),
    ...(req.classPayment ? { classPayment: classPaymentInput(req.classPayment) } : {}),
    ...(req.changePayment ? { changePayment: changePaymentInput(req.changePayment) } : {}),
    fenRounding: text(req.fenRounding),
    settlement: text(req.settlement),
    provenance: req.provenance.map((p) => ({ field: text(p.field), source: text(p.source), note: text(p.note) })),
    reason: text(req.reason),
  };
}

function readingInput(r: ReadingInput) {
  return { sectionId: r.sectionId, parameter: r.parameter, value: r.value, unit: r.unit, sampledAt: r.sampledAt };
}

function ingestionResult(outcome: IngestionOutcome): IngestionResult {
  return {
    $typeName: 'xietong.pollution.v1.IngestionResult',
    batchId: outcome.batchId,
    accepted: outcome.accepted,
    exceedances: outcome.exceedances,
    openedCaseIds: [...outcome.openedCaseIds],
    updatedCaseIds: [...outcome.updatedCaseIds],
  };
}

function periodInput(period: AssessmentPeriod | undefined): unknown {
  if (!period) return undefined;
  return { kind: PERIOD_KIND_FROM.get(period.kind), year: period.year, ...(period.month !== 0 ? { month: period.month } : {}) };
}

function stateCommand(command: CaseCommand): StateCommand | undefined {
  const domain = CASE_COMMAND_FROM.get(command);
  return (STATE_COMMANDS as readonly string[]).includes(domain ?? '') ? (domain as StateCommand) : undefined;
}

const expected = (version: number) => (version > 0 ? version : undefined);

/**
 * The Connect handlers of xietong.pollution.v1.PollutionService: each parses its message, calls one use case with
 * the verified caller, and maps the result to the contract. No rules live here.
 */
export function pollutionRpc(useCases: PollutionUseCases, reference: { catalog: ReferenceCatalog; standard: WaterQualityStandard }): ServiceImpl<typeof PollutionService> {
  const caller = (ctx: HandlerContext) => callerOf(principalFrom(ctx), callInfoFrom(ctx)?.correlationId);
  const reading = (r: Parameters<typeof readingToProto>[0]) => readingToProto(r, reference.catalog, reference.standard);
  return {
    listSections: () => translated(() => ({ sections: useCases.listSections().map((s) => sectionToProto(s.section, s.riverNameZh, s.riverNameEn)) })),

    issueAlert: (req, ctx) =>
      translated(async () => {
        const alert = await useCases.issueAlert(caller(ctx), {
          status: ALERT_STATUS_FROM.get(req.status),
          category: ALERT_CATEGORY_FROM.get(req.category),
          severity: SEVERITY_FROM.get(req.severity),
          sectionId: req.sectionId,
          location: locationInput(req.location),
          pollutant: pollutantInput(req.pollutant),
          suspectedSource: text(req.suspectedSource),
          headline: req.headline,
          description: req.description,
          addressees: req.addressees.length > 0 ? [...req.addressees] : undefined,
        });
        return { alert: alertToProto(alert) };
      }),
    updateAlert: (req, ctx) =>
      translated(async () => {
        const input: AlertContentInput = {
          ...(req.category !== 0 ? { category: ALERT_CATEGORY_FROM.get(req.category) ?? req.category } : {}),
          ...(req.severity !== 0 ? { severity: SEVERITY_FROM.get(req.severity) ?? req.severity } : {}),
          ...(req.location ? { location: locationInput(req.location) } : {}),
          ...(req.pollutant ? { pollutant: pollutantInput(req.pollutant) } : {}),
          ...(req.suspectedSource !== undefined ? { suspectedSource: req.suspectedSource } : {}),
          ...(req.headline !== undefined ? { headline: req.headline } : {}),
          ...(req.description !== undefined ? { description: req.description } : {}),
          ...(req.addressees.length > 0 ? { addressees: [...req.addressees] } : {}),
        };
        return { alert: alertToProto(await useCases.updateAlert(caller(ctx), req.alertId, input)) };
      }),
    cancelAlert: (req, ctx) => translated(async () => ({ alert: alertToProto(await useCases.cancelAlert(caller(ctx), req.alertId, req.reason)) })),
    acknowledgeAlert: (req, ctx) => translated(async () => ({ alert: alertToProto(await useCases.acknowledgeAlert(caller(ctx), req.alertId, text(req.note))) })),
    getAlert: (req, ctx) =>
      translated(async () => {
        const { alert, thread } = await useCases.getAlert(caller(ctx), req.alertId);
        return { alert: alertToProto(alert), thread: thread.map(alertToProto) };
      }),
    listAlerts: (req, ctx) =>
      translated(async () => {
        const page = await useCases.listAlerts(caller(ctx), {
          status: ALERT_STATUS_FROM.get(req.status) ?? 'Actual',
          ...(req.sectionId !== '' ? { sectionId: req.sectionId } : {}),
          severities: req.severities.map((s) => SEVERITY_FROM.get(s)).filter((s): s is Severity => s !== undefined),
          activeOnly: req.activeOnly,
          awaitingMyAcknowledgement: req.awaitingMyAcknowledgement,
          page: pageRequestOf(req.pageSize, req.pageToken, LIST_PAGE),
        });
        return { alerts: page.items.map(alertToProto), totalCount: page.total, nextPageToken: nextPageToken(page) };
      }),
    countAlerts: (req, ctx) =>
      translated(async () => {
        const counts = await useCases.countAlerts(caller(ctx), ALERT_STATUS_FROM.get(req.status) ?? 'Actual');
        return {
          counts: {
            total: counts.total,
            active: counts.active,
            cancelled: counts.cancelled,
            awaitingAcknowledgement: counts.awaitingAcknowledgement,
            severityI: counts.bySeverity.I,
            severityIi: counts.bySeverity.II,
            severityIii: counts.bySeverity.III,
            severityIv: counts.bySeverity.IV,
          },
        };
      }),

    openCase: (req, ctx) =>
      translated(async () => {
        const opened = await useCases.openCase(caller(ctx), {
          ...(req.title !== '' ? { title: req.title } : {}),
          ...(req.sectionId !== '' ? { sectionId: req.sectionId } : {}),
          ...(req.partyProvinces.length > 0 ? { partyProvinces: [...req.partyProvinces] } : {}),
          ...(req.description !== '' ? { description: req.description } : {}),
          ...(req.alertId !== '' ? { alertId: req.alertId } : {}),
        });
        return { case: caseToProto(opened) };
      }),
    getCase: (req, ctx) => translated(async () => ({ case: caseToProto(await useCases.getCase(caller(ctx), req.caseId)) })),
    listCases: (req, ctx) =>
      translated(async () => {
        const page = await useCases.listCases(caller(ctx), {
          exercise: req.exercise,
          states: req.states.map((s) => CASE_STATE_FROM.get(s)).filter((s): s is CaseState => s !== undefined),
          ...(req.sectionId !== '' ? { sectionId: req.sectionId } : {}),
          page: pageRequestOf(req.pageSize, req.pageToken, LIST_PAGE),
        });
        return { cases: page.items.map(caseListItemToProto), totalCount: page.total, nextPageToken: nextPageToken(page) };
      }),
    changeCaseState: (req, ctx) =>
      translated(async () => {
        const command = stateCommand(req.command);
        if (!command) throw new ValidationError([{ field: 'command', reason: 'must be START_JOINT_INVESTIGATION, START_JOINT_ENFORCEMENT or START_REMEDIATION' }]);
        return { case: caseToProto(await useCases.changeCaseState(caller(ctx), { caseId: req.caseId, command, expectedVersion: expected(req.expectedVersion) })) };
      }),
    agreeToCloseCase: (req, ctx) =>
      translated(async () => ({ case: caseToProto(await useCases.agreeToCloseCase(caller(ctx), { caseId: req.caseId, statement: req.statement, expectedVersion: expected(req.expectedVersion) })) })),
    raiseCaseDispute: (req, ctx) =>
      translated(async () => ({ case: caseToProto(await useCases.raiseCaseDispute(caller(ctx), { caseId: req.caseId, reason: req.reason, expectedVersion: expected(req.expectedVersion) })) })),
    resolveCaseMediation: (req, ctx) =>
      translated(async () => {
        const outcome = req.outcome === MediationOutcome.RESUME ? 'resume' : req.outcome === MediationOutcome.CLOSE ? 'close' : undefined;
        const resolved = await useCases.resolveCaseMediation(caller(ctx), {
          caseId: req.caseId,
          outcome: { outcome, mediator: req.mediator, summary: req.summary, ...(req.documentEvidenceId !== '' ? { documentEvidenceId: req.documentEvidenceId } : {}) },
          expectedVersion: expected(req.expectedVersion),
        });
        return { case: caseToProto(resolved) };
      }),
    recordEnforcementAction: (req, ctx) =>
      translated(async () => {
        const result = await useCases.recordEnforcementAction(caller(ctx), { caseId: req.caseId, date: req.date, findings: req.findings, expectedVersion: expected(req.expectedVersion) });
        return { case: caseToProto(result.case), actionId: result.actionId };
      }),
    amendEnforcementAction: (req, ctx) =>
      translated(async () => {
        const amended = await useCases.amendEnforcementAction(caller(ctx), {
          caseId: req.caseId,
          actionId: req.actionId,
          ...(req.date !== undefined ? { date: req.date } : {}),
          ...(req.findings !== undefined ? { findings: req.findings } : {}),
          expectedVersion: expected(req.expectedVersion),
        });
        return { case: caseToProto(amended) };
      }),
    addCaseEvidence: (req, ctx) =>
      translated(async () => {
        const e = req.evidence;
        const evidence =
          e.case === 'document'
            ? { kind: 'document' as const, description: req.description, sha256: e.value.sha256, filename: e.value.filename, mediaType: e.value.mediaType, sizeBytes: Number(e.value.sizeBytes) }
            : {
                kind: 'monitoring-data' as const,
                description: req.description,
                readings: e.case === 'monitoringData' ? e.value.readings.map((r) => ({ sectionId: r.sectionId, parameter: r.parameter, sampledAt: r.sampledAt })) : undefined,
              };
        const result = await useCases.addCaseEvidence(caller(ctx), { caseId: req.caseId, evidence, expectedVersion: expected(req.expectedVersion) });
        return { case: caseToProto(result.case), evidenceId: result.evidenceId };
      }),
    linkAlertToCase: (req, ctx) =>
      translated(async () => ({ case: caseToProto(await useCases.linkAlertToCase(caller(ctx), { caseId: req.caseId, alertId: req.alertId, expectedVersion: expected(req.expectedVersion) })) })),
    listCaseReadings: (req, ctx) => translated(async () => ({ readings: (await useCases.listCaseReadings(caller(ctx), req.caseId)).map(reading) })),

    submitReadings: (req, ctx) => translated(async () => ({ result: ingestionResult(await useCases.submitReadings(caller(ctx), req.readings.map(readingInput))) })),
    submitReadingsCsv: (req, ctx) => translated(async () => ({ result: ingestionResult(await useCases.submitReadingsCsv(caller(ctx), req.csv)) })),
    listReadings: (req, ctx) =>
      translated(async () => {
        const page = await useCases.listReadings(caller(ctx), {
          sectionId: req.sectionId,
          ...(req.parameter !== '' ? { parameter: req.parameter } : {}),
          ...(instant(req.from) ? { from: instant(req.from) } : {}),
          ...(instant(req.to) ? { to: instant(req.to) } : {}),
          page: pageRequestOf(req.pageSize, req.pageToken, READINGS_PAGE),
        });
        return { readings: page.items.map(reading), totalCount: page.total, nextPageToken: nextPageToken(page) };
      }),

    listAgreements: (_req, ctx) => translated(async () => ({ agreements: (await useCases.listAgreements(caller(ctx))).map(agreementToProto) })),
    getAgreement: (req, ctx) => translated(async () => ({ agreement: agreementToProto(await useCases.getAgreement(caller(ctx), req.agreementId, req.version)) })),
    runAssessment: (req, ctx) =>
      translated(async () => {
        const { assessment, reused } = await useCases.runAssessment(caller(ctx), {
          agreementId: req.agreementId,
          period: periodInput(req.period),
          ...(req.officialClass ? { officialClass: { waterClass: req.officialClass.waterClass, source: req.officialClass.source } } : {}),
        });
        return { assessment: assessmentToProto(assessment), reused };
      }),
    recordAgreementVersion: (req, ctx) =>
      translated(async () => {
        const recorded = await useCases.recordAgreementVersion(caller(ctx), agreementVersionInput(req));
        return {
          agreement: agreementToProto(recorded.agreement),
          previousVersion: recorded.previousVersion ?? 0,
          reason: recorded.reason,
          recordedAt: ts(recorded.recordedAt),
          recordedBy: person(recorded.recordedBy),
        };
      }),
    listEscalationPolicies: (_req, ctx) =>
      translated(async () => ({ policies: (await useCases.listEscalationPolicies(caller(ctx))).map(escalationPolicyHistoryToProto) })),
    setEscalationPolicy: (req, ctx) =>
      translated(async () => {
        const policy = await useCases.setEscalationPolicy(caller(ctx), {
          policyId: text(req.policyId),
          name: text(req.name),
          sectionIds: req.sectionIds,
          acknowledgeWithinMinutes: minutesInput(req.acknowledgeWithinMinutes),
          jointMechanismAfterMinutes: minutesInput(req.jointMechanismAfterMinutes),
          jointMechanismId: text(req.jointMechanismId),
          source: text(req.source),
          effectiveFrom: instant(req.effectiveFrom),
          expectedVersion: req.expectedVersion,
        });
        return { policy: escalationPolicyToProto(policy) };
      }),
    getAssessment: (req, ctx) => translated(async () => ({ assessment: assessmentToProto(await useCases.getAssessment(caller(ctx), req.assessmentId)) })),
    listAssessments: (req, ctx) =>
      translated(async () => {
        const page = await useCases.listAssessments(caller(ctx), {
          ...(req.agreementId !== '' ? { agreementId: req.agreementId } : {}),
          includeSuperseded: req.includeSuperseded,
          page: pageRequestOf(req.pageSize, req.pageToken, LIST_PAGE),
        });
        return { assessments: page.items.map((a) => assessmentToProto(a, false)), totalCount: page.total, nextPageToken: nextPageToken(page) };
      }),
    verifyAssessment: (req, ctx) =>
      translated(async () => {
        const v = await useCases.verifyAssessment(caller(ctx), req.assessmentId);
        return { reproduced: v.reproduced, storedDigest: v.storedDigest, recomputedDigest: v.recomputedDigest, readingsUnchanged: v.readingsUnchanged, differences: [...v.differences] };
      }),
  };
}
