// @vitest-environment jsdom
import { type Elder } from '@jiefang/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeElder } from '../../test/escorts';
import {
  allByTestId,
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
import { EldersPage } from './EldersPage';

const chen = makeElder();
const wong = makeElder({
  id: 'E-2',
  name: '黄伯',
  phone: '13900000002',
  address: '华洲路 8 号',
  needs: [],
  emergencyContacts: [],
});
const district = { type: 'FeatureCollection', name: '海珠区', features: [] };
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const needChecked = (need: string) =>
  byTestId(`elder-need-${need}`)?.closest('label')?.querySelector('input')?.checked === true;

setUpPageTests();
beforeEach(() => signIn(['community_worker']));

// antd under jsdom is slow on a busy two-core machine.
describe('EldersPage', { timeout: 30_000 }, () => {
  it('lists the street’s elders with their needs in Chinese and finds one by phone', async () => {
    fakeBff({ 'GET /api/elders': { items: [chen, wong] }, 'GET /api/district': district });
    const page = await render(<EldersPage />, '/elders');
    const row = await findByTestId('elder-row-E-1');
    expect(row.textContent).toContain('陈婆婆');
    expect(row.textContent).toContain('陈小明（儿子）13800000001');
    expect(allByTestId('elder-need-tag').map((tag) => tag.textContent)).toEqual(['轮椅', '只讲粤语']);
    expect(byTestId('elder-row-E-2')?.textContent).toContain('未登记');

    await typeInto(await findByTestId('elder-search'), '1390000');
    await waitUntil(() => byTestId('elder-row-E-1') === null);
    expect(byTestId('elder-row-E-2')).not.toBeNull();

    // 代约陪护 leads to the booking form with the elder picked.
    await typeInto(await findByTestId('elder-search'), '');
    await click(await findByTestId('elder-book-E-1'));
    await waitUntil(() => page!.router.state.location.pathname === '/escorts/book');
    expect(page.router.state.location.search).toBe('?elder=E-1');
  });

  it('registers an elder with needs and an emergency contact, checked before sending', async () => {
    const elders: Elder[] = [wong];
    const bff = fakeBff({
      'GET /api/elders': () => ({ items: elders }),
      'GET /api/district': district,
      'POST /api/elders': (request) => {
        const body = request.body as { name: string; needs: Elder['needs'] };
        const created = makeElder({ id: 'E-9', name: body.name, needs: body.needs });
        elders.unshift(created);
        return json(201, created);
      },
    });
    const page = await render(<EldersPage />, '/elders');
    await findByTestId('elder-row-E-2');
    await click(await findByTestId('elder-create'));

    // Nothing filled in: the contract's rules, in Chinese, and no request.
    await click(await findByTestId('elder-form-submit'));
    await waitUntil(() => document.body.textContent?.includes('请填写住址') ?? false);
    expect(document.body.textContent).toContain('请填写姓名');
    expect(document.body.textContent).toContain('请填写纬度');

    await typeInto(await findByTestId('elder-field-name'), ' 陈婆婆 ');
    await typeInto(await findByTestId('elder-field-phone'), '020-84001234');
    await typeInto(await findByTestId('elder-field-address'), '江南中街 12 号 3 楼');
    await typeInto(await findByTestId('elder-field-lat'), '23.108');
    await typeInto(await findByTestId('elder-field-lng'), '113.27');
    // One tick at a time: the group's value must settle before the next.
    await click(await findByTestId('elder-need-wheelchair'));
    await waitUntil(() => needChecked('wheelchair'));
    await click(await findByTestId('elder-need-cantonese_only'));
    await waitUntil(() => needChecked('cantonese_only'));
    await typeInto(await findByTestId('elder-contact-name-0'), '陈小明');
    await typeInto(await findByTestId('elder-contact-phone-0'), '13800000001');
    await typeInto(await findByTestId('elder-contact-relation-0'), '儿子');
    await click(await findByTestId('elder-form-submit'));

    await waitUntil(() => bff.requests.some((request) => request.method === 'POST'));
    expect(bff.requests.filter((request) => request.method === 'POST')).toEqual([
      {
        method: 'POST',
        path: '/api/elders',
        body: {
          name: '陈婆婆',
          phone: '020-84001234',
          address: '江南中街 12 号 3 楼',
          lat: 23.108,
          lng: 113.27,
          needs: ['wheelchair', 'cantonese_only'],
          emergencyContacts: [{ name: '陈小明', phone: '13800000001', relation: '儿子' }],
          familyUserIds: [],
        },
      },
    ]);
    await findByTestId('elder-row-E-9');
    // The new elder opens in the drawer.
    await waitUntil(() => page!.router.state.location.search.includes('elder=E-9'));
  });

  it('shows the BFF’s field errors next to their fields', async () => {
    fakeBff({
      'GET /api/elders': { items: [] },
      'GET /api/district': district,
      'POST /api/elders': () =>
        json(409, {
          error: { code: 'conflict', message: '该电话已登记为长者陈婆婆', details: { field: 'phone' } },
        }),
    });
    await render(<EldersPage />, '/elders');
    expect((await findByTestId('elder-empty')).textContent).toContain('本街道还没有登记长者');
    await click(await findByTestId('elder-create'));
    await typeInto(await findByTestId('elder-field-name'), '陈婆婆');
    await typeInto(await findByTestId('elder-field-phone'), '13800000009');
    await typeInto(await findByTestId('elder-field-address'), '江南中街 12 号');
    await typeInto(await findByTestId('elder-field-lat'), '23.1');
    await typeInto(await findByTestId('elder-field-lng'), '113.27');
    await click(await findByTestId('elder-form-submit'));
    const error = await findByTestId('elder-form-error');
    expect(error.textContent).toContain('该电话已登记为长者陈婆婆');
    const phoneItem = byTestId('elder-field-phone')!.closest('.ant-form-item');
    await waitUntil(() => phoneItem?.textContent?.includes('该电话已登记') ?? false);
  });

  it('says when loading failed and offers a retry', async () => {
    fakeBff({
      'GET /api/elders': () =>
        json(403, { error: { code: 'forbidden', message: '只有社区工作者可以查看长者' } }),
    });
    await render(<EldersPage />, '/elders');
    const error = await findByTestId('elder-load-error');
    expect(error.textContent).toContain('只有社区工作者可以查看长者');
  });
});
