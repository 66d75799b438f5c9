import { actorRef, isEnvironmentOfficer, type Actor, type ActorRef } from '../common/actor.ts';
import { checkCalendarDate, nowInstant, type CalendarDate, type Clock, type Instant } from '../common/clock.ts';
import type { PollutionEvent } from '../common/domain-event.ts';
import { PollutionForbiddenError, PollutionNotFoundError, PollutionValidationError, type FieldProblem } from '../common/domain-errors.ts';
import type { RoundingMode } from '../common/exact-decimal.ts';
import type { Fen } from '../common/money.ts';
import type { WaterQualityStandard } from '../monitoring/water-quality-standard.data.ts';
import type { ParameterCode } from '../monitoring/water-quality-standard.data.ts';
import type { ReferenceCatalog } from '../reference/reference.catalog.ts';
import type { WaterBodyType } from '../reference/reference.model.ts';
import {
  PROVENANCE_SOURCES,
  type AgreementParty,
  type AgreementProvenance,
  type ChangeMeasure,
  type ChangePaymentRule,
  type ClassPaymentRule,
  type CompensationAgreement,
  type IndexFormulaId,
  type PaymentPeriod,
} from './agreement.model.ts';
import { validateAgreement } from './agreement.validation.ts';

/** A new agreement version is invalid; `problems` names every field at fault. */
export class AgreementVersionInvalidError extends PollutionValidationError {
  constructor(problems: readonly FieldProblem[]) {
    super('POLLUTION_AGREEMENT_INVALID', problems, 'The agreement version is invalid.');
  }
}

/** Only the environmental bureau of a party province records agreement versions. */
export class AgreementWriteForbiddenError extends PollutionForbiddenError {
  constructor(message = 'Only the environmental bureau of a province that is party to the agreement may record a version of it.') {
    super('POLLUTION_AGREEMENT_FORBIDDEN', message);
  }
}

/** No such agreement, or the caller is not party to it (one answer for both). */
export class AgreementToVersionNotFoundError extends PollutionNotFoundError {
  constructor() {
    super('POLLUTION_AGREEMENT_NOT_FOUND', 'agreement');
  }
}

/** Payment terms as sent: amounts are whole fen as decimal strings; everything is checked here. */
export interface ClassPaymentTermsInput {
  readonly period?: unknown;
  readonly baselineClass?: unknown;
  readonly amountPerClassStepFen?: unknown;
  readonly parameters?: unknown;
  readonly capPerPeriodFen?: unknown;
}

/** Change payment terms as sent. */
export interface ChangePaymentTermsInput {
  readonly period?: unknown;
  readonly comparison?: unknown;
  readonly pollutants?: unknown;
  readonly indexFormula?: unknown;
  readonly changeMeasure?: unknown;
  readonly pointRoundingMode?: unknown;
  readonly pointRoundingDecimals?: unknown;
  readonly amountPerPointFen?: unknown;
  readonly capPerPeriodFen?: unknown;
}

/** What a party's environmental bureau sends to record an agreement version (unchecked). */
export interface AgreementVersionInput {
  /** The agreement id; a new id starts an agreement at version 1. */
  readonly agreementId: unknown;
  /** The newest stored version plus one (1 for a new agreement). */
  readonly version: unknown;
  readonly nameZh?: unknown;
  readonly nameEn?: unknown;
  readonly sectionId?: unknown;
  /** Absent: the section's. */
  readonly waterBodyType?: unknown;
  /** Absent: the standard the limits come from. */
  readonly standardId?: unknown;
  readonly parties?: unknown;
  readonly validFrom?: unknown;
  /** Absent: open-ended. */
  readonly validTo?: unknown;
  readonly classPayment?: ClassPaymentTermsInput;
  readonly changePayment?: ChangePaymentTermsInput;
  readonly fenRounding?: unknown;
  readonly settlement?: unknown;
  readonly provenance?: unknown;
  /** Why the version is recorded. */
  readonly reason?: unknown;
}

