import { describe, expect, it } from 'vitest';
import {
  AgreementToVersionNotFoundError,
  AgreementVersionInvalidError,
  AgreementWriteForbiddenError,
  recordAgreementVersion,
  type AgreementVersionInput,
} from '../../../src/domain/compensation/agreement.commands.ts';
import type { CompensationAgreement } from '../../../src/domain/compensation/agreement.model.ts';
import { agreementVersionInForce, findAgreementForPeriod } from '../../../src/domain/compensation/agreement.validation.ts';
import { HENAN_SHANDONG_ROUND_1, HENAN_SHANDONG_ROUND_2, HENAN_SHANXI_SHAANXI, SEED_AGREEMENTS } from '../../../src/domain/compensation/agreements.data.ts';
import { GB_3838_2002 } from '../../../src/domain/monitoring/water-quality-standard.data.ts';
import { createReferenceCatalog } from '../../../src/domain/reference/reference.catalog.ts';
import { actor, ANHUI, HENAN, ManualClock, OBSERVER, SHANDONG } from '../../support/fixtures.ts';

const ctx = (who = actor(HENAN)) => ({ actor: who, clock: new ManualClock('2026-11-20T00:00:00Z'), catalog: createReferenceCatalog(), standard: GB_3838_2002 });
const others = (id: string) => SEED_AGREEMENTS.filter((a) => a.id !== id);

/** Round two's terms as a request: version 2 of yellow-henan-shandong-r2, the cap corrected to 30 million yuan. */
function round2v2(overrides: Partial<AgreementVersionInput> = {}): AgreementVersionInput {
  const a = HENAN_SHANDONG_ROUND_2;
  return {
    agreementId: a.id,
    version: 2,
    nameZh: a.nameZh,
    nameEn: a.nameEn,
    sectionId: a.sectionId,
    parties: a.parties.map((p) => ({ ...p })),
    validFrom: '2024-01-01',
    validTo: '2025-12-31',
    classPayment: { period: 'monthly', baselineClass: 3, amountPerClassStepFen: '500000000', parameters: ['COD', 'NH3-N', 'TP'] },
    changePayment: {
      period: 'annual',
      comparison: 'same-period-previous-year',
      pollutants: ['COD', 'NH3-N', 'TP', 'TN'],
      indexFormula: 'mean-ratio-to-class-iii-limit',
      changeMeasure: 'relative-percent',
      pointRoundingMode: 'toward-zero',
      pointRoundingDecimals: 0,
      amountPerPointFen: '100000000',
      capPerPeriodFen: '3000000000',
    },
    fenRounding: 'half-away-from-zero',
    settlement: 'annual',
    provenance: [{ field: 'changePayment.capPerPeriodFen', source: 'signed-text', note: '30 million a year, article 5' }],
    reason: 'The signed text caps the change payment at 30 million yuan a year from 2024.',
    ...overrides,
  };
}

