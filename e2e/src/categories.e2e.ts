import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { docsScreenshot, docsScreenshotDir, signInToAdmin } from './browser';
import { useStackAndBrowser } from './suite';

const suite = useStackAndBrowser();

/** The panel signed in as the district administrator, on 事项分类. */
async function categoriesPage(): Promise<Page> {
  const context = await suite.newContext({ viewport: { width: 1440, height: 1080 } });
  const page = await context.newPage();
  await signInToAdmin(page, suite.stack.baseUrl, 'admin', suite.stack.demoPassword);
  await page.waitForURL(/#\/(?!login)/);
  await page.goto(`${suite.stack.baseUrl}/admin/#/categories`);
  await page.getByTestId('category-row-street_vending').waitFor();
  return page;
}

const offeredNames = async () => {
  const response = await suite.api('GET', '/api/categories', null);
  return (response.body.items as Array<{ code: string; name: string }>).map((item) => item.name);
};

describe('事项分类 in the admin panel', () => {
  it('an administrator renames a category, changes its SLA, switches one off and reads the history', async () => {
    const page = await categoriesPage();
    const vending = page.getByTestId('category-row-street_vending');
    assert.match((await vending.textContent()) ?? '', /🛒.*占道经营.*城管执法.*15 分钟/);
    // Toasts ("已保存…") fade out before each picture.
    await docsScreenshot(page, 'admin-categories', 3_500);

    await page.getByTestId('category-edit-street_vending').click();
    await page.getByTestId('category-name').fill('流动摊贩');
    await page.getByTestId('category-sla').fill('20');
    await page.locator('.ant-radio-button-wrapper', { has: page.locator('input[value="warning"]') }).click();
    await page.waitForTimeout(400);
    await docsScreenshot(page, 'admin-categories-edit', 3_500);
    await page.getByTestId('category-save').click();
    await page.getByTestId('category-row-street_vending').filter({ hasText: '流动摊贩' }).waitFor();
    assert.match((await vending.textContent()) ?? '', /⚠️.*流动摊贩.*20 分钟/);

    await page.getByTestId('category-enabled-fallen_tree').click();
    await page.locator('[data-testid="category-row-fallen_tree"][data-enabled="false"]').waitFor();
    const names = await offeredNames();
    assert.ok(names.includes('流动摊贩'), names.join(','));
    assert.ok(!names.includes('树木倒伏'), names.join(','));

    await page.getByTestId('category-history-street_vending').click();
    const revision = page.getByTestId('category-revision-2');
    await revision.waitFor();
    const text = (await revision.textContent()) ?? '';
    assert.match(text, /名称：占道经营 → 流动摊贩/);
    assert.match(text, /到场时限：15 分钟 → 20 分钟/);
    await docsScreenshot(page, 'admin-categories-history', 3_500);

    // The resident's 随手拍 draws the same icon and name, and no longer offers the category switched off.
    const context = await suite.phoneContext({ latitude: 23.1066, longitude: 113.3245 });
    const resident = await context.newPage();
    await resident.goto(`${suite.stack.baseUrl}/h5/`);
    await resident.getByTestId('dev-login-name').fill('王阿姨');
    await resident.getByTestId('dev-login-role-resident').click();
    await resident.getByTestId('dev-login-submit').click();
    await resident.getByTestId('home-user-name').waitFor();
    await resident.getByTestId('feature-report.create').click();
    const picked = resident.getByTestId('report-category-street_vending');
    await picked.waitFor();
    assert.match((await picked.textContent()) ?? '', /⚠️.*流动摊贩/);
    assert.equal(await resident.getByTestId('report-category-fallen_tree').count(), 0);
    await picked.scrollIntoViewIfNeeded();
    await resident.waitForTimeout(600);
    fs.mkdirSync(docsScreenshotDir, { recursive: true });
    await resident.screenshot({ path: path.join(docsScreenshotDir, 'h5-report-categories-edited.png') });
    await context.close();
  });
});
