import { createApiClient, type HttpRequest, type HttpResponse } from './client';
import { createNotificationsApi, notificationListTarget } from './notifications';

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
  return { api: createNotificationsApi(client), calls };
}

describe('notifications api', () => {
  it('pages the inbox with the cursor the BFF gave', () => {
    expect(notificationListTarget().path).toBe('/api/notifications');
    expect(notificationListTarget({ before: '2026-12-02T08:00:00.000Z|n 1', limit: 20 }).path).toBe(
      '/api/notifications?before=2026-12-02T08%3A00%3A00.000Z%7Cn%201&limit=20',
    );
  });

  it('marks read, counts unread and records subscription answers through the contracts’ routes', async () => {
    const { api, calls } = setup(
      { status: 200, body: { marked: 1, unread: 2 } },
      { status: 200, body: { unread: 2 } },
      { status: 200, body: { items: [] } },
    );
    expect(await api.markRead({ ids: ['n1'] })).toEqual({ marked: 1, unread: 2 });
    expect(await api.unreadCount()).toBe(2);
    expect(
      await api.recordSubscriptions({
        batchId: 'sub_1_abc',
        answers: [{ template: 'officer_on_site', answer: 'accept' }],
      }),
    ).toEqual([]);
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'POST http://127.0.0.1:3000/api/notifications/read',
      'GET http://127.0.0.1:3000/api/notifications/unread-count',
      'POST http://127.0.0.1:3000/api/notifications/subscriptions',
    ]);
    expect(calls[0]?.body).toEqual({ ids: ['n1'] });
  });
});