function problemsOf(run: () => unknown): Array<{ field: string; reason: string }> {
  try {
    run();
  } catch (error) {
    if (error instanceof AgreementVersionInvalidError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the version to be refused');
}

describe('recording an agreement version', () => {
  it('records the next version with every term as data, who, when and why, and an event for the parties', () => {
    const change = recordAgreementVersion([HENAN_SHANDONG_ROUND_2], others(HENAN_SHANDONG_ROUND_2.id), round2v2(), ctx(actor(SHANDONG)));
    expect(change.recorded).toMatchObject({ previousVersion: 1, recordedAt: '2026-11-20T00:00:00.000Z', recordedBy: { province: SHANDONG } });
    expect(change.recorded.agreement).toMatchObject({
      id: 'yellow-henan-shandong-r2',
      version: 2,
      waterBodyType: 'river',
      standardId: 'GB 3838-2002',
      validFrom: '2024-01-01',
      changePayment: { capPerPeriodFen: 3_000_000_000n, amountPerPointFen: 100_000_000n, pointRounding: { mode: 'toward-zero', decimals: 0 } },
      classPayment: { amountPerClassStepFen: 500_000_000n },
    });
    expect(change.event).toMatchObject({ type: 'pollution.agreement.version-recorded', aggregate: 'agreement', aggregateId: 'yellow-henan-shandong-r2', originProvince: SHANDONG, audienceProvinces: [HENAN, SHANDONG] });
  });

  it('starts a new agreement at version 1', () => {
    const change = recordAgreementVersion([], SEED_AGREEMENTS, round2v2({ agreementId: 'yellow-henan-shandong-r3', version: 1, validFrom: '2026-01-01', validTo: '2028-12-31' }), ctx());
    expect(change.recorded.previousVersion).toBeUndefined();
    expect(change.recorded.agreement.version).toBe(1);
  });

  it('names every field at fault: province codes, sides, shares, whole-fen amounts, caps, periods, rounding, dates, reason', () => {
    const problems = problemsOf(() =>
      recordAgreementVersion(
        [HENAN_SHANDONG_ROUND_2],
        others(HENAN_SHANDONG_ROUND_2.id),
        round2v2({
          parties: [
            { province: HENAN, role: 'upstream', shareBasisPoints: 6_000 },
            { province: 'shandong', role: 'downstream', shareBasisPoints: 10_000 },
          ],
          validFrom: '2024-01-15',
          classPayment: { period: 'weekly', baselineClass: 3, amountPerClassStepFen: '5000000.50', parameters: ['COD'], capPerPeriodFen: '-1' },
          changePayment: { ...round2v2().changePayment, pointRoundingMode: 'up', pointRoundingDecimals: 3, amountPerPointFen: '1e6', capPerPeriodFen: '' },
          reason: ' ',
        }),
        ctx(),
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'parties[1].province', reason: 'must be a province code (GB/T 2260, e.g. 410000)' },
        { field: 'parties', reason: 'the upstream shares sum to 6000 basis points; they must sum to 10000' },
        { field: 'parties', reason: 'must include 370000, downstream of section yellow-liuzhuang' },
        { field: 'validFrom', reason: 'must be the first day of a month: assessments cover whole months or years' },
        { field: 'classPayment.period', reason: 'must be one of annual, monthly' },
        { field: 'classPayment.amountPerClassStepFen', reason: 'must be a whole number of fen written as digits (no decimal point, no separators), e.g. "6000000000"' },
        { field: 'classPayment.capPerPeriodFen', reason: 'must not be negative' },
        { field: 'changePayment.pointRoundingMode', reason: 'must be one of toward-zero, half-away-from-zero, half-even' },
        { field: 'changePayment.pointRoundingDecimals', reason: 'must be 0, 1 or 2' },
        { field: 'changePayment.amountPerPointFen', reason: expect.stringContaining('whole number of fen') },
        { field: 'changePayment.capPerPeriodFen', reason: expect.stringContaining('is required') },
        { field: 'reason', reason: 'is required' },
      ]),
    );
    expect(problems.every((p) => p.field !== 'parties[0].province')).toBe(true);
  });

  it('only lets versions go up by one and keeps the section', () => {
    expect(problemsOf(() => recordAgreementVersion([HENAN_SHANDONG_ROUND_2], others(HENAN_SHANDONG_ROUND_2.id), round2v2({ version: 1 }), ctx()))).toEqual([
      { field: 'version', reason: 'must be 2: versions only go up, one at a time, and the newest is 1' },
    ]);
    expect(problemsOf(() => recordAgreementVersion([HENAN_SHANDONG_ROUND_2], others(HENAN_SHANDONG_ROUND_2.id), round2v2({ version: 3 }), ctx()))[0]?.field).toBe('version');
    const moved = problemsOf(() => recordAgreementVersion([HENAN_SHANDONG_ROUND_2], others(HENAN_SHANDONG_ROUND_2.id), round2v2({ sectionId: 'huai-wangjiaba' }), ctx()));
    expect(moved).toContainEqual({ field: 'sectionId', reason: 'must stay yellow-liuzhuang: another section is another agreement (a new id)' });
  });

  it('refuses an effective period that overlaps another agreement on the section, or follows a gap', () => {
    const overlapping = problemsOf(() => recordAgreementVersion([], SEED_AGREEMENTS, round2v2({ agreementId: 'yellow-henan-shandong-r3', version: 1, validFrom: '2025-07-01', validTo: '' }), ctx()));
    expect(overlapping).toEqual([
      {
        field: 'validFrom',
        reason: '2025-07-01 – open-ended overlaps agreement yellow-henan-shandong-r2 version 1 (2023-01-01 – 2025-12-31) on section yellow-liuzhuang: two agreements would pay for the same months',
      },
    ]);
    const gap = problemsOf(() => recordAgreementVersion([HENAN_SHANDONG_ROUND_2], others(HENAN_SHANDONG_ROUND_2.id), round2v2({ validFrom: '2026-02-01', validTo: '' }), ctx()));
    expect(gap).toEqual([{ field: 'validFrom', reason: 'must not begin after a gap: version 1 ends 2025-12-31; a later round is a new agreement (a new id)' }]);
    const backwards = problemsOf(() => recordAgreementVersion([HENAN_SHANDONG_ROUND_2], others(HENAN_SHANDONG_ROUND_2.id), round2v2({ validFrom: '2025-01-01', validTo: '2024-12-31' }), ctx()));
    expect(backwards).toEqual([{ field: 'validTo', reason: 'must not be before validFrom' }]);
  });

  it('is the parties’ environmental bureaus’: other roles are refused, non-parties find no agreement', () => {
    const v = () => round2v2();
    expect(() => recordAgreementVersion([HENAN_SHANDONG_ROUND_2], [], v(), ctx(OBSERVER))).toThrow(AgreementWriteForbiddenError);
    expect(() => recordAgreementVersion([HENAN_SHANDONG_ROUND_2], [], v(), ctx(actor('000000', ['admin'])))).toThrow(AgreementWriteForbiddenError);
    expect(() => recordAgreementVersion([HENAN_SHANDONG_ROUND_2], [], v(), ctx(actor(HENAN, ['liaison'])))).toThrow(AgreementWriteForbiddenError);
    expect(() => recordAgreementVersion([HENAN_SHANDONG_ROUND_2], [], v(), ctx(actor(ANHUI)))).toThrow(AgreementToVersionNotFoundError);
    // A version above 1 of an id that does not exist answers the same.
    expect(() => recordAgreementVersion([], [], round2v2({ agreementId: 'no-such-agreement' }), ctx(actor(ANHUI)))).toThrow(AgreementToVersionNotFoundError);
    // A new agreement must name the caller's province among its parties.
    expect(() => recordAgreementVersion([], SEED_AGREEMENTS, round2v2({ agreementId: 'yellow-henan-shandong-r3', version: 1, validFrom: '2026-01-01', validTo: '' }), ctx(actor(ANHUI)))).toThrow(AgreementWriteForbiddenError);
  });
});

