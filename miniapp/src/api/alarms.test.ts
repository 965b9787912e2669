import { createApiClient, type HttpRequest, type HttpResponse } from './client';
import { createAlarmsApi, myAlarmsTarget, noiseSitesTarget } from './alarms';

const alarm = {
  id: 'al1',
  deviceId: 'chg-01',
  deviceType: 'charging_detector',
  type: 'indoor_charging',
  status: 'active',
  severity: 'major',
  count: 2,
  streetId: 'huazhou',
  streetName: '华洲街道',
  site: '华洲新村 3 栋 502',
  householdId: 'hh-502',
  location: { lat: 23.093, lng: 113.352 },
  openedAt: '2025-03-01T12:00:00Z',
  lastDetectedAt: '2025-03-01T12:05:00Z',
  acknowledgedAt: null,
  clearedAt: null,
  noise: null,
  confidence: 0.93,
  warnings: [],
  timeline: [],
};

const site = {
  deviceId: 'noise-qz',
  site: '青柱广场',
  streetName: '江南中街道',
  location: { lat: 23.108, lng: 113.27 },
  distanceM: 420,
  online: true,
  levelDb: 58.2,
  limitDb: 60,
  period: 'day',
  updatedAt: '2025-03-01T12:00:00Z',
  alarmActive: false,
};

function setup(response: HttpResponse) {
  const calls: HttpRequest[] = [];
  const client = createApiClient({
    baseUrl: 'http://127.0.0.1:3000',
    transport: async (request) => {
      calls.push(request);
      return response;
    },
    getToken: () => 'tok',
  });
  return { api: createAlarmsApi(client), calls };
}

describe('noiseSitesTarget', () => {
  it('sends the position and radius, or nothing so that the BFF returns every site', () => {
    expect(noiseSitesTarget({ lat: 23.1066, lng: 113.3245, radiusM: 3000 }).path).toBe(
      '/api/noise/sites?lat=23.106600&lng=113.324500&radiusM=3000',
    );
    expect(noiseSitesTarget().path).toBe('/api/noise/sites');
    expect(noiseSitesTarget({ radiusM: 3000 }).path).toBe('/api/noise/sites?radiusM=3000');
    expect(noiseSitesTarget({ lat: 23.1, lng: Number.NaN }).path).toBe('/api/noise/sites');
    expect(noiseSitesTarget({ lat: 23.1 }).path).toBe('/api/noise/sites');
  });
});

describe('myAlarmsTarget', () => {
  it('asks for the caller’s own alarms in the given statuses, paged', () => {
    expect(myAlarmsTarget(['active', 'acknowledged']).path).toBe(
      '/api/alarms?mine=1&status=active,acknowledged&limit=50&offset=0',
    );
    expect(myAlarmsTarget(['cleared', 'cleared'], { offset: 20, limit: 20 }).path).toBe(
      '/api/alarms?mine=1&status=cleared&limit=20&offset=20',
    );
    expect(myAlarmsTarget([]).path).toBe('/api/alarms?mine=1&limit=50&offset=0');
  });
});

describe('alarms api', () => {
  it('parses noise sites with the shared schema', async () => {
    const { api, calls } = setup({ status: 200, body: { items: [site], recentAlarms: [] } });
    const result = await api.noiseSites({ lat: 23.1, lng: 113.3, radiusM: 3000 });
    expect(result.items[0]?.levelDb).toBe(58.2);
    expect(calls[0]).toMatchObject({
      method: 'GET',
      url: 'http://127.0.0.1:3000/api/noise/sites?lat=23.100000&lng=113.300000&radiusM=3000',
      headers: { Authorization: 'Bearer tok' },
    });
  });

  it('rejects a response that does not match the contract as bad_response', async () => {
    const { api } = setup({ status: 200, body: { items: [{ ...site, period: 'dusk' }], recentAlarms: [] } });
    await expect(api.noiseSites()).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('lists my alarms and acknowledges one, with or without a note', async () => {
    const { api, calls } = setup({ status: 200, body: { items: [alarm], total: 1 } });
    const list = await api.mine(['active', 'acknowledged']);
    expect(list.items[0]?.type).toBe('indoor_charging');

    const acked = setup({ status: 200, body: { ...alarm, status: 'acknowledged' } });
    const updated = await acked.api.acknowledge('al/1', '  已通知租户  ');
    expect(updated.status).toBe('acknowledged');
    expect(acked.calls[0]).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:3000/api/alarms/al%2F1/acknowledge',
      body: { note: '已通知租户' },
    });
    await acked.api.acknowledge('al1', '   ');
    expect(acked.calls[1]?.body).toEqual({});
    expect(calls[0]?.url).toContain('/api/alarms?mine=1&status=active,acknowledged');
  });

  it('passes the BFF’s Chinese error through', async () => {
    const { api } = setup({
      status: 409,
      body: { error: { code: 'conflict', message: '告警已被确认' } },
    });
    await expect(api.acknowledge('al1')).rejects.toMatchObject({ code: 'conflict', message: '告警已被确认' });
  });
});
