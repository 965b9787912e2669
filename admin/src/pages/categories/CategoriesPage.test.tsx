// @vitest-environment jsdom
import { type Category } from '@jiefang/contracts';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { session } from '../../app/services';
import {
  byTestId,
  click,
  fakeBff,
  findByTestId,
  installDom,
  render,
  resetApp,
  signIn,
  typeInto,
  waitUntil,
  type Rendered,
} from '../../test/dom';
import { CategoriesPage } from './CategoriesPage';

const vending: Category = {
  code: 'street_vending',
  name: '占道经营',
  icon: 'cart',
  department: 'urban_management',
  departmentName: '城管执法',
  priority: 'normal',
  onSiteSlaMinutes: 15,
  enabled: true,
  version: 2,
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

let page: Rendered | undefined;
beforeAll(installDom);
beforeEach(() => signIn(['admin'], '区管理员'));
afterEach(() => {
  page?.unmount();
  page = undefined;
  resetApp();
});

describe('CategoriesPage', { timeout: 30_000 }, () => {
  it('shows each category and switches one off with the version it was loaded at', async () => {
    let current = vending;
    const bff = fakeBff({
      'GET /api/categories/all': () => ({ items: [current] }),
      'PATCH /api/categories/street_vending': (request: { body: unknown }) => {
        current = { ...current, enabled: false, version: 3 };
        expect(request.body).toEqual({ expectedVersion: 2, enabled: false });
        return current;
      },
    });
    page = await render(<CategoriesPage />, '/categories');
    const row = await findByTestId('category-row-street_vending');
    expect(row.textContent).toContain('🛒');
    expect(row.textContent).toContain('占道经营');
    expect(row.textContent).toContain('城管执法');
    expect(row.textContent).toContain('15 分钟');

    await click(await findByTestId('category-enabled-street_vending'));
    await waitUntil(() => byTestId('category-row-street_vending')?.dataset.enabled === 'false');
    expect(bff.requests.filter((request) => request.method === 'PATCH')).toHaveLength(1);
  });

  it('edits the name; a conflict loads what someone else saved into the form', async () => {
    const theirs = { ...vending, name: '流动摊贩', version: 3 };
    const bff = fakeBff({
      'GET /api/categories/all': { items: [vending] },
      'PATCH /api/categories/street_vending': () =>
        json(409, {
          error: {
            code: 'conflict',
            message: '该分类已被他人修改，请刷新后再改',
            details: { currentVersion: 3, current: theirs },
          },
        }),
    });
    page = await render(<CategoriesPage />, '/categories');
    await click(await findByTestId('category-edit-street_vending'));
    const name = (await findByTestId('category-name')) as HTMLInputElement;
    await typeInto(name, '摊贩占道');
    await click(await findByTestId('category-save'));
    await waitUntil(() => (byTestId('category-name') as HTMLInputElement | null)?.value === '流动摊贩');
    expect(bff.requests.find((request) => request.method === 'PATCH')?.body).toEqual({
      expectedVersion: 2,
      name: '摊贩占道',
    });
  });

  it('is read-only for a street administrator', async () => {
    session.set({
      token: 'tok-street-admin',
      expiresAt: '2099-01-01T00:00:00.000Z',
      user: { id: 'u-street', name: '街道管理员', roles: ['admin'], streetId: 'chigang' },
    });
    fakeBff({ 'GET /api/categories/all': { items: [vending] } });
    page = await render(<CategoriesPage />, '/categories');
    await findByTestId('category-row-street_vending');
    expect(byTestId('category-edit-street_vending')).toBeNull();
    expect(byTestId('category-history-street_vending')).not.toBeNull();
    expect(document.body.textContent).toContain('只有区级管理员可以修改');
  });
});
