import type {
  Agreement,
  AgreementParty,
  AgreementProvenance,
  Assessment,
  AssessmentPeriod,
  BreakdownStep,
  ChangePaymentResult,
  ChangePaymentRule,
  ClassPaymentResult,
  ClassPaymentRule,
  NamedValue,
  OfficialClass,
  ParameterClass,
  ParameterMean,
  PeriodMeans,
  Transfer,
  VerifyAssessmentResponse,
} from '@xietong/proto';
import type { GatewayBuilder } from '../../builder.ts';
import { readPollution } from './pollution.client.ts';
import { optionalEnum, type PollutionEnums } from './pollution.enums.ts';
import { pageFromService } from './pollution.paging.ts';
import { agreementKey, isComplete, loadReadable, type PollutionRefs } from './pollution.refs.ts';
import { compensationRecord, FULL_CONTENT_READERS, readsFull } from './pollution.scopes.ts';
import { TOTAL_COUNT_DESCRIPTION, totalCountOf } from './reference.types.ts';
import { requiredDateOf, textOrNull, type PollutionValues } from './pollution.values.ts';

/** The provinces of an agreement version. */
export function agreementProvinces(agreement: Pick<Agreement, 'parties'>): string[] {
  return agreement.parties.map((p) => p.province);
}

/**
 * CompensationAgreement (横向生态保护补偿协议, one version, as data) and CompensationAssessment (a period assessment
 * with every step): for the agreement's parties' environmental bureaus and the national observer.
 */
