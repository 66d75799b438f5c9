import { canonicalDigest } from '../common/canonical-digest.ts';
import type { FieldProblem } from '../common/domain-errors.ts';
import { PollutionValidationError } from '../common/domain-errors.ts';
import { exact, isDecimalString, roundToInteger, toDecimalString, toFractionString, type Exact } from '../common/exact-decimal.ts';
import { formatYuan, splitByShares, type Fen } from '../common/money.ts';
import { classifyValue, classLimit, isWaterClass, waterClassLabel } from '../monitoring/water-class.ts';
import type { ParameterCode, WaterQualityStandard } from '../monitoring/water-quality-standard.data.ts';
import type { ReferenceCatalog } from '../reference/reference.catalog.ts';
import type { WaterClass } from '../reference/reference.model.ts';
import type { AgreementParty, AssessmentPeriod, CompensationAgreement } from './agreement.model.ts';
import { agreementCoversPeriod, validateAgreement } from './agreement.validation.ts';
import { checkPeriod, periodLabel, samePeriod, samePeriodPreviousYear } from './assessment-period.ts';
import type { PeriodMeans } from './period-means.ts';

/** Name and version of the assessment arithmetic; stored with each result so a re-run uses the same rules. */
export const ASSESSMENT_ALGORITHM = 'xietong.pollution.compensation-assessment/1';

/** What an assessment is computed from. */
export interface AssessmentInput {
  /** The agreement (the version in force). */
  readonly agreement: CompensationAgreement;
  /** The period assessed. */
  readonly period: AssessmentPeriod;
  /** Means for the period. */
  readonly current: PeriodMeans;
  /** Means for the same period a year before; needed when a change payment is due for this kind of period. */
  readonly comparison?: PeriodMeans;
  /** The officially published class for the period, which then replaces the class judged from the means. */
  readonly officialClass?: { readonly waterClass: WaterClass; readonly source: string };
}

/** The inputs could not be assessed; `problems` names each. */
export class AssessmentInputError extends PollutionValidationError {
  constructor(problems: readonly FieldProblem[]) {
    super('POLLUTION_ASSESSMENT_INPUT_INVALID', problems, 'The assessment cannot be computed from these inputs.');
  }
}

/** Who pays whom for a part of the assessment. */
export type PaymentDirection = 'downstream-pays-upstream' | 'upstream-pays-downstream' | 'none';

/** One line of the breakdown: a step of the arithmetic with its inputs and result, in words and numbers. */
export interface BreakdownStep {
  /** 1, 2, 3 … */
  readonly step: number;
  /** Which part. */
  readonly part: 'inputs' | 'class-payment' | 'change-payment' | 'split' | 'net';
  /** What is done. */
  readonly description: string;
  /** The formula, where there is one. */
  readonly formula?: string;
  /** The numbers, as strings (exact fractions where a decimal would round). */
  readonly values: Readonly<Record<string, string>>;
}

/** The class payment's result. */
export type ClassPaymentResult =
  | { readonly applied: false; readonly reason: string }
  | {
      readonly applied: true;
      /** The class the period is judged at. */
      readonly judgedClass: WaterClass;
      /** Its label (`II`, `劣V`). */
      readonly judgedClassLabel: string;
      /** Judged from the means, or the official class supplied. */
      readonly classSource: 'period-means' | 'official';
      /** Each parameter's mean and class (when judged from the means). */
      readonly perParameter: ReadonlyArray<{ readonly parameter: ParameterCode; readonly meanMgL: string; readonly waterClass: WaterClass }>;
      /** The agreement's baseline. */
      readonly baselineClass: WaterClass;
      /** Classes better (positive) or worse (negative) than the baseline. */
      readonly classSteps: number;
      /** Who pays. */
      readonly direction: PaymentDirection;
      /** Amount before any cap. */
      readonly uncappedFen: Fen;
      /** Amount paid. */
      readonly amountFen: Fen;
    };

