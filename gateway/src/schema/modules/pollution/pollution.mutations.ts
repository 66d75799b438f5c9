import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertStatus, WaterBodyType, type Agreement, type Alert, type Assessment, type Case, type EscalationPolicy, type IngestionResult, type RecordAgreementVersionResponse } from '@xietong/proto';
import type { ObjectRef } from '@pothos/core';
import { forbidden, notFound, unauthenticated } from '../../../errors/gateway-errors.ts';
import { canWrite, type Principal, type RecordScope, type WriteRequest } from '../../../kit.ts';
import type { GatewayBuilder, GatewayTypes } from '../../builder.ts';
import type { GatewayContext } from '../../gateway-context.ts';
import { InputProblems, readPollutionOrNull, serviceIdOf, writePollution } from './pollution.client.ts';
import type { PollutionEnums } from './pollution.enums.ts';
import { loadManyReadable, loadReadable, markComplete, type PollutionRefs } from './pollution.refs.ts';
import { alertRecord, caseRecord, compensationRecord } from './pollution.scopes.ts';
import { requiredDateOf } from './pollution.values.ts';
import { agreementProvinces } from './compensation.types.ts';

// Every mutation: the role scope (environment) answers FORBIDDEN before anything is read; then the record is read as
// the user — one they may not read is NOT_FOUND, exactly like a missing one — and the kit's province policy decides
// the write with the record's provinces (FORBIDDEN); then the service decides again. Invalid input comes back as
// VALIDATION_FAILED with every field problem under `input.…`.

const WRITER = { role: 'environment' } as const;

function principalOf(ctx: GatewayContext): Principal {
  if (!ctx.principal) throw unauthenticated();
  return ctx.principal;
}

function requireWrite(ctx: GatewayContext, action: 'case' | 'own-entry', record: RecordScope): void {
  if (!canWrite({ principal: principalOf(ctx), domain: 'pollution', action, record } as WriteRequest)) throw forbidden();
}

async function readableAlert(builder: GatewayBuilder, refs: PollutionRefs, ctx: GatewayContext, globalId: string, field: string): Promise<Alert> {
  const alert = await loadReadable(builder, refs.alert, 'PollutionAlert', serviceIdOf(globalId, 'PollutionAlert', field), ctx, true);
  if (!alert) throw notFound();
  return alert;
}

async function readableCase(builder: GatewayBuilder, refs: PollutionRefs, ctx: GatewayContext, globalId: string): Promise<Case> {
  const found = await loadReadable(builder, refs.pollutionCase, 'PollutionCase', serviceIdOf(globalId, 'PollutionCase', 'input.caseId'), ctx, true);
  if (!found) throw notFound();
  return found;
}

/** The case a write returned, complete and in the request's cache (a later field of the payload reuses it). */
function returnedCase(refs: PollutionRefs, ctx: GatewayContext, c: Case | undefined): Case {
  if (!c) throw new Error('the pollution service answered a case write without the case');
  markComplete(c);
  const loader = refs.pollutionCase.getDataloader(ctx);
  loader.clear(c.id);
  loader.prime(c.id, c);
  return c;
}

function returnedAlert(refs: PollutionRefs, ctx: GatewayContext, alert: Alert | undefined): Alert {
  if (!alert) throw new Error('the pollution service answered an alert write without the alert');
  // The write changed other messages of the thread too (superseded, acknowledged): nothing read before it stands.
  refs.alert.getDataloader(ctx).clearAll();
  return alert;
}

const expected = (version: number | null | undefined) => version ?? 0;

