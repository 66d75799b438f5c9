import { describe, expect, it } from 'vitest';
import { ANHUI, caller, HENAN, SHANDONG } from '../support/fixtures.ts';
import { setupWithTwoYearsOfReadings } from '../support/liuzhuang-years.ts';

const henan = caller(HENAN);
const shandong = caller(SHANDONG);
const observer = caller('000000', ['observer']);

const setup = setupWithTwoYearsOfReadings;

const annual2025 = { agreementId: 'yellow-henan-shandong-r2', period: { kind: 'annual', year: 2025 } };

describe('compensation assessments', () => {
  it('computes who pays whom from the stored readings, publishes it and puts the input digest on the audit chain', async () => {
    const { store, useCases } = await setup();
    const { assessment, reused } = await useCases.runAssessment(shandong, annual2025);
    expect(reused).toBe(false);
    expect(assessment.result.changePayment).toMatchObject({ applied: true, paidPoints: '5', direction: 'downstream-pays-upstream', amountFen: 500_000_000n });
    expect(assessment.result.netTransfers).toEqual([{ payer: SHANDONG, payee: HENAN, amountFen: 500_000_000n }]);
    expect(store.events.filter((e) => e.type === 'pollution.assessment.published')).toMatchObject([{ aggregate: 'agreement', aggregateId: 'yellow-henan-shandong-r2', audienceProvinces: [HENAN, SHANDONG] }]);
    expect(store.audit.filter((a) => a.action === 'run-assessment')).toMatchObject([{ recordId: assessment.id, details: { inputDigest: assessment.inputDigest, period: '2025' } }]);
  });

  it('is reproducible: the same inputs give the same digest and the stored assessment, not a second one', async () => {
    const { store, useCases } = await setup();
    const first = await useCases.runAssessment(shandong, annual2025);
    const again = await useCases.runAssessment(henan, annual2025);
    expect(again.reused).toBe(true);
    expect(again.assessment.id).toBe(first.assessment.id);
    expect(again.assessment.inputDigest).toBe(first.assessment.inputDigest);
    expect(store.state.assessments.size).toBe(1);
    expect(await useCases.verifyAssessment(observer, first.assessment.id)).toEqual({
      reproduced: true,
      storedDigest: first.assessment.inputDigest,
      recomputedDigest: first.assessment.inputDigest,
      readingsUnchanged: true,
      differences: [],
    });
  });

  it('supersedes the earlier assessment when the inputs change, and says so when verifying the old one', async () => {
    const { store, useCases } = await setup();
    const first = await useCases.runAssessment(shandong, annual2025);
    await useCases.submitReadings(henan, [{ sectionId: 'yellow-liuzhuang', parameter: 'COD', value: '19', unit: 'mg/L', sampledAt: '2025-06-20T10:00:00+08:00' }]);
    const second = await useCases.runAssessment(shandong, annual2025);
    expect(second.reused).toBe(false);
    expect(second.assessment.inputDigest).not.toBe(first.assessment.inputDigest);
    expect(store.state.assessments.get(first.assessment.id)?.supersededBy).toBe(second.assessment.id);
    const verification = await useCases.verifyAssessment(henan, first.assessment.id);
    expect(verification).toMatchObject({ reproduced: true, readingsUnchanged: false });
    expect((await useCases.listAssessments(henan, { page: { offset: 0, limit: 10 } })).items.map((a) => a.id)).toEqual([second.assessment.id]);
  });

  it('is run by the parties\' environmental bureaus, read by them and the observer, hidden from everyone else', async () => {
    const { useCases } = await setup();
    await expect(useCases.runAssessment(caller(ANHUI), annual2025)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(useCases.runAssessment(observer, annual2025)).rejects.toMatchObject({ kind: 'forbidden' });
    const { assessment } = await useCases.runAssessment(henan, annual2025);
    await expect(useCases.getAssessment(caller(ANHUI), assessment.id)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(useCases.getAssessment(caller(SHANDONG, ['liaison']), assessment.id)).rejects.toMatchObject({ kind: 'not-found' });
    expect((await useCases.getAssessment(observer, assessment.id)).id).toBe(assessment.id);
    expect((await useCases.listAgreements(caller(ANHUI))).map((a) => a.id)).toEqual([]);
    expect((await useCases.listAgreements(henan)).map((a) => a.id).sort()).toEqual(['yellow-henan-shandong-r1', 'yellow-henan-shandong-r2', 'yellow-shanxi-shaanxi-henan']);
  });

  it('names the period problem when no agreement version covers it', async () => {
    const { useCases } = await setup();
    await expect(useCases.runAssessment(shandong, { agreementId: 'yellow-henan-shandong-r2', period: { kind: 'annual', year: 2026 } })).rejects.toMatchObject({
      problems: [{ field: 'period', reason: expect.stringContaining('2026') }],
    });
    await expect(useCases.runAssessment(shandong, { agreementId: 'yellow-henan-shandong-r2', period: { kind: 'weekly', year: 2025 } })).rejects.toMatchObject({
      problems: [{ field: 'period.kind' }],
    });
  });
});
