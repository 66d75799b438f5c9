// The pollution alert screens against a stubbed gateway: the inbox (rows, counts, filters, modes, states, live
// updates, acknowledgement), one alert's detail, and the issue form with its own and the gateway's validation.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  activityEvent,
  alertMessage,
  alertRow,
  detailAnswer,
  inboxAnswer,
  NATIONAL_OBSERVER,
  operationOf,
  pushStream,
  SECTIONS,
  SHANDONG_ENVIRONMENT,
  type PushStream,
} from './pollution-alerts.fixtures.ts';
import { HENAN_ENVIRONMENT } from './support/fake-auth.ts';
import { HEALTH_OK, renderApp, sseResponse, stubGateway, type Responder, type SeenRequest } from './support/render-app.tsx';

const variablesOf = (request: SeenRequest) => (request.body as { variables?: Record<string, unknown> }).variables ?? {};
const signedIn = (user = SHANDONG_ENVIRONMENT) => ({ status: 'signed-in' as const, user });

/** Answers the alert operations by name; subscriptions get an open stream the test can push into. */
function alertGateway(answers: Partial<Record<string, Responder>>): { seen: SeenRequest[]; streams: PushStream[] } {
  const streams: PushStream[] = [];
  const seen = stubGateway((request, signal) => {
    const name = operationOf(request) ?? '';
    if (name === 'PollutionAlertActivity' && !answers[name]) {
      const stream = pushStream(signal);
      streams.push(stream);
      return stream.response;
    }
    const answer = answers[name];
    if (answer) return answer(request, signal);
    if (name === 'PollutionAlertSections') return { body: { data: { pollutionSections: SECTIONS } } };
    if (name === 'PollutionAlertLinkedCases') return { body: { data: { pollutionCases: { edges: [] } } } };
    return HEALTH_OK;
  });
  return { seen, streams };
}

