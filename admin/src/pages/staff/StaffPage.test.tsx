// @vitest-environment jsdom
import { type User } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { session } from '../../app/services';
import {
  byTestId,
  click,
  fakeBff,
  findByTestId,
  render,
  setUpPageTests,
  typeInto,
  waitUntil,
} from '../../test/dom';
import { StaffPage } from './StaffPage';

setUpPageTests();

const officer: User = {
  id: 'u-zhou',
  name: '周队员',
  roles: ['officer'],
  username: 'zhou',
  streetId: 'chigang',
  streetName: '赤岗街道',
  squadId: 'squad-chigang',
  mustChangePassword: true,
};

const signInAsAdmin = (streetId?: string) =>
  session.set({
    token: 'tok-admin',
    expiresAt: '2099-01-01T00:00:00.000Z',
    user: {
      id: 'u-admin',
      name: '管理员',
      roles: ['admin'],
      ...(streetId ? { streetId, streetName: '赤岗街道' } : {}),
    },
  });

const streets = {
  items: [{ id: 'chigang', name: '赤岗街道', squadId: 'squad-chigang', squadName: '赤岗中队' }],
};

describe('StaffPage', { timeout: 60_000 }, () => {
  it('lists staff with filters from the URL, disables after a confirmation', async () => {
    signInAsAdmin();
    let disabled = false;
    const bff = fakeBff({
      'GET /api/streets': streets,
      'GET /api/users': () => ({
        items: [{ ...officer, ...(disabled ? { disabled: true } : {}) }],
        total: 1,
      }),
      'PATCH /api/users/u-zhou': (request) => {
        disabled = (request.body as { disabled: boolean }).disabled;
        return { ...officer, disabled };
      },
    });
    await render(<StaffPage />, '/staff?q=周&role=officer&status=enabled');
    const row = await findByTestId('staff-row-u-zhou');
    expect(row.textContent).toContain('待改初始密码');
    expect(bff.requests.find((request) => request.path.startsWith('/api/users'))?.path).toBe(
      '/api/users?limit=200&q=%E5%91%A8&role=officer&disabled=false',
    );

    await click(byTestId('staff-status-u-zhou')!);
    await click(await findByTestId('staff-status-confirm'));
    await waitUntil(() => bff.requests.some((request) => request.method === 'PATCH'));
    expect(bff.requests.find((request) => request.method === 'PATCH')?.body).toEqual({ disabled: true });
    await waitUntil(() => byTestId('staff-row-u-zhou')?.textContent?.includes('已停用') ?? false);
  });

  it('shows a reset’s one-time password once, and tells a street’s administrator their scope', async () => {
    signInAsAdmin('chigang');
    const bff = fakeBff({
      'GET /api/streets': streets,
      'GET /api/users': { items: [officer], total: 1 },
      'POST /api/users/u-zhou/password-reset': { user: officer, temporaryPassword: 'Kp7mQ2wx9Rtz' },
    });
    await render(<StaffPage />, '/staff');
    await findByTestId('staff-row-u-zhou');
    expect(document.body.textContent).toContain('只能管理本街道的人员');
    // No street filter for a street's administrator: the list is their street's.
    expect(byTestId('staff-filter-street')).toBeNull();

    await click(byTestId('staff-reset-u-zhou')!);
    await click(await findByTestId('staff-reset-confirm'));
    const shown = await findByTestId('staff-temporary-password');
    expect(shown.textContent).toContain('Kp7mQ2wx9Rtz');
    expect(bff.requests.some((request) => request.path === '/api/users/u-zhou/password-reset')).toBe(true);
    await click(byTestId('staff-reset-close')!);
    await waitUntil(() => byTestId('staff-temporary-password') === null);
  });

  it('edits in the drawer, sending only what changed', async () => {
    signInAsAdmin();
    const bff = fakeBff({
      'GET /api/streets': streets,
      'GET /api/district': { type: 'FeatureCollection', name: '海珠区', features: [], grids: [] },
      'GET /api/users': { items: [officer], total: 1 },
      'PATCH /api/users/u-zhou': (request) => ({ ...officer, ...(request.body as object) }),
    });
    await render(<StaffPage />, '/staff');
    await click(await findByTestId('staff-edit-u-zhou'));
    const name = await findByTestId('staff-name');
    expect((name as HTMLInputElement).value).toBe('周队员');
    // An account's username is not edited; there is no first password to set either.
    expect(byTestId('staff-username')).toBeNull();
    await typeInto(name, '周大队员');
    await click(byTestId('staff-save')!);
    await waitUntil(() => bff.requests.some((request) => request.method === 'PATCH'));
    expect(bff.requests.find((request) => request.method === 'PATCH')?.body).toEqual({ name: '周大队员' });
  });
});
