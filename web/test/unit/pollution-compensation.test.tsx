import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatShare } from '../../src/pollution/compensation/agreement-terms.view.tsx';
import { formatFen } from '../../src/pollution/compensation/money.format.ts';
import { demoUser, HENAN_ENVIRONMENT } from './support/fake-auth.ts';
import { renderApp, sseResponse, stubGateway, type SeenRequest } from './support/render-app.tsx';
import { errorAnswer } from './pollution-cases.fixtures.ts';

const variablesOf = (request: SeenRequest) => (request.body as { variables?: Record<string, unknown> }).variables ?? {};
const idle = (signal: AbortSignal | undefined) => sseResponse([], { keepOpen: true, ...(signal ? { signal } : {}) });
const money = (fen: string) => ({ fen });

const AGREEMENT = {
  id: 'Q29tcGVuc2F0aW9uQWdyZWVtZW50OmhlbmFuLXNoYW5kb25nLXllbGxvdy0x',
  code: 'henan-shandong-yellow-2',
  version: 2,
  nameZh: '豫鲁黄河流域横向生态保护补偿协议（第二轮）',
  nameEn: 'Henan–Shandong Yellow River horizontal ecological compensation agreement (round 2)',
  validFrom: '2023-01-01',
  validTo: '2025-12-31',
  settlement: '次年清算',
  standardId: 'GB 3838-2002',
  fenRounding: 'half-away-from-zero',
  waterBodyType: 'RIVER',
  section: { id: 'TW9uaXRvcmluZ1NlY3Rpb246eWVsbG93LWxpdXpodWFuZw', code: 'yellow-liuzhuang', nameZh: '刘庄', nameEn: 'Liuzhuang', riverNameZh: '黄河', riverNameEn: 'Yellow River' },
  parties: [
    { province: '410000', role: 'UPSTREAM', shareBasisPoints: 10000 },
    { province: '370000', role: 'DOWNSTREAM', shareBasisPoints: 10000 },
  ],
  classPayment: { period: 'MONTHLY', baselineClass: 'III', parameters: ['COD', 'NH3-N', 'TP'], amountPerClassStep: money('600000000'), capPerPeriod: null },
  changePayment: {
    period: 'ANNUAL',
    pollutants: ['COD', 'NH3-N', 'TP', 'TN'],
    indexFormula: 'mean of (period mean ÷ Class III limit)',
    comparison: 'same period of the previous year',
    changeMeasure: 'relative-percent',
    pointRoundingDecimals: 0,
    pointRoundingMode: 'toward-zero',
    amountPerPoint: money('100000000'),
    capPerPeriod: money('4000000000'),
  },
  provenance: [{ field: 'classPayment.amountPerClassStep', source: 'inferred', note: '按年 6000 万元折算为按月' }],
};

const ROW = {
  id: 'Q29tcGVuc2F0aW9uQXNzZXNzbWVudDphLTIwMjU',
  assessmentId: 'a-2025',
  agreementCode: 'henan-shandong-yellow-2',
  agreementVersion: 2,
  periodLabel: '2025',
  computedAt: '2026-01-08T02:00:00Z',
  superseded: false,
  partyProvinces: ['410000', '370000'],
  netTransfers: [{ payer: '370000', payee: '410000', amount: money('6207000000') }],
};

