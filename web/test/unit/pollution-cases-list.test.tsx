import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { HENAN_ENVIRONMENT } from './support/fake-auth.ts';
import { renderApp, sseResponse, stubGateway, type SeenRequest } from './support/render-app.tsx';
import { caseListAnswer, caseRow, errorAnswer, HENAN_LIAISON, SECTIONS_ANSWER } from './pollution-cases.fixtures.ts';

const variablesOf = (request: SeenRequest) => (request.body as { variables?: Record<string, unknown> }).variables ?? {};
const listRequests = (seen: SeenRequest[]) => seen.filter((request) => request.body.operationName === 'PollutionCaseList');
const idle = (signal: AbortSignal | undefined) => sseResponse([], { keepOpen: true, ...(signal ? { signal } : {}) });

const OPENED_EVENT = {
  data: {
    caseUpdated: {
      eventId: 'event-7',
      caseId: 'case-9',
      change: 'OPENED',
      state: 'REPORTED',
      previousState: null,
      title: '新报告的案件',
      province: '370000',
      occurredAt: '2026-11-22T02:00:00Z',
    },
  },
};

/** An open event stream that sends its events once `ready` resolves. */
function delayedEvents(ready: Promise<void>, payloads: unknown[], signal: AbortSignal | undefined): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      void ready.then(() => {
        payloads.forEach((payload, index) => controller.enqueue(encoder.encode(`id: d${index}\nevent: next\ndata: ${JSON.stringify(payload)}\n\n`)));
      });
      signal?.addEventListener('abort', () => {
        try {
          controller.close();
        } catch {
          // Already closed.
        }
      });
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
}

