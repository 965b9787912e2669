import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { reportWithPhoto, scenePhoto } from './reportFixtures';
import { repoRoot } from './stack';
import { useStackAndBrowser } from './suite';

const site = { latitude: 23.1066, longitude: 113.3245 };
const docsShots = path.join(repoRoot, 'docs/screenshots');

const suite = useStackAndBrowser();

async function shot(page: Page, name: string, fullPage = true) {
  fs.mkdirSync(docsShots, { recursive: true });
  await page.screenshot({ path: path.join(docsShots, `${name}.png`), fullPage });
}

/** Taro's H5 pages scroll inside their own container: a full-page picture needs it unrolled. */
async function unrollPage(page: Page) {
  await page.evaluate(() => {
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('.taro_page, .taro_router'))) {
      element.style.height = 'auto';
      element.style.overflow = 'visible';
    }
  });
}

describe('我的数据 (PIPL)', () => {
  it('a resident sees what is held about them, exports it and deletes the account; the report stays for staff', async () => {
    const login = await suite.api('POST', '/api/auth/dev-login', null, {
      role: 'resident',
      name: '数据阿姨',
    });
    const residentToken = login.body.token as string;
    const report = await reportWithPhoto(suite.stack, residentToken, await scenePhoto(suite.browser, '🛒'), {
      category: 'street_vending',
      lat: site.latitude,
      lng: site.longitude,
      address: '广州塔南广场',
      description: '推车占道，有事打 13800002222',
      key: `e2e-data-${Date.now().toString(36)}`,
    });

    const context = await suite.phoneContext(site);
    const page = await context.newPage();
    await page.goto(`${suite.stack.baseUrl}/h5/`);
    await page.getByTestId('dev-login-name').fill('数据阿姨');
    await page.getByTestId('dev-login-role-resident').click();
    await page.getByTestId('dev-login-submit').click();
    await page.getByTestId('home-user-name').waitFor();

    // 我的信息 → 我的数据: every group, the report with the resident's own words.
    await page.getByTestId('me-data').click();
    await page.getByTestId('mydata').waitFor();
    const reports = page.getByTestId('mydata-reports');
    await reports.getByText('推车占道，有事打 13800002222').waitFor();
    assert.match(await reports.innerText(), /共 1 条/);
    assert.match(await page.getByTestId('mydata-account').innerText(), /数据阿姨/);
    await unrollPage(page);
    await shot(page, 'h5-my-data');
    // 大字模式, as elders use it.
    await page.locator('[data-testid="large-text-toggle"]:visible').click();
    await page.waitForTimeout(300);
    await shot(page, 'h5-my-data-large', false);

    // 导出: a JSON file download with everything above.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('mydata-export').click(),
    ]);
    assert.match(download.suggestedFilename(), /^jiefang-my-data-\d{8}\.json$/);
    const file = await download.path();
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      reports: { items: Array<{ id: string }> };
    };
    assert.deepEqual(
      exported.reports.items.map((item) => item.id),
      [report.id],
    );

    await page.getByText('已导出').waitFor({ state: 'hidden' });

    // 注销账号: a warning, a confirmation, then back to the login page.
    const deleteCard = page.getByTestId('mydata-delete-card');
    await deleteCard.getByText('注销后').waitFor();
    await deleteCard.scrollIntoViewIfNeeded();
    await page.getByTestId('mydata-delete').click();
    await page.getByText('确认注销账号？').waitFor();
    await page.waitForTimeout(300);
    await shot(page, 'h5-my-data-delete-confirm', false);
    await page.getByText('确认注销', { exact: true }).click();
    await page.getByTestId('dev-login-submit').waitFor();

    // The old token fails; staff still see the report, without the resident's name or phone.
    assert.equal((await suite.api('GET', '/api/me', residentToken)).status, 401);
    const admin = await suite.api('POST', '/api/auth/login', null, {
      username: 'admin',
      password: suite.stack.demoPassword,
    });
    const ticket = await suite.api('GET', `/api/tickets/${report.id}`, admin.body.token as string);
    assert.equal(ticket.status, 200);
    const text = JSON.stringify(ticket.body);
    assert.doesNotMatch(text, /13800002222|数据阿姨/);
    assert.match(text, /推车占道/);
  });
});
