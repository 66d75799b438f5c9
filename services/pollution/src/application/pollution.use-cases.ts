import type { AgreementVersionInput, AlertContentInput, AlertStatus, CaseState, Clock, EscalationPolicyInput, EscalationPolicySource, IssueAlertInput, MediationOutcomeInput, ReferenceCatalog, Severity, WaterQualityStandard } from '../domain/index.ts';
import { acknowledgeAlertHandler, type AcknowledgeAlertPorts } from './acknowledge-alert/acknowledge-alert.handler.ts';
import { addCaseEvidenceHandler, type AddCaseEvidencePorts, type EvidenceCommand } from './add-case-evidence/add-case-evidence.handler.ts';
import { agreeToCloseCaseHandler } from './agree-to-close-case/agree-to-close-case.handler.ts';
import { amendEnforcementActionHandler } from './amend-enforcement-action/amend-enforcement-action.handler.ts';
import { cancelAlertHandler, type CancelAlertPorts } from './cancel-alert/cancel-alert.handler.ts';
import { changeCaseStateHandler, type StateCommand } from './change-case-state/change-case-state.handler.ts';
import { countAlertsHandler, type CountAlertsStore } from './count-alerts/count-alerts.handler.ts';
import type { EscalateAlertsPorts } from './escalate-alerts/escalate-alerts.handler.ts';
import { getAgreementHandler, type GetAgreementStore } from './get-agreement/get-agreement.handler.ts';
import { getAlertHandler, type GetAlertStore } from './get-alert/get-alert.handler.ts';
import { getAssessmentHandler, type GetAssessmentStore } from './get-assessment/get-assessment.handler.ts';
import { getCaseHandler, type GetCaseStore } from './get-case/get-case.handler.ts';
import { ingestReadingsCsvHandler, ingestReadingsHandler, type IngestReadingsPorts } from './ingest-readings/ingest-readings.handler.ts';
import { issueAlertHandler, type IssueAlertPorts } from './issue-alert/issue-alert.handler.ts';
import { linkAlertToCaseHandler, type LinkAlertToCasePorts } from './link-alert-to-case/link-alert-to-case.handler.ts';
import { listAgreementsHandler, type ListAgreementsStore } from './list-agreements/list-agreements.handler.ts';
import { listAlertsHandler, type ListAlertsStore } from './list-alerts/list-alerts.handler.ts';
import { listAssessmentsHandler, type ListAssessmentsStore } from './list-assessments/list-assessments.handler.ts';
import { listCaseReadingsHandler, type ListCaseReadingsStore } from './list-case-readings/list-case-readings.handler.ts';
import { listCasesHandler, type ListCasesStore } from './list-cases/list-cases.handler.ts';
import { listEscalationPoliciesHandler, type ListEscalationPoliciesStore } from './list-escalation-policies/list-escalation-policies.handler.ts';
import { listReadingsHandler, type ListReadingsStore } from './list-readings/list-readings.handler.ts';
import { listSectionsHandler } from './list-sections/list-sections.handler.ts';
import { openCaseHandler, type OpenCaseCommand, type OpenCasePorts } from './open-case/open-case.handler.ts';
import { raiseCaseDisputeHandler } from './raise-case-dispute/raise-case-dispute.handler.ts';
import { recordEnforcementActionHandler } from './record-enforcement-action/record-enforcement-action.handler.ts';
import { recordAgreementVersionHandler, type RecordAgreementVersionPorts } from './record-agreement-version/record-agreement-version.handler.ts';
import { resolveCaseMediationHandler } from './resolve-case-mediation/resolve-case-mediation.handler.ts';
import { runAssessmentHandler, type RunAssessmentInput, type RunAssessmentPorts } from './run-assessment/run-assessment.handler.ts';
import { setEscalationPolicyHandler, type SetEscalationPolicyPorts } from './set-escalation-policy/set-escalation-policy.handler.ts';
import type { CaseWritePorts } from './shared/case-writes.ts';
import type { Caller, IdGenerator, PageRequest, UnitOfWork } from './shared/ports.ts';
import { updateAlertHandler, type UpdateAlertPorts } from './update-alert/update-alert.handler.ts';
import { verifyAssessmentHandler, type VerifyAssessmentStore } from './verify-assessment/verify-assessment.handler.ts';