/** The change payment's result. */
export type ChangePaymentResult =
  | { readonly applied: false; readonly reason: string }
  | {
      readonly applied: true;
      /** The index this period (exact fraction). */
      readonly indexCurrent: string;
      /** The index in the comparison period (exact fraction). */
      readonly indexComparison: string;
      /** The change in points before rounding, positive = improved (exact fraction). */
      readonly changePointsExact: string;
      /** The same to six decimals, for people. */
      readonly changePoints: string;
      /** The points paid, after the agreement's rounding. */
      readonly paidPoints: string;
      /** Who pays. */
      readonly direction: PaymentDirection;
      /** Points × amount per point, in fen. */
      readonly uncappedFen: Fen;
      /** The cap per period. */
      readonly capFen: Fen;
      /** Whether the cap applied. */
      readonly capped: boolean;
      /** Amount paid. */
      readonly amountFen: Fen;
    };

/** A payment between two provinces. */
export interface Transfer {
  /** Paying province. */
  readonly payer: string;
  /** Receiving province. */
  readonly payee: string;
  /** Amount in fen (positive). */
  readonly amountFen: Fen;
}

/** The result of assessing one period of one agreement. */
export interface PeriodAssessment {
  /** The arithmetic's name and version. */
  readonly algorithm: string;
  /** Agreement id. */
  readonly agreementId: string;
  /** Agreement version. */
  readonly agreementVersion: number;
  /** Period. */
  readonly period: AssessmentPeriod;
  /** SHA-256 of the canonical inputs (agreement, period, means, official class), for the audit record. */
  readonly inputDigest: string;
  /** Class payment. */
  readonly classPayment: ClassPaymentResult;
  /** Change payment. */
  readonly changePayment: ChangePaymentResult;
  /** Each part split among the paying and receiving parties by their shares. */
  readonly transfers: ReadonlyArray<Transfer & { readonly part: 'class-payment' | 'change-payment' }>;
  /** Transfers netted per pair of provinces: who finally pays whom. */
  readonly netTransfers: readonly Transfer[];
  /** Every step, with inputs and intermediate numbers. */
  readonly breakdown: readonly BreakdownStep[];
}

function checkMeans(p: FieldProblem[], field: string, means: PeriodMeans | undefined, needed: readonly ParameterCode[]): Map<ParameterCode, Exact> {
  const values = new Map<ParameterCode, Exact>();
  if (!means) {
    p.push({ field, reason: 'is required' });
    return values;
  }
  for (const parameter of needed) {
    const raw = means.means[parameter];
    if (raw === undefined) p.push({ field: `${field}.means.${parameter}`, reason: 'is missing: no mean for this period' });
    else if (typeof raw !== 'string' || !isDecimalString(raw)) p.push({ field: `${field}.means.${parameter}`, reason: 'must be a decimal string in mg/L' });
    else if (raw.startsWith('-')) p.push({ field: `${field}.means.${parameter}`, reason: 'must not be negative' });
    else values.set(parameter, exact(raw));
  }
  return values;
}

function sidesOf(agreement: CompensationAgreement): { upstream: AgreementParty[]; downstream: AgreementParty[] } {
  const byCode = (a: AgreementParty, b: AgreementParty) => (a.province < b.province ? -1 : a.province > b.province ? 1 : 0);
  return {
    upstream: agreement.parties.filter((p) => p.role === 'upstream').sort(byCode),
    downstream: agreement.parties.filter((p) => p.role === 'downstream').sort(byCode),
  };
}

// Splits one part's amount: first among the paying side by its shares, then each payer's portion among the
// receiving side by theirs, each time by largest remainder, so every fen is accounted for.
function splitPayment(amount: Fen, payers: readonly AgreementParty[], payees: readonly AgreementParty[]): Transfer[] {
  const transfers: Transfer[] = [];
  for (const payer of splitByShares(amount, payers)) {
    for (const payee of splitByShares(payer.amountFen, payees)) {
      if (payee.amountFen > 0n) transfers.push({ payer: payer.province, payee: payee.province, amountFen: payee.amountFen });
    }
  }
  return transfers;
}

function netOut(transfers: readonly Transfer[]): Transfer[] {
  const net = new Map<string, Fen>();
  for (const t of transfers) {
    const [a, b] = t.payer < t.payee ? [t.payer, t.payee] : [t.payee, t.payer];
    const sign = t.payer === a ? 1n : -1n;
    net.set(`${a}|${b}`, (net.get(`${a}|${b}`) ?? 0n) + sign * t.amountFen);
  }
  const result: Transfer[] = [];
  for (const [key, amount] of [...net.entries()].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const [a, b] = key.split('|') as [string, string];
    if (amount > 0n) result.push({ payer: a, payee: b, amountFen: amount });
    else if (amount < 0n) result.push({ payer: b, payee: a, amountFen: -amount });
  }
  return result;
}

