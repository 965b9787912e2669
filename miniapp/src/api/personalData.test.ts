import { createApiClient, type HttpRequest, type HttpResponse } from './client';
import { createPersonalDataApi, personalDataExportTarget } from './personalData';

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
  return { api: createPersonalDataApi(client), calls };
}

describe('personal data api', () => {
  it('deletes the account with the confirmation words the BFF asks for', async () => {
    const { api, calls } = setup({
      status: 200,
      body: { status: 'deleted', completedAt: '2026-12-03T02:00:00.000Z' },
    });
    expect(await api.deleteAccount()).toEqual({ status: 'deleted', completedAt: '2026-12-03T02:00:00.000Z' });
    expect(calls).toEqual([
      expect.objectContaining({
        method: 'DELETE',
        url: 'http://127.0.0.1:3000/api/me',
        body: { confirm: '注销账号' },
      }),
    ]);
  });

  it('passes on what blocks the deletion as a conflict', async () => {
    const { api } = setup({
      status: 409,
      body: {
        error: {
          code: 'conflict',
          message: '注销前请先处理：您预约的陪护尚未结束',
          details: { blockers: [] },
        },
      },
    });
    await expect(api.deleteAccount()).rejects.toMatchObject({ code: 'conflict', status: 409 });
  });

  it('exports from the route the contracts describe', () => {
    expect(personalDataExportTarget()).toEqual({ method: 'GET', path: '/api/me/data/export' });
  });
});
