import { connectDevice, uniqueDeviceId, type TestDevice } from '../../testing/deviceFixtures';
import { auth, eventually } from '../../testing/reportFixtures';
import { signInAsStaff } from '../../testing/staffLogin';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { tencentSmsStandIn, type TencentSmsStandIn } from '../../testing/standIns/tencentSmsStandIn';
import { wecomStandIn, type WecomStandIn } from '../../testing/standIns/wecomStandIn';

let t: TestApp;
let wecom: WecomStandIn;
let sms: TencentSmsStandIn;
let detector: TestDevice | null = null;

beforeAll(async () => {
  wecom = await wecomStandIn({
    corpId: 'ww-corp',
    corpSecret: 'corp-secret',
    agentId: 1000002,
    users: ['grid.zhou'],
  });
  sms = await tencentSmsStandIn({
    secretId: 'AKID-e2e',
    secretKey: 'e2e-key',
    sdkAppId: '1400000002',
    signName: '街坊',
  });
  t = await startTestApp('smoke_alarm_channels', {
    env: {
      WECOM_CORP_ID: 'ww-corp',
      WECOM_CORP_SECRET: 'corp-secret',
      WECOM_AGENT_ID: '1000002',
      WECOM_API_BASE: wecom.url,
      ADMIN_PUBLIC_URL: 'https://jiefang.example.cn/admin',
      TENCENT_SMS_SECRET_ID: 'AKID-e2e',
      TENCENT_SMS_SECRET_KEY: 'e2e-key',
      TENCENT_SMS_SDK_APP_ID: '1400000002',
      TENCENT_SMS_SIGN_NAME: '街坊',
      TENCENT_SMS_ENDPOINT: sms.url,
      TENCENT_SMS_TEMPLATES: JSON.stringify({ smoke_alarm: { id: '3001', params: ['deviceId'] } }),
    },
  });
});
afterAll(async () => {
  await detector?.close();
  await t.close();
  await Promise.all([wecom.close(), sms.close()]);
});

it('tells the street’s community worker of a smoke alarm over WeCom and SMS, and records it', async () => {
  const admin = (await signInAsStaff(t, 'smoke-admin', ['admin'])).token;
  const worker = await t.http
    .post('/api/users')
    .set(auth(admin))
    .send({
      username: 'grid.zhou',
      password: 'grid.zhou-password',
      name: '周网格员',
      roles: ['community_worker'],
      street: '南石头街道',
      phone: '13512345678',
      wecomUserId: 'grid.zhou',
    })
    .expect(201);

  detector = await connectDevice(t, admin, {
    id: uniqueDeviceId('smoke'),
    type: 'smoke_detector',
    street: '南石头街道',
    lat: 23.0865,
    lng: 113.2485,
    householdId: `hh-${uniqueDeviceId('s')}`,
  });
  await detector.send('event', { ts: t.clock.now().getTime(), type: 'smoke_detected', confidence: 0.97 });

  const card = await eventually(async () => wecom.sends.find((send) => send.touser === 'grid.zhou'));
  expect(card.textcard).toMatchObject({ title: '烟雾告警' });
  expect(card.textcard.url).toMatch(/^https:\/\/jiefang\.example\.cn\/admin\/#\/alarms\?alarm=/);
  const text = await eventually(async () =>
    sms.sends.find((send) => send.PhoneNumberSet[0] === '+8613512345678'),
  );
  expect(text).toMatchObject({ TemplateId: '3001', TemplateParamSet: [detector.id] });
  expect([...wecom.violations, ...sms.violations]).toEqual([]);

  const record = await eventually(async () => {
    const body = (await t.http.get('/api/notification-records?status=sent').set(auth(admin)).expect(200))
      .body as {
      items: Array<{ recipientId: string; template: string; channels: string[] }>;
    };
    return body.items.find((item) => item.recipientId === worker.body.id);
  });
  expect(record).toMatchObject({ template: 'smoke_alarm', channels: ['wecom', 'sms'] });
  expect(wecom.sends.filter((send) => send.touser === 'grid.zhou')).toHaveLength(1);
});
