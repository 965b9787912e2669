// @vitest-environment jsdom
import { type StaffImportResult } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import {
  allByTestId,
  byTestId,
  click,
  findByTestId,
  render,
  setUpPageTests,
  signIn,
  waitUntil,
} from '../../../test/dom';
import { catchSavedFiles, chooseImportFile, fakeImportXhr } from '../../../test/importUpload';
import { StaffImportPage } from './StaffImportPage';

setUpPageTests();

const account = {
  username: 'cg-li',
  name: '李四',
  roles: ['officer' as const],
  streetId: 'chigang',
  streetName: '赤岗街道',
};

const preview: StaffImportResult = {
  committed: false,
  rows: [
    {
      row: 2,
      status: 'ready',
      cells: { 用户名: 'cg-li', 姓名: '李四', 角色: '执法队员', 街道: '赤岗街道' },
      account,
      errors: [],
    },
    {
      row: 3,
      status: 'invalid',
      cells: { 用户名: 'cg-wang', 姓名: '王五', 角色: '执法队员', 街道: '赤岗街道', 手机号: '1380000' },
      errors: [{ path: '手机号', message: '请填写 11 位中国大陆手机号：1380000' }],
    },
  ],
  totals: { rows: 2, ready: 1, created: 0, alreadyImported: 0, invalid: 1 },
};

const imported: StaffImportResult = {
  committed: true,
  rows: [{ ...preview.rows[0]!, status: 'created', oneTimePassword: 'Abcdefgh2345' }, preview.rows[1]!],
  totals: { rows: 2, ready: 0, created: 1, alreadyImported: 0, invalid: 1 },
  passwordsWorkbook: btoa('PK\u0003\u0004'),
};

describe('StaffImportPage', { timeout: 60_000 }, () => {
  it('previews the file with its bad rows marked, imports it and offers the one-time passwords once', async () => {
    signIn(['admin']);
    const sent = fakeImportXhr({ '/api/users/import/preview': preview, '/api/users/import': imported });
    const saved = catchSavedFiles();
    await render(<StaffImportPage />, '/staff/import');
    const file = new File(['PK'], '赤岗名单.xlsx');
    await chooseImportFile('staff-import', file);

    await findByTestId('staff-import-preview');
    expect(byTestId('staff-import-totals')!.textContent).toBe(
      '共 2 行：可导入 1 人，已导入过 0 人，有错误 1 行',
    );
    expect(byTestId('staff-import-bad-3-手机号')!.textContent).toBe('1380000');
    expect(byTestId('staff-import-table')!.textContent).toContain('手机号：请填写 11 位中国大陆手机号');
    expect(allByTestId('staff-import-password-')).toEqual([]);

    await click(await findByTestId('staff-import-commit'));
    await findByTestId('staff-import-result');
    expect(sent.map(({ url, token, file: sentFile }) => [url, token, sentFile.name])).toEqual([
      ['/api/users/import/preview', 'Bearer tok-admin', '赤岗名单.xlsx'],
      ['/api/users/import', 'Bearer tok-admin', '赤岗名单.xlsx'],
    ]);
    expect(byTestId('staff-import-totals')!.textContent).toBe(
      '共 2 行：新建 1 人，已导入过 0 人，未导入 1 行',
    );
    expect(byTestId('staff-import-password-2')!.textContent).toContain('Abcdefgh2345');
    expect(byTestId('staff-import-once')!.textContent).toContain('只显示这一次');
    await click(await findByTestId('staff-import-download-passwords'));
    await waitUntil(() => saved.length === 1);
    expect(saved[0]).toMatch(/^一次性密码_\d{4}-\d{2}-\d{2}_\d{4}\.xlsx$/);
  });

  it('refuses a file of another kind before sending it', async () => {
    signIn(['admin']);
    const sent = fakeImportXhr({});
    await render(<StaffImportPage />, '/staff/import');
    await chooseImportFile('staff-import', new File(['x'], '名单.xls'));
    expect((await findByTestId('staff-import-error')).textContent).toContain('只能上传 .xlsx 或 .csv 文件');
    expect(sent).toEqual([]);
  });
});
