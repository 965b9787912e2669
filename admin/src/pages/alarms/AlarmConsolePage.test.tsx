// @vitest-environment jsdom
import '../../test/leafletDom';
import { type Alarm } from '@jiefang/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeAlarm, makeChargingAlarm, makeDevice } from '../../test/alarms';
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
import { AlarmConsolePage } from './AlarmConsolePage';

const streets = {
  items: [
    { id: 'jiangnanzhong', name: '江南中街道', squadId: 'sq-j', squadName: '江南中中队' },
    { id: 'huazhou', name: '华洲街道', squadId: 'sq-h', squadName: '华洲中队' },
  ],
};
const district = {
  type: 'FeatureCollection',
  name: '海珠区',
  features: [
    {
      type: 'Feature',
      properties: { id: 'jiangnanzhong', name: '江南中街道', squadId: 'sq-j', squadName: '江南中中队' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [113.26, 23.1],
            [113.28, 23.1],
            [113.28, 23.12],
            [113.26, 23.12],
            [113.26, 23.1],
          ],
        ],
      },
    },
  ],
};

const noise = makeAlarm();
const charging = makeChargingAlarm();
const rows = () => allByTestId('alarm-row-').map((row) => [row.dataset.testid, row.dataset.status]);

setUpPageTests();
beforeEach(() => signIn(['squad_leader']));

