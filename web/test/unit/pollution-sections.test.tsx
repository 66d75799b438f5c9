import { act, cleanup, renderHook, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { thresholdsFor } from '../../src/pollution/sections/gb3838.data.ts';
import { SECTION_NOTES_ZH } from '../../src/pollution/sections/section-notes.zh.ts';
import { niceTicks } from '../../src/pollution/sections/readings-chart.view.tsx';
import { useSectionReadings, type SectionReadingsState } from '../../src/pollution/sections/use-section-readings.ts';
import { createGraphqlClient } from '../../src/graphql/graphql.client.ts';
import { HENAN_ENVIRONMENT } from './support/fake-auth.ts';
import { renderApp, stubGateway, TEST_GATEWAY_URL, type SeenRequest } from './support/render-app.tsx';
import { errorAnswer } from './pollution-cases.fixtures.ts';
import { pushStream, type PushStream } from './pollution-alerts.fixtures.ts';

const variablesOf = (request: SeenRequest) => (request.body as { variables?: Record<string, unknown> }).variables ?? {};

const LIUZHUANG_FACTS = {
  id: 'TW9uaXRvcmluZ1NlY3Rpb246eWVsbG93LWxpdXpodWFuZw',
  code: 'yellow-liuzhuang',
  nameZh: '刘庄',
  nameEn: 'Liuzhuang',
  riverCode: 'yellow',
  riverNameZh: '黄河',
  riverNameEn: 'Yellow River',
  nationalControl: true,
  targetClass: 'III',
  waterBodyType: 'RIVER',
  upstreamProvinces: ['410000'],
  downstreamProvinces: ['370000'],
  upstreamCities: ['410900'],
  downstreamCities: ['371700'],
  sourceKind: 'domain-notes',
  sourceNote: '刘庄国控断面，豫鲁省界',
};

const count = (totalCount: number | null | undefined) => (totalCount === null ? null : { totalCount: totalCount ?? 0 });

function overview(counts: Partial<Record<'cod' | 'codMn' | 'nh3n' | 'tp' | 'tn' | 'benzene', number | null>>) {
  return {
    body: {
      data: {
        pollutionSection: {
          ...LIUZHUANG_FACTS,
          cod: count(counts.cod),
          codMn: count(counts.codMn),
          nh3n: count(counts.nh3n),
          tp: count(counts.tp),
          tn: count(counts.tn),
          benzene: count(counts.benzene),
        },
      },
    },
  };
}

function readingsPage(nodes: Array<{ sampledAt: string; valueMgL: string; waterClass: string | null; exceedsTarget: boolean }>, next: string | null, total: number) {
  return {
    body: {
      data: {
        pollutionSection: {
          id: LIUZHUANG_FACTS.id,
          readings: { totalCount: total, pageInfo: { hasNextPage: next !== null, endCursor: next }, edges: nodes.map((node) => ({ node: { ...node, batchId: 'batch-1' } })) },
        },
      },
    },
  };
}

describe('GB 3838-2002 thresholds for the chart', () => {
  it('gives the five class limits, merging classes that share one, and marks the target', () => {
    const cod = thresholdsFor('COD', 'RIVER', 'III');
    expect(cod).toEqual({
      kind: 'classes',
      lines: [
        { classes: ['I', 'II'], limit: '15', target: false },
        { classes: ['III'], limit: '20', target: true },
        { classes: ['IV'], limit: '30', target: false },
        { classes: ['V'], limit: '40', target: false },
      ],
    });
  });

  it('uses the lake limits for total phosphorus, a single limit for benzene, and none for total nitrogen in a river', () => {
    const tp = thresholdsFor('TP', 'LAKE_RESERVOIR', 'II');
    expect(tp.kind === 'classes' && tp.lines.map((l) => [l.limit, l.target])).toEqual([
      ['0.01', false],
      ['0.025', true],
      ['0.05', false],
      ['0.1', false],
      ['0.2', false],
    ]);
    expect(thresholdsFor('benzene', 'RIVER', 'III')).toEqual({ kind: 'specific', limit: '0.01' });
    expect(thresholdsFor('TN', 'RIVER', 'III')).toEqual({ kind: 'none' });
  });

  it('chooses round axis ticks', () => {
    expect(niceTicks(22)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(niceTicks(0.05)).toEqual([0, 0.01, 0.02, 0.03, 0.04, 0.05]);
  });
});

describe('the monitoring sections', () => {
  it('lists the sections with river, provinces on each side and target class', async () => {
    stubGateway(() => ({ body: { data: { pollutionSections: [LIUZHUANG_FACTS] } } }));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/sections' });
    const table = await screen.findByRole('table', { name: '跨界监测断面' });
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(row).getByRole('link', { name: '刘庄' }).getAttribute('href')).toBe('/pollution/sections/yellow-liuzhuang');
    expect(row.textContent).toContain('国控');
    expect(row.textContent).toContain('黄河');
    expect(row.textContent).toContain('河南省');
    expect(row.textContent).toContain('山东省');
    expect(row.textContent).toContain('Ⅲ类');
  });

  it('charts a parameter against the class limits with the target highlighted, reading every page, with the same data as a table', async () => {
    const seen = stubGateway((request) => {
      if (request.body.operationName === 'MonitoringSectionOverview') return overview({ cod: 3, nh3n: 0, benzene: 2 });
      const after = variablesOf(request)['after'];
      if (variablesOf(request)['parameter'] === 'benzene')
        return readingsPage(
          [
            { sampledAt: '2026-11-19T04:00:00Z', valueMgL: '0.004', waterClass: null, exceedsTarget: false },
            { sampledAt: '2026-11-19T08:00:00Z', valueMgL: '0.086', waterClass: null, exceedsTarget: true },
          ],
          null,
          2,
        );
      if (after === 'page-2')
        return readingsPage([{ sampledAt: '2026-11-20T00:00:00Z', valueMgL: '22.5', waterClass: 'IV', exceedsTarget: true }], null, 3);
      return readingsPage(
        [
          { sampledAt: '2026-11-18T00:00:00Z', valueMgL: '14', waterClass: 'I', exceedsTarget: false },
          { sampledAt: '2026-11-19T00:00:00Z', valueMgL: '18.2', waterClass: 'III', exceedsTarget: false },
        ],
        'page-2',
        3,
      );
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/sections/yellow-liuzhuang' });
    expect(await screen.findByRole('heading', { level: 1, name: /刘庄断面/ })).toBeTruthy();
    expect(screen.getByText('河南省（濮阳市）')).toBeTruthy();

    const chart = await screen.findByRole('img', { name: /化学需氧量（COD）浓度变化与 GB 3838-2002 类别限值/ });
    const thresholds = [...chart.querySelectorAll('[data-threshold]')].map((g) => [g.getAttribute('data-threshold'), g.getAttribute('data-target'), g.textContent]);
    expect(thresholds).toEqual([
      ['15', null, 'Ⅰ类/Ⅱ类 15'],
      ['20', 'true', 'Ⅲ类 目标 20'],
    ]);
    expect(chart.querySelectorAll('circle')).toHaveLength(3);
    expect(chart.querySelectorAll('circle.chart-point-exceeds')).toHaveLength(1);
    expect(screen.getByText(/最新：22.5 mg\/L/)).toBeTruthy();

    const table = screen.getByTestId('readings-table');
    const rows = within(table).getAllByRole('row').slice(1) as HTMLElement[];
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual(['14', '18.2', '22.5']);
    expect(rows[2]?.textContent).toContain('超标');
    const pages = seen.filter((request) => request.body.operationName === 'MonitoringSectionReadings');
    expect(pages.map((request) => variablesOf(request)['after'])).toEqual([null, 'page-2']);
    expect(variablesOf(pages[0] as SeenRequest)).toMatchObject({ code: 'yellow-liuzhuang', parameter: 'COD', first: 100 });

    // Parameters without readings in the period are not offered; benzene has a single limit.
    const group = screen.getByRole('group', { name: '监测指标' });
    expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual(['化学需氧量（COD） (3 条)', '苯 (2 条)']);
    await userEvent.click(within(group).getByRole('button', { name: /苯/ }));
    await waitFor(() => expect(window.location.search).toBe('?parameter=benzene'));
    const benzene = await screen.findByRole('img', { name: /苯浓度变化/ });
    expect([...benzene.querySelectorAll('[data-threshold]')].map((g) => g.textContent)).toEqual(['标准限值 0.01']);
    // The first benzene chart drawn holds benzene's readings, never COD's left over from before the switch.
    expect(benzene.querySelectorAll('circle')).toHaveLength(2);
    expect(benzene.querySelectorAll('circle.chart-point-exceeds')).toHaveLength(1);
  });

  it('never answers a new parameter with the previous parameter\'s readings, not even for one render', async () => {
    stubGateway((request) =>
      readingsPage([{ sampledAt: '2026-11-19T08:00:00Z', valueMgL: String(variablesOf(request)['parameter'] === 'benzene' ? '0.086' : '14'), waterClass: null, exceedsTarget: false }], null, 1),
    );
    const client = createGraphqlClient({ url: TEST_GATEWAY_URL, accessToken: async () => 'token-1' });
    const wrapper = ({ children }: { children: ReactNode }) => <UrqlProvider value={client}>{children}</UrqlProvider>;
    // Every render's answer, with the parameter it was rendered for: a chart is drawn from each of them.
    const renders: Array<{ parameter: string; state: SectionReadingsState }> = [];
    const { rerender } = renderHook(
      ({ parameter }: { parameter: string }) => {
        const answer = useSectionReadings('yellow-liuzhuang', parameter, '2026-11-01T00:00:00Z');
        renders.push({ parameter, state: answer.state });
        return answer;
      },
      { wrapper, initialProps: { parameter: 'COD' } },
    );
    await waitFor(() => expect(renders.at(-1)?.state.status).toBe('done'));
    rerender({ parameter: 'benzene' });
    await waitFor(() => expect(renders.at(-1)?.state.status).toBe('done'));
    const values = (state: SectionReadingsState) => (state.status === 'done' ? state.readings.map((r) => r.valueMgL) : []);
    expect(renders.filter((r) => r.parameter === 'COD' && r.state.status === 'done').map((r) => values(r.state))).toContainEqual(['14']);
    expect(renders.filter((r) => r.parameter === 'benzene').map((r) => values(r.state)).filter((v) => v.length > 0)).toEqual(
      renders.filter((r) => r.parameter === 'benzene' && r.state.status === 'done').map(() => ['0.086']),
    );
  });

  it('names the cities (the code only for a city it does not know), the heading through i18n, and the source note in the reader\'s language or labelled as the original', async () => {
    const note = SECTION_NOTES_ZH['yellow-liuzhuang']?.original ?? '';
    let facts: Record<string, unknown> = { ...LIUZHUANG_FACTS, downstreamCities: ['371700', '379900'], sourceNote: note };
    stubGateway(() => ({ body: { data: { pollutionSection: { ...facts, cod: null, codMn: null, nh3n: null, tp: null, tn: null, benzene: null } } } }));
    const { i18n } = renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/sections/yellow-liuzhuang' });
    expect(await screen.findByRole('heading', { level: 1, name: '刘庄断面国控' })).toBeTruthy();
    await waitFor(() => expect(document.title).toContain('刘庄断面'));
    expect(screen.getByText('河南省（濮阳市）')).toBeTruthy();
    expect(screen.getByText('山东省（菏泽市、城市代码 379900）')).toBeTruthy();
    // The service's English note, in Chinese: no English sentence in the Chinese page.
    const rendered = screen.getByText(/豫鲁两省黄河流域横向生态补偿协议的国控断面/);
    expect(rendered.getAttribute('lang')).toBe('zh-CN');
    expect(screen.queryByText(note)).toBeNull();

    await act(() => i18n.changeLanguage('en'));
    expect(await screen.findByRole('heading', { level: 1, name: /^Liuzhuang section/ })).toBeTruthy();
    expect(screen.getByText('Henan (Puyang)')).toBeTruthy();
    expect(screen.getByText(note).getAttribute('lang')).toBe('en');
    await act(() => i18n.changeLanguage('zh-CN'));

    // A note the rendering was not made from (the service corrected it) is shown as the source's original, labelled so.
    facts = { ...facts, sourceNote: 'national control section; cities to be confirmed.' };
    cleanup();
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/sections/yellow-liuzhuang' });
    const original = await screen.findByText('national control section; cities to be confirmed.');
    expect(original.getAttribute('lang')).toBe('en');
    expect(original.parentElement?.textContent).toBe('资料原文（英文）：national control section; cities to be confirmed.');
  });

  it('follows uploads at the section live: says who uploaded what and redraws the chart without going blank', async () => {
    const streams: PushStream[] = [];
    let uploaded = false;
    const seen = stubGateway((request, signal) => {
      const name = request.body.operationName;
      if (name === 'MonitoringSectionReadingsRecorded') {
        const stream = pushStream(signal);
        streams.push(stream);
        return stream.response;
      }
      if (name === 'MonitoringSectionOverview') return overview({ cod: uploaded ? 2 : 1 });
      const first = { sampledAt: '2026-11-18T00:00:00Z', valueMgL: '14', waterClass: 'I', exceedsTarget: false };
      const second = { sampledAt: '2026-11-20T00:00:00Z', valueMgL: '24.5', waterClass: 'IV', exceedsTarget: true };
      return readingsPage(uploaded ? [first, second] : [first], null, uploaded ? 2 : 1);
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/sections/yellow-liuzhuang' });
    const chart = await screen.findByRole('img', { name: /化学需氧量/ });
    expect(chart.querySelectorAll('circle')).toHaveLength(1);
    await waitFor(() => expect(streams).toHaveLength(1));
    expect(variablesOf(seen.find((r) => r.body.operationName === 'MonitoringSectionReadingsRecorded') as SeenRequest)).toEqual({ sectionCode: 'yellow-liuzhuang' });
    uploaded = true;
    streams[0]?.push({
      data: { readingsRecorded: { eventId: 'r-1', sectionCode: 'yellow-liuzhuang', batchId: 'b-2', count: 1, exceedanceCount: 1, submittingProvince: '370000', occurredAt: '2026-11-20T02:00:00Z' } },
    });
    await waitFor(() => expect(screen.getByRole('img', { name: /化学需氧量/ }).querySelectorAll('circle')).toHaveLength(2));
    expect(screen.getByRole('img', { name: /化学需氧量/ }).querySelectorAll('circle.chart-point-exceeds')).toHaveLength(1);
    expect(screen.getByTestId('section-announcement').textContent).toBe('2026/11/20 10:00 山东省上报了 1 条监测数据，其中超标 1 条；图表已更新。');
    expect(screen.getByRole('button', { name: /化学需氧量（COD） \(2 条\)/ })).toBeTruthy();
  });

  it('says readings are for the section provinces\' environmental bureaus when the gateway withholds them', async () => {
    stubGateway(() => overview({ cod: null, codMn: null, nh3n: null, tp: null, tn: null, benzene: null }));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/sections/yellow-liuzhuang' });
    expect(await screen.findByText(/监测数据仅对断面所在省份的生态环境部门/)).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('shows "not found" for a section code the gateway does not know', async () => {
    stubGateway(() => errorAnswer('NOT_FOUND'));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/sections/nowhere' });
    expect(await screen.findByRole('heading', { level: 1, name: '未找到该记录' })).toBeTruthy();
  });

  it('explains a failed read of the readings with a retry', async () => {
    let failing = true;
    stubGateway((request) => {
      if (request.body.operationName === 'MonitoringSectionOverview') return overview({ cod: 1 });
      return failing ? errorAnswer('TIMEOUT') : readingsPage([{ sampledAt: '2026-11-18T00:00:00Z', valueMgL: '14', waterClass: 'I', exceedsTarget: false }], null, 1);
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/sections/yellow-liuzhuang' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('请求处理超时');
    failing = false;
    await userEvent.click(within(alert).getByRole('button', { name: '重试' }));
    expect(await screen.findByRole('img', { name: /化学需氧量/ })).toBeTruthy();
  });
});