describe('the alert inbox', () => {
  it('lists the alerts with what needs my action: severity, section, sender, who still has to acknowledge, the countdown and the button', async () => {
    const { seen } = alertGateway({
      PollutionAlertInbox: () => ({
        body: inboxAnswer([
          alertRow(),
          alertRow({
            id: 'UG9sbHV0aW9uQWxlcnQ6YTI=',
            threadId: 'a2',
            headline: '淮河王家坝断面氨氮异常',
            severity: 'IV',
            senderProvince: '340000',
            awaitingMyAcknowledgement: false,
            awaitingProvinces: [],
            acknowledgements: [{ province: '370000', at: '2026-11-20T02:00:00Z' }],
          }),
        ]),
      }),
    });
    renderApp(signedIn(), { path: '/pollution/alerts' });
    const list = await screen.findByTestId('alert-list');
    const rows = within(list).getAllByTestId('alert-row');
    expect(rows).toHaveLength(2);
    const first = rows[0] as HTMLElement;
    expect(within(first).getByRole('heading', { level: 3, name: '黄河濮阳段槽罐车侧翻苯泄漏' })).toBeTruthy();
    expect(within(first).getByText('Ⅱ级')).toBeTruthy();
    expect(within(first).getByText('刘庄断面（黄河）')).toBeTruthy();
    expect(within(first).getByText('河南省')).toBeTruthy();
    expect(within(first).getByTestId('awaiting').textContent).toBe('山东省');
    expect(within(first).getByText('待本省确认')).toBeTruthy();
    expect(within(first).getByTestId('countdown').textContent).toMatch(/确认期限 .* · 剩余 (49|50) 分 \d+ 秒/);
    expect(within(first).getByRole('button', { name: '确认收到：黄河濮阳段槽罐车侧翻苯泄漏' })).toBeTruthy();
    const second = rows[1] as HTMLElement;
    expect(within(second).getByTestId('awaiting').textContent).toBe('全部已确认');
    expect(within(second).queryByRole('button', { name: /确认收到/ })).toBeNull();
    expect(within(second).getByText(/本省已于 .* 确认/)).toBeTruthy();
    expect(screen.getByTestId('count-awaiting-mine').textContent).toContain('1');
    // Real alerts by default, never mixed with exercises.
    const inbox = seen.find((r) => operationOf(r) === 'PollutionAlertInbox');
    expect(variablesOf(inbox as SeenRequest)).toMatchObject({ mode: 'ACTUAL', awaitingMyAcknowledgement: false, activeOnly: false, first: 20 });
    // Observers and other readers cannot issue alerts; environment bureaus can.
    expect(screen.getByRole('link', { name: '发布预警' })).toBeTruthy();
  });

  it('shows exercises apart, marked as such, and keeps the mode and filters in the address', async () => {
    const { seen } = alertGateway({
      PollutionAlertInbox: (request) => ({ body: inboxAnswer(variablesOf(request).mode === 'EXERCISE' ? [alertRow({ status: 'EXERCISE', headline: '演练：苯泄漏' })] : []) }),
    });
    renderApp(signedIn(), { path: '/pollution/alerts' });
    expect(await screen.findByText(/暂无预警/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '演练' }));
    expect(await screen.findByRole('heading', { name: '演练：苯泄漏' })).toBeTruthy();
    expect(screen.getByText('演练模式：以下均为演练信息，不是真实事件。')).toBeTruthy();
    expect(window.location.search).toBe('?mode=EXERCISE');
    await userEvent.click(screen.getByRole('checkbox', { name: '只看待本省确认' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Ⅰ级' }));
    await waitFor(() => expect(window.location.search).toBe('?mode=EXERCISE&mine=1&severity=I'));
    await waitFor(() =>
      expect(seen.filter((r) => operationOf(r) === 'PollutionAlertInbox').map(variablesOf).at(-1)).toMatchObject({ mode: 'EXERCISE', awaitingMyAcknowledgement: true, severities: ['I'] }),
    );
  });

  it('says when the gateway cannot be reached and recovers on retry', async () => {
    let up = false;
    alertGateway({ PollutionAlertInbox: () => (up ? { body: inboxAnswer([alertRow()]) } : new TypeError('Failed to fetch')) });
    renderApp(signedIn(), { path: '/pollution/alerts' });
    const problem = await screen.findByRole('alert');
    expect(within(problem).getByRole('heading', { name: '无法连接服务网关' })).toBeTruthy();
    up = true;
    await userEvent.click(within(problem).getByRole('button', { name: '重试' }));
    expect(await screen.findByTestId('alert-list')).toBeTruthy();
  });

  it('shows a new alert live, announced politely, without a reload', async () => {
    let rows = [alertRow({ awaitingMyAcknowledgement: false, awaitingProvinces: [], headline: '旧预警' })];
    const { streams } = alertGateway({ PollutionAlertInbox: () => ({ body: inboxAnswer(rows) }) });
    renderApp(signedIn(), { path: '/pollution/alerts' });
    await screen.findByRole('heading', { name: '旧预警' });
    await waitFor(() => expect(streams).toHaveLength(1));
    expect(screen.getByTestId('alerts-live-status').textContent).toBe('实时更新中');
    rows = [alertRow({ id: 'UG9sbHV0aW9uQWxlcnQ6bmV3', threadId: 'new', headline: '新的苯泄漏预警' }), ...rows];
    act(() => streams[0]?.push(activityEvent('ISSUED', { threadId: 'new', headline: '新的苯泄漏预警' })));
    const row = (await screen.findByRole('heading', { name: '新的苯泄漏预警' })).closest('li') as HTMLElement;
    expect(within(row).getByText('新')).toBeTruthy();
    const announcement = screen.getByTestId('alerts-announcement');
    expect(announcement.getAttribute('aria-live')).toBe('polite');
    expect(announcement.textContent).toContain('新预警：河南省发来Ⅱ级预警“新的苯泄漏预警”');
  });

  it('reconnects by itself when the live stream ends, resuming after the last event, and re-reads the inbox', async () => {
    const event = activityEvent('ACKNOWLEDGED', { province: '370000' }) as { data: { alertActivity: { eventId: string } } };
    let subscriptions = 0;
    const { seen } = alertGateway({
      PollutionAlertInbox: () => ({ body: inboxAnswer([alertRow()]) }),
      // The first stream delivers one event and ends; the next stays open.
      PollutionAlertActivity: (_request, signal) => {
        subscriptions += 1;
        return subscriptions === 1 ? sseResponse([event]) : sseResponse([], { keepOpen: true, ...(signal ? { signal } : {}) });
      },
    });
    renderApp(signedIn(), { path: '/pollution/alerts' });
    await screen.findByTestId('alert-list');
    await waitFor(() => expect(screen.getByTestId('alerts-live-status').textContent).toBe('连接中断，正在重新连接…'));
    const inboxReads = () => seen.filter((r) => operationOf(r) === 'PollutionAlertInbox').length;
    // The first read, and the one the delivered event asked for.
    await waitFor(() => expect(inboxReads()).toBe(2));
    const readsBefore = inboxReads();
    await waitFor(() => expect(screen.getByTestId('alerts-live-status').textContent).toBe('实时更新中'), { timeout: 3000 });
    const resumed = seen.filter((r) => operationOf(r) === 'PollutionAlertActivity');
    expect(resumed).toHaveLength(2);
    expect(resumed[1]?.lastEventId).toBe(event.data.alertActivity.eventId);
    // Whatever the gap held beyond the gateway's retention, the inbox is read again.
    await waitFor(() => expect(inboxReads()).toBe(readsBefore + 1));
  });

  it('acknowledges in one click and explains a refusal by its code', async () => {
    let acknowledged = false;
    const { seen } = alertGateway({
      PollutionAlertInbox: () => ({
        body: inboxAnswer([
          acknowledged
            ? alertRow({ awaitingMyAcknowledgement: false, awaitingProvinces: [], acknowledgements: [{ province: '370000', at: new Date().toISOString() }] })
            : alertRow(),
          alertRow({ id: 'UG9sbHV0aW9uQWxlcnQ6YjI=', threadId: 'b2', headline: '已被别人处理的预警' }),
        ]),
      }),
      AcknowledgePollutionAlert: (request) => {
        if (variablesOf(request).input && (variablesOf(request).input as { alertId: string }).alertId === 'UG9sbHV0aW9uQWxlcnQ6YjI=') {
          return { body: { errors: [{ message: 'Already acknowledged.', extensions: { code: 'POLLUTION_ALERT_ALREADY_ACKNOWLEDGED' } }], data: null } };
        }
        acknowledged = true;
        return { body: { data: { acknowledgeAlert: { alert: alertRow({ awaitingMyAcknowledgement: false, awaitingProvinces: [] }) } } } };
      },
    });
    renderApp(signedIn(), { path: '/pollution/alerts' });
    await userEvent.click(await screen.findByRole('button', { name: '确认收到：黄河濮阳段槽罐车侧翻苯泄漏' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: '确认收到：黄河濮阳段槽罐车侧翻苯泄漏' })).toBeNull());
    const ack = seen.find((r) => operationOf(r) === 'AcknowledgePollutionAlert');
    expect(variablesOf(ack as SeenRequest)).toEqual({ input: { alertId: 'UG9sbHV0aW9uQWxlcnQ6YTE=' } });
    expect(await screen.findByText(/本省已于 .* 确认/)).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: '确认收到：已被别人处理的预警' }));
    expect((await screen.findByRole('alert')).textContent).toBe('本省已确认过此预警。');
  });

  it('shows an overdue alert as overdue, with its escalation', async () => {
    alertGateway({
      PollutionAlertInbox: () => ({
        body: inboxAnswer([alertRow({ acknowledgeBy: new Date(Date.now() - 5 * 60_000).toISOString(), acknowledgementOverdue: true, highestEscalation: 'DUTY_ROSTER' })]),
      }),
    });
    renderApp(signedIn(), { path: '/pollution/alerts' });
    const countdown = await screen.findByTestId('countdown');
    expect(countdown.getAttribute('data-overdue')).toBe('true');
    expect(countdown.textContent).toMatch(/已超时 (4|5) 分 \d+ 秒/);
    expect(screen.getByText('已升级：值班升级')).toBeTruthy();
  });

  it('offers the national observer no issue or acknowledge action', async () => {
    alertGateway({ PollutionAlertInbox: () => ({ body: inboxAnswer([alertRow({ awaitingMyAcknowledgement: false })]) }) });
    renderApp(signedIn(NATIONAL_OBSERVER), { path: '/pollution/alerts' });
    await screen.findByTestId('alert-list');
    expect(screen.queryByRole('link', { name: '发布预警' })).toBeNull();
    expect(screen.queryByRole('button', { name: /确认收到/ })).toBeNull();
    // The countdown still shows who is late.
    expect(screen.getByTestId('countdown')).toBeTruthy();
  });

  it('speaks English', async () => {
    alertGateway({ PollutionAlertInbox: () => ({ body: inboxAnswer([alertRow()]) }) });
    renderApp(signedIn(), { path: '/pollution/alerts', language: 'en' });
    const row = (await screen.findAllByTestId('alert-row'))[0] as HTMLElement;
    expect(within(row).getByText('Liuzhuang section (Yellow River)')).toBeTruthy();
    expect(within(row).getByText('Awaiting your acknowledgement')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Acknowledge: 黄河濮阳段槽罐车侧翻苯泄漏' })).toBeTruthy();
    expect(within(row).getByTestId('countdown').textContent).toMatch(/Acknowledge by .* · (49|50) min \d+ s left/);
  });
});

