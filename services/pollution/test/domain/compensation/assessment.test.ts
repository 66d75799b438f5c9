import { describe, expect, it } from 'vitest';
import { yuan, splitByShares } from '../../../src/domain/common/money.ts';
import type { CompensationAgreement } from '../../../src/domain/compensation/agreement.model.ts';
import { findAgreementForPeriod, validateAgreement } from '../../../src/domain/compensation/agreement.validation.ts';
import { HENAN_SHANDONG_ROUND_1, HENAN_SHANDONG_ROUND_2, HENAN_SHANXI_SHAANXI, SEED_AGREEMENTS } from '../../../src/domain/compensation/agreements.data.ts';
import { AssessmentInputError, assessPeriod, type AssessmentInput, type PeriodAssessment } from '../../../src/domain/compensation/assessment.calculator.ts';
import { GB_3838_2002 } from '../../../src/domain/monitoring/water-quality-standard.data.ts';
import { createReferenceCatalog } from '../../../src/domain/reference/reference.catalog.ts';
import { HENAN, SHAANXI, SHANDONG, SHANXI } from '../../support/fixtures.ts';

const std = GB_3838_2002;
const catalog = createReferenceCatalog();
type Means = Record<string, string>;

function annual(agreement: CompensationAgreement, year: number, current: Means, comparison: Means): PeriodAssessment {
  return assessPeriod(
    { agreement, period: { kind: 'annual', year }, current: { period: { kind: 'annual', year }, means: current }, comparison: { period: { kind: 'annual', year: year - 1 }, means: comparison } },
    std,
    catalog,
  );
}

function monthly(agreement: CompensationAgreement, year: number, month: number, current: Means, comparison?: Means): PeriodAssessment {
  return assessPeriod(
    {
      agreement,
      period: { kind: 'monthly', year, month },
      current: { period: { kind: 'monthly', year, month }, means: current },
      ...(comparison ? { comparison: { period: { kind: 'monthly', year: year - 1, month }, means: comparison } } : {}),
    },
    std,
    catalog,
  );
}

const applied = <T extends { applied: boolean }>(r: T) => {
  if (!r.applied) throw new Error('expected the part to apply');
  return r as Extract<T, { applied: true }>;
};

describe('the seed agreements', () => {
  it('are valid against GB 3838-2002 and the sections, and are found for their periods', () => {
    for (const a of SEED_AGREEMENTS) expect(validateAgreement(a, std, catalog)).toEqual([]);
    expect(findAgreementForPeriod(SEED_AGREEMENTS, 'yellow-liuzhuang', { kind: 'annual', year: 2022 })?.id).toBe('yellow-henan-shandong-r1');
    expect(findAgreementForPeriod(SEED_AGREEMENTS, 'yellow-liuzhuang', { kind: 'monthly', year: 2024, month: 7 })?.id).toBe('yellow-henan-shandong-r2');
    expect(findAgreementForPeriod(SEED_AGREEMENTS, 'yellow-fenglingdu', { kind: 'monthly', year: 2025, month: 8 })).toBeUndefined();
    expect(findAgreementForPeriod(SEED_AGREEMENTS, 'yellow-fenglingdu', { kind: 'monthly', year: 2025, month: 9 })?.id).toBe('yellow-shanxi-shaanxi-henan');
  });

  it('reports every problem of a broken agreement', () => {
    const broken: CompensationAgreement = {
      ...HENAN_SHANXI_SHAANXI,
      parties: [
        { province: SHANXI, role: 'upstream', shareBasisPoints: 5_000 },
        { province: SHAANXI, role: 'upstream', shareBasisPoints: 4_000 },
        { province: SHANDONG, role: 'downstream', shareBasisPoints: 10_000 },
      ],
      classPayment: { ...HENAN_SHANXI_SHAANXI.classPayment!, parameters: ['TN'], amountPerClassStepFen: -1n },
    };
    expect(validateAgreement(broken, std, catalog)).toEqual([
      { field: 'parties', reason: 'the upstream shares sum to 9000 basis points; they must sum to 10000' },
      { field: 'parties[2].role', reason: 'province 370000 is not downstream of section yellow-fenglingdu' },
      { field: 'parties', reason: 'must include 410000, downstream of section yellow-fenglingdu' },
      { field: 'classPayment.amountPerClassStepFen', reason: 'must not be negative' },
      { field: 'classPayment.parameters[0]', reason: 'TN does not judge the class of a river under GB 3838-2002' },
    ]);
  });
});

