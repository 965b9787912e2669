// @vitest-environment jsdom
import '../../test/leafletDom';
import { describe, expect, it } from 'vitest';
import { makeAlarm, makeDevice } from '../../test/alarms';
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
import { DeviceListPage } from './DeviceListPage';

const streets = {
  items: [
    { id: 'jiangnanzhong', name: '江南中街道', squadId: 'sq-j', squadName: '江南中中队' },
    { id: 'huazhou', name: '华洲街道', squadId: 'sq-h', squadName: '华洲中队' },
  ],
};
const square = (id: string, name: string, lng: number, lat: number) => ({
  type: 'Feature',
  properties: { id, name, squadId: `sq-${id}`, squadName: `${name}中队` },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [lng - 0.01, lat - 0.01],
        [lng + 0.01, lat - 0.01],
        [lng + 0.01, lat + 0.01],
        [lng - 0.01, lat + 0.01],
        [lng - 0.01, lat - 0.01],
      ],
    ],
  },
});
const district = {
  type: 'FeatureCollection',
  name: '海珠区',
  features: [
    square('jiangnanzhong', '江南中街道', 113.27, 23.108),
    square('huazhou', '华洲街道', 113.352, 23.093),
  ],
};

const meter = makeDevice();
const detector = makeDevice({
  id: 'charge-hz-1203',
  type: 'charging_detector',
  streetId: 'huazhou',
  streetName: '华洲街道',
  location: { lat: 23.093, lng: 113.352 },
  zoneClass: null,
  householdId: 'HZ-12-1203',
  building: '12 栋',
  site: null,
  online: false,
  lastReading: null,
});
const readings = {
  deviceId: meter.id,
  items: [
    { at: '2030-01-01T11:58:00.000Z', levelDb: 52, maxDb: 60 },
    { at: '2030-01-01T11:59:00.000Z', levelDb: null, maxDb: null },
    { at: '2030-01-01T12:00:00.000Z', levelDb: 62.3, maxDb: 70 },
  ],
};
const routes = {
  'GET /api/devices': { items: [meter, detector], total: 2 },
  'GET /api/alarms': { items: [makeAlarm()], total: 1 },
  'GET /api/streets': streets,
  'GET /api/district': district,
  'GET /api/map/config': { tiles: null },
  [`GET /api/devices/${meter.id}/readings`]: readings,
};

setUpPageTests();

describe('DeviceListPage', { timeout: 30_000 }, () => {
  it('lists devices with online state, last reading, open alarms and a noise sparkline', async () => {
    signIn(['dispatcher']);
    const bff = fakeBff(routes);
    await render(<DeviceListPage />, '/devices');
    // The file's first render is the slowest (antd warming up), on a busy machine over 10 s.
    await findByTestId(`device-row-${meter.id}`, 25_000);
    expect(allByTestId('device-online').map((badge) => [badge.dataset.online, badge.textContent])).toEqual([
      ['true', '在线'],
      ['false', '离线'],
    ]);
    const reading = allByTestId('device-reading')[0]!;
    expect(reading.dataset.over).toBe('true');
    expect(reading.textContent).toContain('62.3 dB(A) · 限值 55');
    expect(byTestId(`device-row-${detector.id}`)?.textContent).toContain('暂无读数');
    expect(byTestId(`device-row-${meter.id}`)?.textContent).toContain('噪声超标');
    const trend = await findByTestId(`device-trend-${meter.id}`);
    expect(trend.dataset.points).toBe('2');
    expect(
      bff.requests.some((request) => request.path === `/api/devices/${meter.id}/readings?minutes=60`),
    ).toBe(true);
    // Only noise meters have a trend; dispatchers may not register or edit.
    expect(byTestId(`device-trend-${detector.id}`)).toBeNull();
    expect(byTestId('device-register')).toBeNull();
    expect(byTestId(`device-edit-${meter.id}`)).toBeNull();
    expect(byTestId('device-stat-alarm')?.textContent).toContain('1');
  });

  it('rotates a secret for an admin and shows it once, with a warning', async () => {
    signIn(['admin']);
    const bff = fakeBff({
      ...routes,
      [`POST /api/devices/${meter.id}/rotate-secret`]: {
        id: meter.id,
        secret: 'n3w-s3cret',
        mqttUrl: 'mqtt://127.0.0.1:1883',
      },
    });
    await render(<DeviceListPage />, '/devices');
    expect(await findByTestId('device-register')).not.toBeNull();
    await click(await findByTestId(`device-rotate-${meter.id}`));
    await click(await findByTestId('device-rotate-confirm'));
    const secret = await findByTestId('device-secret');
    expect(secret.textContent).toBe('n3w-s3cret');
    expect(byTestId('device-credentials')?.textContent).toContain('密钥只显示这一次');
    expect(byTestId('device-secret-copy')).not.toBeNull();
    expect(
      bff.requests.filter((request) => request.method === 'POST').map((request) => request.path),
    ).toEqual([`/api/devices/${meter.id}/rotate-secret`]);
    await click(await findByTestId('device-credentials-done'));
    await waitUntil(() => byTestId('device-secret') === null);
  });

  it('checks the register form against the contract before sending, in Chinese', async () => {
    signIn(['admin']);
    const bff = fakeBff(routes);
    await render(<DeviceListPage />, '/devices');
    await click(await findByTestId('device-register'));
    await typeInto(await findByTestId('device-field-id'), 'x');
    await click(await findByTestId('device-form-submit'));
    await waitUntil(() => document.body.textContent?.includes('设备编号：3–64 位') ?? false);
    expect(document.body.textContent).toContain('请选择所属街道');
    expect(document.body.textContent).toContain('噪声监测仪需要选择声环境功能区');
    expect(bff.requests.some((request) => request.method === 'POST')).toBe(false);
  });

  it('draws devices on the district map coloured by alarm and online state', async () => {
    signIn(['dispatcher']);
    fakeBff(routes);
    const page = await render(<DeviceListPage />, '/devices?view=map');
    const dot = await findByTestId(`device-dot-${meter.id}`);
    expect([dot.dataset.tone, dot.dataset.severity]).toEqual(['alarm', 'major']);
    expect(byTestId(`device-dot-${detector.id}`)?.dataset.tone).toBe('offline');
    dot.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    const card = await findByTestId('device-selected');
    expect(card.textContent).toContain(meter.id);
    expect(card.textContent).toContain('1 条未解除告警');
    await waitUntil(() => page!.router.state.location.search.includes(`device=${meter.id}`));
  });

  it('says when loading failed and offers a retry', async () => {
    signIn(['dispatcher']);
    fakeBff({
      ...routes,
      'GET /api/devices': () =>
        new Response(
          JSON.stringify({ error: { code: 'dependency_unavailable', message: '数据库暂时不可用' } }),
          {
            status: 503,
            headers: { 'Content-Type': 'application/json' },
          },
        ),
    });
    await render(<DeviceListPage />, '/devices');
    const error = await findByTestId('device-load-error', 20_000);
    expect(error.textContent).toContain('数据库暂时不可用');
  });
});