/** An agreement version as recorded: the terms (which assessments use and digest) and who recorded it, when, why. */
export interface RecordedAgreementVersion {
  /** The terms. */
  readonly agreement: CompensationAgreement;
  /** The version it follows, if any. */
  readonly previousVersion?: number;
  /** Why it was recorded. */
  readonly reason: string;
  /** When. */
  readonly recordedAt: Instant;
  /** Who. */
  readonly recordedBy: ActorRef;
}

/** What recording a version yields. */
export interface AgreementVersionChange {
  /** The new version. */
  readonly recorded: RecordedAgreementVersion;
  /** `pollution.agreement.version-recorded`. */
  readonly event: PollutionEvent<'pollution.agreement.version-recorded', RecordedAgreementVersion>;
}

const ROUNDING_MODES: readonly RoundingMode[] = ['toward-zero', 'half-away-from-zero', 'half-even'];
const PERIODS: readonly PaymentPeriod[] = ['annual', 'monthly'];
const MAX_FEN_DIGITS = 18;

function text(value: unknown, field: string, max: number, problems: FieldProblem[], required = true): string | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) problems.push({ field, reason: 'is required' });
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.push({ field, reason: 'must be text' });
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed.length > max) problems.push({ field, reason: `must be at most ${max} characters` });
  return trimmed;
}

/** Whole fen as a decimal string ("6000000000"), never negative. */
function fen(value: unknown, field: string, problems: FieldProblem[], required = true): Fen | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) problems.push({ field, reason: 'is required: a whole number of fen, e.g. "6000000000" for 60 million yuan' });
    return undefined;
  }
  if (typeof value !== 'string' || !/^-?[0-9]+$/.test(value.trim())) {
    problems.push({ field, reason: 'must be a whole number of fen written as digits (no decimal point, no separators), e.g. "6000000000"' });
    return undefined;
  }
  const digits = value.trim();
  if (digits.startsWith('-')) {
    problems.push({ field, reason: 'must not be negative' });
    return undefined;
  }
  if (digits.replace(/^0+(?=.)/, '').length > MAX_FEN_DIGITS) {
    problems.push({ field, reason: `must have at most ${MAX_FEN_DIGITS} digits` });
    return undefined;
  }
  return BigInt(digits);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, problems: FieldProblem[]): T | undefined {
  if (value === undefined || value === null || value === '') {
    problems.push({ field, reason: `is required: one of ${allowed.join(', ')}` });
    return undefined;
  }
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    problems.push({ field, reason: `must be one of ${allowed.join(', ')}` });
    return undefined;
  }
  return value as T;
}

function stringList(value: unknown, field: string, problems: FieldProblem[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ field, reason: 'must be a list' });
    return [];
  }
  return value.map((v, i) => {
    if (typeof v !== 'string') problems.push({ field: `${field}[${i}]`, reason: 'must be text' });
    return String(v);
  });
}

function parseParties(value: unknown, problems: FieldProblem[]): AgreementParty[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ field: 'parties', reason: 'must list the parties: every province on either side of the section' });
    return [];
  }
  return value.map((raw: unknown, i) => {
    const p = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const province = typeof p.province === 'string' ? p.province : '';
    if (!/^[0-9]{2}0000$/.test(province) || province === '000000') problems.push({ field: `parties[${i}].province`, reason: 'must be a province code (GB/T 2260, e.g. 410000)' });
    const role = oneOf(p.role, ['upstream', 'downstream'] as const, `parties[${i}].role`, problems) ?? 'upstream';
    const share = p.shareBasisPoints;
    // The range is checked by validateAgreement; here only the type.
    if (typeof share !== 'number' || !Number.isInteger(share)) problems.push({ field: `parties[${i}].shareBasisPoints`, reason: 'must be a whole number of basis points (10000 = 100%)' });
    return { province, role, shareBasisPoints: typeof share === 'number' && Number.isInteger(share) ? share : 0 };
  });
}