/** The ports every write use case may need: the union of each use case's own ports. */
export type AllWritePorts = IssueAlertPorts &
  UpdateAlertPorts &
  CancelAlertPorts &
  AcknowledgeAlertPorts &
  EscalateAlertsPorts &
  OpenCasePorts &
  CaseWritePorts &
  AddCaseEvidencePorts &
  LinkAlertToCasePorts &
  IngestReadingsPorts &
  RunAssessmentPorts &
  RecordAgreementVersionPorts &
  SetEscalationPolicyPorts;

/** The stores reads go to (outside any write transaction). */
export interface ReadStores {
  /** Alerts. */
  readonly alerts: GetAlertStore & ListAlertsStore & CountAlertsStore;
  /** Cases and the readings behind them. */
  readonly cases: GetCaseStore & ListCasesStore & ListCaseReadingsStore;
  /** Readings. */
  readonly readings: ListReadingsStore;
  /** Agreements and assessments, and the readings assessments are verified against. */
  readonly compensation: ListAgreementsStore & GetAgreementStore & GetAssessmentStore & ListAssessmentsStore & VerifyAssessmentStore;
  /** Escalation policy versions. */
  readonly escalationPolicies: ListEscalationPoliciesStore;
}

/** What the use cases are built from. */
export interface UseCaseDeps {
  /** Writes: one transaction each. */
  readonly transaction: UnitOfWork<AllWritePorts>;
  /** Reads. */
  readonly reads: ReadStores;
  /** Now. */
  readonly clock: Clock;
  /** Ids. */
  readonly ids: IdGenerator;
  /** Sections, rivers, provinces. */
  readonly catalog: ReferenceCatalog;
  /** GB 3838-2002. */
  readonly standard: WaterQualityStandard;
  /** Acknowledgement deadlines. */
  readonly escalationPolicy: EscalationPolicySource;
  /** The in-memory policies behind `escalationPolicy`, reloaded after a policy write. */
  readonly escalationPolicies?: { refresh(): Promise<void> };
  /** Most readings per upload. */
  readonly maxReadingsPerBatch?: number;
}

