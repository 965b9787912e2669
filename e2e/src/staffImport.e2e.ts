import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { screenshot, signInToAdmin } from './browser';
import { useStackAndBrowser } from './suite';

const suite = useStackAndBrowser();
let workDir: string;

before(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'staff-import-e2e-'));
});

after(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

const prefix = `nst-e2e-${Date.now().toString(36)}`;

/** 50 officers of 南石头街道 as a street office fills the template, and two rows with mistakes. */
async function onboardingWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('工作人员');
  sheet.addRow(['用户名', '姓名', '角色', '街道', '网格', '手机号', '企业微信']);
  for (let index = 1; index <= 50; index += 1) {
    sheet.addRow([
      `${prefix}-${index}`,
      `南石头队员${index}`,
      index === 1 ? '执法队员、中队长' : '执法队员',
      '南石头街道',
      null,
      `139${String(index).padStart(8, '0')}`,
      null,
    ]);
  }
  sheet.addRow([`${prefix}-x1`, '填错手机', '执法队员', '南石头街道', null, '1390000', null]);
  sheet.addRow([`${prefix}-x2`, '没有街道', '执法队员', '天河街道', null, null, null]);
  await workbook.xlsx.writeFile(file);
}

describe('staff bulk import in the admin panel', () => {
  it('an admin previews and imports 50 officers from an .xlsx; one signs in with its one-time password', async () => {
    const file = path.join(workDir, '南石头街道执法队员.xlsx');
    await onboardingWorkbook(file);

    const context = await suite.newContext({
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await signInToAdmin(page, suite.stack.baseUrl, 'admin', suite.stack.demoPassword);
    await page.getByTestId('current-user-name').waitFor();
    await page.getByRole('menuitem', { name: '导入工作人员' }).click();
    await page.getByTestId('staff-import-page').waitFor();

    // The template comes with the valid choices.
    const templateDownload = page.waitForEvent('download');
    await page.getByTestId('staff-import-template').click();
    const template = await templateDownload;
    assert.equal(template.suggestedFilename(), '工作人员导入模板.xlsx');

    await page.locator('[data-testid="staff-import-page"] input[type="file"]').setInputFiles(file);
    await page.getByTestId('staff-import-preview').waitFor();
    assert.equal(
      await page.getByTestId('staff-import-totals').innerText(),
      '共 52 行：可导入 50 人，已导入过 0 人，有错误 2 行',
    );
    assert.equal(await page.getByTestId('staff-import-bad-52-手机号').innerText(), '1390000');
    assert.equal(await page.getByTestId('staff-import-bad-53-街道').innerText(), '天河街道');
    await screenshot(page, 'admin-staff-import-preview');
    await page.getByText('只看有错误的行').click();
    await screenshot(page, 'admin-staff-import-preview-errors');
    await page.getByText('只看有错误的行').click();

    await page.getByTestId('staff-import-commit').click();
    await page.getByTestId('staff-import-result').waitFor({ timeout: 30_000 });
    assert.equal(
      await page.getByTestId('staff-import-totals').innerText(),
      '共 52 行：新建 50 人，已导入过 0 人，未导入 2 行',
    );
    assert.match(await page.getByTestId('staff-import-once').innerText(), /只显示这一次/);
    const password = (await page.getByTestId('staff-import-password-2').innerText()).trim();
    assert.match(password, /^[A-Za-z2-9]{12}$/);
    await screenshot(page, 'admin-staff-import-result');

    const passwordsDownload = page.waitForEvent('download');
    await page.getByTestId('staff-import-download-passwords').click();
    const passwords = await passwordsDownload;
    assert.match(passwords.suggestedFilename(), /^一次性密码_.*\.xlsx$/);
    const saved = path.join(workDir, 'passwords.xlsx');
    await passwords.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const sheet = book.getWorksheet('一次性密码')!;
    assert.equal(sheet.getRow(2).getCell(2).value, `${prefix}-1`);
    assert.equal(sheet.getRow(2).getCell(6).value, password);

    // 50 accounts exist, in 南石头街道's squad.
    const login = await suite.api('POST', '/api/auth/login', null, {
      username: 'admin',
      password: suite.stack.demoPassword,
    });
    const listed = await suite.api(
      'GET',
      '/api/users?street=nanshitou&role=officer&limit=200',
      login.body.token as string,
    );
    const items = listed.body.items as Array<{ username?: string; squadId?: string; roles: string[] }>;
    const imported = items.filter((user) => user.username?.startsWith(`${prefix}-`));
    assert.equal(imported.length, 50);
    assert.ok(imported.every((user) => user.squadId === 'squad-nanshitou'));

    // The first officer signs in to the panel with the one-time password.
    const officerContext = await suite.newContext({ viewport: { width: 1280, height: 800 } });
    const officer = await officerContext.newPage();
    await signInToAdmin(officer, suite.stack.baseUrl, `${prefix}-1`, password);
    // A one-time password opens only 修改密码; a password of their own opens the panel.
    await officer.getByTestId('change-password').waitFor();
    await officer.getByTestId('password-current').fill(password);
    await officer.getByTestId('password-new').fill('own-pass-2026');
    await officer.getByTestId('password-confirm').fill('own-pass-2026');
    await officer.getByTestId('password-submit').click();
    await officer.getByTestId('current-user-name').waitFor();
    assert.equal((await officer.getByTestId('current-user-name').innerText()).trim(), '南石头队员1');
    await officerContext.close();

    // The same file again creates nobody twice.
    await page.getByTestId('staff-import-again').click();
    await page.locator('[data-testid="staff-import-page"] input[type="file"]').setInputFiles(file);
    await page.getByTestId('staff-import-preview').waitFor();
    assert.equal(
      await page.getByTestId('staff-import-totals').innerText(),
      '共 52 行：可导入 0 人，已导入过 50 人，有错误 2 行',
    );
    await context.close();
  });
});
