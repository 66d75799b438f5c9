// The built web app in headless Chromium, signing in through the development identity provider's pages (code flow
// with PKCE, as against Keycloak) and calling the real gateway in production mode. Screenshots of the main screens
// go to test/e2e/screenshots/.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { caseOpened, POLLUTION_TOPIC } from './support/events.ts';
import { startPlatform, type E2ePlatform } from './support/platform.ts';

const PASSWORD = 'xietong-demo';

let platform: E2ePlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  platform = await startPlatform(inject('webDist'));
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await platform?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** From the app's sign-in page through the provider's form and back; returns when the shell is shown. */
async function signIn(page: Page, origin: string, username: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(platform.idp.baseUrl));
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.href.startsWith(origin));
  try {
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
  } catch (error) {
    // Say what the page shows instead (e.g. the sign-in page's error) rather than only "timeout".
    throw new Error(`not signed in at ${page.url()}; the page reads: ${await page.locator('body').innerText()}`, { cause: error });
  }
}

async function navLinks(page: Page, name: string): Promise<string[]> {
  return (await page.getByRole('navigation', { name }).getByRole('link').allTextContents()).map((text) => text.trim());
}

async function identity(page: Page): Promise<Record<string, string>> {
  const read = async (id: string) => (await page.getByTestId(id).textContent())?.trim() ?? '';
  return { province: await read('user-province'), agency: await read('user-agency'), roles: await read('user-roles') };
}

