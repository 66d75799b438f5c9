import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fieldOfProblem, lastDayOfMonth } from '../../src/pollution/compensation/agreement-version.page.tsx';
import { basisPointsToPercent, fenToYuanText, percentToBasisPoints, yuanToFen } from '../../src/pollution/compensation/money.format.ts';
import { demoUser, HENAN_ENVIRONMENT } from './support/fake-auth.ts';
import { renderApp, stubGateway, type SeenRequest } from './support/render-app.tsx';
import { errorAnswer } from './pollution-cases.fixtures.ts';

const variablesOf = (request: SeenRequest) => (request.body as { variables?: Record<string, unknown> }).variables ?? {};
const money = (fen: string) => ({ fen });

// Version 2 of an agreement with two downstream parties, so shares below 100% and their sum are exercised.
const AGREEMENT = {
  id: 'Q29tcGVuc2F0aW9uQWdyZWVtZW50OmhlbmFuLXNoYW5kb25nLXllbGxvdy0yQDI',
  code: 'henan-shandong-yellow-2',
  version: 2,
  nameZh: '豫鲁黄河流域横向生态保护补偿协议（第二轮）',
  nameEn: 'Henan–Shandong Yellow River horizontal ecological compensation agreement (round 2)',
  validFrom: '2023-01-01',
  validTo: '2025-12-31',
  settlement: 'annual',
  standardId: 'GB 3838-2002',
  fenRounding: 'half-away-from-zero',
  waterBodyType: 'RIVER',
  section: { id: 'TW9uaXRvcmluZ1NlY3Rpb246eWVsbG93LWxpdXpodWFuZw', code: 'yellow-liuzhuang', nameZh: '刘庄', nameEn: 'Liuzhuang', riverNameZh: '黄河', riverNameEn: 'Yellow River' },
  parties: [
    { province: '410000', role: 'UPSTREAM', shareBasisPoints: 10000 },
    { province: '370000', role: 'DOWNSTREAM', shareBasisPoints: 6000 },
    { province: '320000', role: 'DOWNSTREAM', shareBasisPoints: 4000 },
  ],
  classPayment: { period: 'MONTHLY', baselineClass: 'III', parameters: ['COD', 'NH3-N', 'TP'], amountPerClassStep: money('600000000'), capPerPeriod: null },
  changePayment: {
    period: 'ANNUAL',
    pollutants: ['COD', 'NH3-N', 'TP', 'TN'],
    indexFormula: 'mean-ratio-to-class-iii-limit',
    comparison: 'same-period-previous-year',
    changeMeasure: 'relative-percent',
    pointRoundingDecimals: 0,
    pointRoundingMode: 'toward-zero',
    amountPerPoint: money('100000000'),
    capPerPeriod: money('4000000000'),
  },
  provenance: [{ field: 'classPayment.amountPerClassStepFen', source: 'inferred', note: '按年 6000 万元折算为按月' }],
};

const FORM = '/pollution/compensation/agreements/henan-shandong-yellow-2/new-version';
const AGREEMENT_PAGE = '/pollution/compensation/agreements/henan-shandong-yellow-2';

/** A gateway holding the agreement; the mutation's answer is the test's, and a recorded version becomes the newest. */
function gateway(answer: (request: SeenRequest) => { body: unknown } = (request) => recorded(request)): SeenRequest[] {
  let newest: unknown = AGREEMENT;
  return stubGateway((request) => {
    if (request.body.operationName === 'RecordCompensationAgreementVersion') {
      const reply = answer(request);
      const data = (reply.body as { data?: { recordCompensationAgreementVersion?: { agreement: unknown } } | null }).data;
      if (data?.recordCompensationAgreementVersion) newest = data.recordCompensationAgreementVersion.agreement;
      return reply;
    }
    const version = variablesOf(request)['version'];
    return { body: { data: { compensationAgreement: version === 1 ? { ...AGREEMENT, version: 1 } : version === 2 ? AGREEMENT : newest } } };
  });
}

/** The service's answer: the terms sent, recorded as version 3. */
function recorded(request: SeenRequest) {
  const input = variablesOf(request)['input'] as { version: number; reason: string };
  return { body: { data: { recordCompensationAgreementVersion: { previousVersion: 2, agreement: { ...AGREEMENT, id: 'v3', version: input.version } } } } };
}

const mutations = (seen: SeenRequest[]) => seen.filter((r) => r.body.operationName === 'RecordCompensationAgreementVersion');

async function replace(label: string | RegExp, value: string) {
  const input = screen.getByLabelText(label);
  await userEvent.clear(input);
  if (value) await userEvent.type(input, value);
}

