// The end-to-end scenario on the real pollution backend (support/pollution-platform.ts): a Henan
// environmental officer issues an alert through the form; a Shandong officer, signed in in another browser context,
// sees it arrive live and acknowledges it; the Henan officer sees the acknowledgement live; a Beijing investment
// officer sees neither the alert nor the case. Screenshots 21–25 go to test/e2e/screenshots/.
import { AxeBuilder } from '@axe-core/playwright';
import { DEMO_PASSWORD, passwordGrant } from '@xietong/identity';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PollutionAlertDetailDocument, PollutionAlertInboxDocument, PollutionAlertLinkedCasesDocument, PollutionCaseByIdDocument, PollutionCaseListDocument } from '../../src/generated/gql/graphql.ts';
import { persistedHashOf } from '../../src/graphql/graphql.client.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { startPollutionPlatform, type PollutionE2ePlatform } from './support/pollution-platform.ts';

let platform: PollutionE2ePlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];
// Unique per run, so the assertions can never match the demo scenario's alert.
const HEADLINE = `黄河刘庄断面上游柴油泄漏（端到端 ${Date.now().toString(36)}）`;
/** The demo scenario's case (services/pollution's demo seed), opened by Henan from the demo alert. */
const DEMO_CASE_TITLE = '黄河刘庄断面上游苯泄漏事件';
/** What the scenario made, for the later checks. */
const scenario: { alertPath?: string; alertId?: string; caseId?: string; henan?: Page; shandong?: Page } = {};

beforeAll(async () => {
  platform = await startPollutionPlatform(inject('webDist'));
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await platform?.stop();
}, 60_000);

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** From the app's sign-in page through the provider's form and back; returns when the shell is shown. */
async function signIn(page: Page, username: string): Promise<void> {
  const origin = platform.app.origin;
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(platform.idp.baseUrl));
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.href.startsWith(origin));
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
}

/** Waits for the page's h1; on a timeout, says what the page shows instead. */
async function expectHeading(page: Page, name: string): Promise<void> {
  try {
    await page.getByRole('heading', { level: 1, name }).waitFor();
  } catch (error) {
    throw new Error(`no heading “${name}” at ${page.url()}; the page reads: ${await page.locator('body').innerText()}`, { cause: error });
  }
}

/** Marks the page so a later check can tell it was never reloaded. */
async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
}

async function expectNotReloaded(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
}

/** No WCAG 2.1 A/AA violations that axe can detect. */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Runs one of the app's persisted operations against the gateway with a user's own token. */
async function gatewayCall(username: string, document: unknown, variables: Record<string, unknown>): Promise<{ data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> }> {
  const { accessToken } = await passwordGrant({ baseUrl: platform.idp.baseUrl, username, password: DEMO_PASSWORD });
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: persistedHashOf(document) } } }),
  });
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
}