// Round one, Liuzhuang: Henan upstream, Shandong downstream. Class payment annual, baseline III, 60 million yuan
// (6,000,000,000 fen) per class. Change payment annual, 1 million yuan per whole point, capped at 40 million.
// "Unchanged" below sets the comparison year's means equal to the current year's, so the index change is 0.
describe('Henan–Shandong round 1 (annual class and change payments)', () => {
  it('class II: Shandong pays Henan 60 million yuan', () => {
    // COD 14 ≤ 15 → I; NH3-N 0.4 ≤ 0.5 → II; TP 0.09 ≤ 0.1 → II. Worst = II. Steps = III − II = 1 better.
    // 1 × 60,000,000 yuan = 6,000,000,000 fen, downstream (Shandong) → upstream (Henan).
    const m = { COD: '14', 'NH3-N': '0.4', TP: '0.09' };
    const result = annual(HENAN_SHANDONG_ROUND_1, 2021, m, m);
    const cls = applied(result.classPayment);
    expect([cls.judgedClassLabel, cls.classSteps, cls.direction, cls.amountFen]).toEqual(['II', 1, 'downstream-pays-upstream', 6_000_000_000n]);
    expect(cls.perParameter.map((p) => p.waterClass)).toEqual([1, 2, 2]);
    expect(applied(result.changePayment).amountFen).toBe(0n);
    expect(result.netTransfers).toEqual([{ payer: SHANDONG, payee: HENAN, amountFen: 6_000_000_000n }]);
  });

  it('class I: Shandong pays Henan 120 million yuan', () => {
    // COD 10 → I; NH3-N 0.1 → I; TP 0.02 (= the Class I limit) → I. Steps = III − I = 2 → 2 × 60 million = 120 million
    // = 12,000,000,000 fen.
    const m = { COD: '10', 'NH3-N': '0.1', TP: '0.02' };
    const result = annual(HENAN_SHANDONG_ROUND_1, 2022, m, m);
    expect(result.netTransfers).toEqual([{ payer: SHANDONG, payee: HENAN, amountFen: yuan(120_000_000) }]);
    expect(yuan(120_000_000)).toBe(12_000_000_000n);
  });

  it('class IV: Henan pays Shandong 60 million yuan', () => {
    // COD 18 → III; NH3-N 1.2 (> 1.0, ≤ 1.5) → IV; TP 0.15 → III. Worst = IV. Steps = III − IV = −1 (worse).
    // Upstream (Henan) → downstream (Shandong) 60 million yuan.
    const m = { COD: '18', 'NH3-N': '1.2', TP: '0.15' };
    const cls = applied(annual(HENAN_SHANDONG_ROUND_1, 2021, m, m).classPayment);
    expect([cls.judgedClassLabel, cls.classSteps, cls.direction, cls.amountFen]).toEqual(['IV', -1, 'upstream-pays-downstream', 6_000_000_000n]);
  });

  it('index down 3.4 points: 3 whole points, Shandong pays Henan 3 million yuan', () => {
    // Comparison year: COD 20, NH3-N 1.0, TP 0.2 — each exactly its Class III limit, so each ratio is 1 and the
    // index is (1 + 1 + 1) ÷ 3 = 1.
    // Current year: COD 19.32, NH3-N 0.966, TP 0.1932 — each ratio 0.966, index 0.966 (class stays III: no class
    // payment). Change = (1 − 0.966) ÷ 1 × 100 = 3.4 points; only whole points count (toward zero) → 3 points.
    // 3 × 1,000,000 yuan = 3,000,000 yuan = 300,000,000 fen, downstream (Shandong) → upstream (Henan).
    const result = annual(HENAN_SHANDONG_ROUND_1, 2022, { COD: '19.32', 'NH3-N': '0.966', TP: '0.1932' }, { COD: '20', 'NH3-N': '1.0', TP: '0.2' });
    const change = applied(result.changePayment);
    expect([change.indexComparison, change.indexCurrent, change.changePointsExact, change.paidPoints]).toEqual(['1', '483/500', '17/5', '3']);
    expect([change.direction, change.amountFen, change.capped]).toEqual(['downstream-pays-upstream', 300_000_000n, false]);
    expect(applied(result.classPayment).amountFen).toBe(0n);
    expect(result.netTransfers).toEqual([{ payer: SHANDONG, payee: HENAN, amountFen: yuan(3_000_000) }]);
  });

  it('index up 2.5 points: 2 whole points, Henan pays Shandong 2 million yuan', () => {
    // Comparison ratios 1 (index 1); current COD 20.5, NH3-N 1.025, TP 0.205: each ratio 1.025, index 1.025
    // (NH3-N 1.025 > 1.0 → class IV: Henan also pays the 60 million class payment).
    // Change = (1 − 1.025) ÷ 1 × 100 = −2.5 → toward zero → −2 points → Henan pays 2 × 1 million = 2 million.
    // Net: Henan → Shandong 60,000,000 + 2,000,000 = 62,000,000 yuan.
    const result = annual(HENAN_SHANDONG_ROUND_1, 2022, { COD: '20.5', 'NH3-N': '1.025', TP: '0.205' }, { COD: '20', 'NH3-N': '1.0', TP: '0.2' });
    expect(applied(result.changePayment)).toMatchObject({ paidPoints: '-2', direction: 'upstream-pays-downstream', amountFen: yuan(2_000_000) });
    expect(result.netTransfers).toEqual([{ payer: HENAN, payee: SHANDONG, amountFen: yuan(62_000_000) }]);
  });

  it('caps the change payment at 40 million yuan', () => {
    // Comparison index 1 (ratios 1). Current COD 11, NH3-N 0.55, TP 0.11: ratios 0.55 each, index 0.55.
    // Class: COD 11 → I, NH3-N 0.55 → III (> 0.5), TP 0.11 → III (> 0.1) → III, no class payment.
    // Change = (1 − 0.55) × 100 = 45 points → 45 × 1 million = 45 million > cap 40 million → 40 million.
    const result = annual(HENAN_SHANDONG_ROUND_1, 2021, { COD: '11', 'NH3-N': '0.55', TP: '0.11' }, { COD: '20', 'NH3-N': '1.0', TP: '0.2' });
    expect(applied(result.changePayment)).toMatchObject({ paidPoints: '45', uncappedFen: yuan(45_000_000), capped: true, amountFen: yuan(40_000_000) });
    expect(result.netTransfers).toEqual([{ payer: SHANDONG, payee: HENAN, amountFen: yuan(40_000_000) }]);
  });

  it('nets a class payment against an opposite change payment', () => {
    // Current: COD 14 (I), NH3-N 0.45 (II), TP 0.09 (II) → class II → Shandong pays Henan 60 million.
    // Index current = (14/20 + 0.45/1 + 0.09/0.2) ÷ 3 = (0.7 + 0.45 + 0.45) ÷ 3 = 1.6/3.
    // Comparison: COD 13, NH3-N 0.43, TP 0.085 → (0.65 + 0.43 + 0.425) ÷ 3 = 1.505/3.
    // Change = (1.505 − 1.6) ÷ 1.505 × 100 = −9.5 ÷ 1.505 = −6.3123… → −6 points → Henan pays Shandong 6 million.
    // Net: Shandong → Henan 60 − 6 = 54 million yuan.
    const result = annual(HENAN_SHANDONG_ROUND_1, 2021, { COD: '14', 'NH3-N': '0.45', TP: '0.09' }, { COD: '13', 'NH3-N': '0.43', TP: '0.085' });
    expect(applied(result.changePayment)).toMatchObject({ changePoints: '-6.312292', paidPoints: '-6', amountFen: yuan(6_000_000) });
    expect(result.transfers).toEqual([
      { payer: SHANDONG, payee: HENAN, amountFen: yuan(60_000_000), part: 'class-payment' },
      { payer: HENAN, payee: SHANDONG, amountFen: yuan(6_000_000), part: 'change-payment' },
    ]);
    expect(result.netTransfers).toEqual([{ payer: SHANDONG, payee: HENAN, amountFen: yuan(54_000_000) }]);
  });

  it('uses an official class when one is supplied, and shows every step in the breakdown', () => {
    const m = { COD: '14', 'NH3-N': '0.4', TP: '0.09' };
    const input: AssessmentInput = {
      agreement: HENAN_SHANDONG_ROUND_1,
      period: { kind: 'annual', year: 2021 },
      current: { period: { kind: 'annual', year: 2021 }, means: m },
      comparison: { period: { kind: 'annual', year: 2020 }, means: m },
      officialClass: { waterClass: 1, source: 'national surface-water assessment bulletin 2021' },
    };
    const result = assessPeriod(input, std, catalog);
    expect(applied(result.classPayment)).toMatchObject({ classSource: 'official', judgedClassLabel: 'I', amountFen: yuan(120_000_000) });
    expect(result.breakdown.map((s) => s.part)).toEqual(['inputs', 'class-payment', 'class-payment', 'change-payment', 'change-payment', 'change-payment', 'change-payment', 'split', 'net']);
    expect(result.breakdown.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(result.breakdown[2]?.values).toMatchObject({ amount: '120,000,000.00 yuan', classSteps: '2' });
  });
});

describe('Henan–Shandong round 2 (monthly class payment, total nitrogen in the index)', () => {
  it('judges the class monthly and leaves the change payment to the annual assessment', () => {
    // October 2024, class II (NH3-N 0.4 → II): 1 step × 5 million (the inferred monthly figure) = 5 million yuan,
    // Shandong → Henan. No change payment in a monthly assessment of round 2.
    const result = monthly(HENAN_SHANDONG_ROUND_2, 2024, 10, { COD: '12', 'NH3-N': '0.4', TP: '0.1' });
    expect(result.changePayment).toEqual({ applied: false, reason: 'the change payment is assessed annual' });
    expect(result.netTransfers).toEqual([{ payer: SHANDONG, payee: HENAN, amountFen: yuan(5_000_000) }]);
  });

  it('includes total nitrogen in the annual index (against its Class III limit of 1.0)', () => {
    // Comparison 2023: COD 20, NH3-N 1.0, TP 0.2, TN 2.0 → ratios 1, 1, 1, 2 → index 5/4 = 1.25.
    // Current 2024: TN 1.5, others the same → ratios 1, 1, 1, 1.5 → index 4.5/4 = 1.125.
    // Change = (1.25 − 1.125) ÷ 1.25 × 100 = 10 points → 10 × 1 million = 10 million, Shandong → Henan.
    const result = annual(HENAN_SHANDONG_ROUND_2, 2024, { COD: '20', 'NH3-N': '1.0', TP: '0.2', TN: '1.5' }, { COD: '20', 'NH3-N': '1.0', TP: '0.2', TN: '2.0' });
    expect(applied(result.changePayment)).toMatchObject({ indexComparison: '5/4', indexCurrent: '9/8', paidPoints: '10', amountFen: yuan(10_000_000) });
    expect(result.classPayment).toEqual({ applied: false, reason: 'the class payment is assessed monthly' });
  });
});

// Fenglingdu: Shanxi and Shaanxi upstream (50/50), Henan downstream. Class payment annual, baseline II, 60 million
// yuan per class between the sides. Change payment monthly against the same month a year before, 50,000 yuan per
// point, at most 2 million a month. Index pollutants: permanganate index (III limit 6), NH3-N (1.0), TP (0.2).
describe('Henan–Shanxi–Shaanxi', () => {
  it('class I: Henan pays Shanxi and Shaanxi 30 million yuan each', () => {
    // CODMn 1.8 ≤ 2 → I; NH3-N 0.1 → I; TP 0.015 → I. Steps = II − I = 1 better → 60 million downstream → upstream,
    // split 5000/5000 bp: 30,000,000 yuan (3,000,000,000 fen) each.
    const m = { CODMn: '1.8', 'NH3-N': '0.1', TP: '0.015' };
    const result = assessPeriod({ agreement: HENAN_SHANXI_SHAANXI, period: { kind: 'annual', year: 2026 }, current: { period: { kind: 'annual', year: 2026 }, means: m } }, std, catalog);
    expect(result.changePayment).toEqual({ applied: false, reason: 'the change payment is assessed monthly' });
    expect(result.netTransfers).toEqual([
      { payer: HENAN, payee: SHANXI, amountFen: 3_000_000_000n },
      { payer: HENAN, payee: SHAANXI, amountFen: 3_000_000_000n },
    ]);
  });

  it('class III: Shanxi and Shaanxi each pay Henan 30 million yuan', () => {
    // CODMn 5 (> 4, ≤ 6) → III; NH3-N 0.4 → II; TP 0.08 → II. Worst III. Steps = II − III = −1 → upstream pays
    // 60 million together: each pays its 50% = 30 million to Henan.
    const m = { CODMn: '5', 'NH3-N': '0.4', TP: '0.08' };
    const result = assessPeriod({ agreement: HENAN_SHANXI_SHAANXI, period: { kind: 'annual', year: 2026 }, current: { period: { kind: 'annual', year: 2026 }, means: m } }, std, catalog);
    expect(result.netTransfers).toEqual([
      { payer: SHANXI, payee: HENAN, amountFen: yuan(30_000_000) },
      { payer: SHAANXI, payee: HENAN, amountFen: yuan(30_000_000) },
    ]);
  });

  it('monthly change payment: 12.5 points down → 12 points × 50,000 yuan = 600,000 yuan, 300,000 each', () => {
    // October 2024: CODMn 6, NH3-N 1.0, TP 0.2 → ratios 1 → index 1.
    // October 2025: CODMn 5.25, NH3-N 0.875, TP 0.175 → ratios 0.875 → index 0.875.
    // Change = (1 − 0.875) × 100 = 12.5 → 12 whole points → 12 × 50,000 = 600,000 yuan, Henan → upstream,
    // 300,000 yuan (30,000,000 fen) each.
    const result = monthly(HENAN_SHANXI_SHAANXI, 2025, 10, { CODMn: '5.25', 'NH3-N': '0.875', TP: '0.175' }, { CODMn: '6', 'NH3-N': '1.0', TP: '0.2' });
    expect(result.classPayment).toEqual({ applied: false, reason: 'the class payment is assessed annual' });
    expect(applied(result.changePayment)).toMatchObject({ changePointsExact: '25/2', paidPoints: '12', amountFen: yuan(600_000) });
    expect(result.netTransfers).toEqual([
      { payer: HENAN, payee: SHANXI, amountFen: 30_000_000n },
      { payer: HENAN, payee: SHAANXI, amountFen: 30_000_000n },
    ]);
  });

  it('caps the monthly change payment at 2 million yuan', () => {
    // Index 1 → 0.4 (ratios 0.4: CODMn 2.4, NH3-N 0.4, TP 0.08): 60 points × 50,000 = 3,000,000 > 2,000,000 cap.
    // 2 million, 1 million each.
    const result = monthly(HENAN_SHANXI_SHAANXI, 2025, 11, { CODMn: '2.4', 'NH3-N': '0.4', TP: '0.08' }, { CODMn: '6', 'NH3-N': '1.0', TP: '0.2' });
    expect(applied(result.changePayment)).toMatchObject({ paidPoints: '60', uncappedFen: yuan(3_000_000), capped: true, amountFen: yuan(2_000_000) });
    expect(result.netTransfers.map((t) => t.amountFen)).toEqual([yuan(1_000_000), yuan(1_000_000)]);
  });

  it('splits an odd fen total by largest remainder so the parts sum exactly', () => {
    // A corrected version pays 33,333.33 yuan (3,333,333 fen) per point. Index 1 → 0.97 (ratios 0.97): 3 points.
    // 3 × 3,333,333 = 9,999,999 fen. Each 50% share is exactly 4,999,999.5 fen: floors 4,999,999 each, 1 fen left
    // over; remainders and shares tie, so the lower province code (Shanxi 140000) gets it:
    // Shanxi 5,000,000 fen, Shaanxi 4,999,999 fen; sum 9,999,999.
    const corrected: CompensationAgreement = { ...HENAN_SHANXI_SHAANXI, version: 2, changePayment: { ...HENAN_SHANXI_SHAANXI.changePayment!, amountPerPointFen: 3_333_333n } };
    const result = monthly(corrected, 2025, 12, { CODMn: '5.82', 'NH3-N': '0.97', TP: '0.194' }, { CODMn: '6', 'NH3-N': '1.0', TP: '0.2' });
    expect(applied(result.changePayment).amountFen).toBe(9_999_999n);
    expect(result.netTransfers).toEqual([
      { payer: HENAN, payee: SHANXI, amountFen: 5_000_000n },
      { payer: HENAN, payee: SHAANXI, amountFen: 4_999_999n },
    ]);
    expect(result.agreementVersion).toBe(2);
  });

  it('follows the agreement\'s rounding rule when a version changes it', () => {
    // Half away from zero: 12.5 points → 13 points × 50,000 = 650,000 yuan.
    const halfUp: CompensationAgreement = { ...HENAN_SHANXI_SHAANXI, version: 3, changePayment: { ...HENAN_SHANXI_SHAANXI.changePayment!, pointRounding: { mode: 'half-away-from-zero', decimals: 0 } } };
    const result = monthly(halfUp, 2025, 10, { CODMn: '5.25', 'NH3-N': '0.875', TP: '0.175' }, { CODMn: '6', 'NH3-N': '1.0', TP: '0.2' });
    expect(applied(result.changePayment)).toMatchObject({ paidPoints: '13', amountFen: yuan(650_000) });
  });
});

describe('reproducibility and input checks', () => {
  it('gives a deep-equal result and the same digest for the same inputs; a changed input changes the digest', () => {
    const a = monthly(HENAN_SHANXI_SHAANXI, 2025, 10, { CODMn: '5.25', 'NH3-N': '0.875', TP: '0.175' }, { CODMn: '6', 'NH3-N': '1.0', TP: '0.2' });
    const b = monthly(HENAN_SHANXI_SHAANXI, 2025, 10, { TP: '0.175', 'NH3-N': '0.875', CODMn: '5.25' }, { TP: '0.2', CODMn: '6', 'NH3-N': '1.0' });
    expect(b).toEqual(a);
    expect(a.inputDigest).toMatch(/^[0-9a-f]{64}$/);
    const c = monthly(HENAN_SHANXI_SHAANXI, 2025, 10, { CODMn: '5.25', 'NH3-N': '0.875', TP: '0.176' }, { CODMn: '6', 'NH3-N': '1.0', TP: '0.2' });
    expect(c.inputDigest).not.toBe(a.inputDigest);
  });

  it('lists every problem: period outside the agreement, wrong comparison period, missing and bad means', () => {
    const input: AssessmentInput = {
      agreement: HENAN_SHANXI_SHAANXI,
      period: { kind: 'monthly', year: 2025, month: 8 },
      current: { period: { kind: 'monthly', year: 2025, month: 8 }, means: { CODMn: '5', 'NH3-N': '-1' } },
      comparison: { period: { kind: 'monthly', year: 2023, month: 8 }, means: { CODMn: '6', 'NH3-N': '1', TP: 'abc' } },
    };
    try {
      assessPeriod(input, std, catalog);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AssessmentInputError);
      expect((error as AssessmentInputError).problems).toEqual([
        { field: 'period', reason: '2025-08 is not wholly within the agreement (2025-09-01 to open)' },
        { field: 'current.means.NH3-N', reason: 'must not be negative' },
        { field: 'current.means.TP', reason: 'is missing: no mean for this period' },
        { field: 'comparison.means.TP', reason: 'must be a decimal string in mg/L' },
        { field: 'comparison.period', reason: 'must be the same period a year before, 2024-08' },
      ]);
    }
  });

  it('refuses a comparison index of zero', () => {
    expect(() => monthly(HENAN_SHANXI_SHAANXI, 2025, 10, { CODMn: '1', 'NH3-N': '0.1', TP: '0.01' }, { CODMn: '0', 'NH3-N': '0', TP: '0' })).toThrow(AssessmentInputError);
  });
});

