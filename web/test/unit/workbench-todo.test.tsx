import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { alertRow, NATIONAL_OBSERVER, operationOf, pushStream, SHANDONG_ENVIRONMENT, type PushStream } from './pollution-alerts.fixtures.ts';
import { caseRow, errorAnswer, HENAN_LIAISON } from './pollution-cases.fixtures.ts';
import { BEIJING_INVESTMENT } from './support/fake-auth.ts';
import { EMPTY_TODO, HEALTH_OK, renderApp, stubGateway, type SeenRequest } from './support/render-app.tsx';

const variablesOf = (request: SeenRequest) => (request.body as { variables?: Record<string, unknown> }).variables ?? {};

function todoAnswer(alerts: Array<Record<string, unknown>>, cases: unknown[], totals: { alerts?: number; cases?: number } = {}) {
  return {
    body: {
      data: {
        awaitingMine: { totalCount: totals.alerts ?? alerts.length, edges: alerts.map((node) => ({ node })) },
        openCases: { totalCount: totals.cases ?? cases.length, edges: cases.map((node) => ({ node })) },
      },
    },
  };
}

const todoRequests = (seen: SeenRequest[]) => seen.filter((request) => operationOf(request) === 'WorkbenchPollutionTodo');

describe('the workbench’s pollution to-do', () => {
  it('lists alerts awaiting my province’s acknowledgement, with countdown and button, and my open cases', async () => {
    const seen = stubGateway(
      () => HEALTH_OK,
      undefined,
      () => todoAnswer([alertRow()], [caseRow(1), caseRow(2, { state: 'IN_MEDIATION', title: '淮河王家坝断面案件' })], { alerts: 7, cases: 2 }),
    );
    renderApp({ status: 'signed-in', user: SHANDONG_ENVIRONMENT });
    const todo = await screen.findByRole('region', { name: '待您处理' });
    const alerts = await within(todo).findByRole('region', { name: /待本省确认的预警/ });
    expect(within(alerts).getByRole('link', { name: '黄河濮阳段槽罐车侧翻苯泄漏' }).getAttribute('href')).toBe(`/pollution/alerts/${encodeURIComponent('UG9sbHV0aW9uQWxlcnQ6YTE=')}`);
    expect(within(alerts).getByTestId('countdown').textContent).toMatch(/剩余/);
    expect(within(alerts).getByRole('button', { name: /确认收到/ })).toBeTruthy();
    // Seven await, five at most are listed: the rest are a link to the inbox filtered the same way.
    expect(within(alerts).getByRole('link', { name: '查看全部 7 条待确认预警' }).getAttribute('href')).toBe('/pollution/alerts?mine=1&active=1');
    const cases = within(todo).getByRole('region', { name: /进行中的案件/ });
    expect(within(cases).getAllByRole('listitem').map((item) => item.dataset.caseId)).toEqual(['case-1', 'case-2']);
    expect(within(cases).getByText('调解中')).toBeTruthy();
    expect(within(cases).queryByRole('link', { name: /查看全部/ })).toBeNull();
    expect(variablesOf(todoRequests(seen)[0] as SeenRequest)).toEqual({ withAlerts: true, first: 5 });
  });

  it('says there is nothing to do when nothing awaits', async () => {
    stubGateway(() => HEALTH_OK);
    renderApp({ status: 'signed-in', user: SHANDONG_ENVIRONMENT });
    expect(await screen.findByText(/没有待本省确认的预警/)).toBeTruthy();
    expect(screen.getByText('本省没有进行中的跨界污染案件。')).toBeTruthy();
  });

  it('re-reads itself when one of my pollution records changes, so an acknowledged alert leaves the list live', async () => {
    // The workbench's recent activity follows the same events: every stream opened gets them.
    const streams: PushStream[] = [];
    let acknowledged = false;
    const seen = stubGateway(
      () => HEALTH_OK,
      (_request, signal) => {
        const stream = pushStream(signal);
        streams.push(stream);
        return stream.response;
      },
      () => (acknowledged ? EMPTY_TODO : todoAnswer([alertRow()], [])),
    );
    renderApp({ status: 'signed-in', user: SHANDONG_ENVIRONMENT });
    const todo = await screen.findByRole('region', { name: '待您处理' });
    expect(await within(todo).findByRole('link', { name: '黄河濮阳段槽罐车侧翻苯泄漏' })).toBeTruthy();
    await waitFor(() => expect(streams).toHaveLength(2));
    acknowledged = true;
    for (const stream of streams)
      stream.push({ data: { recordEvents: { id: 'e1', type: 'xietong.pollution.v1.AlertAcknowledged', domain: 'POLLUTION', aggregateId: 'a1', originProvince: '370000', occurredAt: '2026-12-08T01:00:00Z' } } });
    expect(await within(todo).findByText(/没有待本省确认的预警/)).toBeTruthy();
    expect(todoRequests(seen).length).toBeGreaterThanOrEqual(2);
    expect(within(todo).getByRole('status', { hidden: true }).textContent).toBe('预警有新变化，已更新待办。');
  });

  it('shows a liaison office its province’s open cases only, without asking for alerts', async () => {
    const seen = stubGateway(() => HEALTH_OK, undefined, () => todoAnswer([], [caseRow(3, { view: 'SUMMARY', updatedAt: null })]));
    renderApp({ status: 'signed-in', user: HENAN_LIAISON });
    const todo = await screen.findByRole('region', { name: '待您处理' });
    expect(await within(todo).findByRole('link', { name: '黄河刘庄断面案件 3' })).toBeTruthy();
    expect(within(todo).queryByRole('region', { name: /待本省确认的预警/ })).toBeNull();
    expect(variablesOf(todoRequests(seen)[0] as SeenRequest)).toEqual({ withAlerts: false, first: 5 });
  });

  it('asks nothing for the national observer or a role whose module is not online, and says why', async () => {
    const seen = stubGateway(() => HEALTH_OK);
    renderApp({ status: 'signed-in', user: NATIONAL_OBSERVER });
    expect(await screen.findByText(/国家监督账号只读，无需办理事项/)).toBeTruthy();
    expect(todoRequests(seen)).toHaveLength(0);
  });

  it('tells a role without a live module that its items come when the module does', async () => {
    const seen = stubGateway(() => HEALTH_OK);
    renderApp({ status: 'signed-in', user: BEIJING_INVESTMENT });
    expect(await screen.findByText(/您所在业务的模块上线后/)).toBeTruthy();
    expect(todoRequests(seen)).toHaveLength(0);
  });

  it('explains a failed read with a retry', async () => {
    let failing = true;
    stubGateway(
      () => HEALTH_OK,
      undefined,
      () => (failing ? errorAnswer('SERVICE_UNAVAILABLE') : todoAnswer([], [caseRow(4)])),
    );
    renderApp({ status: 'signed-in', user: SHANDONG_ENVIRONMENT });
    const todo = await screen.findByRole('region', { name: '待您处理' });
    const alert = await within(todo).findByRole('alert');
    expect(alert.textContent).toContain('相关业务服务暂时无法访问');
    failing = false;
    await userEvent.click(within(alert).getByRole('button', { name: '重试' }));
    expect(await within(todo).findByRole('link', { name: '黄河刘庄断面案件 4' })).toBeTruthy();
  });
});
