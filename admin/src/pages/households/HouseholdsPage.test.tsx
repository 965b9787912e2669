// @vitest-environment jsdom
import '../../test/leafletDom';
import { type Household } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
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
});