describe('largest-remainder split', () => {
  it('sums exactly and breaks ties by share then province code, whatever the input order', () => {
    // 100 fen over 3333/3333/3334 bp: exact 33.33, 33.33, 33.34 → floors 33, 33, 33 (99), 1 left; remainders
    // 3300, 3300, 3400 (÷10000) → the 3334 share gets it: 33, 33, 34.
    const holders = [
      { province: '610000', shareBasisPoints: 3333 },
      { province: '140000', shareBasisPoints: 3333 },
      { province: '410000', shareBasisPoints: 3334 },
    ];
    expect(splitByShares(100n, holders)).toEqual([
      { province: '610000', amountFen: 33n },
      { province: '140000', amountFen: 33n },
      { province: '410000', amountFen: 34n },
    ]);
    // 2 fen over 3333/3333/3334: exact 0.6666, 0.6666, 0.6668 → floors 0; remainders 6666, 6666, 6668 → 410000 first,
    // then the tie between 140000 and 610000 goes to the lower code: 140000.
    const two = splitByShares(2n, [...holders].reverse());
    expect(two).toEqual([
      { province: '410000', amountFen: 1n },
      { province: '140000', amountFen: 1n },
      { province: '610000', amountFen: 0n },
    ]);
    expect(() => splitByShares(10n, [{ province: '1', shareBasisPoints: 9999 }])).toThrow(/10000/);
  });
});
