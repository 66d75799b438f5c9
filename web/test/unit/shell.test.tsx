import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '../../src/i18n/i18n.ts';
import { BEIJING_INVESTMENT, HENAN_ENVIRONMENT } from './support/fake-auth.ts';
import { HEALTH_OK, renderApp, stubGateway } from './support/render-app.tsx';

describe('the shell', () => {
  it('shows who is signed in: province in Chinese, agency and role', async () => {
    stubGateway(() => HEALTH_OK);
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT });
    const identity = await screen.findByRole('region', { name: '当前用户' });
    expect(within(identity).getByText('河南省')).toBeTruthy();
    expect(within(identity).getByText('河南省生态环境厅')).toBeTruthy();
    expect(within(identity).getByText('生态环境')).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 1, name: '您好，河南省生态环境厅' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('shows an environment officer the pollution sections and not the others', async () => {
    stubGateway(() => HEALTH_OK);
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT });
    const nav = await screen.findByRole('navigation', { name: '主导航' });
    const links = within(nav).getAllByRole('link').map((link) => link.textContent);
    expect(links).toEqual(['工作台', '污染案件', '污染预警', '监测断面', '生态补偿', '我的权限']);
  });

  it('shows an investment officer the investment leads and refuses the pollution pages', async () => {
    stubGateway(() => HEALTH_OK);
    renderApp({ status: 'signed-in', user: BEIJING_INVESTMENT }, { path: '/pollution/cases' });
    const nav = await screen.findByRole('navigation', { name: '主导航' });
    expect(within(nav).getAllByRole('link').map((link) => link.textContent)).toEqual(['工作台', '招商线索', '我的权限']);
    expect(await screen.findByRole('heading', { level: 1, name: '无权访问' })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: '当前用户' })).getByText('北京市')).toBeTruthy();
  });

  it('answers a record address of another role\'s section with "not found", as for a missing record', async () => {
    stubGateway(() => HEALTH_OK);
    renderApp({ status: 'signed-in', user: BEIJING_INVESTMENT }, { path: '/pollution/cases/UG9sbHV0aW9uQ2FzZTpjYXNlLTE' });
    expect(await screen.findByRole('heading', { level: 1, name: '未找到该记录' })).toBeTruthy();
    expect(screen.queryByText('无权访问')).toBeNull();
  });

  it('opens a section that is not built yet as an honest coming-soon page', async () => {
    stubGateway(() => HEALTH_OK);
    renderApp({ status: 'signed-in', user: BEIJING_INVESTMENT });
    const nav = await screen.findByRole('navigation', { name: '主导航' });
    await userEvent.click(within(nav).getByRole('link', { name: '招商线索' }));
    expect(await screen.findByRole('heading', { level: 1, name: '招商线索' })).toBeTruthy();
    expect(screen.getByText('即将上线')).toBeTruthy();
    expect(screen.getByText(/不展示任何示例数据/)).toBeTruthy();
    expect(within(nav).getByRole('link', { name: '招商线索' }).getAttribute('aria-current')).toBe('page');
    expect(document.activeElement).toBe(document.getElementById('main'));
    await waitFor(() => expect(document.title).toBe('招商线索 · 协同 · 跨省协同平台'));
  });

  it('switches to English and back, remembering the choice and setting <html lang>', async () => {
    stubGateway(() => HEALTH_OK);
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT });
    await userEvent.click(await screen.findByRole('button', { name: 'English' }));
    expect(await screen.findByRole('navigation', { name: 'Main navigation' })).toBeTruthy();
    expect(within(screen.getByRole('navigation', { name: 'Main navigation' })).getByRole('link', { name: 'Pollution cases' })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Signed in as' })).getByText('Henan')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    await userEvent.click(screen.getByRole('button', { name: '中文' }));
    expect(await within(screen.getByRole('navigation')).findByRole('link', { name: '污染案件' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('signs out through the auth client', async () => {
    stubGateway(() => HEALTH_OK);
    const { auth } = renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT });
    await userEvent.click(await screen.findByRole('button', { name: '退出登录' }));
    expect(auth.signOutCalls).toBe(1);
  });

  it('starts with a skip link to the main content', async () => {
    stubGateway(() => HEALTH_OK);
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT });
    await screen.findByRole('navigation', { name: '主导航' });
    await userEvent.tab();
    const skip = screen.getByRole('link', { name: '跳到主要内容' });
    expect(document.activeElement).toBe(skip);
    expect(skip.getAttribute('href')).toBe('#main');
    expect(document.getElementById('main')?.tagName).toBe('MAIN');
  });

  it('shows an unknown address as not found', async () => {
    stubGateway(() => HEALTH_OK);
    renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT }, { path: '/no/such/page' });
    expect(await screen.findByRole('heading', { level: 1, name: '页面不存在' })).toBeTruthy();
  });
});