describe('the version in force for a period', () => {
  const v2: CompensationAgreement = { ...HENAN_SHANDONG_ROUND_2, version: 2, validFrom: '2024-01-01' };
  it('is the highest version covering the whole period; earlier periods keep the earlier version', () => {
    expect(agreementVersionInForce([HENAN_SHANDONG_ROUND_2, v2], { kind: 'monthly', year: 2023, month: 12 })?.version).toBe(1);
    expect(agreementVersionInForce([HENAN_SHANDONG_ROUND_2, v2], { kind: 'monthly', year: 2024, month: 1 })?.version).toBe(2);
    expect(findAgreementForPeriod([HENAN_SHANDONG_ROUND_1, HENAN_SHANDONG_ROUND_2, v2], 'yellow-liuzhuang', { kind: 'annual', year: 2025 })?.version).toBe(2);
  });

  it('ends where the newest version ends, even when an earlier version was open-ended', () => {
    const ended: CompensationAgreement = { ...HENAN_SHANXI_SHAANXI, version: 2, validTo: '2027-12-31' };
    expect(agreementVersionInForce([HENAN_SHANXI_SHAANXI, ended], { kind: 'monthly', year: 2027, month: 12 })?.version).toBe(2);
    expect(agreementVersionInForce([HENAN_SHANXI_SHAANXI, ended], { kind: 'monthly', year: 2028, month: 1 })).toBeUndefined();
    expect(agreementVersionInForce([HENAN_SHANXI_SHAANXI], { kind: 'monthly', year: 2028, month: 1 })?.version).toBe(1);
  });
});