const ASSESSMENT = {
  ...ROW,
  algorithm: 'xietong-compensation/1',
  inputDigest: 'f'.repeat(64),
  computedBy: { username: 'henan.environment', province: '410000' },
  period: { kind: 'ANNUAL', year: 2025, month: null },
  supersededBy: null,
  officialClass: null,
  agreement: AGREEMENT,
  current: { means: [{ parameter: 'COD', meanMgL: '14.2000', days: 365, months: 12 }] },
  comparison: { period: { kind: 'ANNUAL', year: 2024, month: null }, means: [{ parameter: 'COD', meanMgL: '15.1000', days: 366, months: 12 }] },
  classPayment: {
    applied: true,
    reason: null,
    classSource: 'period-means',
    baselineClass: 'III',
    judgedClass: 'II',
    classSteps: 1,
    direction: 'DOWNSTREAM_PAYS_UPSTREAM',
    perParameter: [{ parameter: 'COD', meanMgL: '14.2000', waterClass: 'I' }],
    amount: money('6000000000'),
    uncapped: money('6000000000'),
  },
  changePayment: {
    applied: true,
    reason: null,
    indexCurrent: '71/100',
    indexComparison: '3/4',
    changePoints: '5.333333',
    paidPoints: '2',
    direction: 'DOWNSTREAM_PAYS_UPSTREAM',
    capped: false,
    amount: money('207000000'),
    uncapped: money('207000000'),
    cap: money('4000000000'),
  },
  transfers: [
    { part: 'class-payment', payer: '370000', payee: '410000', amount: money('6000000000') },
    { part: 'change-payment', payer: '370000', payee: '410000', amount: money('207000000') },
  ],
  breakdown: [
    { step: 1, part: 'inputs', description: 'Agreement henan-shandong-yellow-2 version 2, period 2025', formula: null, values: [{ name: 'upstream', value: '410000 100%' }] },
    { step: 2, part: 'change-payment', description: 'Key-pollutant index, 2025', formula: 'index = mean over the key pollutants of (period mean ÷ Class III limit)', values: [{ name: 'index', value: '71/100' }] },
    { step: 3, part: 'net', description: 'Net transfers per pair of provinces', formula: null, values: [{ name: '370000 → 410000', value: '62070000.00 yuan' }] },
  ],
  verification: { reproduced: true, readingsUnchanged: true, storedDigest: 'f'.repeat(64), recomputedDigest: 'f'.repeat(64), differences: [] },
};

function overviewAnswer(rows: unknown[]) {
  return {
    body: {
      data: {
        compensationAgreements: [AGREEMENT],
        compensationAssessments: { totalCount: rows.length, pageInfo: { hasNextPage: false, endCursor: null }, edges: rows.map((node, i) => ({ cursor: `c${i}`, node })) },
      },
    },
  };
}

describe('money in fen', () => {
  it('formats whole fen as yuan with grouping, exactly, however large', () => {
    expect(formatFen('6207000000')).toBe('¥62,070,000.00');
    expect(formatFen('123456')).toBe('¥1,234.56');
    expect(formatFen('5')).toBe('¥0.05');
    expect(formatFen('0')).toBe('¥0.00');
    expect(formatFen('-150')).toBe('-¥1.50');
    // Beyond Number.MAX_SAFE_INTEGER a float would lose the last fen; the digits are only split.
    expect(formatFen('900719925474099317')).toBe('¥9,007,199,254,740,993.17');
    expect(formatFen('12.5')).toBe('12.5');
  });

  it('shows shares in basis points as percentages', () => {
    expect(formatShare(10000)).toBe('100%');
    expect(formatShare(5000)).toBe('50%');
    expect(formatShare(3333)).toBe('33.33%');
    expect(formatShare(2550)).toBe('25.5%');
  });
});

