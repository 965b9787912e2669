import { createLogger } from '../../infra/logger';
import { auth } from '../../testing/reportFixtures';
import { signInAsStaff } from '../../testing/staffLogin';
import { startTestApp, type TestApp } from '../../testing/testApp';
import {
  smsErrors,
  tencentSmsStandIn,
  type TencentSmsStandIn,
} from '../../testing/standIns/tencentSmsStandIn';
import { wechatErrors, wechatStandIn, type WechatStandIn } from '../../testing/standIns/wechatStandIn';
import { wecomStandIn, type WecomStandIn } from '../../testing/standIns/wecomStandIn';
import type { PendingNotification } from '../../infra/versionedChanges';
import { userModels } from '../users/userModel';
import { channelMarks } from './channelMarks';
import { notificationChannelsFrom } from './notificationChannels';
import { notificationOutbox, outboxKeys, retryDelayMs, type NotificationOutbox } from './notificationOutbox';
import { notificationRouter } from './notificationRouter';
import { recipientDirectory } from './recipientDirectory';

let t: TestApp;
let wechat: WechatStandIn;
let wecom: WecomStandIn;
let sms: TencentSmsStandIn;
let outbox: NotificationOutbox;
let admin: string;
const consumed: string[] = [];
/** The mini-program's subscriptions, in memory: user → templates granted once each. */
const granted = new Map<string, string[]>();

beforeAll(async () => {
  wechat = await wechatStandIn({ appId: 'wx-app', secret: 'wx-secret' });
  wecom = await wecomStandIn({
    corpId: 'ww-corp',
    corpSecret: 'corp-secret',
    agentId: 1000002,
    users: ['li.si'],
  });
  sms = await tencentSmsStandIn({
    secretId: 'AKID-test',
    secretKey: 'sms-secret-key',
    sdkAppId: '1400000001',
    signName: '街坊',
  });
  t = await startTestApp('notification_router', {
    background: false,
    env: {
      WECHAT_APPID: 'wx-app',
      WECHAT_SECRET: 'wx-secret',
      WECHAT_API_BASE: wechat.url,
      WECHAT_TEMPLATES: JSON.stringify({
        ticket_resolved: { id: 'TPL-RESOLVED', fields: { thing1: 'category' } },
      }),
      WECOM_CORP_ID: 'ww-corp',
      WECOM_CORP_SECRET: 'corp-secret',
      WECOM_AGENT_ID: '1000002',
      WECOM_API_BASE: wecom.url,
      ADMIN_PUBLIC_URL: 'https://jiefang.example.cn/admin',
      TENCENT_SMS_SECRET_ID: 'AKID-test',
      TENCENT_SMS_SECRET_KEY: 'sms-secret-key',
      TENCENT_SMS_SDK_APP_ID: '1400000001',
      TENCENT_SMS_SIGN_NAME: '街坊',
      TENCENT_SMS_ENDPOINT: sms.url,
      TENCENT_SMS_TEMPLATES: JSON.stringify({
        sla_breached: { id: '2001', params: ['category', 'address'] },
      }),
    },
  });
  // The app's own router, built the same way, over an outbox the test drives with the ManualClock.
  outbox = notificationOutbox({
    connection: t.mongo,
    redis: t.redis,
    clock: t.clock,
    logger: createLogger('silent'),
    sender: notificationRouter({
      channels: notificationChannelsFrom(t.config, {
        redis: t.redis,
        clock: t.clock,
        logger: createLogger('silent'),
      }),
      recipients: recipientDirectory(userModels(t.mongo)),
      subscriptions: {
        async consume(userId, template) {
          consumed.push(`${userId}:${template}`);
          const left = granted.get(userId) ?? [];
          const index = left.indexOf(template);
          if (index < 0) return false;
          left.splice(index, 1);
          return true;
        },
      },
      marks: channelMarks(t.redis, outboxKeys.channels),
      clock: t.clock,
      logger: createLogger('silent'),
    }),
  });
  admin = (await signInAsStaff(t, 'records-admin', ['admin'])).token;
});
afterAll(async () => {
  await t.close();
  await Promise.all([wechat.close(), wecom.close(), sms.close()]);
});
afterEach(() => {
  expect([...wechat.violations, ...wecom.violations, ...sms.violations]).toEqual([]);
});

/** A staff account with contacts, created through the admin API as an admin would. */
async function staffMember(username: string, contacts: { phone?: string; wecomUserId?: string }) {
  const response = await t.http
    .post('/api/users')
    .set(auth(admin))
    .send({
      username,
      password: `${username}-password`,
      name: `队员${username}`,
      roles: ['squad_leader'],
      street: '赤岗街道',
      ...contacts,
    })
    .expect(201);
  return response.body.id as string;
}

const breach = (id: string, recipientId: string): PendingNotification => ({
  id,
  recipientId,
  template: 'sla_breached',
  data: { ticketId: `ticket-${id}`, category: '占道经营', address: '赤岗路 1 号' },
});

const records = async (status?: string) =>
  (
    await t.http
      .get(`/api/notification-records${status ? `?status=${status}` : ''}`)
      .set(auth(admin))
      .expect(200)
  ).body as { items: Array<Record<string, unknown>>; total: number };

