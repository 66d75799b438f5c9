import { yuan } from '../common/money.ts';
import type { CompensationAgreement } from './agreement.model.ts';

const HENAN = '410000';
const SHANDONG = '370000';
const SHANXI = '140000';
const SHAANXI = '610000';

// Figures are exactly those of the domain notes. What the notes do not state is filled in and listed in
// `provenance` as inferred, so a province can correct it (a new version) without a code change.

const INDEX_INFERRED = {
  source: 'inferred',
  note: 'the agreements do not publish the index formula; the domain notes give the common reading: mean over the key pollutants of (mean concentration ÷ Class III limit), change measured as the year-on-year percentage change, only whole points paid (toward zero)',
} as const;

/** Henan–Shandong Yellow River agreement, first round (2021–2022), Liuzhuang section. */
export const HENAN_SHANDONG_ROUND_1: CompensationAgreement = {
  id: 'yellow-henan-shandong-r1',
  version: 1,
  nameZh: '黄河流域（豫鲁段）横向生态保护补偿协议（第一轮）',
  nameEn: 'Yellow River (Henan–Shandong reach) horizontal ecological compensation agreement, round 1',
  sectionId: 'yellow-liuzhuang',
  waterBodyType: 'river',
  standardId: 'GB 3838-2002',
  parties: [
    { province: HENAN, role: 'upstream', shareBasisPoints: 10_000 },
    { province: SHANDONG, role: 'downstream', shareBasisPoints: 10_000 },
  ],
  validFrom: '2021-01-01',
  validTo: '2022-12-31',
  classPayment: { period: 'annual', baselineClass: 3, amountPerClassStepFen: yuan(60_000_000), parameters: ['COD', 'NH3-N', 'TP'] },
  changePayment: {
    period: 'annual',
    comparison: 'same-period-previous-year',
    pollutants: ['COD', 'NH3-N', 'TP'],
    indexFormula: 'mean-ratio-to-class-iii-limit',
    changeMeasure: 'relative-percent',
    pointRounding: { mode: 'toward-zero', decimals: 0 },
    amountPerPointFen: yuan(1_000_000),
    capPerPeriodFen: yuan(40_000_000),
  },
  fenRounding: 'half-away-from-zero',
  settlement: 'annual',
  provenance: [
    { field: 'classPayment', source: 'domain-notes', note: 'annual mean at Class III nobody pays; each class better Shandong pays Henan 60 million yuan, each class worse Henan pays Shandong 60 million' },
    { field: 'classPayment.parameters', source: 'inferred', note: 'the class is judged here on the key pollutants; an official annual class can be supplied to the assessment instead' },
    { field: 'changePayment.amountPerPointFen', source: 'domain-notes', note: '1 million yuan per percentage point, either way' },
    { field: 'changePayment.capPerPeriodFen', source: 'domain-notes', note: 'this part is capped at 40 million (taken as per year)' },
    { field: 'changePayment.pollutants', source: 'domain-notes', note: 'COD, NH3-N, TP' },
    { field: 'changePayment.indexFormula', ...INDEX_INFERRED },
  ],
};

/** Henan–Shandong, second round (2023–2025): class judged monthly, total nitrogen joins the key pollutants. */
export const HENAN_SHANDONG_ROUND_2: CompensationAgreement = {
  ...HENAN_SHANDONG_ROUND_1,
  id: 'yellow-henan-shandong-r2',
  version: 1,
  nameZh: '黄河流域（豫鲁段）横向生态保护补偿协议（第二轮）',
  nameEn: 'Yellow River (Henan–Shandong reach) horizontal ecological compensation agreement, round 2',
  validFrom: '2023-01-01',
  validTo: '2025-12-31',
  classPayment: { period: 'monthly', baselineClass: 3, amountPerClassStepFen: yuan(5_000_000), parameters: ['COD', 'NH3-N', 'TP'] },
  changePayment: { ...HENAN_SHANDONG_ROUND_1.changePayment!, pollutants: ['COD', 'NH3-N', 'TP', 'TN'] },
  provenance: [
    { field: 'classPayment.period', source: 'domain-notes', note: 'the class payment is judged monthly instead of annually' },
    { field: 'classPayment.amountPerClassStepFen', source: 'inferred', note: 'the notes give no monthly figure; 60 million ÷ 12 = 5 million per class step per month keeps round one\'s annual scale. Confirm from the signed agreement.' },
    { field: 'changePayment.pollutants', source: 'domain-notes', note: 'total nitrogen joins COD, NH3-N and TP' },
    { field: 'changePayment.amountPerPointFen', source: 'inferred', note: 'round one\'s 1 million yuan per point and 40 million cap carried over; the notes do not restate them' },
    { field: 'changePayment.indexFormula', ...INDEX_INFERRED },
  ],
};

/** Henan–Shanxi–Shaanxi agreement (signed September 2025), Fenglingdu Bridge section. */
export const HENAN_SHANXI_SHAANXI: CompensationAgreement = {
  id: 'yellow-shanxi-shaanxi-henan',
  version: 1,
  nameZh: '黄河流域（晋陕豫段）横向生态保护补偿协议',
  nameEn: 'Yellow River (Shanxi–Shaanxi–Henan reach) horizontal ecological compensation agreement',
  sectionId: 'yellow-fenglingdu',
  waterBodyType: 'river',
  standardId: 'GB 3838-2002',
  parties: [
    { province: SHANXI, role: 'upstream', shareBasisPoints: 5_000 },
    { province: SHAANXI, role: 'upstream', shareBasisPoints: 5_000 },
    { province: HENAN, role: 'downstream', shareBasisPoints: 10_000 },
  ],
  validFrom: '2025-09-01',
  classPayment: { period: 'annual', baselineClass: 2, amountPerClassStepFen: yuan(60_000_000), parameters: ['CODMn', 'NH3-N', 'TP'] },
  changePayment: {
    period: 'monthly',
    comparison: 'same-period-previous-year',
    pollutants: ['CODMn', 'NH3-N', 'TP'],
    indexFormula: 'mean-ratio-to-class-iii-limit',
    changeMeasure: 'relative-percent',
    pointRounding: { mode: 'toward-zero', decimals: 0 },
    amountPerPointFen: yuan(50_000),
    capPerPeriodFen: yuan(2_000_000),
  },
  fenRounding: 'half-away-from-zero',
  settlement: 'funds are cleared the following year',
  provenance: [
    { field: 'parties', source: 'domain-notes', note: 'Shanxi and Shaanxi joint upstream sharing responsibility 50/50, Henan downstream' },
    { field: 'classPayment', source: 'domain-notes', note: 'annual; Class II nobody pays; Class I Henan pays Shanxi and Shaanxi 60 million together; each class worse than II they pay Henan 60 million together' },
    { field: 'classPayment.parameters', source: 'inferred', note: 'judged here on the key pollutants; an official annual class can be supplied instead' },
    { field: 'changePayment', source: 'domain-notes', note: 'monthly, against the same month of the previous year: 50,000 yuan per point either way, at most 2 million a month; permanganate index, NH3-N, TP' },
    { field: 'changePayment.indexFormula', ...INDEX_INFERRED },
    { field: 'validTo', source: 'inferred', note: 'the notes give no end date; open-ended until a version sets one' },
  ],
};

/** The agreements shipped as seed data. */
export const SEED_AGREEMENTS: readonly CompensationAgreement[] = [HENAN_SHANDONG_ROUND_1, HENAN_SHANDONG_ROUND_2, HENAN_SHANXI_SHAANXI];
