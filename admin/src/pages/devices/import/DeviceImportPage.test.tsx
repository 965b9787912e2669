// @vitest-environment jsdom
import { type DeviceImportResult } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { byTestId, click, findByTestId, render, setUpPageTests, signIn, waitUntil } from '../../../test/dom';
import { catchSavedFiles, chooseImportFile, fakeImportXhr } from '../../../test/importUpload';
import { DeviceImportPage } from './DeviceImportPage';

setUpPageTests();

const smoke = {
  id: 'smoke-hz-101',
  type: 'smoke_detector' as const,
  streetId: 'huazhou',
  streetName: '华洲街道',
  lat: 23.093,
  lng: 113.352,
  householdId: 'hz-101',
  householdAddress: '华洲街道某小区1栋101',
};

const preview: DeviceImportResult = {
  committed: false,
  rows: [
    {
      row: 2,
      status: 'ready',
      cells: { 设备编号: 'smoke-hz-101', 类型: '烟感', 住户: 'hz-101' },
      device: smoke,
      errors: [],
    },
    {
      row: 3,
      status: 'invalid',
      cells: { 设备编号: 'cam-1', 类型: '摄像头', 纬度: '23.1', 经度: '113.3' },
      errors: [{ path: '类型', message: '不认识的类型：摄像头（可选：噪声监测仪、充电检测器、烟感探测器）' }],
    },
    {
      row: 4,
      status: 'already_imported',
      cells: { 设备编号: 'smoke-hz-102', 类型: '烟感', 住户: 'hz-101' },
      device: { ...smoke, id: 'smoke-hz-102' },
      errors: [],
      note: '之前的导入已登记这台设备，密钥不再显示；如已遗失，请在设备列表中“重置密钥”',
    },
  ],
  totals: { rows: 3, ready: 1, created: 0, alreadyImported: 1, invalid: 1 },
};

const imported: DeviceImportResult = {
  committed: true,
  rows: [{ ...preview.rows[0]!, status: 'created' }, preview.rows[1]!, preview.rows[2]!],
  totals: { rows: 3, ready: 0, created: 1, alreadyImported: 1, invalid: 1 },
  secretsWorkbook: btoa('PK\u0003\u0004'),
};

describe('DeviceImportPage', { timeout: 60_000 }, () => {
  it('previews the file with its bad rows marked, imports it and offers the secrets file once', async () => {
    signIn(['admin']);
    const sent = fakeImportXhr({ '/api/devices/import/preview': preview, '/api/devices/import': imported });
    const saved = catchSavedFiles();
    await render(<DeviceImportPage />, '/devices/import');
    await chooseImportFile('device-import', new File(['PK'], '华洲烟感.xlsx'));

    await findByTestId('device-import-preview');
    expect(byTestId('device-import-totals')!.textContent).toBe(
      '共 3 行：可导入 1 台，已导入过 1 台，有错误 1 行',
    );
    expect(byTestId('device-import-bad-3-类型')!.textContent).toBe('摄像头');
    const table = byTestId('device-import-table')!.textContent!;
    expect(table).toContain('类型：不认识的类型：摄像头');
    // A valid row as understood: the type's name, the household's address and its pin.
    expect(table).toContain('烟感探测器');
    expect(table).toContain('华洲街道某小区1栋101');
    expect(table).toContain('23.093');
    expect(table).toContain('重置密钥');
    expect(byTestId('device-import-already')).not.toBeNull();

    await click(await findByTestId('device-import-commit'));
    await findByTestId('device-import-result');
    expect(sent.map(({ url, token, file }) => [url, token, file.name])).toEqual([
      ['/api/devices/import/preview', 'Bearer tok-admin', '华洲烟感.xlsx'],
      ['/api/devices/import', 'Bearer tok-admin', '华洲烟感.xlsx'],
    ]);
    expect(byTestId('device-import-totals')!.textContent).toBe(
      '共 3 行：新登记 1 台，已导入过 1 台，未导入 1 行',
    );
    expect(byTestId('device-import-once')!.textContent).toContain('只在这一次给出');
    await click(await findByTestId('device-import-download-secrets'));
    await waitUntil(() => saved.length === 1);
    expect(saved[0]).toMatch(/^设备密钥_\d{4}-\d{2}-\d{2}_\d{4}\.xlsx$/);
  });

  it('refuses a file of another kind before sending it', async () => {
    signIn(['admin']);
    const sent = fakeImportXhr({});
    await render(<DeviceImportPage />, '/devices/import');
    await chooseImportFile('device-import', new File(['x'], '设备.xls'));
    expect((await findByTestId('device-import-error')).textContent).toContain('只能上传 .xlsx 或 .csv 文件');
    expect(sent).toEqual([]);
  });
});