// antd under jsdom is slow on a busy two-core machine.
describe('AlarmConsolePage', { timeout: 30_000 }, () => {
  it('lists open alarms, worst first, with type labels in severity colours', async () => {
    const bff = fakeBff({
      'GET /api/alarms': { items: [noise, charging], total: 2 },
      'GET /api/streets': streets,
    });
    await render(<AlarmConsolePage />, '/alarms');
    // The file's first render is the slowest (antd warming up), on a busy machine over 10 s.
    await findByTestId('alarm-row-A-2', 25_000);
    expect(rows()).toEqual([
      ['alarm-row-A-2', 'active'],
      ['alarm-row-A-1', 'active'],
    ]);
    const tags = allByTestId('alarm-type').map((tag) => [tag.textContent, tag.dataset.severity]);
    expect(tags).toEqual([
      ['室内充电 · 严重', 'critical'],
      ['噪声超标 · 重要', 'major'],
    ]);
    expect(byTestId('alarm-stat-active')?.textContent).toContain('2');
    // The default view asks for the open alarms only.
    const listCall = bff.requests.find((request) => request.path.startsWith('/api/alarms?'));
    expect(listCall?.path).toContain('status=active%2Cacknowledged');
    // Only noise meters get the remote-warning button.
    expect(byTestId('alarm-warning-A-1')).not.toBeNull();
    expect(byTestId('alarm-warning-A-2')).toBeNull();
  });

  it('disables 远程喊话 on an offline meter and says why', async () => {
    fakeBff({
      'GET /api/alarms': { items: [noise], total: 1 },
      'GET /api/streets': streets,
      'GET /api/devices': {
        items: [makeDevice({ id: noise.deviceId, online: false, lastSeenAt: '2030-01-01T11:21:00.000Z' })],
        total: 1,
      },
    });
    await render(<AlarmConsolePage />, '/alarms');
    await findByTestId('alarm-row-A-1');
    await waitUntil(() => byTestId('alarm-warning-A-1')?.hasAttribute('disabled') ?? false);
    expect(byTestId('alarm-warning-A-1')!.dataset.disabledReason).toMatch(
      /^设备离线（最后在线 .+），无法远程喊话$/,
    );
  });

  it('applies live events: a change in place, a new alarm, and a cleared one leaving the open view', async () => {
    const bff = fakeBff({ 'GET /api/alarms': { items: [noise], total: 1 }, 'GET /api/streets': streets });
    await render(<AlarmConsolePage />, '/alarms');
    await findByTestId('alarm-row-A-1');
    await waitUntil(() => bff.isStreaming('/api/alarms/events'));
    await waitUntil(() => byTestId('live-status')?.dataset.status === 'open');

    const acknowledged: Alarm = {
      ...noise,
      status: 'acknowledged',
      acknowledgedAt: '2030-01-01T12:05:00.000Z',
      timeline: [
        ...noise.timeline,
        { at: '2030-01-01T12:05:00.000Z', action: 'acknowledged', actor: null, note: null },
      ],
    };
    bff.push('/api/alarms/events', 'alarm', { type: 'alarm', alarm: acknowledged });
    await waitUntil(() => byTestId('alarm-row-A-1')?.dataset.status === 'acknowledged');

    bff.push('/api/alarms/events', 'alarm', { type: 'alarm', alarm: charging });
    await findByTestId('alarm-row-A-2');

    const cleared: Alarm = {
      ...acknowledged,
      status: 'cleared',
      clearedAt: '2030-01-01T12:10:00.000Z',
      timeline: [
        ...acknowledged.timeline,
        { at: '2030-01-01T12:10:00.000Z', action: 'cleared', actor: null, note: null },
      ],
    };
    bff.push('/api/alarms/events', 'alarm', { type: 'alarm', alarm: cleared });
    await waitUntil(() => byTestId('alarm-row-A-1') === null);
    expect(rows()).toEqual([['alarm-row-A-2', 'active']]);
  });

  it('acknowledges with a note and shows the answer at once', async () => {
    const bff = fakeBff({
      'GET /api/alarms': { items: [noise], total: 1 },
      'GET /api/streets': streets,
      'POST /api/alarms/A-1/acknowledge': (request) => ({
        ...noise,
        status: 'acknowledged',
        acknowledgedAt: '2030-01-01T12:05:00.000Z',
        timeline: [
          ...noise.timeline,
          {
            at: '2030-01-01T12:05:00.000Z',
            action: 'acknowledged',
            actor: { id: 'u-test', name: '测试用户' },
            note: (request.body as { note?: string }).note ?? null,
          },
        ],
      }),
    });
    await render(<AlarmConsolePage />, '/alarms');
    await click(await findByTestId('alarm-acknowledge-A-1'));
    await typeInto(await findByTestId('alarm-action-text'), '  已电话联系  ');
    await click((await findByTestId('alarm-action-submit')) as HTMLElement);
    await waitUntil(() => byTestId('alarm-row-A-1')?.dataset.status === 'acknowledged');
    const post = bff.requests.find((request) => request.method === 'POST');
    expect(post).toEqual({
      method: 'POST',
      path: '/api/alarms/A-1/acknowledge',
      body: { note: '已电话联系' },
    });
    // Acknowledged: no second acknowledge, but it can still be cleared.
    expect(byTestId('alarm-acknowledge-A-1')).toBeNull();
    expect(byTestId('alarm-clear-A-1')).not.toBeNull();
  });

  it('shows a failed action’s reason in the dialog', async () => {
    fakeBff({
      'GET /api/alarms': { items: [noise], total: 1 },
      'GET /api/streets': streets,
      'POST /api/alarms/A-1/warning': () =>
        new Response(JSON.stringify({ error: { code: 'conflict', message: '设备离线，无法喊话' } }), {
          status: 409,
          headers: { 'Content-Type': 'application/json' },
        }),
    });
    await render(<AlarmConsolePage />, '/alarms');
    await click(await findByTestId('alarm-warning-A-1'));
    await click(await findByTestId('alarm-action-submit'));
    const error = await findByTestId('alarm-action-error');
    expect(error.textContent).toContain('设备离线，无法喊话');
  });

  it('says so when there is nothing to handle, and when loading failed', async () => {
    fakeBff({ 'GET /api/alarms': { items: [], total: 0 }, 'GET /api/streets': streets });
    let page = await render(<AlarmConsolePage />, '/alarms');
    expect((await findByTestId('alarm-empty')).textContent).toContain('当前没有待处理的告警');
    page.unmount();
    resetApp();
    signIn(['squad_leader']);

    fakeBff({
      'GET /api/alarms': () =>
        new Response(JSON.stringify({ error: { code: 'forbidden', message: '没有权限查看告警' } }), {
          status: 403,
          headers: { 'Content-Type': 'application/json' },
        }),
      'GET /api/streets': streets,
    });
    page = await render(<AlarmConsolePage />, '/alarms?type=smoke&status=all');
    expect((await findByTestId('alarm-load-error')).textContent).toContain('没有权限查看告警');
  });

  it('opens the detail with the noise trace, warnings with their answers and the linked ticket', async () => {
    const detailed = makeAlarm({
      ticketId: 'T-0000123456',
      warnings: [
        {
          messageId: 'w-1',
          sentAt: '2030-01-01T12:00:10.000Z',
          automatic: true,
          text: null,
          ackAt: '2030-01-01T12:00:12.000Z',
          ok: true,
        },
        {
          messageId: 'w-2',
          sentAt: '2030-01-01T12:03:00.000Z',
          automatic: false,
          text: '请降低音量',
          ackAt: null,
          ok: null,
        },
      ],
    });
    fakeBff({
      'GET /api/alarms': { items: [detailed], total: 1 },
      'GET /api/alarms/A-1': detailed,
      'GET /api/streets': streets,
      'GET /api/district': district,
    });
    const page = await render(<AlarmConsolePage />, '/alarms?alarm=A-1');
    const chart = await findByTestId('alarm-noise-chart');
    expect(chart.dataset.points).toBe('3');
    expect(chart.dataset.over).toBe('3');
    expect(allByTestId('alarm-warning').map((item) => item.dataset.state)).toEqual(['pending', 'played']);
    expect(allByTestId('alarm-timeline-entry').map((item) => item.dataset.action)).toEqual(['opened']);
    const link = await findByTestId('alarm-ticket-link');
    await click(link);
    await findByTestId('route-tickets');
    expect(page.router.state.location.search).toBe('?ticket=T-0000123456');
  });
});