describe('ecological compensation', () => {
  it('lists the agreements and the assessments with who pays whom', async () => {
    stubGateway((request, signal) => (request.body.operationName === 'CompensationAssessmentPublished' ? idle(signal) : overviewAnswer([ROW])));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/compensation' });
    const agreements = await screen.findByRole('region', { name: '补偿协议' });
    expect(within(agreements).getByRole('link', { name: AGREEMENT.nameZh }).getAttribute('href')).toBe('/pollution/compensation/agreements/henan-shandong-yellow-2');
    expect(agreements.textContent).toContain('第 2 版');
    expect(agreements.textContent).toContain('上游：河南省 100%；下游：山东省 100%');
    const assessments = screen.getByRole('region', { name: '考核结果' });
    const row = within(assessments).getAllByRole('row')[1] as HTMLElement;
    expect(within(row).getByRole('link', { name: '2025' }).getAttribute('href')).toBe(`/pollution/compensation/assessments/${ROW.id}`);
    expect(row.textContent).toContain('山东省 向 河南省 支付 ¥62,070,000.00');
  });

  it('re-reads the assessments when one is published, and says so', async () => {
    let reads = 0;
    let firstRead: () => void = () => {};
    const read = new Promise<void>((resolve) => (firstRead = resolve));
    stubGateway((request, signal) => {
      if (request.body.operationName === 'CompensationAssessmentPublished') {
        const encoder = new TextEncoder();
        const event = { data: { assessmentPublished: { eventId: 'p-1', assessmentId: 'a-2025', agreementCode: 'henan-shandong-yellow-2', periodLabel: '2025', occurredAt: '2026-01-08T02:00:00Z', supersedesAssessmentId: null } } };
        return new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              void read.then(() => controller.enqueue(encoder.encode(`id: p-1\nevent: next\ndata: ${JSON.stringify(event)}\n\n`)));
              signal?.addEventListener('abort', () => controller.close());
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        );
      }
      reads += 1;
      if (reads === 1) {
        // Late enough for the page to have rendered its first answer.
        setTimeout(firstRead, 50);
        return overviewAnswer([]);
      }
      return overviewAnswer([ROW]);
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/compensation' });
    expect(await screen.findByRole('link', { name: '2025' })).toBeTruthy();
    expect(screen.getByTestId('assessment-announcement').textContent).toBe(`新的考核结果已发布：${AGREEMENT.nameZh} 2025`);
  });

  it('names the agreement of a publication that arrives before the agreements are read', async () => {
    let reads = 0;
    stubGateway((request, signal) => {
      if (request.body.operationName === 'CompensationAssessmentPublished') {
        const event = { data: { assessmentPublished: { eventId: 'p-1', assessmentId: 'a-2025', agreementCode: AGREEMENT.code, periodLabel: '2025', occurredAt: '2026-01-08T02:00:00Z', supersedesAssessmentId: null } } };
        // Sent at once: the overview's first answer may not even have been read yet.
        return sseResponse([event], { keepOpen: true, ...(signal ? { signal } : {}) });
      }
      reads += 1;
      return reads === 1 ? overviewAnswer([]) : overviewAnswer([ROW]);
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/compensation' });
    expect(await screen.findByRole('link', { name: '2025' })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('assessment-announcement').textContent).toBe(`新的考核结果已发布：${AGREEMENT.nameZh} 2025`));
  });

  it('shows an assessment: net payment, verification, both parts, payments by part and every step of the breakdown', async () => {
    const seen = stubGateway((request, signal) =>
      request.body.operationName === 'CompensationAssessmentPublished' ? idle(signal) : { body: { data: { compensationAssessment: ASSESSMENT } } },
    );
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: `/pollution/compensation/assessments/${ROW.id}` });
    expect(await screen.findByRole('heading', { level: 1, name: `${AGREEMENT.nameZh} · 2025 考核结果` })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: '净支付（各省之间最终支付）' })).getByText('¥62,070,000.00')).toBeTruthy();
    expect(screen.getByTestId('verification').textContent).toBe('已复核：按存档输入重新计算，结果与摘要一致。');

    const classPart = screen.getByRole('region', { name: '水质类别补偿' });
    expect(classPart.textContent).toContain('Ⅱ类');
    expect(classPart.textContent).toContain('¥60,000,000.00 · 下游向上游支付');
    const changePart = screen.getByRole('region', { name: '污染物浓度变化补偿' });
    expect(changePart.textContent).toContain('¥2,070,000.00');

    const transfers = screen.getByRole('region', { name: '分项支付' });
    expect(within(transfers).getAllByRole('row').slice(1).map((row) => row.textContent)).toEqual([
      '水质类别补偿山东省河南省¥60,000,000.00',
      '浓度变化补偿山东省河南省¥2,070,000.00',
    ]);

    const breakdown = screen.getByRole('region', { name: '计算过程' });
    const steps = within(breakdown).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(steps).toEqual(['第 1 步 · 输入', '第 2 步 · 浓度变化补偿', '第 3 步 · 净额']);
    expect(breakdown.textContent).toContain('index = mean over the key pollutants of (period mean ÷ Class III limit)');
    expect(breakdown.textContent).toContain('山东省 → 河南省62070000.00 元');
    expect(screen.getAllByText('f'.repeat(64)).length).toBeGreaterThanOrEqual(1);
    // The page follows the assessment's agreement once it knows it.
    await waitFor(() => expect(seen.some((request) => request.body.operationName === 'CompensationAssessmentPublished')).toBe(true));
    const subscription = seen.find((request) => request.body.operationName === 'CompensationAssessmentPublished');
    expect(subscription && variablesOf(subscription)).toEqual({ agreementCode: 'henan-shandong-yellow-2' });
  });

  it('says when an assessment does not reproduce from its inputs', async () => {
    const failed = { ...ASSESSMENT, verification: { ...ASSESSMENT.verification, reproduced: false, readingsUnchanged: false, recomputedDigest: 'e'.repeat(64), differences: ['current COD mean 14.2000 → 14.3000'] } };
    stubGateway((request, signal) => (request.body.operationName === 'CompensationAssessmentPublished' ? idle(signal) : { body: { data: { compensationAssessment: failed } } }));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: `/pollution/compensation/assessments/${ROW.id}` });
    expect((await screen.findByTestId('verification')).textContent).toBe('复核未通过：按存档输入重新计算的结果不一致。');
    expect(screen.getByText('current COD mean 14.2000 → 14.3000')).toBeTruthy();
    expect(screen.getByText('存档之后监测数据有变动，期间均值已不同。')).toBeTruthy();
  });

  it('shows "not found" for an assessment the user may not read', async () => {
    stubGateway(() => errorAnswer('NOT_FOUND'));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: `/pollution/compensation/assessments/${ROW.id}` });
    expect(await screen.findByRole('heading', { level: 1, name: '未找到该记录' })).toBeTruthy();
  });

  it('names every code of the terms and the assessment in the reader\'s language, and labels the service\'s English text as the original', async () => {
    const agreement = {
      ...AGREEMENT,
      settlement: 'funds are cleared the following year',
      changePayment: { ...AGREEMENT.changePayment, indexFormula: 'mean-ratio-to-class-iii-limit', comparison: 'same-period-previous-year', pointRoundingMode: 'half-even' },
      provenance: [
        { field: 'changePayment.amountPerPointFen', source: 'domain-notes', note: '1 million yuan per percentage point, either way' },
        { field: 'classPayment.somethingNew', source: 'signed-agreement', note: '按年 6000 万元折算为按月' },
      ],
    };
    const assessment = {
      ...ASSESSMENT,
      agreement,
      algorithm: 'xietong.pollution.compensation-assessment/1',
      officialClass: { waterClass: 'II', source: 'Ministry of Ecology and Environment bulletin 2025' },
      classPayment: { ...ASSESSMENT.classPayment, applied: false, reason: 'the class payment is assessed monthly' },
      changePayment: { ...ASSESSMENT.changePayment, applied: false, reason: 'the comparison period has no readings' },
      breakdown: [
        {
          step: 1,
          part: 'inputs',
          description: 'Agreement yellow-henan-shandong-r2 version 2, period 2025',
          formula: null,
          values: [
            { name: 'upstream', value: '410000 100%' },
            { name: 'current COD (mg/L)', value: '14.2' },
          ],
        },
        { step: 2, part: 'class-payment', description: 'The worst parameter decides the class', formula: null, values: [{ name: 'judgedClass', value: 'II' }, { name: 'amount', value: '60000000.00 yuan' }] },
      ],
    };
    stubGateway((request, signal) => (request.body.operationName === 'CompensationAssessmentPublished' ? idle(signal) : { body: { data: { compensationAssessment: assessment } } }));
    const { i18n } = renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: `/pollution/compensation/assessments/${ROW.id}` });
    const facts = await screen.findByRole('region', { name: '考核信息' });
    expect(facts.textContent).toContain('协同平台生态补偿考核算法（第 1 版）');
    expect(facts.textContent).toContain('Ⅱ类 · 公布来源：英文原文：Ministry of Ecology and Environment bulletin 2025');
    expect(screen.getByText('Ministry of Ecology and Environment bulletin 2025').getAttribute('lang')).toBe('en');
    expect(screen.getByRole('region', { name: '水质类别补偿' }).textContent).toBe('水质类别补偿本期不计此项：该项按月考核。');
    expect(screen.getByRole('region', { name: '污染物浓度变化补偿' }).textContent).toBe('污染物浓度变化补偿本期不计此项。原因：英文原文：the comparison period has no readings');

    const breakdown = screen.getByRole('region', { name: '计算过程' });
    const [first, second] = within(breakdown).getAllByRole('listitem') as HTMLElement[];
    expect(first?.textContent).toContain('英文原文：Agreement yellow-henan-shandong-r2 version 2, period 2025');
    expect([...(first?.querySelectorAll('dt') ?? [])].map((dt) => dt.textContent)).toEqual(['上游（分担比例）', '本期化学需氧量（COD）（mg/L）']);
    expect(first?.querySelector('dd')?.textContent).toBe('河南省 100%');
    expect([...(second?.querySelectorAll('dd') ?? [])].map((dd) => dd.textContent)).toEqual(['Ⅱ类', '60000000.00 元']);

    const terms = screen.getByRole('region', { name: '查看协议条款' });
    expect(terms.textContent).toContain('资金清算英文原文：funds are cleared the following year');
    expect(terms.textContent).toContain('分位取整四舍五入');
    expect(terms.textContent).toContain('对比期上年同期');
    expect(terms.textContent).toContain('变化计算相对变化率');
    expect(terms.textContent).toContain('指数公式各关键污染物期间均值与Ⅲ类标准限值之比的平均值');
    expect(terms.textContent).toContain('点数取整0 位小数，四舍六入五成双');
    expect(terms.textContent).not.toMatch(/half-away-from-zero|same-period-previous-year|relative-percent|half-even|domain-notes/);
    const provenance = within(terms).getAllByRole('row').slice(-2).map((row) => row.textContent);
    expect(provenance).toEqual([
      '污染物浓度变化补偿 · 每个百分点的金额公开资料英文原文：1 million yuan per percentage point, either way',
      // A term and a source this app does not know yet: shown as the service wrote them, marked.
      'classPayment.somethingNewsigned-agreement（本系统尚未收录的取值）按年 6000 万元折算为按月',
    ]);

    await act(() => i18n.changeLanguage('en'));
    const englishTerms = await screen.findByRole('region', { name: 'Terms of the agreement' });
    expect(englishTerms.textContent).toContain('Settlementfunds are cleared the following year');
    expect(englishTerms.textContent).toContain('Rounding to the fenhalf away from zero (round half up)');
    expect(within(englishTerms).getAllByRole('row').at(-1)?.textContent).toContain('Original (Chinese): 按年 6000 万元折算为按月');
    expect(screen.getByRole('region', { name: 'Class payment' }).textContent).toContain('Not assessed this period: this part is assessed monthly.');
    expect(screen.getByRole('region', { name: 'About this assessment' }).textContent).toContain('Xietong compensation assessment, version 1');
  });

  it('shows an agreement version with its terms, amounts in yuan', async () => {
    const seen = stubGateway(() => ({ body: { data: { compensationAgreement: AGREEMENT } } }));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/compensation/agreements/henan-shandong-yellow-2' });
    expect(await screen.findByRole('heading', { level: 1, name: AGREEMENT.nameZh })).toBeTruthy();
    const terms = screen.getByRole('region', { name: '查看协议条款' });
    expect(terms.textContent).toContain('¥6,000,000.00');
    expect(terms.textContent).toContain('¥40,000,000.00');
    expect(terms.textContent).toContain('无上限');
    expect(within(screen.getByRole('combobox', { name: '协议版本' })).getAllByRole('option').map((o) => o.textContent)).toEqual(['第 2 版', '第 1 版']);
    await waitFor(() => expect(seen.length).toBeGreaterThan(0));
  });
});

