import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot, signInToAdmin } from './browser';
import { useStackAndBrowser } from './suite';

const suite = useStackAndBrowser();

/** A desktop browser of its own (its own session), placed at 广州塔 for an officer's location sharing. */
async function desktop(): Promise<Page> {
  const context = await suite.newContext({
    viewport: { width: 1366, height: 820 },
    geolocation: { latitude: 23.10696, longitude: 113.3245, accuracy: 10 },
    permissions: ['geolocation'],
  });
  return context.newPage();
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await signInToAdmin(page, suite.stack.baseUrl, username, password);
}

/** Picks an option in the antd Select with this test id. */
async function choose(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .first()
    .click();
}

const sessionToken = (page: Page) =>
  page.evaluate(() => {
    const raw = localStorage.getItem('jiefang.admin.session');
    return raw ? (JSON.parse(raw) as { token: string }).token : null;
  });

describe('人员管理 in the admin panel', () => {
  it('an admin creates an officer who changes the first password and goes on duty; disabling them ends it', async () => {
    const admin = await desktop();
    await signIn(admin, 'admin', suite.stack.demoPassword);
    await admin.getByTestId('current-user-name').waitFor();
    await admin.goto(`${suite.stack.baseUrl}/admin/#/staff`);
    await admin.locator('[data-testid^="staff-row-"]').first().waitFor();
    await screenshot(admin, 'staff-list');

    // Search narrows the list on the server.
    await admin.getByPlaceholder('搜索姓名、用户名或手机号').fill('chigang');
    await admin.waitForURL(/q=chigang/);
    await admin.locator('[data-testid^="staff-row-"]').first().waitFor();

    await admin.getByTestId('staff-create').click();
    const drawer = admin.locator('.ant-drawer-content:visible');
    await drawer.waitFor();
    await admin.getByTestId('staff-username').fill('e2e.zhou');
    await admin.getByTestId('staff-password').fill('first-pass-2026');
    await admin.getByTestId('staff-name').fill('周队员');
    await choose(admin, 'staff-roles', '执法队员');
    await admin.getByTestId('staff-name').click();
    await choose(admin, 'staff-street', '赤岗街道');
    await admin.getByTestId('staff-phone').fill('13812345678');
    await screenshot(admin, 'staff-drawer');
    const created = admin.waitForResponse(
      (response) => response.url().endsWith('/api/users') && response.request().method() === 'POST',
    );
    await admin.getByTestId('staff-save').click();
    const createdResponse = await created;
    assert.equal(createdResponse.status(), 201, await createdResponse.text());
    const officerId = ((await createdResponse.json()) as { id: string }).id;
    await drawer.waitFor({ state: 'hidden' });
    await admin.getByPlaceholder('搜索姓名、用户名或手机号').fill('周队员');
    const row = admin.getByTestId(`staff-row-${officerId}`);
    await row.waitFor();
    assert.match(await row.innerText(), /待改初始密码/);
    assert.match(await row.innerText(), /赤岗街道/);

    // The officer signs in: first the password change, nothing else.
    const officer = await desktop();
    await signIn(officer, 'e2e.zhou', 'first-pass-2026');
    await officer.getByTestId('change-password').waitFor();
    const restricted = await sessionToken(officer);
    assert.ok(restricted);
    const refused = await suite.api('GET', '/api/me', restricted);
    assert.equal(refused.status, 403);
    assert.equal((refused.body.error as { code: string }).code, 'password_change_required');
    await screenshot(officer, 'staff-first-login-password');
    await officer.getByTestId('password-current').fill('first-pass-2026');
    await officer.getByTestId('password-new').fill('zhou-own-pass-1');
    await officer.getByTestId('password-confirm').fill('zhou-own-pass-1');
    await officer.getByTestId('password-submit').click();
    await officer.getByTestId('current-user-name').waitFor();

    // On duty in the officer view.
    await officer.goto(`${suite.stack.baseUrl}/admin/#/officer`);
    const toggle = officer.getByTestId('officer-duty-toggle');
    await toggle.waitFor();
    const onDuty = officer.waitForResponse(
      (response) => response.url().endsWith('/api/officer/duty') && response.status() === 200,
    );
    await toggle.click();
    await onDuty;
    await officer.locator('[data-testid="officer-duty-toggle"][aria-checked="true"]').waitFor();
    await screenshot(officer, 'staff-officer-on-duty');
    const fullToken = await sessionToken(officer);
    assert.equal((await suite.api('GET', '/api/me', fullToken)).status, 200);

    // The admin disables the officer, after a confirmation.
    await admin.getByTestId(`staff-status-${officerId}`).click();
    await screenshot(admin, 'staff-disable-confirm');
    await admin.getByTestId('staff-status-confirm').click();
    await row.filter({ hasText: '已停用' }).waitFor();
    await admin.getByTestId('staff-status-confirm').waitFor({ state: 'detached' });
    await screenshot(admin, 'staff-disabled');

    // The officer's next request fails: the API refuses the token and the panel returns to sign-in,
    // on the officer's next tap or sooner (the location sharing and the task list keep asking).
    assert.equal((await suite.api('GET', '/api/me', fullToken)).status, 401);
    await officer
      .getByTestId('officer-duty-toggle')
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await officer.getByTestId('login-username').waitFor();
    await screenshot(officer, 'staff-officer-signed-out');
    await signIn(officer, 'e2e.zhou', 'zhou-own-pass-1');
    await officer.getByTestId('login-error').filter({ hasText: '停用' }).waitFor();

    // Enabled again and given a one-time password, shown once: it signs in to 修改密码 only.
    await admin.getByTestId(`staff-status-${officerId}`).click();
    await admin.getByTestId('staff-status-confirm').click();
    await row.filter({ hasText: '启用' }).filter({ hasNotText: '已停用' }).waitFor();
    await admin.getByTestId(`staff-reset-${officerId}`).click();
    await admin.getByTestId('staff-reset-confirm').click();
    const shown = admin.getByTestId('staff-temporary-password');
    await shown.waitFor();
    await admin.waitForTimeout(400);
    await screenshot(admin, 'staff-reset-password');
    const temporary = (await shown.innerText()).trim();
    assert.match(temporary, /^[A-Za-z2-9]{12}$/);
    await admin.getByTestId('staff-reset-close').click();
    await shown.waitFor({ state: 'detached' });
    await signIn(officer, 'e2e.zhou', temporary);
    await officer.getByTestId('change-password').waitFor();
  });
});