function parseClassPayment(input: ClassPaymentTermsInput, problems: FieldProblem[]): ClassPaymentRule {
  const f = (name: string) => `classPayment.${name}`;
  const period = oneOf(input.period, PERIODS, f('period'), problems) ?? 'annual';
  const baseline = input.baselineClass;
  if (typeof baseline !== 'number' || ![1, 2, 3, 4, 5].includes(baseline)) problems.push({ field: f('baselineClass'), reason: 'must be a class from I to V' });
  const amount = fen(input.amountPerClassStepFen, f('amountPerClassStepFen'), problems);
  const cap = fen(input.capPerPeriodFen, f('capPerPeriodFen'), problems, false);
  return {
    period,
    baselineClass: (typeof baseline === 'number' && [1, 2, 3, 4, 5].includes(baseline) ? baseline : 3) as ClassPaymentRule['baselineClass'],
    amountPerClassStepFen: amount ?? 0n,
    parameters: stringList(input.parameters, f('parameters'), problems) as ParameterCode[],
    ...(cap !== undefined ? { capPerPeriodFen: cap } : {}),
  };
}

function parseChangePayment(input: ChangePaymentTermsInput, problems: FieldProblem[]): ChangePaymentRule {
  const f = (name: string) => `changePayment.${name}`;
  const period = oneOf(input.period, PERIODS, f('period'), problems) ?? 'annual';
  const comparison = oneOf(input.comparison, ['same-period-previous-year'] as const, f('comparison'), problems) ?? 'same-period-previous-year';
  const decimals = input.pointRoundingDecimals;
  if (typeof decimals !== 'number' || ![0, 1, 2].includes(decimals)) problems.push({ field: f('pointRoundingDecimals'), reason: 'must be 0, 1 or 2' });
  const mode = oneOf(input.pointRoundingMode, ROUNDING_MODES, f('pointRoundingMode'), problems) ?? 'toward-zero';
  const amount = fen(input.amountPerPointFen, f('amountPerPointFen'), problems);
  const cap = fen(input.capPerPeriodFen, f('capPerPeriodFen'), problems);
  return {
    period,
    comparison,
    pollutants: stringList(input.pollutants, f('pollutants'), problems) as ParameterCode[],
    // Index formula and change measure are checked against the known ones by validateAgreement.
    indexFormula: (text(input.indexFormula, f('indexFormula'), 100, problems) ?? '') as IndexFormulaId,
    changeMeasure: (text(input.changeMeasure, f('changeMeasure'), 100, problems) ?? '') as ChangeMeasure,
    pointRounding: { mode, decimals: (typeof decimals === 'number' && [0, 1, 2].includes(decimals) ? decimals : 0) as 0 | 1 | 2 },
    amountPerPointFen: amount ?? 0n,
    capPerPeriodFen: cap ?? 0n,
  };
}

function parseProvenance(value: unknown, problems: FieldProblem[]): AgreementProvenance[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ field: 'provenance', reason: 'must be a list' });
    return [];
  }
  return value.map((raw: unknown, i) => {
    const p = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const field = text(p.field, `provenance[${i}].field`, 200, problems) ?? '';
    const source = oneOf(p.source, PROVENANCE_SOURCES, `provenance[${i}].source`, problems) ?? 'inferred';
    const note = text(p.note, `provenance[${i}].note`, 2000, problems) ?? '';
    return { field, source, note };
  });
}

function isFirstOfMonth(date: CalendarDate): boolean {
  return date.endsWith('-01');
}

function isLastOfMonth(date: CalendarDate): boolean {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, m ?? 0, 0)).getUTCDate() === d;
}

function dayAfter(date: CalendarDate): CalendarDate {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 0) + 1)).toISOString().slice(0, 10);
}

const windowText = (a: Pick<CompensationAgreement, 'validFrom' | 'validTo'>) => `${a.validFrom} – ${a.validTo ?? 'open-ended'}`;

function overlaps(a: Pick<CompensationAgreement, 'validFrom' | 'validTo'>, b: Pick<CompensationAgreement, 'validFrom' | 'validTo'>): boolean {
  return (a.validTo === undefined || b.validFrom <= a.validTo) && (b.validTo === undefined || a.validFrom <= b.validTo);
}

