import { notificationSubscriptionsSchema } from '@jiefang/contracts';
import { documentLocks } from '../../../infra/documentLocks';
import { startTestApp, type TestApp } from '../../../testing/testApp';
import { subscriptionStore } from './subscriptionStore';

const wechatTemplates = {
  officer_on_site: { id: 'wx-on-site', fields: { thing1: 'category' } },
  ticket_resolved: { id: 'wx-resolved', fields: { thing1: 'category' } },
  new_assignment: { id: 'wx-assignment', fields: { thing1: 'category' } },
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('notification_subscriptions', {
    background: false,
    env: { WECHAT_TEMPLATES: JSON.stringify(wechatTemplates) },
  });
});
afterAll(() => t.close());

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
/** The store the WeChat channel gets, over the test app's database and Redis. */
const credits = () =>
  subscriptionStore({ connection: t.mongo, locks: documentLocks(t.redis), clock: t.clock }).credits;

const subscriptions = async (token: string) =>
  notificationSubscriptionsSchema.parse(
    (await t.http.get('/api/notifications/subscriptions').set(auth(token)).expect(200)).body,
  ).items;
const record = (token: string, batchId: string, answers: Array<{ template: string; answer: string }>) =>
  t.http.post('/api/notifications/subscriptions').set(auth(token)).send({ batchId, answers });

describe('WeChat subscriptions', () => {
  it('offers a resident the public templates with this deployment’s WeChat ids, and no staff ones', async () => {
    const resident = await t.loginAs('resident', '订阅居民');
    const items = await subscriptions(resident.token);
    const byName = new Map(items.map((item) => [item.template, item]));
    expect(byName.get('officer_on_site')).toEqual({
      template: 'officer_on_site',
      title: '执法队员已到场',
      wechatTemplateId: 'wx-on-site',
      answer: null,
      credits: 0,
      answeredAt: null,
    });
    expect(byName.get('escort_accepted')?.wechatTemplateId).toBeNull();
    expect(byName.has('new_assignment')).toBe(false);
    expect(byName.has('charging_alarm')).toBe(true);

    const officer = await t.loginAs('officer', '订阅队员', '赤岗街道');
    expect(
      (await subscriptions(officer.token)).find((item) => item.template === 'new_assignment'),
    ).toMatchObject({ wechatTemplateId: 'wx-assignment' });
  });

  it('records each template’s answer; each acceptance is one credit, taken once per message', async () => {
    const resident = await t.loginAs('resident', '接受居民');
    await record(resident.token, 'batch-one-0001', [
      { template: 'officer_on_site', answer: 'accept' },
      { template: 'ticket_resolved', answer: 'reject' },
    ]).expect(200);
    await record(resident.token, 'batch-two-0002', [
      { template: 'officer_on_site', answer: 'accept' },
    ]).expect(200);

    const items = await subscriptions(resident.token);
    expect(items.find((item) => item.template === 'officer_on_site')).toMatchObject({
      answer: 'accept',
      credits: 2,
      answeredAt: t.clock.now().toISOString(),
    });
    expect(items.find((item) => item.template === 'ticket_resolved')).toMatchObject({
      answer: 'reject',
      credits: 0,
    });

    const port = credits();
    expect(await port.consume(resident.userId, 'officer_on_site')).toBe(true);
    expect(await port.consume(resident.userId, 'officer_on_site')).toBe(true);
    expect(await port.consume(resident.userId, 'officer_on_site')).toBe(false);
    expect(await port.consume(resident.userId, 'ticket_resolved')).toBe(false);
    expect(await port.consume(resident.userId, 'escort_reminder')).toBe(false);
    expect(
      (await subscriptions(resident.token)).find((item) => item.template === 'officer_on_site')?.credits,
    ).toBe(0);
  });

  it('lets exactly one of eight concurrent consumers take a single credit', async () => {
    const resident = await t.loginAs('resident', '并发居民');
    await record(resident.token, 'batch-race-0001', [
      { template: 'ticket_resolved', answer: 'accept' },
    ]).expect(200);
    // Two instances' channels, each with its own store object, at the same moment.
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => credits().consume(resident.userId, 'ticket_resolved')),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
  });

  it('adds nothing when the same answer batch arrives again (a retry)', async () => {
    const resident = await t.loginAs('resident', '重放居民');
    const batch = [{ template: 'officer_on_site', answer: 'accept' }];
    await record(resident.token, 'batch-replay-01', batch).expect(200);
    const { body } = await record(resident.token, 'batch-replay-01', batch).expect(200);
    expect(body.items.find((item: { template: string }) => item.template === 'officer_on_site').credits).toBe(
      1,
    );
    await Promise.all([
      record(resident.token, 'batch-replay-02', batch).expect(200),
      record(resident.token, 'batch-replay-02', batch).expect(200),
    ]);
    expect(
      (await subscriptions(resident.token)).find((item) => item.template === 'officer_on_site')?.credits,
    ).toBe(2);
  });

  it('ends the credits when the user bans the template in WeChat’s settings', async () => {
    const resident = await t.loginAs('resident', '拒收居民');
    await record(resident.token, 'batch-ban-0001', [{ template: 'smoke_alarm', answer: 'accept' }]).expect(
      200,
    );
    await record(resident.token, 'batch-ban-0002', [{ template: 'smoke_alarm', answer: 'ban' }]).expect(200);
    expect(
      (await subscriptions(resident.token)).find((item) => item.template === 'smoke_alarm'),
    ).toMatchObject({
      answer: 'ban',
      credits: 0,
    });
    expect(await credits().consume(resident.userId, 'smoke_alarm')).toBe(false);
  });

  it('refuses a resident’s answer for a staff template, and records nothing of that batch', async () => {
    const resident = await t.loginAs('resident', '越权居民');
    const { body } = await record(resident.token, 'batch-staff-001', [
      { template: 'officer_on_site', answer: 'accept' },
      { template: 'new_assignment', answer: 'accept' },
    ]).expect(403);
    expect(body.error.details).toEqual({ templates: ['new_assignment'] });
    expect(await credits().consume(resident.userId, 'new_assignment')).toBe(false);
    expect(await credits().consume(resident.userId, 'officer_on_site')).toBe(false);
  });

  it('refuses unknown templates, answers and malformed batch ids', async () => {
    const resident = await t.loginAs('resident', '坏请求居民');
    await record(resident.token, 'batch-bad-00001', [{ template: 'no_such', answer: 'accept' }]).expect(400);
    await record(resident.token, 'batch-bad-00002', [
      { template: 'officer_on_site', answer: 'maybe' },
    ]).expect(400);
    await record(resident.token, 'bad id!', [{ template: 'officer_on_site', answer: 'accept' }]).expect(400);
    await record(resident.token, 'batch-bad-00003', []).expect(400);
  });
});
