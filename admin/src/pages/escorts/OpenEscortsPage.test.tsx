// @vitest-environment jsdom
import { type Escort } from '@jiefang/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeEscort, makeStatistics, makeVolunteer } from '../../test/escorts';
import {
  allByTestId,
  byTestId,
  click,
  fakeBff,
  findByTestId,
  render,
  resetApp,
  setUpPageTests,
  signIn,
  typeInto,
  waitUntil,
} from '../../test/dom';
import { OpenEscortsPage } from './OpenEscortsPage';

const DAY = 24 * 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
const at = (days: number, hours = 0) => iso(Date.now() + days * DAY + hours * 60 * 60 * 1000);

const later = makeEscort({ id: 'ES-later', windowStart: at(5), windowEnd: at(5, 2) });
const soon = makeEscort({
  id: 'ES-soon',
  elderName: '黄伯',
  serviceType: 'medicine_pickup',
  hospital: null,
  department: null,
  destination: '大药房',
  windowStart: at(2),
  windowEnd: at(2, 1),
});
const flagged = makeEscort({ id: 'ES-urgent', urgent: true, windowStart: at(3), windowEnd: at(3, 2) });
const accepted = makeEscort({
  id: 'ES-accepted',
  status: 'accepted',
  windowStart: at(1),
  windowEnd: at(1, 2),
  volunteer: { id: 'V-2', name: '王志愿', phone: '138****0003' },
});
const sosEscort = makeEscort({
  id: 'ES-sos',
  elderName: '梁伯',
  status: 'in_progress',
  windowStart: at(0, -1),
  windowEnd: at(0, 1),
  volunteer: { id: 'V-3', name: '张志愿', phone: '137****0004' },
  sos: [{ at: at(0, -0.2), by: '张志愿', lat: 23.1, lng: 113.27, note: '老人在候诊区晕倒' }],
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const rowIds = () => allByTestId('escort-row-').map((row) => row.dataset.testid?.replace('escort-row-', ''));

function bffWith(items: Escort[], extra: Record<string, unknown> = {}) {
  const list = [...items];
  return {
    list,
    bff: fakeBff({
      'GET /api/escorts': () => ({ items: list, total: list.length }),
      'GET /api/escorts/statistics': makeStatistics(),
      'GET /api/volunteers': { items: [makeVolunteer({ id: 'V-9', realName: '赵志愿', verified: true })] },
      ...extra,
    }),
  };
}

setUpPageTests();
beforeEach(() => signIn(['community_worker']));

describe('OpenEscortsPage', { timeout: 30_000 }, () => {
  it('puts SOS on top in red, then urgent requests, then the soonest window', async () => {
    const { bff } = bffWith([later, soon, flagged, accepted, sosEscort]);
    await render(<OpenEscortsPage />, '/escorts');
    await findByTestId('escort-row-ES-later');
    expect(rowIds()).toEqual(['ES-urgent', 'ES-soon', 'ES-later']);
    expect(byTestId('escort-row-ES-urgent')?.dataset.urgent).toBe('true');
    expect(byTestId('escort-row-ES-soon')?.dataset.urgent).toBe('false');
    expect(bff.requests.find((request) => request.path.startsWith('/api/escorts?'))?.path).toBe(
      '/api/escorts?status=open%2Caccepted%2Cin_progress&limit=200',
    );

    // The SOS of an escort under way shows above everything, whichever view is picked.
    const sos = await findByTestId('escort-sos-ES-sos');
    expect(sos.className).toContain('ant-alert-error');
    expect(sos.textContent).toContain('SOS 求助：梁伯');
    expect(sos.textContent).toContain('老人在候诊区晕倒');
    expect(sos.textContent).toContain('张志愿 137****0004');

    // All active requests: the SOS row first, red, then by urgency.
    await click(await findByTestId('escort-view-active'));
    await waitUntil(() => rowIds().length === 5);
    expect(rowIds()).toEqual(['ES-sos', 'ES-urgent', 'ES-accepted', 'ES-soon', 'ES-later']);
    expect(byTestId('escort-row-ES-sos')?.dataset.sos).toBe('true');
    expect(byTestId('escort-row-ES-accepted')?.textContent).toContain('王志愿 138****0003');

    const stats = await findByTestId('escort-stats');
    expect(byTestId('escort-stat-services')?.textContent).toContain('1,960');
    expect(byTestId('escort-stat-turns')?.textContent).toContain('3,197');
    expect(byTestId('escort-stat-hours')?.textContent).toContain('4,321.5');
    expect(byTestId('escort-stat-rating')?.textContent).toContain('4.9');
    expect(stats.textContent).toContain('214 名志愿者参与服务');
  });

  it('cancels a request with a reason; it leaves the list', async () => {
    const { list, bff } = bffWith([later, soon], {
      'POST /api/escorts/ES-soon/cancel': (request: { body: unknown }) => {
        const cancelled = { ...soon, status: 'cancelled' as const };
        list.splice(list.indexOf(soon), 1);
        expect(request.body).toEqual({ reason: '家属已陪同' });
        return cancelled;
      },
    });
    await render(<OpenEscortsPage />, '/escorts');
    await click(await findByTestId('escort-cancel-ES-soon'));
    // A reason is required.
    await click(await findByTestId('escort-action-submit'));
    await waitUntil(() => document.body.textContent?.includes('请填写原因') ?? false);
    await typeInto(await findByTestId('escort-action-reason'), ' 家属已陪同 ');
    await click(await findByTestId('escort-action-submit'));
    await waitUntil(() => byTestId('escort-row-ES-soon') === null);
    expect(
      bff.requests.filter((request) => request.method === 'POST').map((request) => request.path),
    ).toEqual(['/api/escorts/ES-soon/cancel']);
    expect(rowIds()).toEqual(['ES-later']);
  });

  it('puts an accepted request back to open, and shows a refused action’s reason', async () => {
    const { bff } = bffWith([accepted], {
      'POST /api/escorts/ES-accepted/reassign': () =>
        json(409, { error: { code: 'conflict', message: '志愿者已签到，不能改派' } }),
    });
    await render(<OpenEscortsPage />, '/escorts?status=accepted');
    await click(await findByTestId('escort-reassign-ES-accepted'));
    expect((await findByTestId('escort-action-volunteer')).textContent).toContain('不选则退回待接单');
    await typeInto(await findByTestId('escort-action-reason'), '志愿者临时有事');
    await click(await findByTestId('escort-action-submit'));
    expect((await findByTestId('escort-action-error')).textContent).toContain('志愿者已签到，不能改派');
    expect(bff.requests.find((request) => request.method === 'POST')?.body).toEqual({
      reason: '志愿者临时有事',
    });
  });

  it('hands an open request straight to a verified volunteer, who must be chosen', async () => {
    const { bff } = bffWith([soon], {
      'POST /api/escorts/ES-soon/reassign': () => ({
        ...soon,
        status: 'accepted',
        volunteer: { id: 'V-9', name: '赵志愿', phone: '139****0002' },
      }),
    });
    await render(<OpenEscortsPage />, '/escorts');
    await click(await findByTestId('escort-reassign-ES-soon'));
    await typeInto(await findByTestId('escort-action-reason'), '熟悉长者情况');
    await click(await findByTestId('escort-action-submit'));
    await waitUntil(() => document.body.textContent?.includes('请选择志愿者') ?? false);
    expect(bff.requests.some((request) => request.method === 'POST')).toBe(false);

    const select = (await findByTestId('escort-action-volunteer')).closest('.ant-select');
    select
      ?.querySelector('.ant-select-selector')
      ?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await click(await findByTestId('escort-action-volunteer-option-V-9'));
    await click(await findByTestId('escort-action-submit'));
    await waitUntil(() => bff.requests.some((request) => request.method === 'POST'));
    expect(bff.requests.find((request) => request.method === 'POST')).toEqual({
      method: 'POST',
      path: '/api/escorts/ES-soon/reassign',
      body: { reason: '熟悉长者情况', volunteerId: 'V-9' },
    });
  });

  it('says when there is nothing waiting, and when loading failed', async () => {
    bffWith([]);
    let page = await render(<OpenEscortsPage />, '/escorts');
    expect((await findByTestId('escort-empty')).textContent).toContain('没有待接单的需求');
    page.unmount();
    resetApp();
    signIn(['community_worker']);

    fakeBff({
      'GET /api/escorts': () => json(403, { error: { code: 'forbidden', message: '没有权限查看陪护需求' } }),
      'GET /api/escorts/statistics': () =>
        json(503, { error: { code: 'dependency_unavailable', message: '统计暂时不可用' } }),
    });
    page = await render(<OpenEscortsPage />, '/escorts');
    expect((await findByTestId('escort-load-error')).textContent).toContain('没有权限查看陪护需求');
  });
});