describe('notificationRouter through the outbox', () => {
  it('retries only the channel that failed, with backoff: WeCom gets one request, SMS two', async () => {
    const leader = await staffMember('li.si', { phone: '+86 138-0013-8000', wecomUserId: 'li.si' });
    expect((await t.http.get(`/api/users/${leader}`).set(auth(admin)).expect(200)).body).toMatchObject({
      phone: '13800138000',
      wecomUserId: 'li.si',
    });
    sms.answerNext(smsErrors.dailyLimit);
    await outbox.enqueue([breach('breach-1', leader)]);
    expect(await outbox.deliverDue()).toBe(1);
    expect(wecom.sends.filter((send) => send.touser === 'li.si')).toHaveLength(1);
    expect(sms.sends).toHaveLength(1);

    const pending = await outbox.stateOf('breach-1');
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, channel: 'wecom' });
    expect(pending?.lastError).toMatch(/^sms: LimitExceeded.PhoneNumberDailyLimit/);
    expect((await records('pending')).items).toEqual([
      expect.objectContaining({
        id: 'breach-1',
        template: 'sla_breached',
        title: '工单已超时',
        recipientName: '队员li.si',
        status: 'pending',
        channels: ['wecom'],
        attempts: 1,
        lastError: expect.stringMatching(/^sms: LimitExceeded/),
      }),
    ]);

    // Not due before the backoff is over; then only SMS is tried again.
    t.clock.advance(retryDelayMs(1) - 1);
    expect(await outbox.deliverDue()).toBe(0);
    t.clock.advance(1);
    expect(await outbox.deliverDue()).toBe(1);
    expect(wecom.sends.filter((send) => send.touser === 'li.si')).toHaveLength(1);
    expect(sms.sends).toHaveLength(2);
    expect(await outbox.stateOf('breach-1')).toMatchObject({
      status: 'sent',
      attempts: 2,
      channel: 'wecom+sms',
      lastError: null,
    });
    expect(await t.redis.hlen(outboxKeys.channels)).toBe(0);
    expect((await records('sent')).items[0]).toMatchObject({ id: 'breach-1', channels: ['wecom', 'sms'] });
  });

  it('records a channel refused for good beside one that delivered, and a push refused everywhere as failed', async () => {
    const unknown = await staffMember('wang.wu', { phone: '13900139000', wecomUserId: 'wang.wu' });
    await outbox.enqueue([breach('breach-2', unknown)]);
    await outbox.deliverDue();
    expect(await outbox.stateOf('breach-2')).toMatchObject({
      status: 'sent',
      channel: 'sms',
      lastError: 'wecom: invaliduser wang.wu',
    });

    const phoneOnly = await staffMember('zhao.liu', { phone: '13700137000' });
    sms.answerNext(smsErrors.templateUnapproved);
    await outbox.enqueue([breach('breach-3', phoneOnly)]);
    await outbox.deliverDue();
    const failed = await records('failed');
    expect(failed.total).toBe(1);
    expect(failed.items[0]).toMatchObject({
      id: 'breach-3',
      status: 'failed',
      channels: [],
      lastError: expect.stringMatching(/^sms: FailedOperation.TemplateIncorrectOrUnapproved/),
    });
  });

  it('delivers over the inbox alone when no channel applies', async () => {
    const quiet = await staffMember('qian.qi', {});
    await outbox.enqueue([
      breach('breach-4', quiet),
      { ...breach('made-up', quiet), template: 'no_such' as 'sla_breached' },
    ]);
    await outbox.deliverDue();
    expect(await outbox.stateOf('breach-4')).toMatchObject({
      status: 'sent',
      channel: 'inbox',
      lastError: null,
    });
    expect(await outbox.stateOf('made-up')).toMatchObject({ status: 'sent', channel: 'inbox' });
  });

  it('consumes a one-time WeChat subscription once per notification, not again on its retry', async () => {
    // Signed in through WeChat (the stand-in's openid for code `resident` is `openid-resident`).
    const signedIn = await t.http.post('/api/auth/wechat').send({ code: 'resident' }).expect(200);
    const resident = { userId: signedIn.body.user.id as string };
    granted.set(resident.userId, ['ticket_resolved']);
    const resolved = (id: string): PendingNotification => ({
      id,
      recipientId: resident.userId,
      template: 'ticket_resolved',
      data: { ticketId: 't-1', category: '噪音扰民' },
    });
    wechat.answerNext(wechatErrors.quota);
    await outbox.enqueue([resolved('resolved-1')]);
    await outbox.deliverDue();
    expect(await outbox.stateOf('resolved-1')).toMatchObject({
      status: 'pending',
      lastError: 'wechat: 45009 reach max api daily quota limit',
    });
    t.clock.advance(retryDelayMs(1));
    await outbox.deliverDue();
    expect(await outbox.stateOf('resolved-1')).toMatchObject({ status: 'sent', channel: 'wechat' });
    expect(consumed.filter((entry) => entry.startsWith(resident.userId))).toHaveLength(1);
    expect(wechat.sends.filter((send) => send.touser === 'openid-resident')).toHaveLength(2);

    // No subscription left: the inbox has it, and the record says why WeChat was not used.
    await outbox.enqueue([resolved('resolved-2')]);
    await outbox.deliverDue();
    expect(await outbox.stateOf('resolved-2')).toMatchObject({
      status: 'sent',
      channel: 'inbox',
      lastError: 'wechat: no subscription',
    });
    expect(wechat.sends.filter((send) => send.touser === 'openid-resident')).toHaveLength(2);
  });

  it('refuses records to residents and validates the status filter', async () => {
    const resident = await t.loginAs('resident');
    await t.http.get('/api/notification-records').set(auth(resident.token)).expect(403);
    await t.http.get('/api/notification-records?status=lost').set(auth(admin)).expect(400);
    const all = await records();
    expect(all.total).toBeGreaterThanOrEqual(6);
  });
});
