import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { screenshot } from './browser';
import { useStackAndBrowser } from './suite';

const suite = useStackAndBrowser();

describe('admin panel', () => {
  it('refuses a wrong password, then signs in and shows the user and a ready system', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 820 } });
    await page.goto(`${suite.stack.baseUrl}/admin/`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    assert.match(await page.getByTestId('login-error').innerText(), /用户名或密码错误/);
    await screenshot(page, 'admin-login-error');

    await page.getByTestId('login-password').fill(suite.stack.demoPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user-name').waitFor();
    assert.equal((await page.getByTestId('current-user-name').innerText()).trim(), '系统管理员');
    await page.getByTestId('readiness-status').filter({ hasText: '正常' }).waitFor();
    await screenshot(page, 'admin-overview');
    await page.close();
  });
});

describe('H5 mini-program', () => {
  it('signs in through the dev login and shows the role entries', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await page.goto(`${suite.stack.baseUrl}/h5/`);
    await page
      .getByTestId('dev-login-name')
      .locator('input')
      .or(page.getByTestId('dev-login-name'))
      .first()
      .fill('王阿姨');
    await page.getByTestId('dev-login-role-resident').click();
    await screenshot(page, 'h5-login');
    await page.getByTestId('dev-login-submit').click();
    await page.getByTestId('home-user-name').waitFor();
    assert.match(await page.getByTestId('home-user-name').innerText(), /王阿姨/);
    await page.getByTestId('role-entry-resident').first().waitFor();
    await screenshot(page, 'h5-home');
    await page.close();
  });
});