/** Whether a caller may record a version of an agreement with these provinces: their environmental bureaus. */
export function canRecordAgreementVersion(actor: Actor, partyProvinces: readonly string[]): boolean {
  return isEnvironmentOfficer(actor) && partyProvinces.includes(actor.province);
}

/**
 * Records a new version of an agreement, or a new agreement at version 1, with every term as data (domain notes:
 * "a province can correct them without a code change"). `versions` are the stored versions of this agreement id,
 * `sameSection` every stored version of the other agreements on any section (only those on the new version's
 * section matter).
 *
 * Who: the environmental bureau of a province party to the agreement's newest version (and to the new one); an
 * agreement the caller is not party to answers "not found", as does a version above 1 of an id that does not exist.
 * What: every field is checked and every problem reported at once, by field: the terms as `validateAgreement`
 * checks them (parties are province codes on their side of the section, every province of the section is a party,
 * each side's shares sum to 10,000 basis points, known parameters, non-negative whole-fen amounts and caps, annual
 * or monthly periods, known formulas and rounding), the version is the newest plus one, the section stays the
 * agreement's, the version is in force from the first of a month to the last of a month (an assessment covers
 * whole months or years), it does not begin after a gap following the previous version (a later round is a new
 * agreement), and it overlaps no other agreement on the same section (two agreements would pay for the same months).
 */