/** Waits until the gateway holds this many live subscriptions (the browser's stream is open). */
async function waitForSubscribers(count: number): Promise<void> {
  for (let i = 0; i < 200 && platform.gateway.hub.stats().subscribers !== count; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(platform.gateway.hub.stats().subscribers).toBe(count);
}

/** No WCAG 2.1 A/AA violations that axe can detect (contrast, labels, landmarks, names). */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('the web app in Chromium', () => {
  it('signs a Henan environment officer in and shows province, agency, role, the pollution sections and their permissions', async () => {
    const page = await newPage();
    await page.goto(`${platform.app.origin}/`);
    await page.getByRole('heading', { level: 1, name: '登录协同平台' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expectAccessible(page);
    await saveScreenshot(page, '01-sign-in');

    await signIn(page, platform.app.origin, 'henan.environment');
    expect(await identity(page)).toEqual({ province: '河南省', agency: '河南省生态环境厅', roles: '生态环境' });
    expect(await navLinks(page, '主导航')).toEqual(['工作台', '污染案件', '污染预警', '监测断面', '生态补偿', '我的权限']);
    // The gateway answered a persisted operation in production mode.
    await page.getByTestId('service-status').getByText('服务正常').waitFor();
    await page.getByTestId('activity-status').getByText('实时更新中').waitFor();

    // The to-do reads the pollution service, which this platform does not run: a readable problem with a retry, not
    // a blank panel.
    const todo = page.getByRole('region', { name: '待您处理' });
    await todo.getByRole('button', { name: '重试' }).waitFor();
    expect(await todo.innerText()).toContain('相关业务服务暂时无法访问');

    // Live activity over SSE (the recent activity and the to-do each follow the user's events): a case naming Henan
    // arrives; one naming only Jiangsu and Anhui does not.
    await waitForSubscribers(2);
    platform.events.emit(caseOpened('case-jiangsu-anhui', '320000', ['320000', '340000']), POLLUTION_TOPIC);
    platform.events.emit(caseOpened('case-henan-hubei', '420000', ['410000', '420000']), POLLUTION_TOPIC);
    const activity = page.getByRole('region', { name: '最近动态' });
    await activity.getByText('记录 case-henan-hubei').waitFor();
    expect(await activity.getByRole('listitem').count()).toBe(1);
    expect(await activity.getByRole('listitem').textContent()).toContain('来自湖北省');
    await expectAccessible(page);
    await saveScreenshot(page, '02-workbench-henan-environment');

    // Keyboard: the first Tab reaches the skip link, which moves focus to the page's content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我的权限' }).click();
    const pollution = page.getByRole('row', { name: /跨界污染/ });
    await pollution.waitFor();
    expect(await pollution.textContent()).toContain('与本省相关的记录');
    expect(await page.getByRole('row', { name: /招商线索/ }).textContent()).toContain('无');
    await expectAccessible(page);
    await saveScreenshot(page, '03-me-henan-environment');

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '污染案件' }).click();
    await page.getByRole('heading', { level: 1, name: '污染案件' }).waitFor();
    await expectAccessible(page);
  });

  it('switches to English, keeps the choice and the session over a reload, and signs out to the sign-in page', async () => {
    const page = await newPage();
    await signIn(page, platform.app.origin, 'henan.environment');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    expect(await navLinks(page, 'Main navigation')).toEqual(['Workbench', 'Pollution cases', 'Pollution alerts', 'Monitoring sections', 'Compensation', 'My permissions']);
    expect(await identity(page)).toEqual({ province: 'Henan', agency: '河南省生态环境厅', roles: 'Environment' });
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectAccessible(page);
    await saveScreenshot(page, '05-workbench-english');

    // A reload resumes the session at the provider (check-sso) without asking for the password again.
    await page.reload();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    expect((await identity(page)).province).toBe('Henan');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    expect(new URL(page.url()).origin).toBe(platform.app.origin);
    expect(new URL(page.url()).search).toBe('');
    await saveScreenshot(page, '06-signed-out');

    // The provider's session ended too: signing in again asks for the password.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#password').waitFor();
  });

  it('shows a Beijing investment officer the investment leads, not the pollution sections', async () => {
    const page = await newPage();
    await signIn(page, platform.app.origin, 'beijing.investment');
    expect(await identity(page)).toEqual({ province: '北京市', agency: '北京市商务局', roles: '招商引资' });
    expect(await navLinks(page, '主导航')).toEqual(['工作台', '招商线索', '我的权限']);
    // A deep link to another role's section opens (after the session resumes) on a refusal, not the section.
    await page.goto(`${platform.app.origin}/pollution/cases`);
    await page.getByRole('heading', { level: 1, name: '无权访问' }).waitFor();
    await saveScreenshot(page, '07-forbidden-beijing-investment');
  });

  it('shows the provider’s error for a wrong password', async () => {
    const page = await newPage();
    await page.goto(`${platform.app.origin}/`);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.locator('#username').fill('henan.environment');
    await page.locator('#password').fill('wrong-password');
    await page.locator('form button[type="submit"]').click();
    const error = page.getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).toContain('用户名或密码错误');
    expect(page.url().startsWith(platform.idp.baseUrl)).toBe(true);
    await saveScreenshot(page, '08-wrong-password');
  });

  it('says readably when the gateway does not answer, with a retry', async () => {
    const page = await newPage();
    await signIn(page, platform.appWithoutGateway.origin, 'henan.liaison');
    await page.getByTestId('service-status').getByText('无法连接服务网关').waitFor();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我的权限' }).click();
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: '无法连接服务网关' }).waitFor();
    await alert.getByRole('button', { name: '重试' }).click();
    await alert.getByRole('heading', { name: '无法连接服务网关' }).waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, '09-me-gateway-down');
  });

  it('lists the missing settings when the app is not configured', async () => {
    const page = await newPage();
    await page.goto(`${platform.unconfiguredApp.origin}/`);
    await page.getByRole('heading', { level: 1, name: '系统配置不完整' }).waitFor();
    expect(await page.getByRole('listitem').allTextContents()).toEqual([
      'VITE_GATEWAY_URL: 未设置',
      'VITE_OIDC_URL: 未设置',
      'VITE_OIDC_REALM: 未设置',
      'VITE_OIDC_CLIENT_ID: 未设置',
    ]);
    await saveScreenshot(page, '10-not-configured');
  });
});
