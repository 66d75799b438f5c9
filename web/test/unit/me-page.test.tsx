import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { HENAN_ENVIRONMENT } from './support/fake-auth.ts';
import { HEALTH_OK, renderApp, stubGateway, type SeenRequest } from './support/render-app.tsx';

const ME = {
  subject: 'sub-henan.environment',
  username: 'henan.environment',
  province: '410000',
  agency: '河南省生态环境厅',
  roles: ['ENVIRONMENT'],
  national: false,
  managesReferenceData: false,
  permissions: [
    { domain: 'POLLUTION', reach: 'RELATED', readableParts: ['full'], writeActions: ['case', 'own-entry'] },
    { domain: 'MEETINGS', reach: 'RELATED', readableParts: ['published'], writeActions: [] },
    { domain: 'INVESTMENT', reach: 'NONE', readableParts: [], writeActions: [] },
  ],
};

const isMe = (request: SeenRequest) => request.body.operationName === 'Me';

describe('the permissions page (me)', () => {
  it('shows the identity and the permissions per domain from the gateway', async () => {
    const seen = stubGateway((request) => (isMe(request) ? { body: { data: { me: ME } } } : HEALTH_OK));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/me' });
    const table = await screen.findByRole('table');
    const pollution = within(table).getByRole('row', { name: /跨界污染/ });
    expect(within(pollution).getByText('与本省相关的记录')).toBeTruthy();
    expect(within(pollution).getByText('案件全部内容（含证据材料）')).toBeTruthy();
    expect(within(pollution).getByText('登记本省执法、确认与证据')).toBeTruthy();
    const investment = within(table).getByRole('row', { name: /招商线索/ });
    expect(within(investment).getAllByText('无')).toHaveLength(3);
    expect(screen.getByText('省级机构')).toBeTruthy();
    const me = seen.find(isMe);
    expect(me?.authorization).toBe('Bearer test-token');
  });

  it('says the gateway cannot be reached, then recovers on retry', async () => {
    let up = false;
    stubGateway((request) => {
      if (!up) return new TypeError('Failed to fetch');
      return isMe(request) ? { body: { data: { me: ME } } } : HEALTH_OK;
    });
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/me' });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: '无法连接服务网关' })).toBeTruthy();
    up = true;
    await userEvent.click(within(alert).getByRole('button', { name: '重试' }));
    expect(await screen.findByRole('table')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('explains a server error by its code, in the user’s language', async () => {
    stubGateway((request) =>
      isMe(request) ? { status: 503, body: { errors: [{ message: 'Identity provider unavailable', extensions: { code: 'IDENTITY_UNAVAILABLE' } }] } } : HEALTH_OK,
    );
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/me', language: 'en' });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The identity service is temporarily unavailable. Please try again shortly.')).toBeTruthy();
    expect(within(alert).getByText('Error code: IDENTITY_UNAVAILABLE')).toBeTruthy();
  });

  it('shows the gateway’s own message for a code it does not know', async () => {
    stubGateway((request) => (isMe(request) ? { status: 400, body: { errors: [{ message: 'Something new went wrong.', extensions: { code: 'NEW_CODE' } }] } } : HEALTH_OK));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/me' });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Something new went wrong.')).toBeTruthy();
    expect(within(alert).getByText('错误代码：NEW_CODE')).toBeTruthy();
  });

  it('offers to sign in again when the gateway refuses the token', async () => {
    stubGateway((request) => (isMe(request) ? { status: 401, body: { errors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }] } } : HEALTH_OK));
    const { auth } = renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/me' });
    const alert = await screen.findByRole('alert');
    await userEvent.click(within(alert).getByRole('button', { name: '重新登录' }));
    expect(auth.signInCalls).toEqual(['zh-CN']);
  });

  it('shows an empty state when the gateway returns no user', async () => {
    stubGateway((request) => (isMe(request) ? { body: { data: { me: null } } } : HEALTH_OK));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/me' });
    expect(await screen.findByText('服务网关未返回您的用户信息。请重新登录后再试。')).toBeTruthy();
  });

  it('shows a loading state while the gateway answers', async () => {
    let release: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      release = resolve;
    });
    stubGateway(() => HEALTH_OK);
    const slowFetch = globalThis.fetch;
    globalThis.fetch = (async (...args: Parameters<typeof fetch>) => {
      await answered;
      return slowFetch(...args);
    }) as typeof fetch;
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/me' });
    expect(await screen.findByText('正在加载…')).toBeTruthy();
    release();
  });
});

describe('the workbench', () => {
  it('shows the service status and an honest empty to-do list', async () => {
    stubGateway(() => HEALTH_OK);
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT });
    expect((await screen.findByText('服务正常')).dataset.testid).toBe('service-status');
    expect(await screen.findByText(/没有待本省确认的预警/)).toBeTruthy();
  });

  it('says when the gateway does not answer and retries on request', async () => {
    let up = false;
    stubGateway(() => (up ? HEALTH_OK : new TypeError('Failed to fetch')));
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT });
    expect(await screen.findByText('无法连接服务网关')).toBeTruthy();
    up = true;
    await userEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('服务正常')).toBeTruthy();
  });
});