export function recordAgreementVersion(
  versions: readonly CompensationAgreement[],
  others: readonly CompensationAgreement[],
  input: AgreementVersionInput,
  ctx: { readonly actor: Actor; readonly clock: Clock; readonly catalog: ReferenceCatalog; readonly standard: WaterQualityStandard },
): AgreementVersionChange {
  const actor = ctx.actor;
  if (!isEnvironmentOfficer(actor)) throw new AgreementWriteForbiddenError();
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const previous = sorted[sorted.length - 1];
  if (previous && !canRecordAgreementVersion(actor, previous.parties.map((p) => p.province))) throw new AgreementToVersionNotFoundError();

  const problems: FieldProblem[] = [];
  const id = text(input.agreementId, 'agreementId', 64, problems);
  if (id !== undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) problems.push({ field: 'agreementId', reason: 'must be lower-case letters and digits in words joined by hyphens, e.g. yellow-henan-shandong-r3' });
  const version = input.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) problems.push({ field: 'version', reason: 'must be a whole number from 1' });
  else if (!previous && version > 1) throw new AgreementToVersionNotFoundError();
  else if (previous && version !== previous.version + 1) {
    problems.push({ field: 'version', reason: `must be ${previous.version + 1}: versions only go up, one at a time, and the newest is ${previous.version}` });
  }

  const nameZh = text(input.nameZh, 'nameZh', 200, problems);
  const nameEn = text(input.nameEn, 'nameEn', 300, problems);
  const sectionId = text(input.sectionId, 'sectionId', 64, problems);
  const section = sectionId !== undefined ? ctx.catalog.section(sectionId) : undefined;
  if (previous && sectionId !== undefined && sectionId !== previous.sectionId) {
    problems.push({ field: 'sectionId', reason: `must stay ${previous.sectionId}: another section is another agreement (a new id)` });
  }
  const waterBodyType = input.waterBodyType === undefined || input.waterBodyType === null || input.waterBodyType === ''
    ? (section?.waterBodyType ?? 'river')
    : (oneOf(input.waterBodyType, ['river', 'lake-reservoir'] as const, 'waterBodyType', problems) ?? 'river');
  const standardId = input.standardId === undefined || input.standardId === null || input.standardId === '' ? ctx.standard.id : (text(input.standardId, 'standardId', 64, problems) ?? '');
  const parties = parseParties(input.parties, problems);

  const validFrom = checkCalendarDate(input.validFrom);
  if (typeof validFrom !== 'string') problems.push({ field: 'validFrom', reason: validFrom.problem });
  else if (!isFirstOfMonth(validFrom)) problems.push({ field: 'validFrom', reason: 'must be the first day of a month: assessments cover whole months or years' });
  let validTo: CalendarDate | undefined;
  if (input.validTo !== undefined && input.validTo !== null && input.validTo !== '') {
    const to = checkCalendarDate(input.validTo);
    if (typeof to !== 'string') problems.push({ field: 'validTo', reason: to.problem });
    else if (!isLastOfMonth(to)) problems.push({ field: 'validTo', reason: 'must be the last day of a month: assessments cover whole months or years' });
    else validTo = to;
  }

  const classPayment = input.classPayment ? parseClassPayment(input.classPayment, problems) : undefined;
  const changePayment = input.changePayment ? parseChangePayment(input.changePayment, problems) : undefined;
  const fenRounding = oneOf(input.fenRounding, ROUNDING_MODES, 'fenRounding', problems) ?? 'half-away-from-zero';
  const settlement = text(input.settlement, 'settlement', 500, problems) ?? '';
  const provenance = parseProvenance(input.provenance, problems);
  const reason = text(input.reason, 'reason', 2000, problems);

  const agreement: CompensationAgreement = {
    id: id ?? '',
    version: typeof version === 'number' && Number.isInteger(version) ? version : 0,
    nameZh: nameZh ?? '',
    nameEn: nameEn ?? '',
    sectionId: sectionId ?? '',
    waterBodyType: waterBodyType as WaterBodyType,
    standardId,
    parties,
    validFrom: typeof validFrom === 'string' ? validFrom : '',
    ...(validTo !== undefined ? { validTo } : {}),
    ...(classPayment ? { classPayment } : {}),
    ...(changePayment ? { changePayment } : {}),
    fenRounding,
    settlement,
    provenance,
  };

  // The record's own rules, where the parsing above did not already name the field.
  const named = new Set(problems.map((p) => p.field));
  for (const problem of validateAgreement(agreement, ctx.standard, ctx.catalog)) {
    if (named.has(problem.field) || (problem.field === 'id' && id === undefined) || (problem.field === 'version' && named.has('version'))) continue;
    if ((problem.field === 'validFrom' || problem.field === 'validTo') && (named.has('validFrom') || named.has('validTo'))) continue;
    if (problem.field === 'sectionId' && sectionId === undefined) continue;
    if (problem.field === 'parties' && named.has('parties')) continue;
    problems.push(problem);
  }

  // The effective period against the agreement's earlier versions and the other agreements on the section.
  if (typeof validFrom === 'string' && !named.has('validTo')) {
    if (previous?.validTo !== undefined && validFrom > dayAfter(previous.validTo)) {
      problems.push({ field: 'validFrom', reason: `must not begin after a gap: version ${previous.version} ends ${previous.validTo}; a later round is a new agreement (a new id)` });
    }
    const clash = others.find((o) => o.id !== id && o.sectionId === sectionId && overlaps(o, agreement));
    if (clash) {
      problems.push({
        field: 'validFrom',
        reason: `${windowText(agreement)} overlaps agreement ${clash.id} version ${clash.version} (${windowText(clash)}) on section ${sectionId}: two agreements would pay for the same months`,
      });
    }
  }
  if (problems.length > 0) throw new AgreementVersionInvalidError(dedupe(problems));
  if (!canRecordAgreementVersion(actor, parties.map((p) => p.province))) {
    throw new AgreementWriteForbiddenError('Your province must be a party to the agreement version it records.');
  }

  const recordedAt = nowInstant(ctx.clock);
  const recorded: RecordedAgreementVersion = { agreement, ...(previous ? { previousVersion: previous.version } : {}), reason: reason!, recordedAt, recordedBy: actorRef(actor) };
  return {
    recorded,
    event: {
      type: 'pollution.agreement.version-recorded',
      aggregate: 'agreement',
      aggregateId: agreement.id,
      occurredAt: recordedAt,
      actor: recorded.recordedBy,
      originProvince: actor.province,
      audienceProvinces: [...new Set(parties.map((p) => p.province))],
      exercise: false,
      payload: recorded,
    },
  };
}

function dedupe(problems: readonly FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