export function implementCompensationTypes(builder: GatewayBuilder, refs: PollutionRefs, enums: PollutionEnums, values: PollutionValues) {
  const { money } = values;
  const period = builder.objectRef<AssessmentPeriod>('AssessmentPeriod').implement({
    description: 'A period an assessment covers (Beijing calendar).',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      kind: t.field({ type: enums.periodKind, resolve: (p) => p.kind }),
      year: t.exposeInt('year'),
      month: t.int({ nullable: true, description: 'Month 1–12, for a monthly period.', resolve: (p) => (p.month === 0 ? null : p.month) }),
    }),
  });
  const party = builder.objectRef<AgreementParty>('AgreementParty').implement({
    description: 'A party to an agreement and its share within its side.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      province: t.exposeString('province'),
      role: t.field({ type: enums.partyRole, resolve: (p) => p.role }),
      shareBasisPoints: t.exposeInt('shareBasisPoints', { description: 'Share of its side’s payments and receipts, in basis points (each side sums to 10,000).' }),
    }),
  });
  const classRule = builder.objectRef<ClassPaymentRule>('ClassPaymentRule').implement({
    description: 'Class payment (水质类别补偿): the class judged for the period against a baseline class.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      period: t.field({ type: enums.periodKind, resolve: (r) => r.period }),
      baselineClass: t.field({ type: enums.waterClass, nullable: true, description: 'The class at which nobody pays.', resolve: (r) => optionalEnum(r.baselineClass) }),
      amountPerClassStep: t.field({ type: money, nullable: true, resolve: (r) => r.amountPerClassStep ?? null }),
      parameters: t.exposeStringList('parameters', { description: 'Parameters whose period means judge the class (the worst decides).' }),
      capPerPeriod: t.field({ type: money, nullable: true, resolve: (r) => r.capPerPeriod ?? null }),
    }),
  });
  const changeRule = builder.objectRef<ChangePaymentRule>('ChangePaymentRule').implement({
    description: 'Change payment (污染物浓度变化补偿): the key-pollutant index against the same period a year before.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      period: t.field({ type: enums.periodKind, resolve: (r) => r.period }),
      comparison: t.exposeString('comparison'),
      pollutants: t.exposeStringList('pollutants'),
      indexFormula: t.exposeString('indexFormula'),
      changeMeasure: t.exposeString('changeMeasure', { description: 'relative-percent or absolute-points.' }),
      pointRoundingMode: t.exposeString('pointRoundingMode', { description: 'toward-zero, half-away-from-zero or half-even.' }),
      pointRoundingDecimals: t.exposeInt('pointRoundingDecimals'),
      amountPerPoint: t.field({ type: money, nullable: true, resolve: (r) => r.amountPerPoint ?? null }),
      capPerPeriod: t.field({ type: money, nullable: true, resolve: (r) => r.capPerPeriod ?? null }),
    }),
  });
  const provenance = builder.objectRef<AgreementProvenance>('AgreementProvenance').implement({
    description: 'Where a figure of an agreement comes from.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      field: t.exposeString('field'),
      source: t.exposeString('source', { description: 'domain-notes, or inferred (to be confirmed against the signed text).' }),
      note: t.exposeString('note'),
    }),
  });
  const parameterMean = builder.objectRef<ParameterMean>('ParameterMean').implement({
    description: 'One parameter’s period mean.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      parameter: t.exposeString('parameter'),
      meanMgL: t.exposeString('meanMgL', { description: 'Mean concentration, mg/L, four places (GB/T 8170).' }),
      days: t.exposeInt('days'),
      months: t.exposeInt('months'),
    }),
  });
  const periodMeans = builder.objectRef<PeriodMeans>('PeriodMeans').implement({
    description: 'Period means of the parameters at the agreement’s section: an assessment’s input.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      period: t.field({ type: period, nullable: true, resolve: (m) => m.period ?? null }),
      means: t.field({ type: [parameterMean], resolve: (m) => m.means }),
    }),
  });
  const officialClass = builder.objectRef<OfficialClass>('OfficialWaterClass').implement({
    description: 'A class published officially for the period, replacing the class judged from the means.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      waterClass: t.field({ type: enums.waterClass, nullable: true, resolve: (o) => optionalEnum(o.waterClass) }),
      source: t.exposeString('source'),
    }),
  });
  const parameterClass = builder.objectRef<ParameterClass>('ParameterClass').implement({
    description: 'One parameter’s mean and class in a class payment.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      parameter: t.exposeString('parameter'),
      meanMgL: t.exposeString('meanMgL'),
      waterClass: t.field({ type: enums.waterClass, nullable: true, resolve: (p) => optionalEnum(p.waterClass) }),
    }),
  });
  const classResult = builder.objectRef<ClassPaymentResult>('ClassPaymentResult').implement({
    description: 'The class payment’s result.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      applied: t.exposeBoolean('applied', { description: 'Whether the part was assessed in this period.' }),
      reason: t.string({ nullable: true, description: 'Why not, when not applied.', resolve: (r) => textOrNull(r.reason) }),
      judgedClass: t.field({ type: enums.waterClass, nullable: true, resolve: (r) => optionalEnum(r.judgedClass) }),
      classSource: t.exposeString('classSource', { description: 'period-means or official.' }),
      perParameter: t.field({ type: [parameterClass], resolve: (r) => r.perParameter }),
      baselineClass: t.field({ type: enums.waterClass, nullable: true, resolve: (r) => optionalEnum(r.baselineClass) }),
      classSteps: t.exposeInt('classSteps', { description: 'Classes better (positive) or worse (negative) than the baseline.' }),
      direction: t.field({ type: enums.paymentDirection, nullable: true, resolve: (r) => optionalEnum(r.direction) }),
      uncapped: t.field({ type: money, nullable: true, resolve: (r) => r.uncapped ?? null }),
      amount: t.field({ type: money, nullable: true, resolve: (r) => r.amount ?? null }),
    }),
  });
  const changeResult = builder.objectRef<ChangePaymentResult>('ChangePaymentResult').implement({
    description: 'The change payment’s result.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      applied: t.exposeBoolean('applied'),
      reason: t.string({ nullable: true, resolve: (r) => textOrNull(r.reason) }),
      indexCurrent: t.exposeString('indexCurrent', { description: 'The index this period, an exact fraction.' }),
      indexComparison: t.exposeString('indexComparison', { description: 'The index in the comparison period, an exact fraction.' }),
      changePointsExact: t.exposeString('changePointsExact', { description: 'The change in points before rounding (positive = improved), an exact fraction.' }),
      changePoints: t.exposeString('changePoints', { description: 'The same to six decimals.' }),
      paidPoints: t.exposeString('paidPoints', { description: 'The points paid after the agreement’s rounding.' }),
      direction: t.field({ type: enums.paymentDirection, nullable: true, resolve: (r) => optionalEnum(r.direction) }),
      uncapped: t.field({ type: money, nullable: true, resolve: (r) => r.uncapped ?? null }),
      cap: t.field({ type: money, nullable: true, resolve: (r) => r.cap ?? null }),
      capped: t.exposeBoolean('capped'),
      amount: t.field({ type: money, nullable: true, resolve: (r) => r.amount ?? null }),
    }),
  });
  const transfer = builder.objectRef<Transfer>('CompensationTransfer').implement({
    description: 'A payment between two provinces.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      payer: t.exposeString('payer'),
      payee: t.exposeString('payee'),
      amount: t.field({ type: money, nullable: true, resolve: (r) => r.amount ?? null }),
      part: t.string({ nullable: true, description: 'class-payment or change-payment; null for a net transfer.', resolve: (r) => textOrNull(r.part) }),
    }),
  });
  const namedValue = builder.objectRef<NamedValue>('BreakdownValue').implement({
    description: 'A named number in a breakdown step (exact fractions where a decimal would round).',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({ name: t.exposeString('name'), value: t.exposeString('value') }),
  });
  const step = builder.objectRef<BreakdownStep>('BreakdownStep').implement({
    description: 'One step of an assessment’s arithmetic.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      step: t.exposeInt('step'),
      part: t.exposeString('part', { description: 'inputs, class-payment, change-payment, split or net.' }),
      description: t.exposeString('description'),
      formula: t.string({ nullable: true, resolve: (s) => textOrNull(s.formula) }),
      values: t.field({ type: [namedValue], resolve: (s) => s.values }),
    }),
  });
  const verification = builder.objectRef<VerifyAssessmentResponse>('AssessmentVerification').implement({
    description: 'An assessment re-run from its stored inputs.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      reproduced: t.exposeBoolean('reproduced', { description: 'Same digest and the same result.' }),
      storedDigest: t.exposeString('storedDigest'),
      recomputedDigest: t.exposeString('recomputedDigest'),
      readingsUnchanged: t.exposeBoolean('readingsUnchanged', { description: 'The readings stored now still give the same period means.' }),
      differences: t.exposeStringList('differences', { description: 'What differs, in words; empty when reproduced.' }),
    }),
  });

  const assessmentConnection = builder.connectionObject({
    type: refs.assessment,
    name: 'CompensationAssessmentConnection',
    fields: (t) => ({ totalCount: t.int({ description: TOTAL_COUNT_DESCRIPTION, resolve: totalCountOf }) }),
  });

  refs.agreement.implement({
    description: 'A horizontal ecological compensation agreement (横向生态保护补偿协议), one version of it, with every figure as data.',
    authScopes: (a: Agreement) => readsFull(compensationRecord(agreementProvinces(a))),
    fields: (t) => ({
      code: t.exposeString('id', { description: 'Stable id of the agreement (a new round is a new code, a correction a new version).' }),
      version: t.exposeInt('version'),
      nameZh: t.exposeString('nameZh'),
      nameEn: t.exposeString('nameEn'),
      section: t.field({ type: refs.section, resolve: (a) => a.sectionId }),
      waterBodyType: t.field({ type: enums.waterBodyType, nullable: true, resolve: (a) => optionalEnum(a.waterBodyType) }),
      standardId: t.exposeString('standardId', { description: 'The standard the limits come from.' }),
      parties: t.field({ type: [party], resolve: (a) => a.parties }),
      validFrom: t.exposeString('validFrom', { description: 'First day in force, YYYY-MM-DD.' }),
      validTo: t.string({ nullable: true, description: 'Last day in force; null while open-ended.', resolve: (a) => textOrNull(a.validTo) }),
      classPayment: t.field({ type: classRule, nullable: true, resolve: (a) => a.classPayment ?? null }),
      changePayment: t.field({ type: changeRule, nullable: true, resolve: (a) => a.changePayment ?? null }),
      fenRounding: t.exposeString('fenRounding'),
      settlement: t.exposeString('settlement', { description: 'When funds are cleared.' }),
      provenance: t.field({ type: [provenance], description: 'Where each figure comes from.', resolve: (a) => a.provenance }),
      assessments: t.connection(
        {
          type: refs.assessment,
          description: 'Assessments of this agreement, newest period first.',
          args: { includeSuperseded: t.arg.boolean({ required: false, defaultValue: false, description: 'Include assessments replaced by later ones.' }) },
          resolve: (a, args, ctx) =>
            pageFromService(builder, 'CompensationAssessment', ctx, args, async (pageToken, pageSize) => {
              const page = await readPollution(ctx, (client, options) => client.listAssessments({ agreementId: a.id, includeSuperseded: args.includeSuperseded ?? false, pageSize, pageToken }, options));
              return { items: page.assessments, totalCount: page.totalCount, nextPageToken: page.nextPageToken };
            }),
        },
        assessmentConnection,
      ),
    }),
  });

  refs.assessment.implement({
    description: 'A period assessment of an agreement: who pays whom, with every step, reproducible from its inputs.',
    authScopes: (a: Assessment) => readsFull(compensationRecord(a.partyProvinces)),
    fields: (t) => ({
      assessmentId: t.exposeString('id'),
      agreement: t.field({
        type: refs.agreement,
        nullable: true,
        description: 'The agreement version applied.',
        resolve: (a, _args, ctx) => loadReadable(builder, refs.agreement, 'CompensationAgreement', agreementKey({ id: a.agreementId, version: a.agreementVersion }), ctx),
      }),
      agreementCode: t.exposeString('agreementId'),
      agreementVersion: t.exposeInt('agreementVersion'),
      period: t.field({ type: period, nullable: true, resolve: (a) => a.period ?? null }),
      periodLabel: t.exposeString('periodLabel', { description: '"2025" or "2025-10".' }),
      algorithm: t.exposeString('algorithm', { description: 'Name and version of the arithmetic.' }),
      inputDigest: t.exposeString('inputDigest', { description: 'SHA-256 of the canonical inputs; on the audit chain.' }),
      current: t.field({ type: periodMeans, nullable: true, resolve: (a) => a.current ?? null }),
      comparison: t.field({ type: periodMeans, nullable: true, description: 'Means for the same period a year before (change payment).', resolve: (a) => a.comparison ?? null }),
      officialClass: t.field({ type: officialClass, nullable: true, resolve: (a) => a.officialClass ?? null }),
      classPayment: t.field({ type: classResult, nullable: true, resolve: (a) => a.classPayment ?? null }),
      changePayment: t.field({ type: changeResult, nullable: true, resolve: (a) => a.changePayment ?? null }),
      transfers: t.field({ type: [transfer], description: 'Each part split among payers and payees by share.', resolve: (a) => a.transfers }),
      netTransfers: t.field({ type: [transfer], description: 'Netted per pair of provinces: who finally pays whom.', resolve: (a) => a.netTransfers }),
      breakdown: t.field({
        type: [step],
        description: 'Every step of the arithmetic.',
        resolve: async (a, _args, ctx) => (isComplete(a) ? a.breakdown : (await refs.assessment.getDataloader(ctx).load(a.id)).breakdown),
      }),
      partyProvinces: t.exposeStringList('partyProvinces'),
      computedBy: t.field({ type: values.person, nullable: true, resolve: (a) => a.computedBy ?? null }),
      computedAt: t.field({ type: 'DateTime', resolve: (a) => requiredDateOf(a.computedAt) }),
      superseded: t.boolean({ description: 'A later assessment of the same period replaced this one.', resolve: (a) => a.supersededBy !== '' }),
      supersededBy: t.field({
        type: refs.assessment,
        nullable: true,
        resolve: (a, _args, ctx) => (a.supersededBy === '' ? null : loadReadable(builder, refs.assessment, 'CompensationAssessment', a.supersededBy, ctx)),
      }),
      verification: t.field({
        type: verification,
        description: 'Re-runs the assessment from its stored inputs and says whether it reproduces (same digest, same result).',
        resolve: async (a, _args, ctx) => readPollution(ctx, (client, options) => client.verifyAssessment({ assessmentId: a.id }, options)),
      }),
    }),
  });
  return { assessmentConnection, period };
}
