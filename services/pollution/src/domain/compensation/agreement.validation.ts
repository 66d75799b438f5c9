import { checkCalendarDate } from '../common/clock.ts';
import type { FieldProblem } from '../common/domain-errors.ts';
import { isParameterCode } from '../monitoring/water-quality-standard.data.ts';
import type { WaterQualityStandard } from '../monitoring/water-quality-standard.data.ts';
import { parameterClassifies } from '../monitoring/water-class.ts';
import type { ReferenceCatalog } from '../reference/reference.catalog.ts';
import { CHANGE_MEASURES, INDEX_FORMULAS, type AssessmentPeriod, type CompensationAgreement } from './agreement.model.ts';
import { periodEnd, periodStart } from './assessment-period.ts';

const ROUNDING_MODES = ['toward-zero', 'half-away-from-zero', 'half-even'];

/**
 * Every problem with an agreement record: parties on both sides with shares summing to 10,000 basis points per side
 * and matching the section's provinces, known parameters that can judge the water body, non-negative amounts, a
 * sensible validity window. Agreements are data a province can correct, so they are checked before every use.
 */
export function validateAgreement(agreement: CompensationAgreement, standard: WaterQualityStandard, catalog?: ReferenceCatalog): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, reason: string) => problems.push({ field, reason });
  if (agreement.id.trim() === '') add('id', 'is required');
  if (!Number.isInteger(agreement.version) || agreement.version < 1) add('version', 'must be a whole number from 1');
  if (agreement.standardId !== standard.id) add('standardId', `must be ${standard.id}, the standard the limits come from`);

  const seen = new Set<string>();
  agreement.parties.forEach((party, i) => {
    if (seen.has(party.province)) add(`parties[${i}].province`, 'is listed twice');
    seen.add(party.province);
    if (catalog && !catalog.province(party.province)) add(`parties[${i}].province`, 'is not a known province code');
    if (!Number.isInteger(party.shareBasisPoints) || party.shareBasisPoints < 1 || party.shareBasisPoints > 10_000) {
      add(`parties[${i}].shareBasisPoints`, 'must be a whole number of basis points from 1 to 10000');
    }
  });
  for (const role of ['upstream', 'downstream'] as const) {
    const side = agreement.parties.filter((p) => p.role === role);
    if (side.length === 0) add('parties', `needs at least one ${role} party`);
    else {
      const total = side.reduce((sum, p) => sum + p.shareBasisPoints, 0);
      if (total !== 10_000) add('parties', `the ${role} shares sum to ${total} basis points; they must sum to 10000`);
    }
  }
  if (catalog) {
    const section = catalog.section(agreement.sectionId);
    if (!section) add('sectionId', 'is not a known monitoring section');
    else {
      agreement.parties.forEach((party, i) => {
        const expected = party.role === 'upstream' ? section.upstreamProvinces : section.downstreamProvinces;
        if (!expected.includes(party.province)) add(`parties[${i}].role`, `province ${party.province} is not ${party.role} of section ${section.id}`);
      });
      for (const [role, provinces] of [['upstream', section.upstreamProvinces], ['downstream', section.downstreamProvinces]] as const) {
        for (const province of provinces) {
          if (!agreement.parties.some((p) => p.province === province)) add('parties', `must include ${province}, ${role} of section ${section.id}`);
        }
      }
      if (section.waterBodyType !== agreement.waterBodyType) add('waterBodyType', `the section is a ${section.waterBodyType}`);
    }
  }

  const from = checkCalendarDate(agreement.validFrom);
  if (typeof from !== 'string') add('validFrom', from.problem);
  if (agreement.validTo !== undefined) {
    const to = checkCalendarDate(agreement.validTo);
    if (typeof to !== 'string') add('validTo', to.problem);
    else if (typeof from === 'string' && to < from) add('validTo', 'must not be before validFrom');
  }
  if (!ROUNDING_MODES.includes(agreement.fenRounding)) add('fenRounding', `must be one of ${ROUNDING_MODES.join(', ')}`);

  if (!agreement.classPayment && !agreement.changePayment) add('classPayment', 'an agreement needs a class payment, a change payment or both');
  const cls = agreement.classPayment;
  if (cls) {
    if (![1, 2, 3, 4, 5].includes(cls.baselineClass)) add('classPayment.baselineClass', 'must be a class from 1 (I) to 5 (V)');
    if (cls.amountPerClassStepFen < 0n) add('classPayment.amountPerClassStepFen', 'must not be negative');
    if (cls.capPerPeriodFen !== undefined && cls.capPerPeriodFen < 0n) add('classPayment.capPerPeriodFen', 'must not be negative');
    if (cls.parameters.length === 0) add('classPayment.parameters', 'must name at least one parameter');
    cls.parameters.forEach((code, i) => {
      if (!isParameterCode(code)) add(`classPayment.parameters[${i}]`, 'is not a known parameter');
      else if (!parameterClassifies(standard, code, agreement.waterBodyType)) add(`classPayment.parameters[${i}]`, `${code} does not judge the class of a ${agreement.waterBodyType} under ${standard.id}`);
    });
  }
  const chg = agreement.changePayment;
  if (chg) {
    if (chg.pollutants.length === 0) add('changePayment.pollutants', 'must name at least one pollutant');
    chg.pollutants.forEach((code, i) => {
      if (!isParameterCode(code)) add(`changePayment.pollutants[${i}]`, 'is not a known parameter');
    });
    if (new Set(chg.pollutants).size !== chg.pollutants.length) add('changePayment.pollutants', 'lists a pollutant twice');
    if (!(INDEX_FORMULAS as readonly string[]).includes(chg.indexFormula)) add('changePayment.indexFormula', `must be one of ${INDEX_FORMULAS.join(', ')}`);
    if (!(CHANGE_MEASURES as readonly string[]).includes(chg.changeMeasure)) add('changePayment.changeMeasure', `must be one of ${CHANGE_MEASURES.join(', ')}`);
    if (!ROUNDING_MODES.includes(chg.pointRounding.mode)) add('changePayment.pointRounding.mode', `must be one of ${ROUNDING_MODES.join(', ')}`);
    if (![0, 1, 2].includes(chg.pointRounding.decimals)) add('changePayment.pointRounding.decimals', 'must be 0, 1 or 2');
    if (chg.amountPerPointFen < 0n) add('changePayment.amountPerPointFen', 'must not be negative');
    if (chg.capPerPeriodFen < 0n) add('changePayment.capPerPeriodFen', 'must not be negative');
  }
  return problems;
}