/** The error shown next to a control, through its aria-describedby. */
function errorOf(control: HTMLElement): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id.endsWith('-error'));
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('yuan and percent typed, fen and basis points sent', () => {
  it('converts yuan to whole fen by its digits, however large', () => {
    expect(yuanToFen('60,000,000.00')).toBe('6000000000');
    expect(yuanToFen('60000000')).toBe('6000000000');
    expect(yuanToFen('0.5')).toBe('50');
    expect(yuanToFen('0.05')).toBe('5');
    expect(yuanToFen('0')).toBe('0');
    expect(yuanToFen(' 1,234.56 ')).toBe('123456');
    // Past Number.MAX_SAFE_INTEGER fen a float would be off by a fen or two; digits are not.
    expect(yuanToFen('90,071,992,547,409.93')).toBe('9007199254740993');
    for (const bad of ['-1', '1.234', '1,23', '12,3456.00', '1e6', '', '¥5', '1.']) expect(yuanToFen(bad)).toBeNull();
  });

  it('shows fen as yuan for editing, so the same text sends the same fen', () => {
    expect(fenToYuanText('6000000000')).toBe('60,000,000.00');
    expect(fenToYuanText('5')).toBe('0.05');
    expect(yuanToFen(fenToYuanText('9007199254740993'))).toBe('9007199254740993');
  });

  it('converts percentages to basis points exactly, and back', () => {
    expect(percentToBasisPoints('100')).toBe(10000);
    expect(percentToBasisPoints('33.33')).toBe(3333);
    expect(percentToBasisPoints('0.07')).toBe(7);
    expect(percentToBasisPoints('25.5')).toBe(2550);
    // 0.29 * 100 is 28.999999999999996 in floating point.
    expect(percentToBasisPoints('0.29')).toBe(29);
    for (const bad of ['100.01', '101', '-5', '33.333', 'abc', '']) expect(percentToBasisPoints(bad)).toBeNull();
    expect(basisPointsToPercent(3333)).toBe('33.33');
    expect(basisPointsToPercent(2550)).toBe('25.5');
    expect(basisPointsToPercent(10000)).toBe('100');
  });

  it('ends validity on the last day of the month, and places the gateway’s paths on the form’s fields', () => {
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2026-12')).toBe('2026-12-31');
    const fields = ['parties[1].shareBasisPoints', 'classPayment.parameters', 'changePayment.pointRoundingMode', 'validFrom'];
    expect(fieldOfProblem('input.parties[1].shareBasisPoints', fields)).toBe('parties[1].shareBasisPoints');
    expect(fieldOfProblem('input.parties[1].role', fields)).toBe('parties[1].shareBasisPoints');
    expect(fieldOfProblem('input.classPayment.parameters[2]', fields)).toBe('classPayment.parameters');
    expect(fieldOfProblem('input.changePayment.pointRounding.mode', fields)).toBe('changePayment.pointRoundingMode');
    expect(fieldOfProblem('input.sectionCode', fields)).toBeNull();
  });
});

