// The pollution records on the real backend (support/pollution-platform.ts, with the service's demo scenario: the
// benzene spill at Liuzhuang, its case with both provinces' enforcement actions and Henan's evidence, two years of
// daily readings and the emergency monitoring, last year's Henan–Shandong compensation assessment). A Henan
// environmental officer finds the case in the list, opens it, follows its section to the readings chart and opens the
// assessment; axe checks each page. Screenshots 31–35 go to test/e2e/screenshots/.
import { AxeBuilder } from '@axe-core/playwright';
import { DEMO_PASSWORD } from '@xietong/identity';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { startPollutionPlatform, type PollutionE2ePlatform } from './support/pollution-platform.ts';

const DEMO_CASE = '黄河刘庄断面上游苯泄漏事件';

let platform: PollutionE2ePlatform;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  platform = await startPollutionPlatform(inject('webDist'));
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
}, 240_000);

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await platform?.stop();
}, 60_000);

/** From the app's sign-in page through the provider's form and back; returns when the shell is shown. */
async function signIn(username: string, on: Page = page): Promise<void> {
  const origin = platform.app.origin;
  await on.goto(`${origin}/`);
  await on.getByRole('button', { name: '登录', exact: true }).click();
  await on.waitForURL((url) => url.href.startsWith(platform.idp.baseUrl));
  await on.locator('#username').fill(username);
  await on.locator('#password').fill(DEMO_PASSWORD);
  await on.locator('form button[type="submit"]').click();
  await on.waitForURL((url) => url.href.startsWith(origin));
  await on.getByRole('navigation', { name: '主导航' }).waitFor();
}

/** An instant an hour ago (and `minutes` more) in Beijing time with its offset, as a bureau's file writes it. */
function beijingTimeAgo(minutes: number): string {
  const beijing = new Date(Date.now() - (60 + minutes) * 60_000 + 8 * 3_600_000);
  return `${beijing.toISOString().slice(0, 19)}+08:00`;
}

/** Waits for the page's h1; on a timeout, says what the page shows instead. */
async function expectHeading(name: string | RegExp): Promise<void> {
  try {
    await page.getByRole('heading', { level: 1, name }).waitFor();
  } catch (error) {
    throw new Error(`no heading “${String(name)}” at ${page.url()}; the page reads: ${await page.locator('body').innerText()}`, { cause: error });
  }
}

