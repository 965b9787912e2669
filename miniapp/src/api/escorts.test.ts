import { escortFixture } from '../features/escort/testFixtures';
import { createApiClient, type HttpRequest, type HttpResponse } from './client';
import { createEscortsApi, myEscortsTarget } from './escorts';

function setup(...responses: HttpResponse[]) {
  const calls: HttpRequest[] = [];
  const client = createApiClient({
    baseUrl: 'http://127.0.0.1:3000',
    transport: async (request) => {
      calls.push(request);
      return responses[Math.min(calls.length - 1, responses.length - 1)]!;
    },
    getToken: () => 'tok',
  });
  return { api: createEscortsApi(client), calls };
}

const volunteer = {
  id: 'vol-1',
  realName: '李志愿',
  phone: '139****5678',
  skills: ['wheelchair'],
  serviceArea: { streetId: 'chigang', lat: 23.1, lng: 113.3, radiusKm: 3 },
  availability: [{ weekday: 6, start: '07:00', end: '12:00' }],
  verified: false,
  verifiedAt: null,
};

describe('myEscortsTarget', () => {
  it('asks for the caller’s own escorts, optionally by status, paged', () => {
    expect(myEscortsTarget().path).toBe('/api/escorts?mine=1&limit=50&offset=0');
    expect(myEscortsTarget({ statuses: ['accepted', 'in_progress', 'accepted'], limit: 200 }).path).toBe(
      '/api/escorts?mine=1&status=accepted,in_progress&limit=200&offset=0',
    );
  });
});

describe('escorts api', () => {
  it('books with a bearer token and parses the answer with the contract', async () => {
    const { api, calls } = setup({ status: 201, body: escortFixture('e1') });
    const request = {
      elderId: 'elder-1',
      serviceType: 'hospital_escort' as const,
      windowStart: '2026-11-25T09:00:00+08:00',
      windowEnd: '2026-11-25T12:00:00+08:00',
      hospital: '广州市第一人民医院',
    };
    const escort = await api.book(request);
    expect(escort.id).toBe('e1');
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:3000/api/escorts',
      headers: { Authorization: 'Bearer tok' },
      body: request,
    });
  });

  it('fills in an escort without SOS entries (the contract’s default)', async () => {
    const { sos: _sos, ...withoutSos } = escortFixture('e1');
    const { api } = setup({ status: 200, body: withoutSos });
    expect((await api.get('e1')).sos).toEqual([]);
  });

  it('rejects an escort that does not match the contract as bad_response', async () => {
    const { api } = setup({ status: 200, body: { ...escortFixture('e1'), status: 'lost' } });
    await expect(api.get('e1')).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('posts each action to its path with a trimmed body', async () => {
    const { api, calls } = setup({ status: 200, body: escortFixture('e/1') });
    await api.cancel('e/1', ' 时间有变 ');
    await api.rate('e/1', { score: 5, comment: ' 很耐心 ' });
    await api.sos('e/1', { lat: 23.1, lng: 113.3, note: '  ' });
    await api.sos('e/1', { lat: Number.NaN, lng: 113.3 });
    await api.accept('e/1');
    await api.withdraw('e/1', '临时有事');
    await api.checkIn('e/1', { lat: 23.1, lng: 113.3 });
    await api.complete('e/1', ' 已陪同看诊 ');
    expect(calls.map((call) => [call.url.replace('http://127.0.0.1:3000', ''), call.body])).toEqual([
      ['/api/escorts/e%2F1/cancel', { reason: '时间有变' }],
      ['/api/escorts/e%2F1/rate', { score: 5, comment: '很耐心' }],
      ['/api/escorts/e%2F1/sos', { lat: 23.1, lng: 113.3 }],
      ['/api/escorts/e%2F1/sos', {}],
      ['/api/escorts/e%2F1/accept', {}],
      ['/api/escorts/e%2F1/withdraw', { reason: '临时有事' }],
      ['/api/escorts/e%2F1/check-in', { lat: 23.1, lng: 113.3 }],
      ['/api/escorts/e%2F1/complete', { notes: '已陪同看诊' }],
    ]);
  });

  it('passes the BFF’s 409 message through (someone else accepted first)', async () => {
    const { api } = setup({
      status: 409,
      body: { error: { code: 'conflict', message: '这个需求已被其他志愿者接单' } },
    });
    await expect(api.accept('e1')).rejects.toMatchObject({
      code: 'conflict',
      status: 409,
      message: '这个需求已被其他志愿者接单',
    });
  });

  it('passes a too-far check-in (422) with its distance', async () => {
    const { api } = setup({
      status: 422,
      body: {
        error: { code: 'unprocessable', message: '距离接送地点约 900 米', details: { distanceM: 900 } },
      },
    });
    await expect(api.checkIn('e1', { lat: 23, lng: 113 })).rejects.toMatchObject({
      code: 'unprocessable',
      details: { distanceM: 900 },
    });
  });

  it('answers null for a volunteer who has not registered (404) and the record otherwise', async () => {
    const missing = setup({ status: 404, body: { error: { code: 'not_found', message: '尚未登记' } } });
    expect(await missing.api.volunteerMe()).toBeNull();
    const found = setup({ status: 200, body: volunteer });
    expect((await found.api.volunteerMe())?.verified).toBe(false);
    const failing = setup({
      status: 503,
      body: { error: { code: 'dependency_unavailable', message: '稍后再试' } },
    });
    await expect(failing.api.volunteerMe()).rejects.toMatchObject({ code: 'dependency_unavailable' });
  });

  it('lists services, elders, open requests and hours', async () => {
    const { api, calls } = setup(
      {
        status: 200,
        body: { items: [{ type: 'home_visit', name: '上门探访', defaultMinutes: 60, inPerson: true }] },
      },
      {
        status: 200,
        body: {
          items: [
            {
              id: 'elder-1',
              name: '陈伯',
              phone: '020-84561234',
              address: '江南中街道 12 号',
              streetId: 'jiangnanzhong',
              streetName: '江南中街道',
              needs: ['wheelchair'],
              emergencyContacts: [],
              familyUserIds: ['user-1'],
            },
          ],
        },
      },
      { status: 200, body: { items: [escortFixture('e1', { urgent: true })], total: 1 } },
      {
        status: 200,
        body: { volunteerId: 'vol 1', totalMinutes: 90, reviewedMinutes: 0, turns: 1, entries: [] },
      },
    );
    expect((await api.services())[0]?.type).toBe('home_visit');
    expect((await api.elders())[0]?.name).toBe('陈伯');
    expect((await api.open()).items[0]?.urgent).toBe(true);
    expect((await api.hours('vol 1')).totalMinutes).toBe(90);
    expect(calls.map((call) => call.url.replace('http://127.0.0.1:3000', ''))).toEqual([
      '/api/escort-services',
      '/api/elders',
      '/api/escorts/open',
      '/api/volunteers/vol%201/hours',
    ]);
  });
});