/** Waits until the gateway holds at least this many live subscriptions (the browsers' streams are open). */
async function waitForSubscribers(atLeast: number): Promise<void> {
  for (let i = 0; i < 400 && platform.gateway.hub.stats().subscribers < atLeast; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(platform.gateway.hub.stats().subscribers).toBeGreaterThanOrEqual(atLeast);
}

describe('pollution alerts, end to end', () => {
  it('Henan issues an alert; Shandong sees it arrive live and acknowledges it; Henan sees the acknowledgement live', async () => {
    // Shandong's inbox is open first, showing the demo scenario's alert (acknowledged three days ago).
    const shandong = await newPage();
    await signIn(shandong, 'shandong.environment');
    await shandong.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '污染预警' }).click();
    await shandong.getByRole('heading', { level: 1, name: '污染预警' }).waitFor();
    await shandong.getByTestId('alert-list').waitFor();
    await shandong.getByTestId('alerts-live-status').getByText('实时更新中').waitFor();
    await waitForSubscribers(1);
    await markNoReload(shandong);

    // Henan fills in the form.
    const henan = await newPage();
    await signIn(henan, 'henan.environment');
    await henan.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '污染预警' }).click();
    await henan.getByRole('link', { name: '发布预警' }).click();
    await henan.getByRole('heading', { level: 1, name: '发布污染预警' }).waitFor();
    // Nothing filled in: every problem is named, and nothing is sent.
    await henan.getByRole('button', { name: '发布预警' }).click();
    const summary = henan.getByRole('alert').filter({ hasText: '请修改以下' });
    await summary.waitFor();
    expect(await summary.getByRole('link').count()).toBe(8);
    await henan.getByRole('radio', { name: '预警', exact: true }).check();
    await henan.getByRole('radio', { name: 'Ⅱ级（重大）' }).check();
    await henan.getByLabel('断面').selectOption('yellow-liuzhuang');
    expect(await henan.getByRole('checkbox', { name: '山东省' }).isChecked()).toBe(true);
    await henan.getByLabel('发生地点').fill('濮阳县渠村乡黄河大堤外侧排水沟入河口（刘庄断面上游约 38 公里）');
    await henan.getByLabel('纬度（选填）').fill('35.6421');
    await henan.getByLabel('经度（选填）').fill('114.9712');
    await henan.getByLabel('污染物名称').fill('柴油');
    await henan.getByLabel('数量', { exact: true }).fill('3.5');
    await henan.getByLabel('疑似污染源').fill('一辆油罐车在濮阳县境内侧翻');
    await henan.getByLabel('标题').fill(HEADLINE);
    await henan.getByLabel('详细情况').fill('约 3.5 吨柴油经排水沟进入黄河，已布设吸附围栏。请山东省做好菏泽、聊城沿黄取水口的防范。');
    await expectAccessible(henan);
    await saveScreenshot(henan, '23-issue-alert-form');
    await henan.getByRole('button', { name: '发布预警' }).click();

    // Henan lands on the new alert: Shandong has not acknowledged yet; the countdown runs.
    await henan.getByText('预警已发布，接收省份已收到通知。').waitFor();
    await henan.getByRole('heading', { level: 1, name: HEADLINE }).waitFor();
    scenario.alertPath = new URL(henan.url()).pathname;
    scenario.alertId = decodeURIComponent(scenario.alertPath.split('/').at(-1) ?? '');
    const henanAcks = henan.getByTestId('acknowledgements');
    await henanAcks.getByRole('row', { name: /山东省/ }).getByText('未确认').waitFor();
    expect(await henan.getByTestId('countdown').first().textContent()).toMatch(/确认期限 .* · 剩余 (59|60) 分/);
    await henan.getByTestId('alert-live-status').getByText('实时更新中').waitFor();
    await waitForSubscribers(2);
    await markNoReload(henan);

    // Shandong: the alert arrives live, announced, awaiting its acknowledgement with the countdown.
    const row = shandong.getByTestId('alert-row').filter({ hasText: HEADLINE });
    await row.waitFor();
    expect(await shandong.getByTestId('alerts-announcement').textContent()).toContain(`新预警：河南省发来Ⅱ级预警“${HEADLINE}”`);
    await row.getByText('待本省确认').first().waitFor();
    expect(await row.getByTestId('awaiting').textContent()).toBe('山东省');
    expect(await row.getByTestId('countdown').textContent()).toMatch(/剩余 (59|60) 分/);
    expect(await row.getByText('新', { exact: true }).count()).toBe(1);
    await expectNotReloaded(shandong);
    await expectAccessible(shandong);
    await saveScreenshot(shandong, '21-alert-inbox-shandong');

    // Shandong acknowledges from the inbox (keyboard: the button is reachable and has the alert in its name).
    const acknowledge = row.getByRole('button', { name: `确认收到：${HEADLINE}` });
    await acknowledge.focus();
    await shandong.keyboard.press('Enter');
    await row.getByText(/本省已于 .* 确认/).waitFor();
    expect(await row.getByTestId('awaiting').textContent()).toBe('全部已确认');
    expect(await row.getByRole('button', { name: /确认收到/ }).count()).toBe(0);

    // Henan sees it live on the open detail page: no reload.
    await henanAcks.getByRole('row', { name: /山东省/ }).getByText(/已于 .* 确认/).waitFor();
    expect(await henan.getByTestId('alert-announcement').textContent()).toContain(`山东省已确认收到“${HEADLINE}”`);
    await expectNotReloaded(henan);
    await expectAccessible(henan);
    await saveScreenshot(henan, '22-alert-detail-acknowledged');
    scenario.henan = henan;
    scenario.shandong = shandong;
  });

  it('Henan sends an update (续报): Shandong must acknowledge again, and sees that live', async () => {
    const { henan, shandong } = scenario;
    if (!henan || !shandong) throw new Error('the first scenario did not leave its pages open');
    await henan.getByRole('link', { name: '发送续报' }).click();
    await henan.getByRole('heading', { level: 1, name: '发送续报' }).waitFor();
    expect(await henan.getByLabel('标题').inputValue()).toBe(HEADLINE);
    await henan.getByRole('radio', { name: 'Ⅰ级（特别重大）' }).check();
    await henan.getByLabel('详细情况').fill('柴油已进入刘庄断面上游 10 公里河段，升级为Ⅰ级。请山东省立即关闭菏泽沿黄取水口。');
    await expectAccessible(henan);
    await henan.getByRole('button', { name: '发送续报' }).click();
    await henan.getByText('续报已发送，接收省份须重新确认。').waitFor();
    await henan.getByTestId('acknowledgements').getByRole('row', { name: /山东省/ }).getByText('未确认').waitFor();

    // Shandong's inbox, still open: the thread's row is now the update, Level I, awaiting its acknowledgement again.
    const row = shandong.getByTestId('alert-row').filter({ hasText: HEADLINE });
    await row.getByText('已更新', { exact: true }).waitFor();
    await row.getByRole('button', { name: `确认收到：${HEADLINE}` }).waitFor();
    expect(await row.getByText('Ⅰ级').count()).toBe(1);
    expect(await shandong.getByTestId('alerts-announcement').textContent()).toContain(`预警已更新：“${HEADLINE}”`);
    await expectNotReloaded(shandong);
  });

  it('Shandong’s workbench lists the update awaiting its acknowledgement and empties when it is acknowledged there; Henan opens a case from the alert, which joins Shandong’s open cases live', async () => {
    const { henan, shandong } = scenario;
    if (!henan || !shandong) throw new Error('the first scenario did not leave its pages open');
    await shandong.goto(`${platform.app.origin}/`);
    const todo = shandong.getByRole('region', { name: '待您处理' });
    const awaiting = todo.getByRole('region', { name: /待本省确认的预警/ });
    const row = awaiting.getByTestId('alert-row').filter({ hasText: HEADLINE });
    await row.waitFor();
    expect(await row.getByTestId('countdown').textContent()).toMatch(/剩余/);
    await todo.getByTestId('todo-live-status').getByText('实时更新中').waitFor();
    await expectAccessible(shandong);
    await saveScreenshot(shandong, '26-workbench-todo-shandong');
    await row.getByRole('button', { name: `确认收到：${HEADLINE}` }).click();
    await awaiting.getByText(/没有待本省确认的预警/).waitFor();
    await markNoReload(shandong);

    // Henan is on the update it sent (the thread's current message): it opens a case from it.
    const linked = henan.getByRole('region', { name: '关联案件' });
    await linked.getByText('依此预警立案').click();
    await linked.getByRole('button', { name: '立案' }).click();
    // The alert's page has the same headline: wait for the case's address, then its heading.
    await henan.waitForURL((url) => url.pathname.startsWith('/pollution/cases/'));
    await henan.getByRole('heading', { level: 1, name: new RegExp(HEADLINE) }).waitFor();
    await todo.getByRole('region', { name: /进行中的案件/ }).getByRole('link', { name: HEADLINE }).waitFor();
    await expectNotReloaded(shandong);
  });

  it('shows a Beijing investment officer neither the alert nor the case', async () => {
    expect(scenario.alertId).toBeTruthy();
    // The demo scenario's case (opened by Henan from its alert; Henan and Shandong are its parties).
    const cases = await gatewayCall('henan.environment', PollutionAlertLinkedCasesDocument, { mode: 'ACTUAL', sectionCode: 'yellow-liuzhuang' });
    const caseEdges = (cases.data?.pollutionCases as { edges: Array<{ node: { id: string; title: string; linkedAlerts: unknown[] } }> } | undefined)?.edges ?? [];
    // Chosen by its title and its linked alert, not by its place in the list, so the checks below are about this case.
    const demoCase = caseEdges.map((edge) => edge.node).find((node) => node.title === DEMO_CASE_TITLE);
    expect(demoCase, `the demo case among ${JSON.stringify(caseEdges.map((edge) => edge.node.title))}`).toBeTruthy();
    if (!demoCase) return;
    expect(demoCase.linkedAlerts.length).toBeGreaterThan(0);
    scenario.caseId = demoCase.id;
    // The id opens the case for a party, so the "not found" answers below are about access, not a wrong address.
    const asParty = await gatewayCall('henan.environment', PollutionCaseByIdDocument, { id: demoCase.id });
    expect((asParty.data?.pollutionCase as { title?: string } | null | undefined)?.title).toBe(DEMO_CASE_TITLE);

    const page = await newPage();
    await signIn(page, 'beijing.investment');
    const nav = await page.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents();
    expect(nav).not.toContain('污染预警');
    expect(nav).not.toContain('污染案件');
    await page.goto(`${platform.app.origin}/pollution/alerts`);
    await expectHeading(page, '无权访问');
    const alertsRefusal = await page.locator('main').textContent();
    expect(alertsRefusal).not.toContain(HEADLINE);
    // The case list, by its address: the same refusal as the alerts section, naming no case.
    await page.goto(`${platform.app.origin}/pollution/cases`);
    await expectHeading(page, '无权访问');
    expect(await page.locator('main').textContent()).toBe(alertsRefusal);
    expect(await page.locator('main').textContent()).not.toContain(demoCase.title);
    // A record's address below another role's section says "not found", as for a record that does not exist.
    await page.goto(`${platform.app.origin}${scenario.alertPath ?? ''}`);
    await expectHeading(page, '未找到该记录');
    expect(await page.locator('main').textContent()).not.toContain(HEADLINE);
    await page.goto(`${platform.app.origin}/pollution/cases/${encodeURIComponent(demoCase.id)}`);
    await expectHeading(page, '未找到该记录');
    expect(await page.locator('main').textContent()).not.toContain(demoCase.title);
    await saveScreenshot(page, '25-case-not-found-beijing-investment');

    // The gateway itself, asked with the Beijing officer's own token, answers as for a record that does not exist.
    const alert = await gatewayCall('beijing.investment', PollutionAlertDetailDocument, { id: scenario.alertId });
    expect(alert.data?.pollutionAlert ?? null).toBeNull();
    expect(alert.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const inbox = await gatewayCall('beijing.investment', PollutionAlertInboxDocument, { mode: 'ACTUAL' });
    const listed = JSON.stringify(inbox.data ?? {});
    expect(listed).not.toContain(HEADLINE);
    expect(listed).not.toContain(demoCase.title);
    // The gateway's case list, with the same token: the case is not listed, nor counted.
    const caseList = await gatewayCall('beijing.investment', PollutionCaseListDocument, { mode: 'ACTUAL', first: 100 });
    expect(caseList.errors ?? []).toEqual([]);
    expect(caseList.data?.pollutionCases).toMatchObject({ totalCount: 0, edges: [] });
    expect(JSON.stringify(caseList.data ?? {})).not.toContain(demoCase.id);
    // The case itself, by its id: as for a case that does not exist.
    const caseById = await gatewayCall('beijing.investment', PollutionCaseByIdDocument, { id: demoCase.id });
    expect(caseById.data?.pollutionCase ?? null).toBeNull();
    expect(caseById.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('shows a Beijing environmental officer, who may open the alerts, none of them: the alert’s and the case’s addresses say “not found”', async () => {
    expect(scenario.alertPath).toBeTruthy();
    expect(scenario.caseId).toBeTruthy();
    const page = await newPage();
    await signIn(page, 'beijing.environment');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '污染预警' }).click();
    await page.getByText(/暂无预警/).waitFor();
    expect(await page.getByTestId('alerts-total').textContent()).toBe('共 0 条');
    expect(await page.getByTestId('count-awaiting-mine').textContent()).toContain('0');
    await page.goto(`${platform.app.origin}${scenario.alertPath ?? ''}`);
    await expectHeading(page, '未找到该记录');
    expect(await page.locator('main').textContent()).not.toContain(HEADLINE);
    await expectAccessible(page);
    await saveScreenshot(page, '24-alert-not-found-beijing-environment');
    // The demo case, by its address: the same answer.
    await page.goto(`${platform.app.origin}/pollution/cases/${encodeURIComponent(scenario.caseId ?? '')}`);
    await expectHeading(page, '未找到该记录');
    expect(await page.locator('main').textContent()).not.toContain(DEMO_CASE_TITLE);
  });
});