const sideName = (direction: PaymentDirection) =>
  direction === 'downstream-pays-upstream' ? 'downstream pays upstream' : direction === 'upstream-pays-downstream' ? 'upstream pays downstream' : 'nobody pays';

/**
 * Assesses one period of an agreement: the class payment and the change payment that fall due for this kind of
 * period, their split among the parties by share (largest remainder, exact to the fen), the net transfers, and a
 * breakdown of every step. Pure and deterministic: the same inputs give a deep-equal result and the same
 * `inputDigest`. Throws AssessmentInputError listing every problem (an invalid agreement, a period outside it, a
 * missing or malformed mean, a zero comparison index).
 */
export function assessPeriod(input: AssessmentInput, standard: WaterQualityStandard, catalog?: ReferenceCatalog): PeriodAssessment {
  const { agreement } = input;
  const problems: FieldProblem[] = validateAgreement(agreement, standard, catalog).map((p) => ({ ...p, field: `agreement.${p.field}` }));
  const checked = checkPeriod(input.period, 'period');
  problems.push(...checked.problems);
  const period = checked.period;
  if (problems.length > 0 || !period) throw new AssessmentInputError(problems);

  if (!agreementCoversPeriod(agreement, period)) {
    problems.push({ field: 'period', reason: `${periodLabel(period)} is not wholly within the agreement (${agreement.validFrom} to ${agreement.validTo ?? 'open'})` });
  }
  const classRule = agreement.classPayment?.period === period.kind ? agreement.classPayment : undefined;
  const changeRule = agreement.changePayment?.period === period.kind ? agreement.changePayment : undefined;
  if (!classRule && !changeRule) problems.push({ field: 'period.kind', reason: `the agreement assesses nothing per ${period.kind === 'annual' ? 'year' : 'month'}` });
  if (!samePeriod(input.current.period, period)) problems.push({ field: 'current.period', reason: `must be the assessed period ${periodLabel(period)}` });
  const needCurrent = [...new Set([...(classRule && !input.officialClass ? classRule.parameters : []), ...(changeRule?.pollutants ?? [])])];
  const current = checkMeans(problems, 'current', input.current, needCurrent);
  let comparison = new Map<ParameterCode, Exact>();
  if (changeRule) {
    comparison = checkMeans(problems, 'comparison', input.comparison, changeRule.pollutants);
    if (input.comparison && !samePeriod(input.comparison.period, samePeriodPreviousYear(period))) {
      problems.push({ field: 'comparison.period', reason: `must be the same period a year before, ${periodLabel(samePeriodPreviousYear(period))}` });
    }
  }
  if (input.officialClass && (!isWaterClass(input.officialClass.waterClass) || input.officialClass.source.trim() === '')) {
    problems.push({ field: 'officialClass', reason: 'needs a class from 1 (I) to 6 (劣V) and the source it was published in' });
  }
  if (problems.length > 0) throw new AssessmentInputError(problems);

  const breakdown: BreakdownStep[] = [];
  const step = (part: BreakdownStep['part'], description: string, values: Record<string, string>, formula?: string) =>
    breakdown.push({ step: breakdown.length + 1, part, description, values, ...(formula ? { formula } : {}) });
  const { upstream, downstream } = sidesOf(agreement);
  const round = (value: Exact) => roundToInteger(value, agreement.fenRounding);

  step('inputs', `Agreement ${agreement.id} version ${agreement.version}, period ${periodLabel(period)}, section ${agreement.sectionId} (${agreement.waterBodyType})`, {
    upstream: upstream.map((p) => `${p.province} ${p.shareBasisPoints / 100}%`).join(', '),
    downstream: downstream.map((p) => `${p.province} ${p.shareBasisPoints / 100}%`).join(', '),
    ...Object.fromEntries([...current].map(([k, v]) => [`current ${k} (mg/L)`, v.toString()])),
    ...Object.fromEntries([...comparison].map(([k, v]) => [`comparison ${k} (mg/L)`, v.toString()])),
  });

  // Class payment.
  let classPayment: ClassPaymentResult;
  if (!classRule) {
    classPayment = { applied: false, reason: agreement.classPayment ? `the class payment is assessed ${agreement.classPayment.period}` : 'the agreement has no class payment' };
  } else {
    const perParameter = classRule.parameters.map((parameter) => {
      const mean = current.get(parameter);
      const waterClass = mean ? (classifyValue(standard, parameter, mean, agreement.waterBodyType) ?? 6) : 6;
      return { parameter, meanMgL: mean ? mean.toString() : '', waterClass };
    });
    const judgedClass: WaterClass = input.officialClass ? input.officialClass.waterClass : (Math.max(...perParameter.map((p) => p.waterClass)) as WaterClass);
    if (!input.officialClass) {
      for (const p of perParameter) {
        step('class-payment', `${p.parameter} period mean classed under ${standard.id} (${agreement.waterBodyType} limits)`, { mean: `${p.meanMgL} mg/L`, class: waterClassLabel(p.waterClass) });
      }
    }
    step(
      'class-payment',
      input.officialClass ? `Official class supplied: ${input.officialClass.source}` : 'The worst parameter decides the class',
      { judgedClass: waterClassLabel(judgedClass), baselineClass: waterClassLabel(classRule.baselineClass) },
    );
    const classSteps = classRule.baselineClass - judgedClass;
    const direction: PaymentDirection = classSteps > 0 ? 'downstream-pays-upstream' : classSteps < 0 ? 'upstream-pays-downstream' : 'none';
    const uncapped = BigInt(Math.abs(classSteps)) * classRule.amountPerClassStepFen;
    const amount = classRule.capPerPeriodFen !== undefined && uncapped > classRule.capPerPeriodFen ? classRule.capPerPeriodFen : uncapped;
    step(
      'class-payment',
      `Class steps from the baseline: ${classSteps > 0 ? 'better' : classSteps < 0 ? 'worse' : 'at the baseline'}; ${sideName(direction)}`,
      {
        classSteps: String(classSteps),
        amountPerStep: `${formatYuan(classRule.amountPerClassStepFen)} yuan`,
        amount: `${formatYuan(amount)} yuan`,
        ...(amount !== uncapped ? { cappedFrom: `${formatYuan(uncapped)} yuan` } : {}),
      },
      'amount = |baseline class − judged class| × amount per class step',
    );
    classPayment = {
      applied: true,
      judgedClass,
      judgedClassLabel: waterClassLabel(judgedClass),
      classSource: input.officialClass ? 'official' : 'period-means',
      perParameter: input.officialClass ? [] : perParameter,
      baselineClass: classRule.baselineClass,
      classSteps,
      direction,
      uncappedFen: uncapped,
      amountFen: amount,
    };
  }

  // Change payment.
  let changePayment: ChangePaymentResult;
  if (!changeRule) {
    changePayment = { applied: false, reason: agreement.changePayment ? `the change payment is assessed ${agreement.changePayment.period}` : 'the agreement has no change payment' };
  } else {
    const indexOf = (means: Map<ParameterCode, Exact>, label: string) => {
      let sum = exact(0);
      const ratios: Record<string, string> = {};
      for (const parameter of changeRule.pollutants) {
        const limit = classLimit(standard, parameter, agreement.waterBodyType, 3);
        const ratio = (means.get(parameter) as Exact).div(limit);
        ratios[`${parameter}: ${means.get(parameter)?.toString()} ÷ ${limit.toString()}`] = toFractionString(ratio);
        sum = sum.add(ratio);
      }
      const index = sum.div(changeRule.pollutants.length);
      step('change-payment', `Key-pollutant index, ${label}`, { ...ratios, index: toFractionString(index), 'index (6 dp)': toDecimalString(index, 6) }, 'index = mean over the key pollutants of (period mean ÷ Class III limit)');
      return index;
    };
    const indexCurrent = indexOf(current, `${periodLabel(period)}`);
    const indexComparison = indexOf(comparison, `${periodLabel(samePeriodPreviousYear(period))} (comparison)`);
    if (indexComparison.n === 0n) throw new AssessmentInputError([{ field: 'comparison.means', reason: 'the comparison index is zero, so its change cannot be measured' }]);
    const drop = indexComparison.sub(indexCurrent);
    const changeExact = changeRule.changeMeasure === 'relative-percent' ? drop.div(indexComparison).mul(100) : drop.mul(100);
    const scale = 10n ** BigInt(changeRule.pointRounding.decimals);
    const paidScaled = roundToInteger(changeExact.mul(scale), changeRule.pointRounding.mode);
    const paidPoints = exact(paidScaled).div(scale);
    step(
      'change-payment',
      `Index change in points (${changeRule.changeMeasure}), rounded ${changeRule.pointRounding.mode} to ${changeRule.pointRounding.decimals} decimal place(s); positive means the water improved`,
      { changeExact: toFractionString(changeExact), 'change (6 dp)': toDecimalString(changeExact, 6), paidPoints: toDecimalString(paidPoints, changeRule.pointRounding.decimals) },
      changeRule.changeMeasure === 'relative-percent' ? 'change = (comparison index − current index) ÷ comparison index × 100' : 'change = (comparison index − current index) × 100',
    );
    const direction: PaymentDirection = paidScaled > 0n ? 'downstream-pays-upstream' : paidScaled < 0n ? 'upstream-pays-downstream' : 'none';
    const magnitude = paidScaled < 0n ? -paidScaled : paidScaled;
    const uncapped = round(exact(magnitude * changeRule.amountPerPointFen).div(scale));
    const capped = uncapped > changeRule.capPerPeriodFen;
    const amount = capped ? changeRule.capPerPeriodFen : uncapped;
    step(
      'change-payment',
      `Change payment: ${sideName(direction)}${capped ? ', capped' : ''}`,
      { paidPoints: toDecimalString(exact(magnitude).div(scale), changeRule.pointRounding.decimals), amountPerPoint: `${formatYuan(changeRule.amountPerPointFen)} yuan`, uncapped: `${formatYuan(uncapped)} yuan`, cap: `${formatYuan(changeRule.capPerPeriodFen)} yuan`, amount: `${formatYuan(amount)} yuan` },
      'amount = min(|points| × amount per point, cap)',
    );
    changePayment = {
      applied: true,
      indexCurrent: toFractionString(indexCurrent),
      indexComparison: toFractionString(indexComparison),
      changePointsExact: toFractionString(changeExact),
      changePoints: toDecimalString(changeExact, 6),
      paidPoints: toDecimalString(paidPoints, changeRule.pointRounding.decimals),
      direction,
      uncappedFen: uncapped,
      capFen: changeRule.capPerPeriodFen,
      capped,
      amountFen: amount,
    };
  }

  // Split each part among the parties, then net.
  const transfers: Array<Transfer & { part: 'class-payment' | 'change-payment' }> = [];
  for (const [part, result] of [
    ['class-payment', classPayment],
    ['change-payment', changePayment],
  ] as const) {
    if (!result.applied || result.direction === 'none' || result.amountFen === 0n) continue;
    const [payers, payees] = result.direction === 'downstream-pays-upstream' ? [downstream, upstream] : [upstream, downstream];
    const split = splitPayment(result.amountFen, payers, payees);
    step(
      'split',
      `${part}: ${formatYuan(result.amountFen)} yuan split by responsibility shares (largest remainder, ties to the larger share, then the lower province code)`,
      Object.fromEntries(split.map((t) => [`${t.payer} → ${t.payee}`, `${formatYuan(t.amountFen)} yuan`])),
    );
    transfers.push(...split.map((t) => ({ ...t, part })));
  }
  const netTransfers = netOut(transfers);
  step('net', 'Net transfers per pair of provinces', netTransfers.length === 0 ? { result: 'nobody pays' } : Object.fromEntries(netTransfers.map((t) => [`${t.payer} → ${t.payee}`, `${formatYuan(t.amountFen)} yuan`])));

  const inputDigest = canonicalDigest({ algorithm: ASSESSMENT_ALGORITHM, agreement, period, current: input.current, comparison: input.comparison ?? null, officialClass: input.officialClass ?? null });
  return {
    algorithm: ASSESSMENT_ALGORITHM,
    agreementId: agreement.id,
    agreementVersion: agreement.version,
    period,
    inputDigest,
    classPayment,
    changePayment,
    transfers,
    netTransfers,
    breakdown,
  };
}
