import { notificationTemplates, type NotificationTemplate } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../../testing/testApp';
import {
  tencentSmsStandIn,
  smsErrors,
  type TencentSmsStandIn,
} from '../../../testing/standIns/tencentSmsStandIn';
import { wechatErrors, wechatStandIn, type WechatStandIn } from '../../../testing/standIns/wechatStandIn';
import { wecomErrors, wecomStandIn, type WecomStandIn } from '../../../testing/standIns/wecomStandIn';
import type { ChannelMessage, NotificationRecipient } from './deliveryChannel';
import { tencentSmsChannel } from './tencentSmsChannel';
import { wechatSubscribeChannel, wechatTokenKey } from './wechatSubscribeChannel';
import { wecomChannel, wecomTokenKey } from './wecomChannel';

let t: TestApp;
let wechat: WechatStandIn;
let wecom: WecomStandIn;
let sms: TencentSmsStandIn;
const smsCredentials = {
  secretId: 'AKID-test',
  secretKey: 'sms-secret-key',
  sdkAppId: '1400000001',
  signName: '街坊',
};

beforeAll(async () => {
  t = await startTestApp('delivery_channels', { background: false });
  wechat = await wechatStandIn({ appId: 'wx-app', secret: 'wx-secret' });
  wecom = await wecomStandIn({
    corpId: 'ww-corp',
    corpSecret: 'corp-secret',
    agentId: 1000002,
    users: ['ZhangSan'],
  });
  sms = await tencentSmsStandIn(smsCredentials);
});
afterAll(async () => {
  await Promise.all([wechat.close(), wecom.close(), sms.close()]);
  await t.close();
});
afterEach(() => {
  expect([...wechat.violations, ...wecom.violations, ...sms.violations]).toEqual([]);
});

const message = (template: NotificationTemplate, data: ChannelMessage['data']): ChannelMessage => ({
  notificationId: `n-${template}`,
  template,
  spec: notificationTemplates[template],
  data,
});
const person = (overrides: Partial<NotificationRecipient>): NotificationRecipient => ({
  id: 'u1',
  name: '测试',
  staff: false,
  openId: null,
  wecomUserId: null,
  phone: null,
  ...overrides,
});

describe('wechatSubscribeChannel', () => {
  const channel = () =>
    wechatSubscribeChannel({
      appId: 'wx-app',
      secret: 'wx-secret',
      apiBase: wechat.url,
      miniprogramState: 'trial',
      redis: t.redis,
      templates: {
        ticket_resolved: {
          id: 'TPL-RESOLVED',
          page: 'pages/reports/detail?id={ticketId}',
          fields: { thing1: 'category', phrase2: '=已办结' },
        },
      },
    });
  const resident = person({ openId: 'openid-1' });
  const resolved = message('ticket_resolved', {
    ticketId: 't-1',
    category: '占道经营，摊贩在人行道上摆卖水果和小吃已经很久了',
  });

  it('applies to public templates it maps, for people who signed in with WeChat', () => {
    expect(channel().appliesTo(resident, resolved)).toBe(true);
    expect(channel().appliesTo(person({}), resolved)).toBe(false);
    expect(channel().appliesTo(resident, message('officer_on_site', {}))).toBe(false);
    expect(channel().appliesTo(resident, message('sla_breached', {}))).toBe(false);
  });

  it('sends with a stable token fetched once and shared through Redis, fields cut to size', async () => {
    expect(await channel().deliver(resident, resolved)).toEqual({ outcome: 'sent' });
    expect(await channel().deliver(resident, resolved)).toEqual({ outcome: 'sent' });
    expect(wechat.tokenRequests).toEqual([{ forceRefresh: false }]);
    expect(await t.redis.get(wechatTokenKey)).toBe('wx-token-1');
    expect(wechat.sends[0]).toEqual({
      touser: 'openid-1',
      template_id: 'TPL-RESOLVED',
      page: 'pages/reports/detail?id=t-1',
      data: { thing1: { value: '占道经营，摊贩在人行道上摆卖水果和小吃…' }, phrase2: { value: '已办结' } },
      miniprogram_state: 'trial',
      lang: 'zh_CN',
    });
  });

  it('calls a refusal or an invalid template permanent and a quota or a 5xx worth retrying', async () => {
    wechat.answerNext(wechatErrors.userRefused, wechatErrors.invalidTemplate, wechatErrors.quota, {
      httpStatus: 502,
    });
    expect(await channel().deliver(resident, resolved)).toMatchObject({
      outcome: 'refused',
      error: /^43101/,
    });
    expect(await channel().deliver(resident, resolved)).toMatchObject({
      outcome: 'refused',
      error: /^40037/,
    });
    expect(await channel().deliver(resident, resolved)).toMatchObject({ outcome: 'failed', error: /^45009/ });
    expect(await channel().deliver(resident, resolved)).toEqual({ outcome: 'failed', error: 'HTTP 502' });
  });

  it('fetches a new token when WeChat calls it expired, forcing a refresh only when handed the same one', async () => {
    const before = wechat.tokenRequests.length;
    wechat.expireToken();
    expect(await channel().deliver(resident, resolved)).toEqual({ outcome: 'sent' });
    expect(wechat.tokenRequests.slice(before)).toEqual([{ forceRefresh: false }]);
    wechat.refuseCurrentToken();
    expect(await channel().deliver(resident, resolved)).toEqual({ outcome: 'sent' });
    expect(wechat.tokenRequests.slice(before + 1)).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
  });
});