describe('an alert’s detail', () => {
  const path = `/pollution/alerts/${encodeURIComponent('UG9sbHV0aW9uQWxlcnQ6YTE=')}`;

  it('shows the message, the acknowledgement per addressed province and the action my province must take', async () => {
    alertGateway({
      PollutionAlertDetail: () => ({
        body: detailAnswer(alertMessage({ addressees: ['370000', '340000'], awaitingProvinces: ['370000'], acknowledgements: [{ province: '340000', at: '2026-11-22T01:00:00Z', note: '已加密监测', by: { username: 'anhui.environment' } }] })),
      }),
    });
    renderApp(signedIn(), { path });
    expect(await screen.findByRole('heading', { level: 1, name: '黄河濮阳段槽罐车侧翻苯泄漏' })).toBeTruthy();
    expect(screen.getByText('Ⅱ级（重大）', { selector: '.severity' })).toBeTruthy();
    expect(screen.getByText('濮阳县渠村乡黄河大堤外侧排水沟入河口')).toBeTruthy();
    expect(screen.getByText('苯 benzene')).toBeTruthy();
    expect(screen.getByText('12 吨')).toBeTruthy();
    expect(screen.getByText('河南省（henan.environment）')).toBeTruthy();
    const acks = screen.getByTestId('acknowledgements');
    expect(within(within(acks).getByRole('row', { name: /安徽省/ })).getByText(/已于 .* 确认/)).toBeTruthy();
    expect(within(acks).getByText('已加密监测')).toBeTruthy();
    expect(within(within(acks).getByRole('row', { name: /山东省/ })).getByText('未确认')).toBeTruthy();
    const action = screen.getByRole('region', { name: '需要本省处理' });
    expect(within(action).getByLabelText('处置措施或说明（可选）')).toBeTruthy();
    expect(within(action).getByRole('button', { name: '确认收到' })).toBeTruthy();
    expect(await screen.findByText('尚未关联污染案件。')).toBeTruthy();
  });

  it('acknowledges with a note and shows the acknowledgement that arrives live', async () => {
    let acknowledged = false;
    const { seen, streams } = alertGateway({
      PollutionAlertDetail: () => ({
        body: detailAnswer(
          acknowledged
            ? alertMessage({ awaitingMyAcknowledgement: false, awaitingProvinces: [], acknowledgements: [{ province: '370000', at: new Date().toISOString(), note: '已启动应急监测', by: { username: 'shandong.environment' } }] })
            : alertMessage(),
        ),
      }),
      AcknowledgePollutionAlert: () => {
        acknowledged = true;
        return { body: { data: { acknowledgeAlert: { alert: alertRow({ awaitingMyAcknowledgement: false, awaitingProvinces: [] }) } } } };
      },
    });
    renderApp(signedIn(), { path });
    const action = await screen.findByRole('region', { name: '需要本省处理' });
    await userEvent.type(within(action).getByLabelText('处置措施或说明（可选）'), '已启动应急监测');
    await userEvent.click(within(action).getByRole('button', { name: '确认收到' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: '需要本省处理' })).toBeNull());
    expect(variablesOf(seen.find((r) => operationOf(r) === 'AcknowledgePollutionAlert') as SeenRequest)).toEqual({ input: { alertId: 'UG9sbHV0aW9uQWxlcnQ6YTE=', note: '已启动应急监测' } });
    expect(within(screen.getByTestId('acknowledgements')).getByText('已启动应急监测')).toBeTruthy();
    // The detail follows its own thread only.
    const subscription = seen.find((r) => operationOf(r) === 'PollutionAlertActivity');
    expect(variablesOf(subscription as SeenRequest)).toEqual({ mode: 'ACTUAL', threadId: 'a1' });
    await waitFor(() => expect(streams.length).toBeGreaterThan(0));
    act(() => streams[0]?.push(activityEvent('ACKNOWLEDGED', { province: '370000' })));
    expect((await screen.findByTestId('alert-announcement')).textContent).toContain('山东省已确认收到“黄河濮阳段槽罐车侧翻苯泄漏”');
  });

  it('says an alert that does not exist or may not be read is not found, the same way', async () => {
    alertGateway({ PollutionAlertDetail: () => ({ body: { errors: [{ message: 'No such record.', extensions: { code: 'NOT_FOUND' } }], data: { pollutionAlert: null } } }) });
    renderApp(signedIn(), { path });
    expect(await screen.findByRole('heading', { level: 1, name: '未找到该记录' })).toBeTruthy();
    expect(screen.getByText('该记录不存在，或不在您的查阅范围内。请核对链接，或返回列表查找。')).toBeTruthy();
    expect(screen.queryByText('黄河濮阳段槽罐车侧翻苯泄漏')).toBeNull();
  });

  it('lets the sending province cancel with a reason, and links the thread’s cases', async () => {
    const { seen } = alertGateway({
      PollutionAlertDetail: () => ({ body: detailAnswer(alertMessage({ awaitingMyAcknowledgement: false })) }),
      PollutionAlertLinkedCases: () => ({
        body: {
          data: {
            pollutionCases: {
              edges: [
                { node: { id: 'UG9sbHV0aW9uQ2FzZTpjMQ==', caseId: 'c1', title: '黄河刘庄断面上游苯泄漏事件', state: 'JOINT_ENFORCEMENT', openedAt: '2026-11-20T01:10:00Z', linkedAlerts: [{ threadId: 'a1' }] } },
                { node: { id: 'UG9sbHV0aW9uQ2FzZTpjMg==', caseId: 'c2', title: '别的案件', state: 'REPORTED', openedAt: '2026-11-20T01:10:00Z', linkedAlerts: [{ threadId: 'zz' }] } },
              ],
            },
          },
        },
      }),
      CancelPollutionAlert: () => ({ body: { errors: [{ message: 'The request is invalid.', extensions: { code: 'VALIDATION_FAILED', problems: [{ field: 'input.reason', reason: 'is required' }] } }], data: null } }),
    });
    renderApp(signedIn(HENAN_ENVIRONMENT), { path });
    const cases = await screen.findByTestId('linked-cases');
    expect(within(cases).getByRole('link', { name: '黄河刘庄断面上游苯泄漏事件' }).getAttribute('href')).toBe(`/pollution/cases/${encodeURIComponent('UG9sbHV0aW9uQ2FzZTpjMQ==')}`);
    expect(within(cases).queryByText('别的案件')).toBeNull();
    await userEvent.click(screen.getByText('撤销预警'));
    await userEvent.click(screen.getByRole('button', { name: '确认撤销' }));
    expect((await screen.findByRole('alert')).textContent).toBe('请填写此项。');
    await userEvent.type(screen.getByLabelText('撤销原因'), '误报');
    await userEvent.click(screen.getByRole('button', { name: '确认撤销' }));
    await waitFor(() => expect(seen.some((r) => operationOf(r) === 'CancelPollutionAlert')).toBe(true));
    expect(variablesOf(seen.find((r) => operationOf(r) === 'CancelPollutionAlert') as SeenRequest)).toEqual({ input: { alertId: 'UG9sbHV0aW9uQWxlcnQ6YTE=', reason: '误报' } });
  });
});