describe('assessing a period from the agreement page', () => {
  const agreementPage = '/pollution/compensation/agreements/henan-shandong-yellow-2';
  const ran = (reused: boolean) => ({ body: { data: { runAssessment: { reused, assessment: { id: 'Q29tcGVuc2F0aW9uQXNzZXNzbWVudDphLTIwMjUtMDM=', periodLabel: '2025-03' } } } } });
  function gateway(run: () => unknown): SeenRequest[] {
    return stubGateway((request) => (request.body.operationName === 'RunCompensationAssessment' ? (run() as { body: unknown }) : { body: { data: { compensationAgreement: AGREEMENT } } }));
  }

  it('runs a monthly period for a party’s environmental bureau and links the result', async () => {
    const seen = gateway(() => ran(false));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: agreementPage });
    const panel = await screen.findByRole('region', { name: '核算一期补偿' });
    // The class payment of round 2 is judged monthly: the form starts there.
    expect((within(panel).getByRole('radio', { name: '月度' }) as HTMLInputElement).checked).toBe(true);
    await userEvent.selectOptions(within(panel).getByLabelText('年份'), '2025');
    await userEvent.selectOptions(within(panel).getByLabelText('月份'), '3');
    await userEvent.click(within(panel).getByRole('button', { name: '开始核算' }));
    const done = await within(panel).findByTestId('run-assessment-done');
    expect(done.textContent).toContain('核算完成');
    expect(within(done).getByRole('link', { name: '查看 2025-03 考核结果' }).getAttribute('href')).toBe(`/pollution/compensation/assessments/${encodeURIComponent('Q29tcGVuc2F0aW9uQXNzZXNzbWVudDphLTIwMjUtMDM=')}`);
    expect(variablesOf(seen.find((r) => r.body.operationName === 'RunCompensationAssessment') as SeenRequest)).toEqual({
      input: { agreementCode: 'henan-shandong-yellow-2', period: { kind: 'MONTHLY', year: 2025, month: 3 } },
    });
  });

  it('sends an officially published class with its source, which it requires, and says when the result is reused', async () => {
    const seen = gateway(() => ran(true));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: agreementPage });
    const panel = await screen.findByRole('region', { name: '核算一期补偿' });
    await userEvent.click(within(panel).getByRole('radio', { name: '年度' }));
    await userEvent.click(within(panel).getByRole('checkbox', { name: /采用官方公布的水质类别/ }));
    await userEvent.selectOptions(within(panel).getByLabelText('官方公布的类别'), 'II');
    await userEvent.click(within(panel).getByRole('button', { name: '开始核算' }));
    expect((await within(panel).findByRole('alert')).textContent).toBe('请填写公布来源。');
    expect(seen.filter((r) => r.body.operationName === 'RunCompensationAssessment')).toHaveLength(0);
    await userEvent.type(within(panel).getByLabelText('公布来源'), '2025 年国家地表水考核断面水质公报');
    await userEvent.click(within(panel).getByRole('button', { name: '开始核算' }));
    expect((await within(panel).findByTestId('run-assessment-done')).textContent).toContain('相同输入的核算结果已存在');
    const input = variablesOf(seen.find((r) => r.body.operationName === 'RunCompensationAssessment') as SeenRequest)['input'] as Record<string, unknown>;
    expect(input['officialClass']).toEqual({ waterClass: 'II', source: '2025 年国家地表水考核断面水质公报' });
    expect(input['period']).toMatchObject({ kind: 'ANNUAL' });
  });

  it('lists the service’s reasons when the period cannot be assessed', async () => {
    gateway(() => errorAnswer('VALIDATION_FAILED', 'Invalid input.', { problems: [{ field: 'input.period', reason: 'no readings of COD at the section in 2025-03' }] }));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: agreementPage });
    const panel = await screen.findByRole('region', { name: '核算一期补偿' });
    await userEvent.click(within(panel).getByRole('button', { name: '开始核算' }));
    const problems = await within(panel).findByTestId('run-assessment-problems');
    expect(problems.textContent).toContain('未能核算，原因如下：');
    expect(problems.textContent).toContain('no readings of COD at the section in 2025-03');
  });

  it('is not offered to a province that is not a party', async () => {
    gateway(() => ran(false));
    renderApp({ status: 'signed-in', user: demoUser('anhui.environment', '340000', '安徽省生态环境厅', ['environment']) }, { path: agreementPage });
    expect(await screen.findByRole('heading', { level: 1, name: AGREEMENT.nameZh })).toBeTruthy();
    expect(screen.queryByRole('region', { name: '核算一期补偿' })).toBeNull();
  });
});
