import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import mqtt from 'mqtt';
import { deviceCredentialsSchema } from '@jiefang/contracts';
// The providers' stand-ins check each request as the provider documents it (the BFF's tests use them too).
import { tencentSmsStandIn, type TencentSmsStandIn } from '../../bff/src/testing/standIns/tencentSmsStandIn';
import { wechatStandIn, type WechatStandIn } from '../../bff/src/testing/standIns/wechatStandIn';
import { wecomStandIn, type WecomStandIn } from '../../bff/src/testing/standIns/wecomStandIn';
import { screenshot } from './browser';
import { reportWithPhoto, scenePhoto } from './reportFixtures';
import { useStackAndBrowser } from './suite';

const site = { lat: 23.1066, lng: 113.3245 };

let wechat: WechatStandIn;
let wecom: WecomStandIn;
let sms: TencentSmsStandIn;

// The providers' stand-ins first: the stack is pointed at them.
const suite = useStackAndBrowser(async () => {
  wechat = await wechatStandIn({ appId: 'wx-e2e', secret: 'wx-secret' });
  wecom = await wecomStandIn({
    corpId: 'ww-e2e',
    corpSecret: 'corp-secret',
    agentId: 1000002,
    users: ['grid.li'],
  });
  sms = await tencentSmsStandIn({
    secretId: 'AKID-e2e',
    secretKey: 'e2e-key',
    sdkAppId: '1400000009',
    signName: '街坊',
  });
  return {
    env: {
      WECHAT_APPID: 'wx-e2e',
      WECHAT_SECRET: 'wx-secret',
      WECHAT_API_BASE: wechat.url,
      WECHAT_TEMPLATES: JSON.stringify({
        officer_on_site: {
          id: 'tmpl-on-site',
          page: 'subpackages/report/detail/index?id={ticketId}',
          fields: { thing1: 'category' },
        },
      }),
      WECOM_CORP_ID: 'ww-e2e',
      WECOM_CORP_SECRET: 'corp-secret',
      WECOM_AGENT_ID: '1000002',
      WECOM_API_BASE: wecom.url,
      ADMIN_PUBLIC_URL: 'https://jiefang.example.cn/admin',
      TENCENT_SMS_SECRET_ID: 'AKID-e2e',
      TENCENT_SMS_SECRET_KEY: 'e2e-key',
      TENCENT_SMS_SDK_APP_ID: '1400000009',
      TENCENT_SMS_SIGN_NAME: '街坊',
      TENCENT_SMS_ENDPOINT: sms.url,
      TENCENT_SMS_TEMPLATES: JSON.stringify({ smoke_alarm: { id: '3001', params: ['deviceId'] } }),
    },
  };
});

after(async () => {
  await Promise.all([wechat?.close(), wecom?.close(), sms?.close()]);
});