describe('the issue form', () => {
  async function fillValidForm() {
    await userEvent.click(screen.getByRole('radio', { name: '预警' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Ⅱ级（重大）' }));
    await userEvent.selectOptions(screen.getByLabelText(/^断面/), 'yellow-liuzhuang');
    await userEvent.type(screen.getByLabelText(/^发生地点/), '濮阳县渠村乡');
    await userEvent.type(screen.getByLabelText(/^污染物名称/), '苯');
    await userEvent.type(screen.getByLabelText(/^数量/), '12');
    await userEvent.type(screen.getByLabelText(/^标题/), '黄河濮阳段苯泄漏');
    await userEvent.type(screen.getByLabelText(/^详细情况/), '约 12 吨苯泄漏。');
  }

  it('names every missing field in a summary that takes focus, next to each field', async () => {
    const { seen } = alertGateway({});
    renderApp(signedIn(HENAN_ENVIRONMENT), { path: '/pollution/alerts/new' });
    await userEvent.click(await screen.findByRole('button', { name: '发布预警' }));
    const summary = await screen.findByRole('alert');
    expect(document.activeElement).toBe(summary);
    expect(within(summary).getByRole('heading').textContent).toBe('请修改以下 8 处问题：');
    expect(within(summary).getByRole('link', { name: '标题：请填写此项。' })).toBeTruthy();
    const headline = screen.getByLabelText(/^标题/);
    expect(headline.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(headline.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '')?.textContent).toBe('请填写此项。');
    await userEvent.click(within(summary).getByRole('link', { name: '标题：请填写此项。' }));
    expect(document.activeElement).toBe(headline);
    // Correcting a field clears its problem, without moving focus away from it.
    await userEvent.type(headline, '黄河濮阳段苯泄漏');
    expect(headline.getAttribute('aria-invalid')).toBeNull();
    expect(within(summary).queryByRole('link', { name: /^标题/ })).toBeNull();
    expect(within(summary).getByRole('heading').textContent).toBe('请修改以下 7 处问题：');
    expect(document.activeElement).toBe(headline);
    expect(seen.some((r) => operationOf(r) === 'IssuePollutionAlert')).toBe(false);
  });

  it('offers only the sections of my province and defaults the addressees to the downstream provinces', async () => {
    alertGateway({});
    renderApp(signedIn(HENAN_ENVIRONMENT), { path: '/pollution/alerts/new' });
    const section = await screen.findByLabelText(/^断面/);
    expect(within(section).getAllByRole('option').map((o) => o.textContent)).toEqual(['请选择断面', '刘庄断面（黄河） · 国控', '王家坝断面（淮河） · 国控']);
    await userEvent.selectOptions(section, 'yellow-liuzhuang');
    expect((screen.getByRole('checkbox', { name: '山东省' }) as HTMLInputElement).checked).toBe(true);
    await userEvent.selectOptions(section, 'huai-wangjiaba');
    expect((screen.getByRole('checkbox', { name: '安徽省' }) as HTMLInputElement).checked).toBe(true);
    // Shandong is no longer a party of the chosen section: not addressed by default (still offered among the others).
    expect((screen.getByRole('checkbox', { name: '山东省' }) as HTMLInputElement).checked).toBe(false);
  });

  it('shows the gateway’s validation problems next to their fields', async () => {
    alertGateway({
      IssuePollutionAlert: () => ({
        body: {
          errors: [
            {
              message: 'The request is invalid.',
              extensions: {
                code: 'VALIDATION_FAILED',
                problems: [
                  { field: 'input.headline', reason: 'must be at most 200 characters' },
                  { field: 'input.location.cityCode', reason: 'is not in a province of the section' },
                ],
              },
            },
          ],
          data: null,
        },
      }),
    });
    renderApp(signedIn(HENAN_ENVIRONMENT), { path: '/pollution/alerts/new' });
    await screen.findByLabelText(/^断面/);
    await fillValidForm();
    await userEvent.click(screen.getByRole('button', { name: '发布预警' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: '标题：不能超过 200 个字。' })).toBeTruthy();
    // A problem of a field the form does not have is still reported.
    expect(within(summary).getByText('input.location.cityCode: is not in a province of the section')).toBeTruthy();
    expect(screen.getByLabelText(/^标题/).getAttribute('aria-invalid')).toBe('true');
  });

  it('issues the alert and opens it', async () => {
    const { seen } = alertGateway({
      IssuePollutionAlert: () => ({ body: { data: { issueAlert: { alert: alertRow({ id: 'UG9sbHV0aW9uQWxlcnQ6bmV3' }) } } } }),
      PollutionAlertDetail: () => ({ body: detailAnswer(alertMessage({ id: 'UG9sbHV0aW9uQWxlcnQ6bmV3', awaitingMyAcknowledgement: false })) }),
    });
    renderApp(signedIn(HENAN_ENVIRONMENT), { path: '/pollution/alerts/new' });
    await screen.findByLabelText(/^断面/);
    await fillValidForm();
    await userEvent.click(screen.getByRole('button', { name: '发布预警' }));
    expect(await screen.findByText('预警已发布，接收省份已收到通知。')).toBeTruthy();
    expect(window.location.pathname).toBe(`/pollution/alerts/${encodeURIComponent('UG9sbHV0aW9uQWxlcnQ6bmV3')}`);
    expect(variablesOf(seen.find((r) => operationOf(r) === 'IssuePollutionAlert') as SeenRequest)).toEqual({
      input: {
        mode: 'ACTUAL',
        category: 'EARLY_WARNING',
        severity: 'II',
        sectionCode: 'yellow-liuzhuang',
        location: { description: '濮阳县渠村乡' },
        pollutant: { name: '苯', estimatedQuantity: { value: 12, unit: 't' } },
        headline: '黄河濮阳段苯泄漏',
        description: '约 12 吨苯泄漏。',
        addressees: ['370000'],
      },
    });
  });

  it('lets the sender send an update (续报) from the alert, prefilled, and opens the new message', async () => {
    const { seen } = alertGateway({
      PollutionAlertDetail: (request) =>
        variablesOf(request).id === 'UG9sbHV0aW9uQWxlcnQ6dXBk'
          ? { body: detailAnswer(alertMessage({ id: 'UG9sbHV0aW9uQWxlcnQ6dXBk', msgType: 'UPDATE', severity: 'I', awaitingMyAcknowledgement: false })) }
          : { body: detailAnswer(alertMessage({ awaitingMyAcknowledgement: false })) },
      UpdatePollutionAlert: () => ({ body: { data: { updateAlert: { alert: alertRow({ id: 'UG9sbHV0aW9uQWxlcnQ6dXBk', msgType: 'UPDATE' }) } } } }),
    });
    renderApp(signedIn(HENAN_ENVIRONMENT), { path: `/pollution/alerts/${encodeURIComponent('UG9sbHV0aW9uQWxlcnQ6YTE=')}` });
    await userEvent.click(await screen.findByRole('link', { name: '发送续报' }));
    expect(await screen.findByRole('heading', { level: 1, name: '发送续报' })).toBeTruthy();
    // The heading comes before the form, which waits for the sections to load.
    expect(((await screen.findByLabelText(/^标题/)) as HTMLInputElement).value).toBe('黄河濮阳段槽罐车侧翻苯泄漏');
    expect((screen.getByLabelText(/^发生地点/) as HTMLInputElement).value).toBe('濮阳县渠村乡黄河大堤外侧排水沟入河口');
    // The thread's mode and section are shown, not asked.
    expect(screen.queryByRole('radio', { name: '演练' })).toBeNull();
    expect(screen.getByText('刘庄断面（黄河）')).toBeTruthy();
    await userEvent.click(screen.getByRole('radio', { name: 'Ⅰ级（特别重大）' }));
    await userEvent.click(screen.getByRole('button', { name: '发送续报' }));
    expect(await screen.findByText('续报已发送，接收省份须重新确认。')).toBeTruthy();
    expect(window.location.pathname).toBe(`/pollution/alerts/${encodeURIComponent('UG9sbHV0aW9uQWxlcnQ6dXBk')}`);
    expect(variablesOf(seen.find((r) => operationOf(r) === 'UpdatePollutionAlert') as SeenRequest)).toEqual({
      input: {
        alertId: 'UG9sbHV0aW9uQWxlcnQ6YTE=',
        category: 'EARLY_WARNING',
        severity: 'I',
        location: { description: '濮阳县渠村乡黄河大堤外侧排水沟入河口', latitude: 35.6421, longitude: 114.9712 },
        pollutant: { name: '苯 benzene', parameter: 'benzene', estimatedQuantity: { value: 12, unit: 't' } },
        suspectedSource: '危化品槽罐车侧翻',
        headline: '黄河濮阳段槽罐车侧翻苯泄漏',
        description: '2 号罐体破损，估计约 12 吨苯泄漏。',
        addressees: ['370000'],
      },
    });
  });

  it('does not offer an addressee the update form', async () => {
    alertGateway({ PollutionAlertDetail: () => ({ body: detailAnswer(alertMessage()) }) });
    renderApp(signedIn(), { path: `/pollution/alerts/${encodeURIComponent('UG9sbHV0aW9uQWxlcnQ6YTE=')}/update` });
    expect(await screen.findByText(/只有发出预警的省份可以对当前有效的预警发送续报/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '发送续报' })).toBeNull();
  });

  it('is not offered to the national observer', async () => {
    alertGateway({});
    renderApp(signedIn(NATIONAL_OBSERVER), { path: '/pollution/alerts/new' });
    expect(await screen.findByText('只有生态环境部门可以发布预警。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '发布预警' })).toBeNull();
  });
});
