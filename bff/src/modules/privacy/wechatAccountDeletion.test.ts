import { accountDeletionPhrase } from '@jiefang/contracts';
import { wechatStandIn } from '../../testing/standIns/wechatStandIn';
import { auth } from '../../testing/reportFixtures';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { userModels } from '../users/userModel';
import { personalRecords } from './personalRecords';

let wechat: Awaited<ReturnType<typeof wechatStandIn>>;
let t: TestApp;

beforeAll(async () => {
  wechat = await wechatStandIn({ appId: 'wx-privacy', secret: 'wx-privacy-secret' });
  t = await startTestApp('privacy-wechat', {
    background: false,
    env: { WECHAT_APPID: 'wx-privacy', WECHAT_SECRET: 'wx-privacy-secret', WECHAT_API_BASE: wechat.url },
  });
});
afterAll(async () => {
  await t.close();
  await wechat.close();
});

it('a WeChat resident sees their masked openid and subscriptions; after deletion the same WeChat signs in to a new, empty account', async () => {
  const first = await t.http.post('/api/auth/wechat').send({ code: 'neighbour-42' }).expect(200);
  const token = first.body.token as string;
  const userId = first.body.user.id as string;
  await t.http
    .post('/api/notifications/subscriptions')
    .set(auth(token))
    .send({ batchId: 'sub_1_privacy', answers: [{ template: 'officer_on_site', answer: 'accept' }] })
    .expect(200);

  const data = await t.http.get('/api/me/data').set(auth(token)).expect(200);
  expect(data.body.account.signIns).toEqual([expect.objectContaining({ kind: 'wechat', key: 'open…r-42' })]);
  expect(JSON.stringify(data.body)).not.toContain('openid-neighbour-42');
  expect(data.body.subscriptions).toEqual([
    expect.objectContaining({ template: 'officer_on_site', answer: 'accept', credits: 1 }),
  ]);

  await t.http.delete('/api/me').set(auth(token)).send({ confirm: accountDeletionPhrase }).expect(200);
  await t.http.get('/api/notifications/subscriptions').set(auth(token)).expect(401);
  const tombstone = await userModels(t.mongo).User.findById(userId).lean();
  expect(JSON.stringify(tombstone)).not.toContain('openid-neighbour-42');
  expect(await personalRecords(t.mongo).Subscription.countDocuments({ userId })).toBe(0);

  const again = await t.http.post('/api/auth/wechat').send({ code: 'neighbour-42' }).expect(200);
  expect(again.body.user.id).not.toBe(userId);
  const fresh = await t.http
    .get('/api/me/data')
    .set(auth(again.body.token as string))
    .expect(200);
  expect(fresh.body.subscriptions).toEqual([]);
  expect(fresh.body.account.signIns).toHaveLength(1);
});