async function until<T>(check: () => Promise<T | null | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const result = await check();
    if (result) return result;
    assert.ok(Date.now() < deadline, `${what} did not happen within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A resident signed in through WeChat (the stand-in's openid is `openid-<code>`) who answered the ask. */
async function wechatResident(code: string, answer: 'accept' | 'reject') {
  const login = await suite.api('POST', '/api/auth/wechat', null, { code });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  const token = login.body.token as string;
  // What the mini-program records after wx.requestSubscribeMessage (WeChat's own dialog is not in H5).
  const answered = await suite.api('POST', '/api/notifications/subscriptions', token, {
    batchId: `e2e-${code}`,
    answers: [{ template: 'officer_on_site', answer }],
  });
  assert.equal(answered.status, 200, JSON.stringify(answered.body));
  return { token, auth: login.body };
}

async function reportAs(token: string, at: { lat: number; lng: number }, key: string) {
  return reportWithPhoto(suite.stack, token, await scenePhoto(suite.browser, '🛒'), {
    category: 'street_vending',
    ...at,
    address: '赤岗北路',
    description: '占道摆卖',
    key,
  });
}

describe('notifications that reach people', () => {
  it('sends WeChat only to the resident who subscribed; the one who refused still finds it in 消息', async () => {
    const officer = await suite.api('POST', '/api/auth/dev-login', null, {
      role: 'officer',
      name: '通知队员',
      street: 'chigang',
    });
    const officerToken = officer.body.token as string;
    await suite.api('POST', '/api/officer/duty', officerToken, { onDuty: true, travelMode: 'ebike' });
    await suite.api('POST', '/api/officer/location', officerToken, {
      lat: site.lat + 0.0003,
      lng: site.lng,
      accuracy: 10,
    });

    const subscribed = await wechatResident('subscribed-resident', 'accept');
    const refused = await wechatResident('refused-resident', 'reject');
    const tickets = [
      await reportAs(subscribed.token, site, `e2e-notify-accept-${Date.now()}`),
      await reportAs(
        refused.token,
        { lat: site.lat - 0.006, lng: site.lng },
        `e2e-notify-reject-${Date.now()}`,
      ),
    ];
    for (const ticket of tickets) {
      assert.ok(ticket.assigneeId, 'the report went to the officer on duty');
      assert.equal((await suite.api('POST', `/api/tickets/${ticket.id}/accept`, officerToken)).status, 200);
      const onSite = await suite.api('POST', `/api/tickets/${ticket.id}/check-in`, officerToken, {
        lat: site.lat + 0.0001,
        lng: site.lng,
        accuracy: 10,
      });
      // The second site is 700 m away: the officer checks in there.
      if (onSite.status !== 200) {
        const there = await suite.api('POST', `/api/tickets/${ticket.id}/check-in`, officerToken, {
          lat: site.lat - 0.006,
          lng: site.lng,
          accuracy: 10,
        });
        assert.equal(there.status, 200, JSON.stringify(there.body));
      }
    }

    // 已到场 over WeChat to the subscriber alone, and no more than once.
    await until(async () => wechat.sends.length >= 1, 'the subscribe message');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.deepEqual(
      wechat.sends.map((send) => [send.touser, send.template_id]),
      [['openid-subscribed-resident', 'tmpl-on-site']],
    );
    assert.deepEqual(wechat.violations, []);

    // The resident who refused opens 消息 in H5 and finds 执法队员已到场 there.
    const context = await suite.phoneContext();
    await context.addInitScript((session) => {
      // Taro's H5 storage keeps each value as JSON `{ data }`.
      localStorage.setItem('jf.session', JSON.stringify({ data: session }));
    }, JSON.stringify(refused.auth));
    const phone = await context.newPage();
    await phone.goto(`${suite.stack.baseUrl}/h5/`);
    await phone.locator('[data-testid="feature-messages.inbox"]:visible').click();
    const inbox = phone.locator('[data-testid="messages"]:visible');
    await inbox.waitFor();
    await until(async () => (await inbox.textContent())?.includes('执法队员已到场'), 'the inbox entry');
    // Past Taro's page slide-in, so the screenshot shows the settled page.
    await phone.waitForTimeout(800);
    await screenshot(phone, 'h5-messages-refused-wechat');
  });

  it('a smoke alarm reaches the street’s community worker over WeCom and SMS', async () => {
    const admin = await suite.api('POST', '/api/auth/login', null, {
      username: 'admin',
      password: suite.stack.demoPassword,
    });
    const adminToken = admin.body.token as string;
    const worker = await suite.api('POST', '/api/users', adminToken, {
      username: 'grid.li',
      password: 'grid.li-password-1',
      name: '李网格员',
      roles: ['community_worker'],
      street: '赤岗街道',
      phone: '13612345678',
      wecomUserId: 'grid.li',
    });
    assert.equal(worker.status, 201, JSON.stringify(worker.body));
    const household = `e2e-smoke-${Date.now().toString(36)}`;
    assert.equal(
      (
        await suite.api('POST', '/api/households', adminToken, {
          id: household,
          street: 'chigang',
          address: '赤岗北路 20 号 301 房',
          ownerIds: [],
        })
      ).status,
      201,
    );
    const registered = await suite.api('POST', '/api/devices', adminToken, {
      id: `smoke-${household}`,
      type: 'smoke_detector',
      street: 'chigang',
      lat: site.lat,
      lng: site.lng,
      householdId: household,
    });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const credentials = deviceCredentialsSchema.parse(registered.body);
    const device = await mqtt.connectAsync(credentials.mqttUrl, {
      clientId: credentials.id,
      username: credentials.id,
      password: credentials.secret,
      reconnectPeriod: 0,
    });
    await device.publishAsync(
      `devices/${credentials.id}/event`,
      JSON.stringify({ ts: Date.now(), seq: 1, type: 'smoke_detected', confidence: 0.97 }),
      { qos: 1 },
    );
    await device.endAsync();

    const card = await until(
      async () => wecom.sends.find((send) => send.touser === 'grid.li'),
      'the WeCom card to the community worker',
    );
    assert.equal(card.textcard.title, '烟雾告警');
    assert.match(card.textcard.url, /^https:\/\/jiefang\.example\.cn\/admin\/#\/alarms\?alarm=/);
    const text = await until(
      async () => sms.sends.find((send) => send.PhoneNumberSet.includes('+8613612345678')),
      'the SMS to the community worker',
    );
    assert.equal(text.TemplateId, '3001');
    assert.deepEqual(text.TemplateParamSet, [credentials.id]);
    assert.deepEqual([...wecom.violations, ...sms.violations], []);
  });
});