describe('recording a new version of an agreement', () => {
  it('starts from the newest version’s terms, as the next version', async () => {
    gateway();
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: FORM });
    expect(await screen.findByRole('heading', { level: 1, name: '记录协议新版本' })).toBeTruthy();
    expect(screen.getByTestId('new-version').textContent).toBe('第 3 版');
    const value = (label: string | RegExp) => (screen.getByLabelText(label) as HTMLInputElement).value;
    expect(value(/^记录理由/)).toBe('');
    expect(value(/^生效月份/)).toBe('2023-01');
    expect(value(/^截止月份/)).toBe('2025-12');
    expect(value(/^中文名称/)).toBe(AGREEMENT.nameZh);
    expect(value(/^英文名称/)).toBe(AGREEMENT.nameEn);
    expect(value(/^河南省（上游）分担比例/)).toBe('100');
    expect(value(/^山东省（下游）分担比例/)).toBe('60');
    expect(value(/^江苏省（下游）分担比例/)).toBe('40');
    expect(value(/^每相差一个类别的金额/)).toBe('6,000,000.00');
    expect(value(/^每个百分点的金额/)).toBe('1,000,000.00');
    const [classCap, changeCap] = screen.getAllByLabelText(/^每期上限/) as HTMLInputElement[];
    expect(classCap?.value).toBe('');
    expect(changeCap?.value).toBe('40,000,000.00');
    expect(value(/^基准类别/)).toBe('III');
    expect(value(/^点数取整方式/)).toBe('toward-zero');
    expect(value(/^分位取整/)).toBe('half-away-from-zero');
    const classPart = screen.getByRole('group', { name: /^水质类别补偿/ });
    expect((within(classPart).getByLabelText(/^考核周期/) as HTMLSelectElement).value).toBe('MONTHLY');
    const checked = within(within(classPart).getByRole('group', { name: /^评价指标/ })).getAllByRole('checkbox').filter((box) => (box as HTMLInputElement).checked);
    expect(checked.map((box) => (box as HTMLInputElement).value)).toEqual(['COD', 'NH3-N', 'TP']);
  });

  it('sends yuan as whole fen, percentages as basis points and months as whole days, then shows the new version', async () => {
    const seen = gateway();
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: FORM });
    await screen.findByRole('heading', { level: 1, name: '记录协议新版本' });
    await userEvent.type(screen.getByLabelText(/^记录理由/), '  按第二次联席会议纪要更正分担比例和金额  ');
    await replace(/^截止月份/, '2026-02');
    await replace(/^山东省（下游）分担比例/, '33.33');
    await replace(/^江苏省（下游）分担比例/, '66.67');
    await replace(/^每相差一个类别的金额/, '60,000,000.00');
    const [classCap] = screen.getAllByLabelText(/^每期上限/) as HTMLInputElement[];
    await userEvent.type(classCap as HTMLInputElement, '90071992547409.93');
    await replace(/^每个百分点的金额/, '0.29');
    await userEvent.click(within(screen.getByRole('group', { name: /^关键污染物/ })).getByRole('checkbox', { name: '总氮（TN）' }));
    await userEvent.click(screen.getByRole('button', { name: '保存为第 3 版' }));

    expect(await screen.findByRole('heading', { level: 1, name: AGREEMENT.nameZh })).toBeTruthy();
    expect(window.location.pathname).toBe(AGREEMENT_PAGE);
    // The page reads the agreement again (the recorded version is the newest now) and says so once it shows it.
    expect((await screen.findByTestId('version-recorded')).textContent).toBe('已记录第 3 版，下面显示的就是它。');
    expect(within(screen.getByRole('combobox', { name: '协议版本' })).getAllByRole('option').map((o) => o.textContent)).toEqual(['第 3 版', '第 2 版', '第 1 版']);

    const sent = mutations(seen);
    expect(sent).toHaveLength(1);
    expect(variablesOf(sent[0] as SeenRequest)['input']).toEqual({
      agreementCode: 'henan-shandong-yellow-2',
      version: 3,
      reason: '按第二次联席会议纪要更正分担比例和金额',
      validFrom: '2023-01-01',
      validTo: '2026-02-28',
      nameZh: AGREEMENT.nameZh,
      nameEn: AGREEMENT.nameEn,
      sectionCode: 'yellow-liuzhuang',
      standardId: 'GB 3838-2002',
      waterBodyType: 'RIVER',
      parties: [
        { province: '410000', role: 'UPSTREAM', shareBasisPoints: 10000 },
        { province: '370000', role: 'DOWNSTREAM', shareBasisPoints: 3333 },
        { province: '320000', role: 'DOWNSTREAM', shareBasisPoints: 6667 },
      ],
      classPayment: { period: 'MONTHLY', baselineClass: 'III', parameters: ['COD', 'NH3-N', 'TP'], amountPerClassStepFen: '6000000000', capPerPeriodFen: '9007199254740993' },
      changePayment: {
        period: 'ANNUAL',
        pollutants: ['COD', 'NH3-N', 'TP'],
        indexFormula: 'mean-ratio-to-class-iii-limit',
        comparison: 'same-period-previous-year',
        changeMeasure: 'relative-percent',
        pointRoundingDecimals: 0,
        pointRoundingMode: 'toward-zero',
        amountPerPointFen: '29',
        capPerPeriodFen: '4000000000',
      },
      settlement: 'annual',
      fenRounding: 'half-away-from-zero',
      provenance: [{ field: 'classPayment.amountPerClassStepFen', source: 'inferred', note: '按年 6000 万元折算为按月' }],
    });
  });

  it('refuses a side whose shares do not sum to 100%, and other mistakes, before sending: each next to its field and in a summary that takes focus', async () => {
    const seen = gateway();
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: FORM });
    await screen.findByRole('heading', { level: 1, name: '记录协议新版本' });
    await replace(/^山东省（下游）分担比例/, '50');
    await replace(/^每相差一个类别的金额/, '1.234');
    await replace(/^生效月份/, '2023-1');
    await userEvent.click(screen.getByRole('button', { name: '保存为第 3 版' }));

    const summary = await screen.findByTestId('error-summary');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(within(summary).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '记录理由：请填写此项。',
      '生效月份：请按 YYYY-MM 填写年月，如 2026-01。',
      '各方分担比例：下游各方比例合计 90%，须为 100%。',
      '每相差一个类别的金额（元）：请填写不为负的金额（元），最多两位小数，如 60,000,000.00。',
    ]);
    const parties = screen.getByRole('group', { name: '各方分担比例' });
    expect(errorOf(parties)).toBe('下游各方比例合计 90%，须为 100%。');
    const amount = screen.getByLabelText(/^每相差一个类别的金额/);
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(amount)).toBe('请填写不为负的金额（元），最多两位小数，如 60,000,000.00。');
    expect(screen.getByLabelText(/^记录理由/).getAttribute('aria-invalid')).toBe('true');
    expect(mutations(seen)).toHaveLength(0);

    // A summary link takes the user to the field.
    await userEvent.click(within(summary).getByRole('link', { name: /^每相差一个类别的金额/ }));
    expect(document.activeElement).toBe(amount);
  });

  it('shows the gateway’s problems next to the fields their input paths name, and the rest in the summary', async () => {
    gateway(() =>
      errorAnswer('VALIDATION_FAILED', 'Invalid input.', {
        problems: [
          { field: 'input.parties[1].shareBasisPoints', reason: 'must be a whole number of basis points from 1 to 10000' },
          { field: 'input.classPayment.amountPerClassStepFen', reason: 'must have at most 18 digits' },
          { field: 'input.validFrom', reason: 'must not begin after a gap: version 2 ends 2025-12-31; a later round is a new agreement (a new id)' },
          { field: 'input.version', reason: 'must be 4: versions only go up, one at a time, and the newest is 3' },
        ],
      }),
    );
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: FORM });
    await screen.findByRole('heading', { level: 1, name: '记录协议新版本' });
    await userEvent.type(screen.getByLabelText(/^记录理由/), '更正');
    await userEvent.click(screen.getByRole('button', { name: '保存为第 3 版' }));

    const summary = await screen.findByTestId('error-summary');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    const shandong = screen.getByLabelText(/^山东省（下游）分担比例/);
    expect(shandong.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(shandong)).toBe('服务未接受：英文原文：must be a whole number of basis points from 1 to 10000');
    expect(screen.getByLabelText(/^江苏省（下游）分担比例/).getAttribute('aria-invalid')).toBeNull();
    expect(errorOf(screen.getByLabelText(/^每相差一个类别的金额/))).toBe('服务未接受：英文原文：must have at most 18 digits');
    expect(errorOf(screen.getByLabelText(/^生效月份/))).toContain('must not begin after a gap');
    const items = within(summary).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toHaveLength(4);
    expect(items[0]).toMatch(/^生效月份：/);
    expect(items[1]).toMatch(/^山东省（下游）分担比例（%）：/);
    expect(items[3]).toBe('input.version: must be 4: versions only go up, one at a time, and the newest is 3');
    expect(window.location.pathname).toBe(FORM);
  });

  it('says readably when the gateway refuses for another reason', async () => {
    gateway(() => errorAnswer('FORBIDDEN', 'Forbidden.'));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: FORM });
    await screen.findByRole('heading', { level: 1, name: '记录协议新版本' });
    await userEvent.type(screen.getByLabelText(/^记录理由/), '更正');
    await userEvent.click(screen.getByRole('button', { name: '保存为第 3 版' }));
    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['您没有执行此操作的权限。']);
  });

  it('is offered on the agreement page to a party’s environmental bureau on the newest version only', async () => {
    gateway();
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: AGREEMENT_PAGE });
    const link = await screen.findByRole('link', { name: '记录新版本（更正条款）' });
    expect(link.getAttribute('href')).toBe(FORM);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '协议版本' }), '1');
    await waitFor(() => expect(screen.queryByRole('link', { name: '记录新版本（更正条款）' })).toBeNull());
  });

  it('is not offered to a province that is not a party', async () => {
    gateway();
    renderApp({ status: 'signed-in', user: demoUser('anhui.environment', '340000', '安徽省生态环境厅', ['environment']) }, { path: AGREEMENT_PAGE });
    expect(await screen.findByRole('heading', { level: 1, name: AGREEMENT.nameZh })).toBeTruthy();
    expect(screen.queryByRole('link', { name: '记录新版本（更正条款）' })).toBeNull();
  });

  it('is not offered to a party province’s liaison office, even one that may read the agreement', async () => {
    gateway();
    // A liaison officer who also observes reaches the page; being no environmental bureau, gets no link.
    renderApp({ status: 'signed-in', user: demoUser('henan.liaison', '410000', '河南省人民政府办公厅', ['liaison', 'observer']) }, { path: AGREEMENT_PAGE });
    expect(await screen.findByRole('heading', { level: 1, name: AGREEMENT.nameZh })).toBeTruthy();
    expect(screen.queryByRole('link', { name: '记录新版本（更正条款）' })).toBeNull();
  });

  it('tells a non-party that opens the form’s address that only the parties record versions', async () => {
    const seen = gateway();
    renderApp({ status: 'signed-in', user: demoUser('anhui.environment', '340000', '安徽省生态环境厅', ['environment']) }, { path: FORM });
    expect(await screen.findByText('只有协议各方的生态环境部门可以为协议记录新版本。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '保存为第 3 版' })).toBeNull();
    expect(mutations(seen)).toHaveLength(0);
  });
});