describe('the case list', () => {
  it('lists cases of one mode with section, parties, state and counts, and filters by state and section', async () => {
    const seen = stubGateway((request, signal) => {
      if (request.body.operationName === 'PollutionCaseSections') return SECTIONS_ANSWER;
      if (request.body.operationName === 'PollutionCaseUpdates') return idle(signal);
      const variables = variablesOf(request);
      if (variables['states']) return caseListAnswer([caseRow(2, { state: 'REPORTED', title: '已报告的案件' })]);
      return caseListAnswer([caseRow(1), caseRow(2, { state: 'CLOSED', title: '已结案的案件' })]);
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/cases' });
    expect(await screen.findByRole('heading', { level: 1, name: '污染案件' })).toBeTruthy();
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const first = rows[0] as HTMLElement;
    expect(within(first).getByRole('link', { name: '黄河刘庄断面案件 1' }).getAttribute('href')).toBe(`/pollution/cases/${caseRow(1).id}`);
    expect(first.textContent).toContain('刘庄断面（黄河）');
    expect(first.textContent).toContain('河南省、山东省');
    expect(first.textContent).toContain('联合执法中');
    expect(first.textContent).toContain('超标 7 条，执法行动 2 项，证据 2 份');
    expect(first.textContent).toContain('报告省份：河南省');
    expect(within(rows[1] as HTMLElement).getByText('已结案')).toBeTruthy();
    expect(listRequests(seen)[0] && variablesOf(listRequests(seen)[0] as SeenRequest)).toMatchObject({ mode: 'ACTUAL', states: null, sectionCode: null, first: 20, after: null });

    await userEvent.click(screen.getByRole('checkbox', { name: '已报告' }));
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2));
    expect(screen.getByRole('link', { name: '已报告的案件' })).toBeTruthy();
    expect(variablesOf(listRequests(seen).at(-1) as SeenRequest)).toMatchObject({ states: ['REPORTED'] });
    expect(window.location.search).toBe('?state=REPORTED');

    await userEvent.selectOptions(screen.getByRole('combobox', { name: '断面' }), 'yellow-liuzhuang');
    await waitFor(() => expect(variablesOf(listRequests(seen).at(-1) as SeenRequest)).toMatchObject({ states: ['REPORTED'], sectionCode: 'yellow-liuzhuang' }));

    await userEvent.click(screen.getByRole('button', { name: '清除筛选' }));
    await waitFor(() => expect(variablesOf(listRequests(seen).at(-1) as SeenRequest)).toMatchObject({ states: null, sectionCode: null }));
  });

  it('switches between real cases and exercises, never mixing them, and follows the chosen mode live', async () => {
    const seen = stubGateway((request, signal) => {
      if (request.body.operationName === 'PollutionCaseSections') return SECTIONS_ANSWER;
      if (request.body.operationName === 'PollutionCaseUpdates') return idle(signal);
      return variablesOf(request)['mode'] === 'EXERCISE' ? caseListAnswer([]) : caseListAnswer([caseRow(1)]);
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/cases' });
    await screen.findByRole('table');
    const group = screen.getByRole('group', { name: '查看实际事件或演练' });
    expect(within(group).getByRole('button', { name: '实际' }).getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(within(group).getByRole('button', { name: '演练' }));
    expect(await screen.findByText('暂无演练案件。')).toBeTruthy();
    expect(screen.getByText(/演练模式：以下均为演练信息/)).toBeTruthy();
    expect(within(group).getByRole('button', { name: '演练' }).getAttribute('aria-pressed')).toBe('true');
    const subscriptions = () => seen.filter((request) => request.body.operationName === 'PollutionCaseUpdates');
    await waitFor(() => expect(subscriptions().map((request) => variablesOf(request)['mode'])).toEqual(['ACTUAL', 'EXERCISE']));
    expect(variablesOf(subscriptions().at(-1) as SeenRequest)).toEqual({ mode: 'EXERCISE', caseId: null });
  });

  it('pages forward with the cursor and back again, showing where it is in the total', async () => {
    const seen = stubGateway((request, signal) => {
      if (request.body.operationName === 'PollutionCaseSections') return SECTIONS_ANSWER;
      if (request.body.operationName === 'PollutionCaseUpdates') return idle(signal);
      const after = variablesOf(request)['after'];
      if (after === 'cursor-page-1') return caseListAnswer([caseRow(21)], { totalCount: 21, hasNextPage: false, endCursor: 'cursor-page-2' });
      return caseListAnswer(Array.from({ length: 20 }, (_, i) => caseRow(i + 1)), { totalCount: 21, hasNextPage: true, endCursor: 'cursor-page-1' });
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/cases' });
    expect((await screen.findByTestId('case-range')).textContent).toBe('第 1–20 件，共 21 件');
    const pager = screen.getByRole('navigation', { name: '分页' });
    expect((within(pager).getByRole('button', { name: '上一页' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(within(pager).getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(screen.getByTestId('case-range').textContent).toBe('第 21–21 件，共 21 件'));
    expect(screen.getByRole('link', { name: '黄河刘庄断面案件 21' })).toBeTruthy();
    expect(variablesOf(listRequests(seen).at(-1) as SeenRequest)).toMatchObject({ after: 'cursor-page-1', first: 20 });
    expect((within(pager).getByRole('button', { name: '下一页' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(within(pager).getByRole('button', { name: '上一页' }));
    await waitFor(() => expect(screen.getByTestId('case-range').textContent).toBe('第 1–20 件，共 21 件'));
  });

  it('refreshes the rows when a case changes and announces it', async () => {
    let listReads = 0;
    let firstListRead: () => void = () => {};
    const listRead = new Promise<void>((resolve) => (firstListRead = resolve));
    stubGateway((request, signal) => {
      if (request.body.operationName === 'PollutionCaseSections') return SECTIONS_ANSWER;
      if (request.body.operationName === 'PollutionCaseUpdates') {
        // The event comes once the page has its first list, so only a re-read can show the new case.
        return delayedEvents(listRead, [OPENED_EVENT], signal);
      }
      listReads += 1;
      if (listReads === 1) {
        setTimeout(firstListRead, 0);
        return caseListAnswer([caseRow(1)]);
      }
      return caseListAnswer([caseRow(9, { title: '新报告的案件', state: 'REPORTED' }), caseRow(1)]);
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/cases' });
    expect(await screen.findByRole('link', { name: '新报告的案件' })).toBeTruthy();
    expect(listReads).toBe(2);
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByTestId('case-announcement').textContent).toBe('新案件「新报告的案件」（已报告）');
    expect(screen.getByTestId('live-status').textContent).toBe('实时更新中');
  });

  it('shows a liaison office the summaries, saying what is left out', async () => {
    stubGateway((request, signal) => {
      if (request.body.operationName === 'PollutionCaseSections') return SECTIONS_ANSWER;
      if (request.body.operationName === 'PollutionCaseUpdates') return idle(signal);
      return caseListAnswer([caseRow(1, { view: 'SUMMARY', updatedAt: null })]);
    });
    renderApp({ status: 'signed-in', user: HENAN_LIAISON }, { path: '/pollution/cases' });
    const table = await screen.findByRole('table');
    expect(screen.getByText(/您看到的是案件摘要/)).toBeTruthy();
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(row.textContent).toContain('摘要不含');
    expect(row.textContent).toContain('联合执法中');
  });

  it('explains a server error readably, with the code and a retry', async () => {
    let failing = true;
    stubGateway((request, signal) => {
      if (request.body.operationName === 'PollutionCaseSections') return SECTIONS_ANSWER;
      if (request.body.operationName === 'PollutionCaseUpdates') return idle(signal);
      return failing ? errorAnswer('SERVICE_UNAVAILABLE', 'The pollution service is not answering.') : caseListAnswer([caseRow(1)]);
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/cases' });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: '服务器未能完成请求' })).toBeTruthy();
    expect(alert.textContent).toContain('错误代码：SERVICE_UNAVAILABLE');
    failing = false;
    await userEvent.click(within(alert).getByRole('button', { name: '重试' }));
    expect(await screen.findByRole('link', { name: '黄河刘庄断面案件 1' })).toBeTruthy();
  });

  it('says so when there are no cases', async () => {
    stubGateway((request, signal) => {
      if (request.body.operationName === 'PollutionCaseSections') return SECTIONS_ANSWER;
      if (request.body.operationName === 'PollutionCaseUpdates') return idle(signal);
      return caseListAnswer([]);
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/cases' });
    expect(await screen.findByText('没有符合条件的案件。')).toBeTruthy();
  });

  it('speaks English when chosen: states, provinces and sections in English', async () => {
    stubGateway((request, signal) => {
      if (request.body.operationName === 'PollutionCaseSections') return SECTIONS_ANSWER;
      if (request.body.operationName === 'PollutionCaseUpdates') return idle(signal);
      return caseListAnswer([caseRow(1)]);
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/pollution/cases', language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Pollution cases' })).toBeTruthy();
    const row = within(await screen.findByRole('table')).getAllByRole('row')[1] as HTMLElement;
    expect(row.textContent).toContain('Liuzhuang section (Yellow River)');
    expect(row.textContent).toContain('Henan, Shandong');
    expect(row.textContent).toContain('Joint enforcement');
    expect(row.textContent).toContain('7 exceedances, 2 enforcement actions, 2 pieces of evidence');
  });
});
