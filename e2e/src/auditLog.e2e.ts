import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { screenshot, signInToAdmin } from './browser';
import { useStackAndBrowser } from './suite';

const suite = useStackAndBrowser();

const signIn = async (username: string, password: string) => {
  const response = await suite.api('POST', '/api/auth/login', null, { username, password });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.token as string;
};

describe('audit log', () => {
  it('shows each step of an officer created, on duty and disabled', async () => {
    const adminToken = await signIn('admin', suite.stack.demoPassword);
    const created = await suite.api('POST', '/api/users', adminToken, {
      username: 'audit-e2e-officer',
      password: 'officer-first-password',
      name: '审计测试队员',
      roles: ['officer'],
      street: '赤岗街道',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const officerId = created.body.id as string;

    // The password an admin gave is for the first sign-in only: the officer sets their own.
    const firstToken = await signIn('audit-e2e-officer', 'officer-first-password');
    const changed = await suite.api('POST', '/api/auth/password', firstToken, {
      currentPassword: 'officer-first-password',
      newPassword: 'officer-own-password-1',
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    const officerToken = changed.body.token as string;
    const duty = await suite.api('POST', '/api/officer/duty', officerToken, {
      onDuty: true,
      travelMode: 'ebike',
    });
    assert.equal(duty.status, 200, JSON.stringify(duty.body));

    const disabled = await suite.api('PATCH', `/api/users/${officerId}`, adminToken, { disabled: true });
    assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
    assert.equal((await suite.api('GET', '/api/officer/status', officerToken)).status, 401);

    const logged = await suite.api('GET', `/api/audit?target=${officerId}`, adminToken);
    assert.deepEqual(
      (logged.body.items as Array<{ action: string }>).map((entry) => entry.action),
      ['user.update', 'officer.duty', 'user.password-change', 'user.create'],
    );

    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 820 } });
    await signInToAdmin(page, suite.stack.baseUrl, 'admin', suite.stack.demoPassword);
    await page.waitForURL(/#\/(?!login)/);
    await page.goto(`${suite.stack.baseUrl}/admin/#/audit`);
    const rows = page.locator('[data-testid^="audit-row-"]');
    await rows.first().waitFor();
    const text = await page.locator('.ant-table-tbody').innerText();
    for (const label of [
      '创建账号',
      '修改本人密码',
      '上下班',
      '停用账号',
      '审计测试队员',
      '系统管理员',
      '赤岗街道',
    ])
      assert.match(text, new RegExp(label));
    await screenshot(page, 'admin-audit-log');

    await page.getByTestId('audit-filter-target').fill(officerId);
    await page.getByTestId('audit-filter-target').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="audit-row-"]').length === 4);
    await rows.first().click();
    const detail = page.getByTestId('audit-detail');
    await detail.waitFor();
    assert.match(await detail.innerText(), /disabled/);
    await screenshot(page, 'admin-audit-entry');
    await page.close();
  });
});
