// @vitest-environment jsdom
import { beijingDate } from '@jiefang/contracts';
import { describe, expect, it, vi } from 'vitest';
import { session } from '../../app/services';
import { filenameOf, monthRanges } from '../../exports/exportDownload';
import {
  byTestId,
  click,
  fakeBff,
  findByTestId,
  pickInto,
  render,
  setUpPageTests,
  signIn,
  waitUntil,
} from '../../test/dom';
import { ExportsPage } from './ExportsPage';

setUpPageTests();

const streets = {
  items: [
    { id: 'chigang', name: '赤岗街道', squadId: 'squad-chigang', squadName: '赤岗中队' },
    { id: 'huazhou', name: '华洲街道', squadId: 'squad-huazhou', squadName: '华洲中队' },
  ],
};

describe('ExportsPage', { timeout: 60_000 }, () => {
  it('downloads the chosen export with the session token and names the file as the server does', async () => {
    signIn(['dispatcher']);
    const saved: string[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: () => 'blob:export', revokeObjectURL: () => {} }),
    );
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(this.download);
    });
    const bff = fakeBff({
      'GET /api/streets': streets,
      'GET /api/exports/tickets.xlsx': () =>
        new Response(new Uint8Array(3000), {
          status: 200,
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition': `attachment; filename="x.xlsx"; filename*=UTF-8''${encodeURIComponent('全区工单_2030-01-01至2030-01-31.xlsx')}`,
          },
        }),
    });
    await render(<ExportsPage />, '/exports');
    await click(await findByTestId('exports-download'));
    expect((await findByTestId('exports-done')).textContent).toContain(
      '全区工单_2030-01-01至2030-01-31.xlsx',
    );
    expect(saved).toEqual(['全区工单_2030-01-01至2030-01-31.xlsx']);
    const call = bff.fetch.mock.calls.find(([url]) => String(url).includes('/api/exports/'));
    const url = new URL(String(call?.[0]), 'http://localhost');
    expect(url.pathname).toBe('/api/exports/tickets.xlsx');
    expect(url.searchParams.get('from')).toMatch(/^\d{4}-\d{2}-01$/);
    expect(url.searchParams.has('street')).toBe(false);
    expect((call?.[1]?.headers as Record<string, string>).Authorization).toBe('Bearer tok-dispatcher');
    clicked.mockRestore();
  });

  it('exports the range of Beijing days picked, and no day after today', async () => {
    signIn(['dispatcher']);
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: () => 'blob:export', revokeObjectURL: () => {} }),
    );
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const bff = fakeBff({
      'GET /api/streets': streets,
      'GET /api/exports/tickets.xlsx': () => new Response(new Uint8Array(10), { status: 200 }),
    });
    await render(<ExportsPage />, '/exports');
    await findByTestId('exports-range');
    const [from, to] = [...document.querySelectorAll<HTMLInputElement>('input[data-testid="exports-range"]')];
    const { thisMonth, lastMonth } = monthRanges(Date.now());
    expect([from?.value, to?.value]).toEqual(thisMonth);
    const tomorrow = beijingDate(Date.parse(`${thisMonth[1]}T12:00:00+08:00`) + 24 * 60 * 60 * 1000);
    // The calendar offers today and no day after it.
    to!.focus();
    to!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    to!.click();
    const cell = (day: string) => document.querySelector(`.ant-picker-dropdown td[title="${day}"]`);
    await waitUntil(() => cell(thisMonth[1]) !== null);
    expect(cell(thisMonth[1])?.classList.contains('ant-picker-cell-disabled')).toBe(false);
    expect(cell(tomorrow)?.classList.contains('ant-picker-cell-disabled')).toBe(true);
    await pickInto(from!, lastMonth[0]);
    await pickInto(to!, lastMonth[1]);
    await waitUntil(() => from!.value === lastMonth[0] && to!.value === lastMonth[1]);
    await click(await findByTestId('exports-download'));
    await findByTestId('exports-done');
    const call = bff.fetch.mock.calls.find(([url]) => String(url).includes('/api/exports/'));
    const url = new URL(String(call?.[0]), 'http://localhost');
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(lastMonth);
    clicked.mockRestore();
  });

  it('shows a street worker their own street and the server’s refusal', async () => {
    signIn(['community_worker']);
    fakeBff({
      'GET /api/streets': streets,
      'GET /api/exports/tickets.xlsx': () =>
        new Response(JSON.stringify({ error: { code: 'forbidden', message: '只能导出本街道的数据' } }), {
          status: 403,
          headers: { 'Content-Type': 'application/json' },
        }),
    });
    await render(<ExportsPage />, '/exports');
    expect(byTestId('exports-street')).toBeNull();
    await findByTestId('exports-own-street');
    await click(await findByTestId('exports-download'));
    await waitUntil(() => byTestId('exports-error')?.textContent?.includes('只能导出本街道的数据') ?? false);
  });

  it('fixes a street’s administrator to their own street: no street to choose', async () => {
    session.set({
      token: 'tok-street-admin',
      expiresAt: '2099-01-01T00:00:00.000Z',
      user: { id: 'u-street-admin', name: '赤岗管理员', roles: ['admin'], streetId: 'chigang' },
    });
    fakeBff({ 'GET /api/streets': streets });
    await render(<ExportsPage />, '/exports');
    expect(byTestId('exports-street')).toBeNull();
    await waitUntil(() => byTestId('exports-own-street')?.textContent?.includes('赤岗街道') ?? false);
  });
});

describe('export helpers', () => {
  it('knows this month and last month in Beijing time, across a new year', () => {
    // 2030-01-01 01:00 in Beijing is still 2029 in UTC.
    expect(monthRanges(Date.parse('2029-12-31T17:00:00Z'))).toEqual({
      thisMonth: ['2030-01-01', '2030-01-01'],
      lastMonth: ['2029-12-01', '2029-12-31'],
    });
    expect(monthRanges(Date.parse('2030-03-15T04:00:00Z')).lastMonth).toEqual(['2030-02-01', '2030-02-28']);
  });

  it('reads the file name the server sent', () => {
    expect(
      filenameOf(`attachment; filename="a.csv"; filename*=UTF-8''${encodeURIComponent('月报.csv')}`, 'x'),
    ).toBe('月报.csv');
    expect(filenameOf('attachment; filename="a.csv"', 'x')).toBe('a.csv');
    expect(filenameOf(null, 'fallback.csv')).toBe('fallback.csv');
  });
});
