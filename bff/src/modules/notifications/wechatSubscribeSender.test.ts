import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../../testing/testApp';
import type { NotificationSender } from './notificationSenders';
import type { OutboxDocument } from './outboxModel';
import { wechatSubscribeSender } from './wechatSubscribeSender';

let t: TestApp;
let server: http.Server;
let base: string;
const received: Array<{ path: string; body: unknown }> = [];
let tokenRequests = 0;
let nextAnswer: { errcode: number; errmsg?: string } = { errcode: 0 };

beforeAll(async () => {
  t = await startTestApp('wechat_sender', { background: false });
  // Stands in for WeChat's API over real HTTP: the token endpoint and subscribeMessage.send.
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      response.setHeader('Content-Type', 'application/json');
      if (url.pathname === '/cgi-bin/token') {
        tokenRequests += 1;
        response.end(JSON.stringify({ access_token: `token-${tokenRequests}`, expires_in: 7200 }));
        return;
      }
      received.push({
        path: `${url.pathname}?${url.searchParams.toString()}`,
        body: JSON.parse(body || '{}'),
      });
      response.end(JSON.stringify(nextAnswer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

const notification = (overrides: Partial<OutboxDocument> = {}): OutboxDocument => ({
  _id: 'n1',
  recipientId: 'resident-1',
  template: 'ticket_resolved',
  data: { ticketId: 't-1', category: '占道经营，摊贩在人行道上摆卖水果和小吃已经很久了' },
  status: 'sending',
  attempts: 1,
  nextAttemptAt: new Date(),
  leaseUntil: null,
  createdAt: new Date(),
  sentAt: null,
  channel: null,
  lastError: null,
  ...overrides,
});

function sender(fallback: NotificationSender) {
  return wechatSubscribeSender({
    appId: 'wx-app',
    secret: 'wx-secret',
    apiBase: base,
    redis: t.redis,
    fallback,
    openIdOf: async (userId) => (userId === 'resident-1' ? 'openid-1' : null),
    templates: {
      ticket_resolved: {
        id: 'TPL-RESOLVED',
        page: 'pages/reports/detail?id={ticketId}',
        fields: { thing1: 'category', phrase2: '=已办结' },
      },
    },
  });
}

describe('wechatSubscribeSender', () => {
  const fallbackCalls: string[] = [];
  const fallback: NotificationSender = {
    async send(item) {
      fallbackCalls.push(item._id);
      return { ok: true, channel: 'log' };
    },
  };

  it('sends a mapped template to a WeChat user with a cached access token and fields cut to size', async () => {
    nextAnswer = { errcode: 0 };
    expect(await sender(fallback).send(notification())).toEqual({ ok: true, channel: 'wechat' });
    expect(await sender(fallback).send(notification({ _id: 'n2' }))).toEqual({ ok: true, channel: 'wechat' });
    expect(tokenRequests).toBe(1);
    expect(received[0]?.path).toBe('/cgi-bin/message/subscribe/send?access_token=token-1');
    expect(received[0]?.body).toEqual({
      touser: 'openid-1',
      template_id: 'TPL-RESOLVED',
      page: 'pages/reports/detail?id=t-1',
      data: { thing1: { value: '占道经营，摊贩在人行道上摆卖水果和小吃…' }, phrase2: { value: '已办结' } },
    });
  });

  it('treats a refused subscription as permanent and an expired token as a retry with a new token', async () => {
    nextAnswer = { errcode: 43101, errmsg: 'user refuse to accept the msg' };
    expect(await sender(fallback).send(notification())).toMatchObject({ ok: false, permanent: true });
    nextAnswer = { errcode: 42001, errmsg: 'access_token expired' };
    expect(await sender(fallback).send(notification())).toMatchObject({ ok: false, permanent: false });
    nextAnswer = { errcode: 0 };
    await sender(fallback).send(notification());
    expect(tokenRequests).toBe(2);
  });

  it('leaves staff without WeChat and unmapped templates to the fallback', async () => {
    await sender(fallback).send(notification({ _id: 'staff', recipientId: 'officer-1' }));
    await sender(fallback).send(notification({ _id: 'unmapped', template: 'sla_warning' }));
    expect(fallbackCalls).toEqual(['staff', 'unmapped']);
  });
});
