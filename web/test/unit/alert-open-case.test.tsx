import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { alertMessage, detailAnswer, NATIONAL_OBSERVER, operationOf, pushStream, SHANDONG_ENVIRONMENT } from './pollution-alerts.fixtures.ts';
import { errorAnswer, fullCase } from './pollution-cases.fixtures.ts';
import { demoUser, HENAN_ENVIRONMENT } from './support/fake-auth.ts';
import { HEALTH_OK, renderApp, stubGateway, type Responder, type SeenRequest } from './support/render-app.tsx';

const ALERT_ID = 'UG9sbHV0aW9uQWxlcnQ6YTE=';
const CASE_ID = 'UG9sbHV0aW9uQ2FzZTpuZXc=';
const variablesOf = (request: SeenRequest) => (request.body as { variables?: Record<string, unknown> }).variables ?? {};

function gateway(answers: Partial<Record<string, Responder>>): SeenRequest[] {
  return stubGateway((request, signal) => {
    const name = operationOf(request) ?? '';
    const answer = answers[name];
    if (answer) return answer(request, signal);
    if (name === 'PollutionAlertDetail') return { body: detailAnswer(alertMessage({ awaitingMyAcknowledgement: false })) };
    if (name === 'PollutionAlertLinkedCases') return { body: { data: { pollutionCases: { edges: [] } } } };
    if (name === 'PollutionAlertActivity' || name === 'PollutionCaseUpdates') return pushStream(signal).response;
    return HEALTH_OK;
  });
}

const openCaseSection = async () => screen.findByRole('region', { name: '关联案件' });

describe('opening a case from an alert', () => {
  it('lets a party’s environmental bureau open the case, titled by the alert unless changed, and shows it', async () => {
    const seen = gateway({
      OpenPollutionCaseFromAlert: () => ({ body: { data: { openCase: { case: { id: CASE_ID, caseId: 'case-new', title: '濮阳苯泄漏联合处置' } } } } }),
      PollutionCaseById: () => ({ body: { data: { pollutionCase: fullCase({ id: CASE_ID, caseId: 'case-new', title: '濮阳苯泄漏联合处置' }) } } }),
    });
    renderApp({ status: 'signed-in', user: SHANDONG_ENVIRONMENT }, { path: `/pollution/alerts/${encodeURIComponent(ALERT_ID)}` });
    const panel = await openCaseSection();
    await userEvent.click(await within(panel).findByText('依此预警立案'));
    const title = within(panel).getByLabelText('案件名称') as HTMLInputElement;
    expect(title.value).toBe('黄河濮阳段槽罐车侧翻苯泄漏');
    await userEvent.clear(title);
    await userEvent.type(title, '濮阳苯泄漏联合处置');
    await userEvent.click(within(panel).getByRole('button', { name: '立案' }));
    expect(await screen.findByRole('heading', { level: 1, name: /濮阳苯泄漏联合处置/ })).toBeTruthy();
    expect(window.location.pathname).toBe(`/pollution/cases/${encodeURIComponent(CASE_ID)}`);
    expect(variablesOf(seen.find((r) => operationOf(r) === 'OpenPollutionCaseFromAlert') as SeenRequest)).toEqual({ input: { alertId: ALERT_ID, title: '濮阳苯泄漏联合处置' } });
  });

  it('says readably why the gateway refused, and stays on the alert', async () => {
    gateway({ OpenPollutionCaseFromAlert: () => errorAnswer('FORBIDDEN') });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: `/pollution/alerts/${encodeURIComponent(ALERT_ID)}` });
    const panel = await openCaseSection();
    await userEvent.click(await within(panel).findByText('依此预警立案'));
    await userEvent.click(within(panel).getByRole('button', { name: '立案' }));
    expect((await within(panel).findByRole('alert')).textContent).toContain('未能立案');
    expect(window.location.pathname).toBe(`/pollution/alerts/${encodeURIComponent(ALERT_ID)}`);
  });

  it('is not offered once a case is linked', async () => {
    gateway({
      PollutionAlertLinkedCases: () => ({
        body: { data: { pollutionCases: { edges: [{ node: { id: CASE_ID, caseId: 'case-1', title: '已有案件', state: 'REPORTED', openedAt: '2026-12-05T01:00:00Z', linkedAlerts: [{ threadId: 'a1' }] } }] } } },
      }),
    });
    renderApp({ status: 'signed-in', user: SHANDONG_ENVIRONMENT }, { path: `/pollution/alerts/${encodeURIComponent(ALERT_ID)}` });
    const panel = await openCaseSection();
    expect(await within(panel).findByRole('link', { name: '已有案件' })).toBeTruthy();
    expect(within(panel).queryByText('依此预警立案')).toBeNull();
  });

  it.each([
    // Anhui reads the alert as a party of a case linked to its thread, but the alert does not name Anhui.
    ['an environmental bureau the alert does not name', demoUser('anhui.environment', '340000', '安徽省生态环境厅', ['environment'])],
    ['the national observer', NATIONAL_OBSERVER],
  ])('is not offered to %s', async (_who, user) => {
    gateway({});
    renderApp({ status: 'signed-in', user }, { path: `/pollution/alerts/${encodeURIComponent(ALERT_ID)}` });
    const panel = await openCaseSection();
    expect(await within(panel).findByText('尚未关联污染案件。')).toBeTruthy();
    expect(within(panel).queryByText('依此预警立案')).toBeNull();
  });
});
