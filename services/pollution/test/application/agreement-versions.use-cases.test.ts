import { describe, expect, it } from 'vitest';
import { HENAN_SHANDONG_ROUND_2, PollutionForbiddenError, PollutionNotFoundError, PollutionValidationError, type AgreementVersionInput } from '../../src/domain/index.ts';
import { ANHUI, caller, HENAN, SHANDONG } from '../support/fixtures.ts';
import { setupWithTwoYearsOfReadings } from '../support/liuzhuang-years.ts';

const henan = caller(HENAN);
const shandong = caller(SHANDONG);
const observer = caller('000000', ['observer']);

const setup = setupWithTwoYearsOfReadings;

/** Version 2 of round two from 2025: 2 million yuan per point instead of 1 million. */
const v2: AgreementVersionInput = {
  agreementId: 'yellow-henan-shandong-r2',
  version: 2,
  nameZh: HENAN_SHANDONG_ROUND_2.nameZh,
  nameEn: HENAN_SHANDONG_ROUND_2.nameEn,
  sectionId: 'yellow-liuzhuang',
  parties: [
    { province: HENAN, role: 'upstream', shareBasisPoints: 10_000 },
    { province: SHANDONG, role: 'downstream', shareBasisPoints: 10_000 },
  ],
  validFrom: '2025-01-01',
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
    amountPerPointFen: '200000000',
    capPerPeriodFen: '4000000000',
  },
  fenRounding: 'half-away-from-zero',
  settlement: 'annual',
  provenance: [{ field: 'changePayment.amountPerPointFen', source: 'signed-text', note: 'supplementary agreement of 2025: 2 million yuan per point' }],
  reason: 'Supplementary agreement: 2 million yuan per point from 2025.',
};

const annual2025 = { agreementId: 'yellow-henan-shandong-r2', period: { kind: 'annual', year: 2025 } };

describe('record-agreement-version', () => {
  it('stores the version with its event and audit row in one unit of work', async () => {
    const { store, useCases } = await setup();
    const recorded = await useCases.recordAgreementVersion(henan, v2);
    expect(recorded).toMatchObject({ previousVersion: 1, reason: v2.reason, recordedBy: { province: HENAN }, agreement: { version: 2, changePayment: { amountPerPointFen: 200_000_000n } } });
    expect(store.state.agreementRecords).toMatchObject([{ id: 'yellow-henan-shandong-r2', version: 2, reason: v2.reason }]);
    expect(store.events.filter((e) => e.type === 'pollution.agreement.version-recorded')).toMatchObject([
      { aggregate: 'agreement', aggregateId: 'yellow-henan-shandong-r2', audienceProvinces: [HENAN, SHANDONG], originProvince: HENAN },
    ]);
    expect(store.audit.at(-1)).toMatchObject({
      action: 'record-agreement-version',
      recordType: 'agreement',
      recordId: 'yellow-henan-shandong-r2',
      details: { version: 2, previousVersion: 1, validFrom: '2025-01-01', reason: v2.reason, termsDigest: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect((await useCases.getAgreement(shandong, 'yellow-henan-shandong-r2')).version).toBe(2);
    expect((await useCases.getAgreement(shandong, 'yellow-henan-shandong-r2', 1)).changePayment?.amountPerPointFen).toBe(100_000_000n);
    expect((await useCases.listAgreements(observer)).find((a) => a.id === 'yellow-henan-shandong-r2')?.version).toBe(2);
  });

  it('writes nothing when refused: observers and administrators are forbidden, a non-party finds no agreement, bad fields are named', async () => {
    const { store, useCases } = await setup();
    const before = { events: store.events.length, audit: store.audit.length, agreements: store.state.agreements.length };
    await expect(useCases.recordAgreementVersion(observer, v2)).rejects.toBeInstanceOf(PollutionForbiddenError);
    await expect(useCases.recordAgreementVersion(caller('000000', ['admin']), v2)).rejects.toBeInstanceOf(PollutionForbiddenError);
    await expect(useCases.recordAgreementVersion(caller(HENAN, ['liaison']), v2)).rejects.toBeInstanceOf(PollutionForbiddenError);
    const hidden = await useCases.recordAgreementVersion(caller(ANHUI), v2).catch((e: unknown) => e);
    const missing = await useCases.recordAgreementVersion(caller(ANHUI), { ...v2, agreementId: 'no-such-agreement' }).catch((e: unknown) => e);
    expect(hidden).toBeInstanceOf(PollutionNotFoundError);
    expect([(hidden as PollutionNotFoundError).code, (hidden as Error).message]).toEqual([(missing as PollutionNotFoundError).code, (missing as Error).message]);
    const invalid = await useCases.recordAgreementVersion(henan, { ...v2, parties: [{ province: HENAN, role: 'upstream', shareBasisPoints: 10_000 }, { province: SHANDONG, role: 'downstream', shareBasisPoints: 9_000 }] }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(PollutionValidationError);
    expect((invalid as PollutionValidationError).problems).toEqual([{ field: 'parties', reason: 'the downstream shares sum to 9000 basis points; they must sum to 10000' }]);
    expect({ events: store.events.length, audit: store.audit.length, agreements: store.state.agreements.length }).toEqual(before);
  });

  it('is used for the periods it covers from then on; a published assessment keeps its version and still verifies', async () => {
    const { store, useCases } = await setup();
    const first = await useCases.runAssessment(shandong, annual2025);
    expect(first.assessment).toMatchObject({ agreementVersion: 1, result: { changePayment: { paidPoints: '5', amountFen: 500_000_000n } } });

    await useCases.recordAgreementVersion(henan, v2);
    // The published one is untouched and reproduces from its stored inputs (version 1 inside them).
    const stored = await useCases.getAssessment(observer, first.assessment.id);
    expect([stored.agreementVersion, stored.input.agreement.version, stored.supersededBy]).toEqual([1, 1, undefined]);
    expect((await useCases.verifyAssessment(observer, first.assessment.id)).reproduced).toBe(true);

    // A run now uses version 2 for 2025 and supersedes the old assessment; a run of 2024 still uses version 1.
    const rerun = await useCases.runAssessment(henan, annual2025);
    expect(rerun.reused).toBe(false);
    expect(rerun.assessment).toMatchObject({ agreementVersion: 2, result: { changePayment: { paidPoints: '5', amountFen: 1_000_000_000n } } });
    expect(store.state.assessments.get(first.assessment.id)?.supersededBy).toBe(rerun.assessment.id);
    expect((await useCases.verifyAssessment(observer, first.assessment.id)).reproduced).toBe(true);
    expect((await useCases.runAssessment(henan, annual2025)).reused).toBe(true);
    const june2024 = await useCases.runAssessment(henan, { agreementId: 'yellow-henan-shandong-r2', period: { kind: 'monthly', year: 2024, month: 6 } });
    expect(june2024.assessment.agreementVersion).toBe(1);
  });
});
