import type { CalendarDate } from '../common/clock.ts';
import type { RoundingMode } from '../common/exact-decimal.ts';
import type { Fen } from '../common/money.ts';
import type { ParameterCode } from '../monitoring/water-quality-standard.data.ts';
import type { WaterBodyType } from '../reference/reference.model.ts';

/** How often a payment is judged. */
export type PaymentPeriod = 'annual' | 'monthly';

/** A period an assessment covers (Beijing calendar). */
export type AssessmentPeriod = { readonly kind: 'annual'; readonly year: number } | { readonly kind: 'monthly'; readonly year: number; readonly month: number };

/** A party to an agreement and its responsibility share within its side. */
export interface AgreementParty {
  /** Province code. */
  readonly province: string;
  /** Upstream or downstream of the section. */
  readonly role: 'upstream' | 'downstream';
  /** Share of its side's payments and receipts in basis points; each side's shares sum to 10,000. */
  readonly shareBasisPoints: number;
}

/**
 * Class payment (水质类别补偿): the section's class for the period against a baseline class. Each class better than
 * the baseline, the downstream side pays the upstream side `amountPerClassStepFen`; each class worse, the reverse.
 */
export interface ClassPaymentRule {
  /** Annual or monthly. */
  readonly period: PaymentPeriod;
  /** The class at which nobody pays. */
  readonly baselineClass: 1 | 2 | 3 | 4 | 5;
  /** Paid per class step, per period, by one whole side to the other. */
  readonly amountPerClassStepFen: Fen;
  /** Parameters whose period means judge the class (the worst decides). */
  readonly parameters: readonly ParameterCode[];
  /** Most paid per period for this part, if the agreement caps it. */
  readonly capPerPeriodFen?: Fen;
}

/** Index formulas the assessment knows. */
export const INDEX_FORMULAS = ['mean-ratio-to-class-iii-limit'] as const;
/** `mean-ratio-to-class-iii-limit`: the mean over the key pollutants of (period mean concentration ÷ Class III limit). */
export type IndexFormulaId = (typeof INDEX_FORMULAS)[number];

/** Ways to measure the index's change, in points. */
export const CHANGE_MEASURES = ['relative-percent', 'absolute-points'] as const;
/**
 * `relative-percent`: (comparison index − current index) ÷ comparison index × 100, the year-on-year percentage
 * change; `absolute-points`: (comparison index − current index) × 100, the index read as a percentage. Positive
 * means the water improved.
 */
export type ChangeMeasure = (typeof CHANGE_MEASURES)[number];

/**
 * Change payment (污染物浓度变化补偿): the key-pollutant index against the same period a year before. Each point it
 * falls, the downstream side pays `amountPerPointFen`; each point it rises, the upstream side pays; capped per period.
 */
export interface ChangePaymentRule {
  /** Annual or monthly. */
  readonly period: PaymentPeriod;
  /** What the period is compared with. */
  readonly comparison: 'same-period-previous-year';
  /** Key pollutants in the index. */
  readonly pollutants: readonly ParameterCode[];
  /** How the index is computed. */
  readonly indexFormula: IndexFormulaId;
  /** How its change is measured. */
  readonly changeMeasure: ChangeMeasure;
  /** How the change is rounded to the points that are paid: mode and decimal places (0 = whole points only). */
  readonly pointRounding: { readonly mode: RoundingMode; readonly decimals: 0 | 1 | 2 };
  /** Paid per point. */
  readonly amountPerPointFen: Fen;
  /** Most paid for this part per period. */
  readonly capPerPeriodFen: Fen;
}

/** Where a figure can come from. */
export const PROVENANCE_SOURCES = ['domain-notes', 'inferred', 'signed-text'] as const;
/** One of `PROVENANCE_SOURCES`. */
export type AgreementProvenanceSource = (typeof PROVENANCE_SOURCES)[number];

/** Where a figure of the agreement comes from. */
export interface AgreementProvenance {
  /** The field (`changePayment.amountPerPointFen`). */
  readonly field: string;
  /**
   * Stated in the domain notes, inferred here and to be confirmed against the signed text, or taken from the signed
   * text (a province's correction).
   */
  readonly source: AgreementProvenanceSource;
  /** What exactly. */
  readonly note: string;
}

/** A horizontal ecological compensation agreement (横向生态保护补偿协议) as versioned data. */
export interface CompensationAgreement {
  /** Stable id; a new round of an agreement is a new id, a correction is a new version. */
  readonly id: string;
  /** Version, from 1. */
  readonly version: number;
  /** Chinese name. */
  readonly nameZh: string;
  /** English name. */
  readonly nameEn: string;
  /** The section judged. */
  readonly sectionId: string;
  /** River or lake/reservoir: selects the class limits. */
  readonly waterBodyType: WaterBodyType;
  /** The standard the limits come from. */
  readonly standardId: string;
  /** Parties and shares. */
  readonly parties: readonly AgreementParty[];
  /** First day in force. */
  readonly validFrom: CalendarDate;
  /** Last day in force; absent while open-ended. */
  readonly validTo?: CalendarDate;
  /** Class payment, if the agreement has one. */
  readonly classPayment?: ClassPaymentRule;
  /** Change payment, if the agreement has one. */
  readonly changePayment?: ChangePaymentRule;
  /** How an amount in fractions of a fen is rounded to whole fen. */
  readonly fenRounding: RoundingMode;
  /** When funds are cleared. */
  readonly settlement: string;
  /** Where each figure comes from. */
  readonly provenance: readonly AgreementProvenance[];
}
