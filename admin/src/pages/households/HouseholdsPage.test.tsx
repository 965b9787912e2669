// @vitest-environment jsdom
import '../../test/leafletDom';
import { type Household, type HouseholdImportResult } from '@jiefang/contracts';
import { describe, expect, it, vi } from 'vitest';
import { testDistrict } from '../../test/district';
import {
  byTestId,
  click,
  fakeBff,
  findByTestId,
  render,
  setUpPageTests,
  signIn,
  typeInto,
  waitUntil,
} from '../../test/dom';
import { HouseholdsPage } from './HouseholdsPage';

const household: Household = {
  id: 'hh-1',
  streetId: 'chigang',
  streetName: '赤岗街道',
  address: '赤岗路 1 号 302',
  location: { lat: 23.105, lng: 113.31 },
  gridId: 'chigang-g1',
  gridName: '赤岗社区第1网格',
  ownerIds: ['u-owner'],
  owners: [{ id: 'u-owner', phone: '139****1111', linkedAt: '2030-01-01T08:00:00.000Z' }],
  contacts: [{ name: '黄先生', phone: '138****2222' }],
  chargingAlarmCount: 2,
};

const routes = {
  'GET /api/households': { items: [household] },
  'GET /api/district': testDistrict,
  'GET /api/map/config': { tiles: null },
};

setUpPageTests();

const importPreview: HouseholdImportResult = {
  committed: false,
  rows: [
    {
      row: 2,
      id: 'hh-new',
      address: '赤岗路 10 号 101',
      streetName: '赤岗街道',
      gridName: '赤岗社区第1网格',
      outcome: 'new',
      errors: [],
    },
    {
      row: 3,
      id: null,
      address: '',
      streetName: null,
      gridName: null,
      outcome: 'error',
      errors: ['缺少地址'],
    },
  ],
  counts: { new: 1, exists: 0, error: 1 },
};

/** XMLHttpRequest as the uploader uses it: answers each POST from `answers` by URL (path and query). */
function fakeUploads(answers: Record<string, HouseholdImportResult>) {
  const sent: Array<{ url: string; file: File }> = [];
  class FakeXhr {
    upload = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    status = 0;
    responseText = '';
    private url = '';
    open(_: string, url: string) {
      this.url = url;
    }
    setRequestHeader() {}
    getResponseHeader() {
      return null;
    }
    abort() {}
    send(body: FormData) {
      sent.push({ url: this.url, file: body.get('file') as File });
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

describe('HouseholdsPage', { timeout: 30_000 }, () => {
  it('shows a squad leader the households read-only, by address with street and grid', async () => {
    signIn(['squad_leader']);
    fakeBff(routes);
    await render(<HouseholdsPage />, '/households');
    const row = await findByTestId('household-row-hh-1', 25_000);
    expect(row.textContent).toContain('赤岗路 1 号 302');
    expect(row.textContent).toContain('赤岗社区第1网格');
    expect(byTestId('household-create')).toBeNull();
    await click(row);
    await findByTestId('household-owners');
    // Named from the district's polygons once they are loaded.
    await waitUntil(
      () => byTestId('pin-place')?.textContent?.includes('赤岗街道 · 赤岗社区第1网格') ?? false,
    );
    expect((byTestId('household-address') as HTMLInputElement).value).toBe('赤岗路 1 号 302');
    expect(byTestId('invite-submit')).toBeNull();
    expect(byTestId('household-save')).toBeNull();
  });

  it('lets a community worker invite an owner by phone and shows the code once', async () => {
    signIn(['community_worker']);
    const bff = fakeBff({
      ...routes,
      'POST /api/households/hh-1/invitations': {
        householdId: 'hh-1',
        phone: '13900002222',
        code: '042917',
        expiresAt: '2030-01-04T08:00:00.000Z',
        delivery: 'in_person',
      },
    });
    await render(<HouseholdsPage />, '/households');
    expect(await findByTestId('household-create', 25_000)).not.toBeNull();
    await click(await findByTestId('household-row-hh-1'));
    await typeInto(await findByTestId('invite-phone'), '13900002222');
    await click(await findByTestId('invite-submit'));
    const code = await findByTestId('invite-code');
    expect(code.textContent).toContain('042917');
    expect(code.textContent).toContain('未配置短信');
    await waitUntil(() => bff.requests.some((request) => request.method === 'POST'));
    expect(bff.requests.find((request) => request.method === 'POST')?.body).toEqual({ phone: '13900002222' });
  });

  it('imports households from a .csv: a preview with its bad rows, then the good rows stored', async () => {
    signIn(['community_worker']);
    fakeBff(routes);
    const sent = fakeUploads({
      '/api/households/import': importPreview,
      '/api/households/import?commit=1': { ...importPreview, committed: true },
    });
    await render(<HouseholdsPage />, '/households');
    await click(await findByTestId('household-import', 25_000));
    const selector = '.ant-modal input[type="file"]';
    await waitUntil(() => document.querySelector(selector) !== null);
    const input = document.querySelector<HTMLInputElement>(selector)!;
    expect(input.accept).toBe('.xlsx,.csv');
    expect(document.querySelector('.ant-modal')!.textContent).toContain('上传 .xlsx 或 .csv 表格');
    const file = new File(['地址,纬度,经度\n'], '赤岗住户.csv', { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));

    const preview = await findByTestId('household-import-preview');
    expect(preview.textContent).toContain('赤岗路 10 号 101');
    expect(preview.textContent).toContain('缺少地址');
    await click(await findByTestId('household-import-commit'));
    await waitUntil(() => sent.length === 2);
    expect(sent.map(({ url, file: sentFile }) => [url, sentFile.name])).toEqual([
      ['/api/households/import', '赤岗住户.csv'],
      ['/api/households/import?commit=1', '赤岗住户.csv'],
    ]);
  });
});
