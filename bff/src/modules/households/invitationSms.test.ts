import { ownerInvitationSchema } from '@jiefang/contracts';
import { tencentSmsStandIn, type TencentSmsStandIn } from '../../testing/standIns/tencentSmsStandIn';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { auth, chigangSite } from '../../testing/reportFixtures';

let t: TestApp;
let sms: TencentSmsStandIn;
const credentials = {
  secretId: 'AKID-test',
  secretKey: 'sms-secret-key',
  sdkAppId: '1400000001',
  signName: '街坊',
};

beforeAll(async () => {
  sms = await tencentSmsStandIn(credentials);
  t = await startTestApp('invitation_sms', {
    background: false,
    env: {
      TENCENT_SMS_SECRET_ID: credentials.secretId,
      TENCENT_SMS_SECRET_KEY: credentials.secretKey,
      TENCENT_SMS_SDK_APP_ID: credentials.sdkAppId,
      TENCENT_SMS_SIGN_NAME: credentials.signName,
      TENCENT_SMS_INVITATION_TEMPLATE: '4001',
      TENCENT_SMS_ENDPOINT: sms.url,
    },
  });
});
afterAll(async () => {
  await t.close();
  await sms.close();
});

describe('owner invitations by SMS', () => {
  it('sends the code with the configured template and says so to the staff member', async () => {
    const admin = (await t.loginAs('admin', '管理员')).token;
    const household = await t.http
      .post('/api/households')
      .set(auth(admin))
      .send({ address: '赤岗路 3 号 201', location: chigangSite })
      .expect(201);
    const invitation = ownerInvitationSchema.parse(
      (
        await t.http
          .post(`/api/households/${household.body.id as string}/invitations`)
          .set(auth(admin))
          .send({ phone: '13900007777' })
          .expect(201)
      ).body,
    );
    expect(invitation.delivery).toBe('sms');
    expect(sms.sends.at(-1)).toMatchObject({
      PhoneNumberSet: ['+8613900007777'],
      TemplateId: '4001',
      TemplateParamSet: [invitation.code, '72'],
    });
    expect(sms.violations).toEqual([]);
  });

  it('tells the staff member to pass the code on when the SMS fails', async () => {
    sms.answerNext({ error: 'FailedOperation.TemplateIncorrectOrUnapproved' });
    const admin = (await t.loginAs('admin', '管理员')).token;
    const household = await t.http
      .post('/api/households')
      .set(auth(admin))
      .send({ address: '赤岗路 3 号 202', location: chigangSite })
      .expect(201);
    const invited = await t.http
      .post(`/api/households/${household.body.id as string}/invitations`)
      .set(auth(admin))
      .send({ phone: '13900007778' })
      .expect(201);
    expect(invited.body.delivery).toBe('sms_failed');
  });
});