/** The pollution mutations. */
export function registerPollutionMutations(
  builder: GatewayBuilder,
  refs: PollutionRefs,
  enums: PollutionEnums,
  types: { escalationPolicyVersion: ObjectRef<GatewayTypes, EscalationPolicy> },
) {
  // Inputs ----------------------------------------------------------------------------------------------------------
  const quantityInput = builder.inputType('AlertQuantityInput', {
    fields: (t) => ({ value: t.float({ required: true, description: 'More than zero.' }), unit: t.string({ required: true, description: 't, kg, m3 or L.' }) }),
  });
  const locationInput = builder.inputType('AlertLocationInput', {
    fields: (t) => ({
      description: t.string({ required: true, description: 'Place as people name it (county, village, reach).' }),
      cityCode: t.string({ required: false, description: 'GB/T 2260 city code, in a province of the section.' }),
      latitude: t.float({ required: false }),
      longitude: t.float({ required: false }),
    }),
  });
  const pollutantInput = builder.inputType('AlertPollutantInput', {
    fields: (t) => ({
      name: t.string({ required: true, description: 'Substance as reported (e.g. 苯 benzene).' }),
      parameter: t.string({ required: false, description: 'COD, CODMn, NH3-N, TP, TN or benzene.' }),
      estimatedQuantity: t.field({ type: quantityInput, required: false }),
    }),
  });
  const issueAlertInput = builder.inputType('IssueAlertInput', {
    fields: (t) => ({
      mode: t.field({ type: enums.mode, required: true, defaultValue: AlertStatus.ACTUAL, description: 'ACTUAL (default) or EXERCISE; a thread keeps its mode.' }),
      category: t.field({ type: enums.category, required: true }),
      severity: t.field({ type: enums.severity, required: true }),
      sectionCode: t.string({ required: true, description: 'A section your province is on either side of.' }),
      location: t.field({ type: locationInput, required: true }),
      pollutant: t.field({ type: pollutantInput, required: true }),
      suspectedSource: t.string({ required: false }),
      headline: t.string({ required: true, description: 'One line, at most 200 characters.' }),
      description: t.string({ required: true }),
      addressees: t.stringList({ required: false, description: 'Provinces to alert; default: the section’s downstream provinces (from downstream: every other one).' }),
    }),
  });
  const updateAlertInput = builder.inputType('UpdateAlertInput', {
    description: 'Fields left out keep their values.',
    fields: (t) => ({
      alertId: t.id({ required: true, description: 'The thread’s current message.' }),
      category: t.field({ type: enums.category, required: false }),
      severity: t.field({ type: enums.severity, required: false }),
      location: t.field({ type: locationInput, required: false }),
      pollutant: t.field({ type: pollutantInput, required: false }),
      suspectedSource: t.string({ required: false }),
      headline: t.string({ required: false }),
      description: t.string({ required: false }),
      addressees: t.stringList({ required: false }),
    }),
  });
  const cancelAlertInput = builder.inputType('CancelAlertInput', {
    fields: (t) => ({ alertId: t.id({ required: true, description: 'The thread’s current message.' }), reason: t.string({ required: true }) }),
  });
  const acknowledgeAlertInput = builder.inputType('AcknowledgeAlertInput', {
    fields: (t) => ({ alertId: t.id({ required: true, description: 'The thread’s current message.' }), note: t.string({ required: false, description: 'e.g. measures taken.' }) }),
  });
  const openCaseInput = builder.inputType('OpenCaseInput', {
    description: 'Open on a report (title and section), or from an alert (its headline, section and provinces are the defaults).',
    fields: (t) => ({
      alertId: t.id({ required: false, description: 'Open from this alert message (an exercise alert opens an exercise case).' }),
      title: t.string({ required: false }),
      sectionCode: t.string({ required: false }),
      partyProvinces: t.stringList({ required: false, description: 'Must include your province; default the section’s (or the alert’s) provinces.' }),
      description: t.string({ required: false }),
    }),
  });
  const changeCaseStateInput = builder.inputType('ChangeCaseStateInput', {
    fields: (t) => ({ caseId: t.id({ required: true }), command: t.field({ type: enums.caseTransition, required: true }), expectedVersion: t.int({ required: false, description: 'The case version you saw; a stale one is refused.' }) }),
  });
  const agreeToCloseInput = builder.inputType('AgreeToCloseCaseInput', {
    fields: (t) => ({ caseId: t.id({ required: true }), statement: t.string({ required: true, description: 'What your province agrees to.' }), expectedVersion: t.int({ required: false }) }),
  });
  const raiseDisputeInput = builder.inputType('RaiseCaseDisputeInput', {
    fields: (t) => ({ caseId: t.id({ required: true }), reason: t.string({ required: true }), expectedVersion: t.int({ required: false }) }),
  });
  const resolveMediationInput = builder.inputType('ResolveCaseMediationInput', {
    fields: (t) => ({
      caseId: t.id({ required: true }),
      outcome: t.field({ type: enums.mediationOutcome, required: true }),
      mediator: t.string({ required: true, description: 'Who mediated.' }),
      summary: t.string({ required: true, description: 'What was decided.' }),
      documentEvidenceId: t.string({ required: false, description: 'A document evidence on the case holding the mediation record.' }),
      expectedVersion: t.int({ required: false }),
    }),
  });
  const recordActionInput = builder.inputType('RecordEnforcementActionInput', {
    fields: (t) => ({
      caseId: t.id({ required: true }),
      date: t.string({ required: true, description: 'Day of the action, YYYY-MM-DD, not in the future.' }),
      findings: t.string({ required: true }),
      expectedVersion: t.int({ required: false }),
    }),
  });
  const amendActionInput = builder.inputType('AmendEnforcementActionInput', {
    description: 'Fields left out keep their values.',
    fields: (t) => ({
      caseId: t.id({ required: true }),
      actionId: t.string({ required: true, description: 'One of your province’s actions (EnforcementAction.actionId).' }),
      date: t.string({ required: false }),
      findings: t.string({ required: false }),
      expectedVersion: t.int({ required: false }),
    }),
  });
  const readingRefInput = builder.inputType('EvidenceReadingInput', {
    fields: (t) => ({
      sectionCode: t.string({ required: true }),
      parameter: t.string({ required: true }),
      sampledAt: t.string({ required: true, description: 'ISO 8601 with an offset; a stored reading’s instant.' }),
    }),
  });
  const monitoringDataInput = builder.inputType('MonitoringDataEvidenceInput', {
    fields: (t) => ({ readings: t.field({ type: [readingRefInput], required: true, description: '1–1000 stored readings.' }) }),
  });
  const documentInput = builder.inputType('DocumentEvidenceInput', {
    description: 'A document’s hash and metadata; the file itself goes to object storage, never through here.',
    fields: (t) => ({
      sha256: t.string({ required: true, description: '64 hex characters.' }),
      filename: t.string({ required: true, description: 'File name without path.' }),
      mediaType: t.string({ required: true, description: 'e.g. application/pdf.' }),
      sizeBytes: t.float({ required: true, description: 'A whole number of bytes.' }),
    }),
  });
  const addEvidenceInput = builder.inputType('AddCaseEvidenceInput', {
    description: 'Exactly one of monitoringData and document.',
    fields: (t) => ({
      caseId: t.id({ required: true }),
      description: t.string({ required: true, description: 'What it shows.' }),
      monitoringData: t.field({ type: monitoringDataInput, required: false }),
      document: t.field({ type: documentInput, required: false }),
      expectedVersion: t.int({ required: false }),
    }),
  });
  const linkAlertInput = builder.inputType('LinkAlertToCaseInput', {
    fields: (t) => ({ caseId: t.id({ required: true }), alertId: t.id({ required: true, description: 'A message of the thread to link (same section and mode).' }), expectedVersion: t.int({ required: false }) }),
  });
  const readingInput = builder.inputType('ReadingInput', {
    description: 'A reading as submitted; every field is text so that each bad value is reported with its reason.',
    fields: (t) => ({
      sectionCode: t.string({ required: true, description: 'e.g. yellow-liuzhuang; your province must be on either side of it.' }),
      parameter: t.string({ required: true, description: 'COD, CODMn, NH3-N, TP, TN or benzene.' }),
      value: t.string({ required: true, description: 'A decimal number, e.g. "0.42".' }),
      unit: t.string({ required: true, description: 'mg/L, or µg/L (converted exactly).' }),
      sampledAt: t.string({ required: true, description: 'ISO 8601 with an offset, e.g. 2026-11-20T08:00:00+08:00, not in the future.' }),
    }),
  });
  const submitReadingsInput = builder.inputType('SubmitReadingsInput', {
    fields: (t) => ({ readings: t.field({ type: [readingInput], required: true, description: '1–10,000 readings, stored all or nothing.' }) }),
  });
  const submitCsvInput = builder.inputType('SubmitReadingsCsvInput', {
    fields: (t) => ({ csv: t.string({ required: true, description: 'UTF-8 text with the header section_id,parameter,value,unit,sampled_at (any order); problems name their line.' }) }),
  });
  const periodInput = builder.inputType('AssessmentPeriodInput', {
    fields: (t) => ({
      kind: t.field({ type: enums.periodKind, required: true }),
      year: t.int({ required: true, description: '2000–2100.' }),
      month: t.int({ required: false, description: '1–12, for a monthly period.' }),
    }),
  });
  const officialClassInput = builder.inputType('OfficialWaterClassInput', {
    fields: (t) => ({ waterClass: t.field({ type: enums.waterClass, required: true }), source: t.string({ required: true, description: 'Where it was published.' }) }),
  });
  const runAssessmentInput = builder.inputType('RunAssessmentInput', {
    fields: (t) => ({
      agreementCode: t.string({ required: true, description: 'The agreement; its newest version covering the period applies.' }),
      period: t.field({ type: periodInput, required: true }),
      officialClass: t.field({ type: officialClassInput, required: false, description: 'The officially published class, which replaces the class judged from the means.' }),
    }),
  });

  const severityMinutesInput = builder.inputType('PollutionSeverityMinutesInput', {
    description: 'Minutes for each severity level, each a whole number from 1 to 43200 (30 days).',
    fields: (t) => ({ I: t.int({ required: true }), II: t.int({ required: true }), III: t.int({ required: true }), IV: t.int({ required: true }) }),
  });
  const setEscalationPolicyInput = builder.inputType('SetEscalationPolicyInput', {
    description: 'A new version of an escalation policy (a new code starts a policy at version 1).',
    fields: (t) => ({
      code: t.string({ required: true, description: 'Policy id: lower-case words joined by hyphens; "default" for the fallback policy.' }),
      name: t.string({ required: true }),
      sectionCodes: t.stringList({ required: false, description: 'Sections it governs (each governed by no other policy); none for the default policy.' }),
      acknowledgeWithinMinutes: t.field({ type: severityMinutesInput, required: true, description: 'Minutes after sending by which each addressed province must acknowledge.' }),
      jointMechanismAfterMinutes: t.field({ type: severityMinutesInput, required: true, description: 'Further minutes before the joint mechanism is alerted.' }),
      jointMechanismId: t.string({ required: false, description: 'Joint mechanism (meetings service id).' }),
      source: t.string({ required: true, description: 'The agreement or decision the figures come from.' }),
      effectiveFrom: t.field({ type: 'DateTime', required: false, description: 'When it takes effect: now when left out; never in the past, nor before the previous version.' }),
      expectedVersion: t.int({ required: false, description: 'The version you are changing (POLLUTION_ESCALATION_POLICY_VERSION_CONFLICT when another was recorded since).' }),
    }),
  });
  const minutesOf = (m: { I: number; II: number; III: number; IV: number }) => ({ levelI: m.I, levelIi: m.II, levelIii: m.III, levelIv: m.IV });

  const agreementPartyInput = builder.inputType('CompensationAgreementPartyInput', {
    fields: (t) => ({
      province: t.string({ required: true, description: 'Province code (GB/T 2260), on its side of the section.' }),
      role: t.field({ type: enums.partyRole, required: true }),
      shareBasisPoints: t.int({ required: true, description: 'Share of its side in basis points; each side sums to 10000 (100%).' }),
    }),
  });
  const classPaymentTermsInput = builder.inputType('CompensationClassPaymentInput', {
    description: 'Class payment (水质类别补偿) terms. Amounts are whole fen as digits: "6000000000" is 60 million yuan.',
    fields: (t) => ({
      period: t.field({ type: enums.periodKind, required: true }),
      baselineClass: t.field({ type: enums.waterClass, required: true, description: 'The class at which nobody pays (I–V).' }),
      amountPerClassStepFen: t.string({ required: true, description: 'Paid per class step per period, whole fen, not negative.' }),
      parameters: t.stringList({ required: true, description: 'Parameters whose period means judge the class (COD, CODMn, NH3-N, TP; TN for lakes).' }),
      capPerPeriodFen: t.string({ required: false, description: 'Most paid per period, whole fen, not negative; none when left out.' }),
    }),
  });
  const changePaymentTermsInput = builder.inputType('CompensationChangePaymentInput', {
    description: 'Change payment (污染物浓度变化补偿) terms. Amounts are whole fen as digits.',
    fields: (t) => ({
      period: t.field({ type: enums.periodKind, required: true }),
      comparison: t.string({ required: true, defaultValue: 'same-period-previous-year', description: 'What the period is compared with: same-period-previous-year.' }),
      pollutants: t.stringList({ required: true, description: 'Key pollutants in the index, each once.' }),
      indexFormula: t.string({ required: true, description: 'mean-ratio-to-class-iii-limit.' }),
      changeMeasure: t.string({ required: true, description: 'relative-percent or absolute-points.' }),
      pointRoundingMode: t.string({ required: true, description: 'toward-zero, half-away-from-zero or half-even.' }),
      pointRoundingDecimals: t.int({ required: true, description: 'Decimal places of paid points: 0, 1 or 2.' }),
      amountPerPointFen: t.string({ required: true, description: 'Paid per point, whole fen, not negative.' }),
      capPerPeriodFen: t.string({ required: true, description: 'Most paid per period, whole fen, not negative.' }),
    }),
  });
  const provenanceInput = builder.inputType('CompensationAgreementProvenanceInput', {
    fields: (t) => ({
      field: t.string({ required: true, description: 'The field, e.g. changePayment.amountPerPointFen.' }),
      source: t.string({ required: true, description: 'signed-text, domain-notes or inferred.' }),
      note: t.string({ required: true }),
    }),
  });
  const recordAgreementVersionInput = builder.inputType('RecordCompensationAgreementVersionInput', {
    description: 'The full terms of a new version of an agreement (a new code starts an agreement at version 1).',
    fields: (t) => ({
      agreementCode: t.string({ required: true, description: 'Lower-case words joined by hyphens, e.g. yellow-henan-shandong-r2.' }),
      version: t.int({ required: true, description: 'The newest version plus one (1 for a new code).' }),
      nameZh: t.string({ required: true }),
      nameEn: t.string({ required: true }),
      sectionCode: t.string({ required: true, description: 'The section judged; a new version keeps the agreement’s.' }),
      waterBodyType: t.field({ type: enums.waterBodyType, required: false, description: 'The section’s when left out.' }),
      standardId: t.string({ required: false, description: 'GB 3838-2002 when left out.' }),
      parties: t.field({ type: [agreementPartyInput], required: true, description: 'Every province on either side of the section.' }),
      validFrom: t.string({ required: true, description: 'YYYY-MM-DD, the first day of a month; overlaps no other agreement on the section.' }),
      validTo: t.string({ required: false, description: 'YYYY-MM-DD, the last day of a month; open-ended when left out.' }),
      classPayment: t.field({ type: classPaymentTermsInput, required: false }),
      changePayment: t.field({ type: changePaymentTermsInput, required: false }),
      fenRounding: t.string({ required: true, description: 'How fractions of a fen are rounded: toward-zero, half-away-from-zero or half-even.' }),
      settlement: t.string({ required: true, description: 'When funds are cleared.' }),
      provenance: t.field({ type: [provenanceInput], required: false, description: 'Where each figure comes from.' }),
      reason: t.string({ required: true, description: 'Why this version is recorded.' }),
    }),
  });

  // Payloads --------------------------------------------------------------------------------------------------------
  const escalationPolicyPayload = builder.objectRef<{ code: string; policy: EscalationPolicy }>('SetEscalationPolicyPayload').implement({
    description: 'The version recorded.',
    authScopes: { role: 'admin' },
    fields: (t) => ({
      code: t.exposeString('code', { description: 'The policy’s id.' }),
      policy: t.field({ type: types.escalationPolicyVersion, resolve: (p) => p.policy }),
    }),
  });
  const agreementVersionPayload = builder.objectRef<RecordAgreementVersionResponse & { agreement: Agreement }>('RecordCompensationAgreementVersionPayload').implement({
    description: 'The version recorded.',
    authScopes: { role: 'environment' },
    fields: (t) => ({
      agreement: t.field({ type: refs.agreement, resolve: (p) => p.agreement }),
      previousVersion: t.int({ nullable: true, description: 'The version it follows; null for a new agreement.', resolve: (p) => (p.previousVersion === 0 ? null : p.previousVersion) }),
      reason: t.exposeString('reason'),
      recordedAt: t.field({ type: 'DateTime', resolve: (p) => requiredDateOf(p.recordedAt) }),
      recordedByUsername: t.string({ resolve: (p) => p.recordedBy?.username ?? '' }),
    }),
  });
  const alertPayload = builder.objectRef<{ alert: Alert }>('PollutionAlertPayload').implement({
    description: 'The alert message a write made or changed.',
    authScopes: { authenticated: true },
    fields: (t) => ({ alert: t.field({ type: refs.alert, resolve: (p) => p.alert }) }),
  });
  const casePayload = builder.objectRef<{ case: Case }>('PollutionCasePayload').implement({
    description: 'The case after the change.',
    authScopes: { authenticated: true },
    fields: (t) => ({ case: t.field({ type: refs.pollutionCase, resolve: (p) => p.case }) }),
  });
  const actionPayload = builder.objectRef<{ case: Case; actionId: string }>('RecordEnforcementActionPayload').implement({
    authScopes: { authenticated: true },
    fields: (t) => ({
      case: t.field({ type: refs.pollutionCase, resolve: (p) => p.case }),
      actionId: t.exposeString('actionId', { description: 'The new action’s id.' }),
    }),
  });
  const evidencePayload = builder.objectRef<{ case: Case; evidenceId: string }>('AddCaseEvidencePayload').implement({
    authScopes: { authenticated: true },
    fields: (t) => ({
      case: t.field({ type: refs.pollutionCase, resolve: (p) => p.case }),
      evidenceId: t.exposeString('evidenceId', { description: 'The new evidence’s id.' }),
    }),
  });
  const ingestionPayload = builder.objectRef<IngestionResult>('SubmitReadingsPayload').implement({
    description: 'What an accepted upload did.',
    authScopes: { authenticated: true },
    fields: (t) => ({
      batchId: t.exposeString('batchId', { description: 'Id of the upload (every stored reading names it).' }),
      accepted: t.exposeInt('accepted', { description: 'Readings stored.' }),
      exceedances: t.exposeInt('exceedances', { description: 'Readings worse than their section’s target.' }),
      openedCases: t.field({
        type: [refs.pollutionCase],
        description: 'Cases the exceedances opened.',
        resolve: (r, _args, ctx) => loadManyReadable(builder, refs.pollutionCase, 'PollutionCase', r.openedCaseIds, ctx),
      }),
      updatedCases: t.field({
        type: [refs.pollutionCase],
        description: 'Open cases the exceedances were added to.',
        resolve: (r, _args, ctx) => loadManyReadable(builder, refs.pollutionCase, 'PollutionCase', r.updatedCaseIds, ctx),
      }),
    }),
  });
  const assessmentPayload = builder.objectRef<{ assessment: Assessment; reused: boolean }>('RunAssessmentPayload').implement({
    authScopes: { authenticated: true },
    fields: (t) => ({
      assessment: t.field({ type: refs.assessment, resolve: (p) => p.assessment }),
      reused: t.exposeBoolean('reused', { description: 'An assessment of the same inputs already existed and is returned unchanged.' }),
    }),
  });

  builder.mutationFields((t) => ({
    issueAlert: t.field({
      type: alertPayload,
      description: 'Issues an alert from your province about a section it is on either side of; each addressed province must acknowledge it.',
      authScopes: WRITER,
      args: { input: t.arg({ type: issueAlertInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const { alert } = await writePollution(ctx, { path: 'input', rename: { status: 'mode' } }, (client, options) =>
          client.issueAlert(
            {
              status: input.mode,
              category: input.category,
              severity: input.severity,
              sectionId: input.sectionCode,
              location: { description: input.location.description, cityCode: input.location.cityCode ?? '', latitude: input.location.latitude ?? undefined, longitude: input.location.longitude ?? undefined },
              pollutant: {
                name: input.pollutant.name,
                parameter: input.pollutant.parameter ?? '',
                ...(input.pollutant.estimatedQuantity ? { estimatedQuantity: { value: input.pollutant.estimatedQuantity.value, unit: input.pollutant.estimatedQuantity.unit } } : {}),
              },
              suspectedSource: input.suspectedSource ?? '',
              headline: input.headline,
              description: input.description,
              addressees: input.addressees ?? [],
            },
            options,
          ),
        );
        return { alert: returnedAlert(refs, ctx, alert) };
      },
    }),
    updateAlert: t.field({
      type: alertPayload,
      description: 'Sends an update replacing the thread’s current message (the issuing province only); it must be acknowledged anew.',
      authScopes: WRITER,
      args: { input: t.arg({ type: updateAlertInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const current = await readableAlert(builder, refs, ctx, String(input.alertId), 'input.alertId');
        requireWrite(ctx, 'case', { ownerProvince: current.senderProvince, partyProvinces: [current.senderProvince] });
        const { alert } = await writePollution(ctx, { path: 'input' }, (client, options) =>
          client.updateAlert(
            {
              alertId: current.id,
              category: input.category ?? 0,
              severity: input.severity ?? 0,
              ...(input.location ? { location: { description: input.location.description, cityCode: input.location.cityCode ?? '', latitude: input.location.latitude ?? undefined, longitude: input.location.longitude ?? undefined } } : {}),
              ...(input.pollutant
                ? {
                    pollutant: {
                      name: input.pollutant.name,
                      parameter: input.pollutant.parameter ?? '',
                      ...(input.pollutant.estimatedQuantity ? { estimatedQuantity: { value: input.pollutant.estimatedQuantity.value, unit: input.pollutant.estimatedQuantity.unit } } : {}),
                    },
                  }
                : {}),
              ...(input.suspectedSource !== null && input.suspectedSource !== undefined ? { suspectedSource: input.suspectedSource } : {}),
              ...(input.headline !== null && input.headline !== undefined ? { headline: input.headline } : {}),
              ...(input.description !== null && input.description !== undefined ? { description: input.description } : {}),
              addressees: input.addressees ?? [],
            },
            options,
          ),
        );
        return { alert: returnedAlert(refs, ctx, alert) };
      },
    }),
    cancelAlert: t.field({
      type: alertPayload,
      description: 'Cancels an alert (the issuing province only); it stops escalating.',
      authScopes: WRITER,
      args: { input: t.arg({ type: cancelAlertInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const current = await readableAlert(builder, refs, ctx, String(input.alertId), 'input.alertId');
        requireWrite(ctx, 'case', { ownerProvince: current.senderProvince, partyProvinces: [current.senderProvince] });
        const { alert } = await writePollution(ctx, { path: 'input' }, (client, options) => client.cancelAlert({ alertId: current.id, reason: input.reason }, options));
        return { alert: returnedAlert(refs, ctx, alert) };
      },
    }),
    acknowledgeAlert: t.field({
      type: alertPayload,
      description: 'Acknowledges a message for your province (an addressed province’s environmental bureau, once per message).',
      authScopes: WRITER,
      args: { input: t.arg({ type: acknowledgeAlertInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const current = await readableAlert(builder, refs, ctx, String(input.alertId), 'input.alertId');
        // The acknowledgement is the province's own entry on an alert addressed to it.
        requireWrite(ctx, 'own-entry', { ownerProvince: principalOf(ctx).province, partyProvinces: current.addressees });
        const { alert } = await writePollution(ctx, { path: 'input' }, (client, options) => client.acknowledgeAlert({ alertId: current.id, note: input.note ?? '' }, options));
        return { alert: returnedAlert(refs, ctx, alert) };
      },
    }),

    openCase: t.field({
      type: casePayload,
      description: 'Opens a case on a report, or from an alert (its thread is linked; an exercise alert opens an exercise case).',
      authScopes: WRITER,
      args: { input: t.arg({ type: openCaseInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        let alertId = '';
        if (input.alertId !== null && input.alertId !== undefined) {
          const alert = await readableAlert(builder, refs, ctx, String(input.alertId), 'input.alertId');
          requireWrite(ctx, 'case', alertRecord(alert));
          alertId = alert.id;
        }
        const opened = await writePollution(ctx, { path: 'input' }, (client, options) =>
          client.openCase(
            { alertId, title: input.title ?? '', sectionId: input.sectionCode ?? '', partyProvinces: input.partyProvinces ?? [], description: input.description ?? '' },
            options,
          ),
        );
        return { case: returnedCase(refs, ctx, opened.case) };
      },
    }),
    changeCaseState: t.field({
      type: casePayload,
      description: 'Moves a case on: joint investigation, joint enforcement, remediation (a party’s environmental bureau).',
      authScopes: WRITER,
      args: { input: t.arg({ type: changeCaseStateInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const c = await readableCase(builder, refs, ctx, String(input.caseId));
        requireWrite(ctx, 'case', caseRecord(c));
        const changed = await writePollution(ctx, { path: 'input' }, (client, options) =>
          client.changeCaseState({ caseId: c.id, command: input.command, expectedVersion: expected(input.expectedVersion) }, options),
        );
        return { case: returnedCase(refs, ctx, changed.case) };
      },
    }),
    agreeToCloseCase: t.field({
      type: casePayload,
      description: 'Your province agrees to close the case; it closes when every party has agreed.',
      authScopes: WRITER,
      args: { input: t.arg({ type: agreeToCloseInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const c = await readableCase(builder, refs, ctx, String(input.caseId));
        requireWrite(ctx, 'case', caseRecord(c));
        const changed = await writePollution(ctx, { path: 'input' }, (client, options) =>
          client.agreeToCloseCase({ caseId: c.id, statement: input.statement, expectedVersion: expected(input.expectedVersion) }, options),
        );
        return { case: returnedCase(refs, ctx, changed.case) };
      },
    }),
    raiseCaseDispute: t.field({
      type: casePayload,
      description: 'Disputes the case’s handling: the case goes to mediation.',
      authScopes: WRITER,
      args: { input: t.arg({ type: raiseDisputeInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const c = await readableCase(builder, refs, ctx, String(input.caseId));
        requireWrite(ctx, 'case', caseRecord(c));
        const changed = await writePollution(ctx, { path: 'input' }, (client, options) =>
          client.raiseCaseDispute({ caseId: c.id, reason: input.reason, expectedVersion: expected(input.expectedVersion) }, options),
        );
        return { case: returnedCase(refs, ctx, changed.case) };
      },
    }),
    resolveCaseMediation: t.field({
      type: casePayload,
      description: 'Records a mediation’s outcome: resume in the disputed state, or close.',
      authScopes: WRITER,
      args: { input: t.arg({ type: resolveMediationInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const c = await readableCase(builder, refs, ctx, String(input.caseId));
        requireWrite(ctx, 'case', caseRecord(c));
        const changed = await writePollution(ctx, { path: 'input' }, (client, options) =>
          client.resolveCaseMediation(
            { caseId: c.id, outcome: input.outcome, mediator: input.mediator, summary: input.summary, documentEvidenceId: input.documentEvidenceId ?? '', expectedVersion: expected(input.expectedVersion) },
            options,
          ),
        );
        return { case: returnedCase(refs, ctx, changed.case) };
      },
    }),
    recordEnforcementAction: t.field({
      type: actionPayload,
      description: 'Records an enforcement action your province carried out (joint enforcement or remediation).',
      authScopes: WRITER,
      args: { input: t.arg({ type: recordActionInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const c = await readableCase(builder, refs, ctx, String(input.caseId));
        requireWrite(ctx, 'own-entry', { ownerProvince: principalOf(ctx).province, partyProvinces: c.partyProvinces });
        const recorded = await writePollution(ctx, { path: 'input' }, (client, options) =>
          client.recordEnforcementAction({ caseId: c.id, date: input.date, findings: input.findings, expectedVersion: expected(input.expectedVersion) }, options),
        );
        return { case: returnedCase(refs, ctx, recorded.case), actionId: recorded.actionId };
      },
    }),
    amendEnforcementAction: t.field({
      type: casePayload,
      description: 'Amends one of your province’s enforcement actions (another party’s is FORBIDDEN); the timeline keeps the earlier values.',
      authScopes: WRITER,
      args: { input: t.arg({ type: amendActionInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const c = await readableCase(builder, refs, ctx, String(input.caseId));
        const existing = c.enforcementActions.find((a) => a.id === input.actionId);
        // Each party edits only its own actions; an unknown action id is left to the service to name.
        requireWrite(ctx, 'own-entry', { ownerProvince: existing ? existing.responsibleProvince : principalOf(ctx).province, partyProvinces: c.partyProvinces });
        const amended = await writePollution(ctx, { path: 'input' }, (client, options) =>
          client.amendEnforcementAction(
            {
              caseId: c.id,
              actionId: input.actionId,
              ...(input.date !== null && input.date !== undefined ? { date: input.date } : {}),
              ...(input.findings !== null && input.findings !== undefined ? { findings: input.findings } : {}),
              expectedVersion: expected(input.expectedVersion),
            },
            options,
          ),
        );
        return { case: returnedCase(refs, ctx, amended.case) };
      },
    }),
    addCaseEvidence: t.field({
      type: evidencePayload,
      description: 'Adds evidence your province submits: references to stored readings, or a document’s hash and metadata.',
      authScopes: WRITER,
      args: { input: t.arg({ type: addEvidenceInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const problems = new InputProblems();
        const given = [input.monitoringData, input.document].filter((part) => part !== null && part !== undefined).length;
        if (given !== 1) problems.add('input', 'give exactly one of monitoringData and document');
        if (input.document && (!Number.isSafeInteger(input.document.sizeBytes) || input.document.sizeBytes < 0)) problems.add('input.document.sizeBytes', 'must be a whole number of bytes, zero or more');
        problems.throwIfAny();
        const c = await readableCase(builder, refs, ctx, String(input.caseId));
        requireWrite(ctx, 'own-entry', { ownerProvince: principalOf(ctx).province, partyProvinces: c.partyProvinces });
        const evidence = input.document
          ? { case: 'document' as const, value: { sha256: input.document.sha256, filename: input.document.filename, mediaType: input.document.mediaType, sizeBytes: BigInt(input.document.sizeBytes) } }
          : {
              case: 'monitoringData' as const,
              value: { readings: (input.monitoringData?.readings ?? []).map((r) => ({ sectionId: r.sectionCode, parameter: r.parameter, sampledAt: r.sampledAt })) },
            };
        const added = await writePollution(
          ctx,
          { path: 'input', rename: { sha256: 'document.sha256', filename: 'document.filename', mediaType: 'document.mediaType', sizeBytes: 'document.sizeBytes', readings: 'monitoringData.readings' } },
          (client, options) => client.addCaseEvidence({ caseId: c.id, description: input.description, evidence, expectedVersion: expected(input.expectedVersion) }, options),
        );
        return { case: returnedCase(refs, ctx, added.case), evidenceId: added.evidenceId };
      },
    }),
    linkAlertToCase: t.field({
      type: casePayload,
      description: 'Links a further alert thread of the case’s section (and mode) to the case.',
      authScopes: WRITER,
      args: { input: t.arg({ type: linkAlertInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const c = await readableCase(builder, refs, ctx, String(input.caseId));
        requireWrite(ctx, 'case', caseRecord(c));
        const alert = await readableAlert(builder, refs, ctx, String(input.alertId), 'input.alertId');
        const linked = await writePollution(ctx, { path: 'input' }, (client, options) =>
          client.linkAlertToCase({ caseId: c.id, alertId: alert.id, expectedVersion: expected(input.expectedVersion) }, options),
        );
        return { case: returnedCase(refs, ctx, linked.case) };
      },
    }),

    submitReadings: t.field({
      type: ingestionPayload,
      description: 'Stores readings of sections your province is on, all or nothing; exceedances open or update cases.',
      authScopes: WRITER,
      args: { input: t.arg({ type: submitReadingsInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const { result } = await writePollution(ctx, { path: 'input' }, (client, options) =>
          client.submitReadings({ readings: input.readings.map((r) => ({ sectionId: r.sectionCode, parameter: r.parameter, value: r.value, unit: r.unit, sampledAt: r.sampledAt })) }, options),
        );
        if (!result) throw new Error('the pollution service answered an upload without its result');
        return result;
      },
    }),
    submitReadingsCsv: t.field({
      type: ingestionPayload,
      description: 'The same for a CSV file; problems name their line (input.csv.lines[7].unit).',
      authScopes: WRITER,
      args: { input: t.arg({ type: submitCsvInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const { result } = await writePollution(ctx, { path: 'input.csv' }, (client, options) => client.submitReadingsCsv({ csv: input.csv }, options));
        if (!result) throw new Error('the pollution service answered an upload without its result');
        return result;
      },
    }),
    setEscalationPolicy: t.field({
      type: escalationPolicyPayload,
      description:
        'Records a new version of an escalation policy (platform administrators). It applies to alerts sent from its effectiveFrom on; alerts sent earlier keep the deadlines they were announced with.',
      authScopes: { role: 'admin' },
      args: { input: t.arg({ type: setEscalationPolicyInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const recorded = await writePollution(ctx, { path: 'input', rename: { policyId: 'code', sectionIds: 'sectionCodes' } }, (client, options) =>
          client.setEscalationPolicy(
            {
              policyId: input.code,
              name: input.name,
              sectionIds: input.sectionCodes ?? [],
              acknowledgeWithinMinutes: minutesOf(input.acknowledgeWithinMinutes),
              jointMechanismAfterMinutes: minutesOf(input.jointMechanismAfterMinutes),
              jointMechanismId: input.jointMechanismId ?? '',
              source: input.source,
              ...(input.effectiveFrom ? { effectiveFrom: timestampFromDate(input.effectiveFrom) } : {}),
              expectedVersion: input.expectedVersion ?? 0,
            },
            options,
          ),
        );
        if (!recorded.policy) throw new Error('the pollution service answered a policy write without the policy');
        return { code: recorded.policy.policyId, policy: recorded.policy };
      },
    }),
    recordCompensationAgreementVersion: t.field({
      type: agreementVersionPayload,
      description:
        'Records a new version of a compensation agreement your province is party to (or a new agreement at version 1), every term as data. Assessments run from then on use the version in force for their period; published assessments keep the version they used.',
      authScopes: WRITER,
      args: { input: t.arg({ type: recordAgreementVersionInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        // An agreement the user may not read is NOT_FOUND, like a missing one (a version above 1 of a code that
        // does not exist); a new agreement's provinces are the parties it names.
        const found = await readPollutionOrNull(ctx, (client, options) => client.getAgreement({ agreementId: input.agreementCode, version: 0 }, options));
        if (!found?.agreement && input.version > 1) throw notFound();
        requireWrite(ctx, 'case', compensationRecord(found?.agreement ? agreementProvinces(found.agreement) : input.parties.map((p) => p.province)));
        const recorded = await writePollution(ctx, { path: 'input' }, (client, options) =>
          client.recordAgreementVersion(
            {
              agreementId: input.agreementCode,
              version: input.version,
              nameZh: input.nameZh,
              nameEn: input.nameEn,
              sectionId: input.sectionCode,
              waterBodyType: input.waterBodyType ?? WaterBodyType.UNSPECIFIED,
              standardId: input.standardId ?? '',
              parties: input.parties.map((p) => ({ province: p.province, role: p.role, shareBasisPoints: p.shareBasisPoints })),
              validFrom: input.validFrom,
              validTo: input.validTo ?? '',
              ...(input.classPayment ? { classPayment: { ...input.classPayment, capPerPeriodFen: input.classPayment.capPerPeriodFen ?? '' } } : {}),
              ...(input.changePayment ? { changePayment: input.changePayment } : {}),
              fenRounding: input.fenRounding,
              settlement: input.settlement,
              provenance: input.provenance ?? [],
              reason: input.reason,
            },
            options,
          ),
        );
        if (!recorded.agreement) throw new Error('the pollution service answered an agreement version without the agreement');
        refs.agreement.getDataloader(ctx).clearAll();
        return { ...recorded, agreement: recorded.agreement };
      },
    }),
    runAssessment: t.field({
      type: assessmentPayload,
      description: 'Assesses one period of an agreement your province is party to from the stored readings and publishes it; the same inputs give the same assessment.',
      authScopes: WRITER,
      args: { input: t.arg({ type: runAssessmentInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const found = await readPollutionOrNull(ctx, (client, options) => client.getAgreement({ agreementId: input.agreementCode, version: 0 }, options));
        if (!found?.agreement) throw notFound();
        requireWrite(ctx, 'case', compensationRecord(agreementProvinces(found.agreement)));
        const ran = await writePollution(ctx, { path: 'input' }, (client, options) =>
          client.runAssessment(
            {
              agreementId: input.agreementCode,
              period: { kind: input.period.kind, year: input.period.year, month: input.period.month ?? 0 },
              ...(input.officialClass ? { officialClass: { waterClass: input.officialClass.waterClass, source: input.officialClass.source } } : {}),
            },
            options,
          ),
        );
        if (!ran.assessment) throw new Error('the pollution service answered an assessment run without the assessment');
        return { assessment: markComplete(ran.assessment), reused: ran.reused };
      },
    }),
  }));
}
