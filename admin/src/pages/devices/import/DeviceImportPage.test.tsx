// @vitest-environment jsdom
import { type DeviceImportResult } from '@jiefang/contracts';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  byTestId,
  click,
  findByTestId,
  installDom,
  render,
  resetApp,
  signIn,
  waitUntil,
  type Rendered,
} from '../../../test/dom';
import { DeviceImportPage } from './DeviceImportPage';

let page: Rendered | undefined;
beforeAll(installDom);
afterEach(() => {
  page?.unmount();
  page = undefined;
  resetApp();
});

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

/** XMLHttpRequest as the uploader uses it, answering each POST from `answers` by path. */
function fakeXhr(answers: Record<string, DeviceImportResult>) {
  const sent: Array<{ url: string; token: string | undefined; file: File }> = [];
  class FakeXhr {
    upload: {
      onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null;
    } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    status = 0;
    responseText = '';
    private url = '';
    private headers: Record<string, string> = {};
    open(_: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    getResponseHeader() {
      return null;
    }
    abort() {}
    send(body: FormData) {
      sent.push({ url: this.url, token: this.headers.Authorization, file: body.get('file') as File });
      this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
      setTimeout(() => {
        this.status = 200;
        this.responseText = JSON.stringify(answers[this.url]);
        this.onload?.();
      }, 10);
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return sent;
}

async function choose(file: File) {
  const selector = '[data-testid="device-import-page"] input[type="file"]';
  await waitUntil(() => document.querySelector(selector) !== null);
  const input = document.querySelector<HTMLInputElement>(selector)!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await Promise.resolve();
}

describe('DeviceImportPage', { timeout: 60_000 }, () => {
  it('previews the file with its bad rows marked, imports it and offers the secrets file once', async () => {
    signIn(['admin']);
    const sent = fakeXhr({ '/api/devices/import/preview': preview, '/api/devices/import': imported });
    const saved: string[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} }));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    page = await render(<DeviceImportPage />, '/devices/import');
    await choose(new File(['PK'], '华洲烟感.xlsx'));

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
    const sent = fakeXhr({});
    page = await render(<DeviceImportPage />, '/devices/import');
    await choose(new File(['x'], '设备.xls'));
    expect((await findByTestId('device-import-error')).textContent).toContain('只能上传 .xlsx 或 .csv 文件');
    expect(sent).toEqual([]);
  });
});
