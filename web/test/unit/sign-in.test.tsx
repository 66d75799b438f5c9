import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { ErrorBoundary } from '../../src/components/error-boundary.tsx';
import { createI18n } from '../../src/i18n/i18n.ts';
import { ConfigErrorPage } from '../../src/screens/config-error.page.tsx';
import { HENAN_ENVIRONMENT } from './support/fake-auth.ts';
import { HEALTH_OK, renderApp, stubGateway } from './support/render-app.tsx';

describe('the sign-in page', () => {
  it('explains the platform and sends the user to the provider in the chosen language', async () => {
    const { auth } = renderApp({ status: 'signed-out', reason: 'none' });
    expect(await screen.findByRole('heading', { level: 1, name: '登录协同平台' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'English' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(auth.signInCalls).toEqual(['en']);
    expect(screen.getByRole('button', { name: 'Going to the sign-in page…' })).toHaveProperty('disabled', true);
  });

  it('confirms a sign-out', async () => {
    renderApp({ status: 'signed-out', reason: 'signed-out' });
    expect((await screen.findByText('您已安全退出。')).getAttribute('role')).toBe('status');
  });

  it('says when the session ended by itself', async () => {
    renderApp({ status: 'signed-out', reason: 'expired' });
    expect((await screen.findByText('登录已过期，请重新登录。')).getAttribute('role')).toBe('status');
  });

  it('shows the provider’s error and offers to try again', async () => {
    renderApp({ status: 'failed', error: { kind: 'provider-error', detail: 'access_denied' } });
    expect((await screen.findByRole('alert')).textContent).toBe('登录未成功：access_denied');
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });

  it('says when the identity service does not answer', async () => {
    renderApp({ status: 'failed', error: { kind: 'unreachable' } });
    expect((await screen.findByRole('alert')).textContent).toContain('无法连接统一身份认证服务');
  });

  it('returns to the sign-in page saying so when the session ends while signed in', async () => {
    stubGateway(() => HEALTH_OK);
    const { auth } = renderApp({ status: 'signed-in', user: HENAN_ENVIRONMENT });
    await screen.findByRole('navigation');
    auth.endSession();
    expect(await screen.findByText('登录已过期，请重新登录。')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: '登录协同平台' })).toBeTruthy();
  });
});

describe('the configuration page', () => {
  it('lists every missing or invalid variable', () => {
    render(
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <ConfigErrorPage
          issues={[
            { variable: 'VITE_GATEWAY_URL', problem: 'missing' },
            { variable: 'VITE_OIDC_URL', problem: 'invalid-url' },
          ]}
        />
      </I18nextProvider>,
    );
    const items = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toEqual(['VITE_GATEWAY_URL: 未设置', 'VITE_OIDC_URL: 不是有效的 http(s) 地址']);
    expect(screen.getByRole('heading', { level: 1, name: '系统配置不完整' })).toBeTruthy();
  });
});

describe('the error boundary', () => {
  it('replaces a page that threw with a readable message and a reload button', () => {
    const Broken = () => {
      throw new Error('boom');
    };
    const quiet = console.error;
    console.error = () => {};
    try {
      render(
        <I18nextProvider i18n={createI18n('en')}>
          <ErrorBoundary>
            <Broken />
          </ErrorBoundary>
        </I18nextProvider>,
      );
    } finally {
      console.error = quiet;
    }
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
  });
});
