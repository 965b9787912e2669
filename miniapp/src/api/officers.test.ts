import { ticketFixture } from '../features/officer/testFixtures';
import { createApiClient, type HttpRequest, type HttpResponse } from './client';
import { createOfficerApi } from './officers';

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
  return { api: createOfficerApi(client), calls };
}

describe('officer api', () => {
  it('asks for the held tickets or the day’s history by scope', async () => {
    const { api, calls } = setup({ status: 200, body: { items: [ticketFixture()], total: 1 } });
    expect((await api.tickets('today'))[0]?.id).toBe('t1');
    await api.tickets('held');
    expect(calls.map((call) => call.url)).toEqual([
      'http://127.0.0.1:3000/api/officer/tickets?scope=today',
      'http://127.0.0.1:3000/api/officer/tickets?scope=held',
    ]);
  });

  it('resolves as JSON naming the uploaded after-photos, and rejects and assigns with trimmed reasons', async () => {
    const { api, calls } = setup({ status: 200, body: ticketFixture({ status: 'resolved' }) });
    await api.resolve('t1', ' 已劝离 ', ['a'.repeat(24)]);
    await api.reject('t1', ' 距离太远 ');
    await api.assign('t1', 'o2', ' 就近改派 ');
    expect(
      calls.map((call) => [call.method, call.url.replace('http://127.0.0.1:3000', ''), call.body]),
    ).toEqual([
      ['POST', '/api/tickets/t1/resolve', { note: '已劝离', photoIds: ['a'.repeat(24)] }],
      ['POST', '/api/tickets/t1/reject', { reason: '距离太远' }],
      ['POST', '/api/tickets/t1/assign', { officerId: 'o2', reason: '就近改派' }],
    ]);
  });

  it('passes the BFF’s refusal of a far check-in on with its distance', async () => {
    const { api } = setup({
      status: 422,
      body: {
        error: {
          code: 'unprocessable',
          message: '距离上报地点约 400 米，需在 150 米内签到',
          details: { distanceMeters: 400, limitMeters: 150 },
        },
      },
    });
    await expect(api.checkIn('t1', { lat: 23.1, lng: 113.3 })).rejects.toMatchObject({
      status: 422,
      message: '距离上报地点约 400 米，需在 150 米内签到',
      details: { distanceMeters: 400 },
    });
  });
});