/** Whether a whole period lies within the agreement's validity (a period only partly covered is not assessed). */
export function agreementCoversPeriod(agreement: CompensationAgreement, period: AssessmentPeriod): boolean {
  return periodStart(period) >= agreement.validFrom && (agreement.validTo === undefined || periodEnd(period) <= agreement.validTo);
}

/**
 * The version of one agreement in force over a whole period: the highest version covering all of it. A version's
 * `validTo` ends the agreement as that version knows it, so a period after the newest version's end is covered by
 * none, even if an earlier open-ended version would reach it (a correction that ends an agreement really ends it).
 */
export function agreementVersionInForce(versions: readonly CompensationAgreement[], period: AssessmentPeriod): CompensationAgreement | undefined {
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const newest = sorted[0];
  if (!newest || (newest.validTo !== undefined && periodEnd(period) > newest.validTo)) return undefined;
  return sorted.find((a) => agreementCoversPeriod(a, period));
}

/**
 * The agreement in force for a section over a whole period: per agreement id the version in force
 * (`agreementVersionInForce`), then the highest version (ids in order on a tie).
 */
export function findAgreementForPeriod(agreements: readonly CompensationAgreement[], sectionId: string, period: AssessmentPeriod): CompensationAgreement | undefined {
  const byId = new Map<string, CompensationAgreement[]>();
  for (const a of agreements) if (a.sectionId === sectionId) byId.set(a.id, [...(byId.get(a.id) ?? []), a]);
  return [...byId.values()]
    .map((versions) => agreementVersionInForce(versions, period))
    .filter((a): a is CompensationAgreement => a !== undefined)
    .sort((a, b) => b.version - a.version || (a.id < b.id ? -1 : 1))[0];
}