describe('wecomChannel', () => {
  const channel = () =>
    wecomChannel({
      corpId: 'ww-corp',
      corpSecret: 'corp-secret',
      agentId: 1000002,
      apiBase: wecom.url,
      adminUrl: 'https://jiefang.example.cn/admin/',
      redis: t.redis,
    });
  const officer = person({ staff: true, wecomUserId: 'ZhangSan' });
  const breached = message('sla_breached', { ticketId: 't-9', category: '占道经营', address: '赤岗路 1 号' });

  beforeEach(() => t.redis.del(wecomTokenKey));

  it('applies to staff with a WeCom UserID and sends a textcard linking to the admin panel', async () => {
    expect(channel().appliesTo(officer, breached)).toBe(true);
    expect(channel().appliesTo(person({ wecomUserId: 'x' }), breached)).toBe(false);
    expect(await channel().deliver(officer, breached)).toEqual({ outcome: 'sent' });
    expect(wecom.sends.at(-1)).toEqual({
      touser: 'ZhangSan',
      msgtype: 'textcard',
      agentid: 1000002,
      textcard: {
        title: '工单已超时',
        description: '占道经营（赤岗路 1 号）超时未到场。',
        url: 'https://jiefang.example.cn/admin/#/tickets?ticket=t-9',
        btntxt: '查看详情',
      },
    });
  });

  it('cuts a long description to the 512 bytes WeCom allows', async () => {
    const long = message('sla_breached', {
      ticketId: 't-10',
      category: '占道经营',
      address: '赤岗路'.repeat(200),
    });
    expect(await channel().deliver(officer, long)).toEqual({ outcome: 'sent' });
    const description = wecom.sends.at(-1)?.textcard.description ?? '';
    expect(Buffer.byteLength(description)).toBeLessThanOrEqual(512);
    expect(description.endsWith('…')).toBe(true);
  });

  it('calls an unknown UserID (errcode 0 with invaliduser) permanent, quota and IP refusal retryable', async () => {
    expect(await channel().deliver(person({ staff: true, wecomUserId: 'Nobody' }), breached)).toEqual({
      outcome: 'refused',
      error: 'invaliduser Nobody',
    });
    wecom.answerNext(wecomErrors.quota, wecomErrors.frequency, wecomErrors.ipNotAllowed);
    for (const code of [/^45009/, /^45033/, /^60020/])
      expect(await channel().deliver(officer, breached)).toMatchObject({ outcome: 'failed', error: code });
  });

  it('fetches a new token when WeCom calls it expired and sends in the same attempt', async () => {
    expect(await channel().deliver(officer, breached)).toEqual({ outcome: 'sent' });
    const tokens = wecom.tokenRequests();
    wecom.expireToken();
    expect(await channel().deliver(officer, breached)).toEqual({ outcome: 'sent' });
    expect(wecom.tokenRequests()).toBe(tokens + 1);
  });
});

describe('tencentSmsChannel', () => {
  const channel = (secretKey = smsCredentials.secretKey) =>
    tencentSmsChannel({
      ...smsCredentials,
      secretKey,
      templates: { sla_breached: { id: '2001', params: ['category', 'address'] } },
      endpoint: sms.url,
      region: 'ap-guangzhou',
      clock: t.clock,
    });
  const officer = person({ staff: true, phone: '13800138000' });
  const breached = message('sla_breached', { ticketId: 't-9', category: '占道经营', address: '赤岗路 1 号' });

  it('applies to must-not-miss templates it maps, for recipients with a phone', () => {
    expect(channel().appliesTo(officer, breached)).toBe(true);
    expect(channel().appliesTo(person({ staff: true }), breached)).toBe(false);
    expect(channel().appliesTo(officer, message('sla_warning', {}))).toBe(false);
  });

  it('sends SendSms signed with TC3-HMAC-SHA256, which the stand-in recomputes', async () => {
    expect(await channel().deliver(officer, breached)).toEqual({ outcome: 'sent' });
    expect(sms.sends.at(-1)).toMatchObject({
      PhoneNumberSet: ['+8613800138000'],
      SmsSdkAppId: '1400000001',
      SignName: '街坊',
      TemplateId: '2001',
      TemplateParamSet: ['占道经营', '赤岗路 1 号'],
    });
  });

  it('is refused with AuthFailure.SignatureFailure when signed with another key', async () => {
    expect(await channel('another-key').deliver(officer, breached)).toMatchObject({
      outcome: 'failed',
      error: /^AuthFailure.SignatureFailure/,
    });
    expect(sms.violations.splice(0)).toEqual(['signature mismatch']);
  });

  it('calls a daily limit retryable and an unapproved template permanent', async () => {
    sms.answerNext(smsErrors.dailyLimit, smsErrors.templateUnapproved);
    expect(await channel().deliver(officer, breached)).toMatchObject({
      outcome: 'failed',
      error: /^LimitExceeded.PhoneNumberDailyLimit/,
    });
    expect(await channel().deliver(officer, breached)).toMatchObject({
      outcome: 'refused',
      error: /^FailedOperation.TemplateIncorrectOrUnapproved/,
    });
  });
});