/** No WCAG 2.1 A/AA violations that axe can detect. */
async function expectAccessible(): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('pollution records, end to end', () => {
  it('a Henan environmental officer finds the demo case in the list, live', async () => {
    await signIn('henan.environment');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '污染案件' }).click();
    await expectHeading('污染案件');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: DEMO_CASE }) });
    await row.waitFor();
    expect(await row.innerText()).toContain('刘庄断面（黄河）');
    expect(await row.innerText()).toContain('河南省、山东省');
    await page.getByTestId('live-status').getByText('实时更新中').waitFor();
    await expectAccessible();
    await saveScreenshot(page, '31-case-list');
  });

  it('opens the case: both provinces’ enforcement actions, only its own amendable, Henan’s evidence, the timeline', async () => {
    await page.getByRole('link', { name: DEMO_CASE }).click();
    await expectHeading(new RegExp(DEMO_CASE));
    const enforcement = page.getByRole('region', { name: '联合执法行动' });
    await enforcement.waitFor();
    const henanRow = enforcement.getByRole('row').filter({ hasText: '豫鲁联合执法组现场检查' });
    const shandongRow = enforcement.getByRole('row').filter({ hasText: '山东省对菏泽、聊城沿黄' });
    expect(await henanRow.getByRole('button', { name: /修改/ }).count()).toBe(1);
    expect(await shandongRow.getByRole('button').count()).toBe(0);
    expect(await shandongRow.innerText()).toContain('他省记录，只读');
    expect(await page.getByRole('region', { name: '证据' }).innerText()).toMatch(/puyang-benzene-monitoring-report-1-.*\.pdf/);
    const timeline = page.getByRole('region', { name: '办理时间线' });
    expect(await timeline.getByRole('rowheader', { name: '立案' }).count()).toBe(1);
    expect(await timeline.getByRole('rowheader', { name: '记录执法行动' }).count()).toBe(2);
    expect(await page.getByRole('region', { name: '超标记录' }).innerText()).toContain('苯');
    await page.getByTestId('live-status').getByText('实时更新中').waitFor();
    await expectAccessible();
    await saveScreenshot(page, '32-case-detail');
  });

  it('follows the case’s section to its readings, charted against the GB 3838-2002 limits', async () => {
    await page.getByRole('link', { name: '刘庄断面（黄河）' }).click();
    await expectHeading(/刘庄断面/);
    const chart = page.getByRole('img', { name: /浓度变化与 GB 3838-2002 类别限值/ });
    await chart.waitFor({ timeout: 30_000 });
    // The section's target (Class III) is drawn, and the table holds the same readings.
    expect(await page.locator('[data-testid="readings-chart"] [data-target="true"]').count()).toBe(1);
    expect(await page.getByTestId('readings-table').locator('tbody tr').count()).toBeGreaterThan(10);
    await expectAccessible();
    await saveScreenshot(page, '33-section-liuzhuang');

    // The benzene plume of the spill against its single limit.
    await page.getByRole('group', { name: '监测指标' }).getByRole('button', { name: /苯/ }).click();
    await page.getByRole('img', { name: /苯浓度变化/ }).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="readings-chart"] circle.chart-point-exceeds').count()).toBeGreaterThan(0);
    await saveScreenshot(page, '35-section-liuzhuang-benzene');
  });

  it('opens last year’s Henan–Shandong assessment: who pays whom, verified, every step', async () => {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '生态补偿' }).click();
    await expectHeading('生态补偿');
    const lastYear = String(new Date().getFullYear() - 1);
    const assessments = page.getByRole('region', { name: '考核结果' });
    await assessments.getByRole('link', { name: lastYear }).first().click();
    await expectHeading(new RegExp(`${lastYear} 考核结果`));
    expect(await page.getByTestId('verification').innerText()).toContain('已复核');
    expect(await page.getByRole('region', { name: '净支付（各省之间最终支付）' }).innerText()).toMatch(/¥[\d,]+\.\d\d|无需支付/);
    expect(await page.getByRole('region', { name: '计算过程' }).getByRole('heading', { level: 3 }).count()).toBeGreaterThan(2);
    await expectAccessible();
    await saveScreenshot(page, '34-compensation-assessment');
  });
  // Last: the readings it stores would change what the earlier tests read.
  it('uploads readings as Henan: a bad line is named and nothing stored, the corrected file is stored, and Shandong’s open section page shows the upload live', async () => {
    const shandongContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    try {
      const shandong = await shandongContext.newPage();
      shandong.setDefaultTimeout(20_000);
      await signIn('shandong.environment', shandong);
      await shandong.goto(`${platform.app.origin}/pollution/sections/yellow-liuzhuang`);
      await shandong.getByTestId('section-live-status').getByText('实时更新中').waitFor();

      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '监测断面' }).click();
      await page.getByRole('link', { name: '上报监测数据' }).click();
      await expectHeading('上报水质监测数据');
      const header = 'section_id,parameter,value,unit,sampled_at';
      const bad = `${header}\nyellow-liuzhuang,COD,-16.2,mg/L,${beijingTimeAgo(7)}\nyellow-liuzhuang,NH3-N,0.41,mg/L,${beijingTimeAgo(7)}\n`;
      await page.getByLabel('文件内容').fill(bad);
      await page.getByRole('button', { name: '上传并校验' }).click();
      const rejected = page.getByTestId('upload-rejected');
      await rejected.waitFor();
      expect(await rejected.getByRole('row').nth(1).innerText()).toMatch(/^2\s+数值（value）/);
      await expectAccessible();
      await saveScreenshot(page, '36-readings-upload-rejected');

      await page.getByLabel('文件内容').fill(bad.replace('-16.2', '16.2'));
      await page.getByRole('button', { name: '上传并校验' }).click();
      const accepted = page.getByTestId('upload-accepted');
      await accepted.waitFor();
      expect(await accepted.innerText()).toContain('已保存 2 条监测数据。');
      await saveScreenshot(page, '37-readings-upload-accepted');

      // Shandong's page was open all along: the upload arrives without a reload.
      await shandong.getByTestId('section-announcement').getByText(/河南省上报了 2 条监测数据，其中超标 0 条/).waitFor();
      await saveScreenshot(shandong, '38-section-live-upload-shandong');
    } finally {
      await shandongContext.close();
    }
  });
});