/** The pollution service's use cases, bound to their dependencies; the routes call these and nothing else. */
export function createPollutionUseCases(deps: UseCaseDeps) {
  const { transaction, reads, clock, ids, catalog, standard, escalationPolicy } = deps;
  const writes = { transaction, clock, catalog, ids, escalationPolicy };
  const ingest = { transaction, clock, catalog, standard, ids, ...(deps.maxReadingsPerBatch !== undefined ? { maxBatchSize: deps.maxReadingsPerBatch } : {}) };
  return {
    listSections: () => listSectionsHandler({ catalog }),

    issueAlert: (caller: Caller, input: Omit<IssueAlertInput, 'id'>) => issueAlertHandler(writes, caller, input),
    updateAlert: (caller: Caller, alertId: string, input: AlertContentInput) => updateAlertHandler(writes, caller, alertId, input),
    cancelAlert: (caller: Caller, alertId: string, reason: unknown) => cancelAlertHandler(writes, caller, alertId, { reason }),
    acknowledgeAlert: (caller: Caller, alertId: string, note: unknown) => acknowledgeAlertHandler(writes, caller, alertId, { note }),
    getAlert: (caller: Caller, alertId: string) => getAlertHandler({ alerts: reads.alerts, escalationPolicy }, caller, alertId),
    listAlerts: (
      caller: Caller,
      input: { status?: AlertStatus; sectionId?: string; severities?: Severity[]; activeOnly?: boolean; awaitingMyAcknowledgement?: boolean; page: PageRequest },
    ) => listAlertsHandler({ alerts: reads.alerts, escalationPolicy }, caller, input),
    countAlerts: (caller: Caller, status?: AlertStatus) => countAlertsHandler({ alerts: reads.alerts }, caller, status),

    openCase: (caller: Caller, command: OpenCaseCommand) => openCaseHandler(writes, caller, command),
    getCase: (caller: Caller, caseId: string) => getCaseHandler({ cases: reads.cases }, caller, caseId),
    listCases: (caller: Caller, input: { exercise?: boolean; states?: CaseState[]; sectionId?: string; page: PageRequest }) => listCasesHandler({ cases: reads.cases }, caller, input),
    changeCaseState: (caller: Caller, input: { caseId: string; command: StateCommand; expectedVersion?: number }) => changeCaseStateHandler(writes, caller, input),
    agreeToCloseCase: (caller: Caller, input: { caseId: string; statement?: unknown; expectedVersion?: number }) => agreeToCloseCaseHandler(writes, caller, input),
    raiseCaseDispute: (caller: Caller, input: { caseId: string; reason?: unknown; expectedVersion?: number }) => raiseCaseDisputeHandler(writes, caller, input),
    resolveCaseMediation: (caller: Caller, input: { caseId: string; outcome: MediationOutcomeInput; expectedVersion?: number }) => resolveCaseMediationHandler(writes, caller, input),
    recordEnforcementAction: (caller: Caller, input: { caseId: string; date?: unknown; findings?: unknown; expectedVersion?: number }) => recordEnforcementActionHandler(writes, caller, input),
    amendEnforcementAction: (caller: Caller, input: { caseId: string; actionId: string; date?: unknown; findings?: unknown; expectedVersion?: number }) =>
      amendEnforcementActionHandler(writes, caller, input),
    addCaseEvidence: (caller: Caller, input: { caseId: string; evidence: EvidenceCommand; expectedVersion?: number }) => addCaseEvidenceHandler(writes, caller, input),
    linkAlertToCase: (caller: Caller, input: { caseId: string; alertId: string; expectedVersion?: number }) => linkAlertToCaseHandler(writes, caller, input),
    listCaseReadings: (caller: Caller, caseId: string) => listCaseReadingsHandler({ store: reads.cases }, caller, caseId),

    submitReadings: (caller: Caller, readings: readonly unknown[]) => ingestReadingsHandler(ingest, caller, readings),
    submitReadingsCsv: (caller: Caller, csv: string) => ingestReadingsCsvHandler(ingest, caller, csv),
    listReadings: (caller: Caller, input: { sectionId: string; parameter?: string; from?: string; to?: string; page: PageRequest }) =>
      listReadingsHandler({ readings: reads.readings, catalog }, caller, input),

    listAgreements: (caller: Caller) => listAgreementsHandler({ agreements: reads.compensation }, caller),
    getAgreement: (caller: Caller, agreementId: string, version?: number) => getAgreementHandler({ agreements: reads.compensation }, caller, agreementId, version),
    runAssessment: (caller: Caller, input: RunAssessmentInput) => runAssessmentHandler({ transaction, clock, standard, catalog, ids }, caller, input),
    getAssessment: (caller: Caller, assessmentId: string) => getAssessmentHandler({ assessments: reads.compensation }, caller, assessmentId),
    listAssessments: (caller: Caller, input: { agreementId?: string; includeSuperseded?: boolean; page: PageRequest }) => listAssessmentsHandler({ assessments: reads.compensation }, caller, input),
    verifyAssessment: (caller: Caller, assessmentId: string) => verifyAssessmentHandler({ store: reads.compensation, standard, catalog }, caller, assessmentId),
    recordAgreementVersion: (caller: Caller, input: AgreementVersionInput) => recordAgreementVersionHandler({ transaction, clock, catalog, standard }, caller, input),

    listEscalationPolicies: (caller: Caller) => listEscalationPoliciesHandler({ store: reads.escalationPolicies, clock }, caller),
    setEscalationPolicy: (caller: Caller, input: EscalationPolicyInput) =>
      setEscalationPolicyHandler({ transaction, clock, catalog, ...(deps.escalationPolicies ? { policies: deps.escalationPolicies } : {}) }, caller, input),
  };
}

/** The bound use cases. */
export type PollutionUseCases = ReturnType<typeof createPollutionUseCases>;
