import {
  accountDeletionPhrase,
  accountDeletionSchema,
  errorBodySchema,
  personalDataSchema,
} from '@jiefang/contracts';
import { personalDataLimits } from '@jiefang/contracts';
import { userModels } from '../users/userModel';
import {
  auth,
  chigangSite,
  eventually,
  north,
  officerOnDuty,
  submitReport,
} from '../../testing/reportFixtures';
import { signInAsStaff } from '../../testing/staffLogin';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { personalRecords } from './personalRecords';

let t: TestApp;
let resident: { token: string; userId: string };
let neighbour: { token: string; userId: string };
let dispatcher: { token: string; userId: string };
let ticketId: string;
let escortId: string;
let elderId: string;

const home = north(chigangSite, 300);
const confirm = { confirm: accountDeletionPhrase };
const phone = '13800001111';

beforeAll(async () => {
  t = await startTestApp('privacy');
  dispatcher = await signInAsStaff(t, 'privacy-dispatcher', ['dispatcher']);
  await officerOnDuty(t, '隐私测试队员', north(chigangSite, 50));
  resident = await t.loginAs('resident', '李阿姨');
  neighbour = await t.loginAs('resident', '邻居王叔');

  const report = await submitReport(t, resident.token, { description: `门口占道，联系我 ${phone}` }, 201);
  ticketId = report.body.id as string;
  await submitReport(
    t,
    neighbour.token,
    { description: '邻居的另一处占道', lat: home.lat, lng: home.lng },
    201,
  );

  const elder = await t.http
    .post('/api/elders')
    .set(auth(resident.token))
    .send({ name: '李婆婆', phone: '13900002222', address: '赤岗北路 3 号 201', ...home, needs: [] })
    .expect(201);
  elderId = elder.body.id as string;
  const escort = await t.http
    .post('/api/escorts')
    .set(auth(resident.token))
    .send({
      elderId,
      serviceType: 'home_visit',
      windowStart: '2026-11-25T10:00:00+08:00',
      windowEnd: '2026-11-25T12:00:00+08:00',
      notes: `到了打 ${phone}`,
    })
    .expect(201);
  escortId = escort.body.id as string;
  // The report's assignment tells its reporter (ticket_assigned), through the outbox.
  await eventually(async () => {
    const inbox = await t.http.get('/api/notifications').set(auth(resident.token)).expect(200);
    return inbox.body.items.length > 0;
  });
});
afterAll(() => t.close());

describe('我的数据', () => {
  it('lists everything held about the caller: account, reports, elders, escorts, notifications', async () => {
    const response = await t.http.get('/api/me/data').set(auth(resident.token)).expect(200);
    const data = personalDataSchema.parse(response.body);
    expect(data.listLimit).toBe(personalDataLimits.page);
    expect(data.account).toMatchObject({ id: resident.userId, name: '李阿姨', roles: ['resident'] });
    expect(data.account.signIns).toEqual([expect.objectContaining({ kind: 'dev' })]);
    expect(data.reports.total).toBe(1);
    expect(data.reports.items[0]).toMatchObject({
      id: ticketId,
      description: `门口占道，联系我 ${phone}`,
      joined: false,
      photoCount: 1,
    });
    expect(data.elders.items).toEqual([
      expect.objectContaining({ id: elderId, name: '李婆婆', registeredByMe: true }),
    ]);
    expect(data.escorts.items).toEqual([
      expect.objectContaining({ id: escortId, as: 'booker', status: 'open' }),
    ]);
    expect(data.notifications.total).toBeGreaterThan(0);
    expect(data.notifications.items[0]?.template).toBe('ticket_assigned');
    expect(data.technical.map((item) => item.kind)).toContain('上报频率限制计数');
  });

  it("never shows another user's data", async () => {
    const response = await t.http.get('/api/me/data').set(auth(neighbour.token)).expect(200);
    const text = JSON.stringify(response.body);
    expect(response.body.account.id).toBe(neighbour.userId);
    expect(response.body.reports.total).toBe(1);
    for (const foreign of [ticketId, escortId, elderId, resident.userId, phone])
      expect(text).not.toContain(foreign);
    await t.http.get('/api/me/data').expect(401);
  });

  it('exports the same as a JSON file to download', async () => {
    const response = await t.http.get('/api/me/data/export').set(auth(resident.token)).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="jiefang-my-data-\d{8}\.json"$/,
    );
    const data = personalDataSchema.parse(JSON.parse(response.text));
    expect(data.listLimit).toBe(personalDataLimits.export);
    expect(data.reports.items.map((item) => item.id)).toEqual([ticketId]);
    expect(data.escorts.items.map((item) => item.id)).toEqual([escortId]);
  });
});

describe('注销账号', () => {
  it('asks for the confirmation words', async () => {
    const refused = await t.http
      .delete('/api/me')
      .set(auth(resident.token))
      .send({ confirm: '好' })
      .expect(400);
    expect(errorBodySchema.parse(refused.body).error.code).toBe('validation_failed');
    await t.http.delete('/api/me').set(auth(resident.token)).expect(400);
  });

  it('refuses staff accounts', async () => {
    const refused = await t.http.delete('/api/me').set(auth(dispatcher.token)).send(confirm).expect(403);
    expect(refused.body.error.message).toContain('管理员');
    await t.http.get('/api/me').set(auth(dispatcher.token)).expect(200);
  });

  it('waits for an escort still under way, saying what to do first', async () => {
    const refused = await t.http.delete('/api/me').set(auth(resident.token)).send(confirm).expect(409);
    expect(refused.body.error.details.blockers).toEqual([
      expect.objectContaining({ kind: 'escort_booked', id: escortId }),
    ]);
    await t.http.get('/api/me').set(auth(resident.token)).expect(200);
  });

  it('waits for a household with devices whose only owner is the person', async () => {
    const owner = await t.loginAs('property_owner', '屋主陈生');
    const worker = await signInAsStaff(t, 'privacy-worker', ['community_worker'], '赤岗街道');
    const householdId = `hh-privacy-${t.runId.slice(-8)}`;
    await t.http
      .post('/api/households')
      .set(auth(worker.token))
      .send({
        id: householdId,
        street: '赤岗街道',
        address: '赤岗路 8 号 301',
        ownerIds: [owner.userId],
        contacts: [],
      })
      .expect(201);
    const admin = await signInAsStaff(t, 'privacy-admin', ['admin']);
    await t.http
      .post('/api/devices')
      .set(auth(admin.token))
      .send({
        id: `charge-privacy-${t.runId}`.slice(0, 64),
        type: 'charging_detector',
        street: '赤岗街道',
        ...home,
        householdId,
      })
      .expect(201);
    const refused = await t.http.delete('/api/me').set(auth(owner.token)).send(confirm).expect(409);
    expect(refused.body.error.details.blockers).toEqual([
      expect.objectContaining({ kind: 'household_devices', id: householdId }),
    ]);
  });

  it('deletes the account: signed out at once, personal data gone, reports kept anonymised for staff', async () => {
    await t.http
      .post(`/api/escorts/${escortId}/cancel`)
      .set(auth(resident.token))
      .send({ reason: '不用了' })
      .expect(200);

    const deleted = await t.http.delete('/api/me').set(auth(resident.token)).send(confirm).expect(200);
    expect(accountDeletionSchema.parse(deleted.body).status).toBe('deleted');

    // The old token fails at once; asking again is refused the same way and changes nothing.
    await t.http.get('/api/me').set(auth(resident.token)).expect(401);
    await t.http.get('/api/me/data').set(auth(resident.token)).expect(401);
    await t.http.delete('/api/me').set(auth(resident.token)).send(confirm).expect(401);

    // Staff still see the report, with nothing that points back to the resident.
    const staffView = await t.http.get(`/api/tickets/${ticketId}`).set(auth(dispatcher.token)).expect(200);
    expect(staffView.body.reporterCount).toBe(1);
    expect(staffView.body.submissions).toHaveLength(1);
    expect(staffView.body.submissions[0]).toMatchObject({ reporterId: null, anonymous: true });
    expect(staffView.body.submissions[0].description).toBe('门口占道，联系我 ［已删除］');
    expect(staffView.body.submissions[0].photos).toHaveLength(1);
    const staffText = JSON.stringify(staffView.body);
    expect(staffText).not.toContain(resident.userId);
    expect(staffText).not.toContain(phone);
    expect(staffText).not.toContain('李阿姨');

    // And in storage: no document names the resident any more, except the tombstone.
    const db = personalRecords(t.mongo);
    const stored = JSON.stringify(await db.Ticket.findById(ticketId).lean());
    expect(stored).not.toContain(resident.userId);
    expect(stored).not.toContain(phone);
    const escort = JSON.stringify(await db.Escort.findById(escortId).lean());
    expect(escort).not.toContain(resident.userId);
    expect(escort).not.toContain(phone);
    expect(await db.Identity.countDocuments({ userId: resident.userId })).toBe(0);
    expect(await db.Outbox.countDocuments({ recipientId: resident.userId })).toBe(0);
    expect(await db.Elder.countDocuments({ familyUserIds: resident.userId })).toBe(0);
    expect(await db.Elder.countDocuments({ createdBy: resident.userId })).toBe(0);
    expect(await db.IdempotencyKey.countDocuments({ _id: { $regex: `^${resident.userId}:` } })).toBe(0);
    expect(await t.redis.exists(`ratelimit:report:${resident.userId}`)).toBe(0);
    const tombstone = await userModels(t.mongo).User.findById(resident.userId).lean();
    expect(tombstone).toMatchObject({ name: '已注销用户', disabled: true, deletion: { state: 'deleted' } });
    expect(tombstone?.wechatOpenId).toBeUndefined();

    // A new sign-in makes a new, empty account.
    const again = await t.loginAs('resident', '李阿姨');
    expect(again.userId).not.toBe(resident.userId);
    const fresh = await t.http.get('/api/me/data').set(auth(again.token)).expect(200);
    expect(fresh.body.reports.total).toBe(0);
    expect(fresh.body.escorts.total).toBe(0);

    // The neighbour's report and data are untouched.
    const neighbourData = await t.http.get('/api/me/data').set(auth(neighbour.token)).expect(200);
    expect(neighbourData.body.reports.total).toBe(1);
  });

  it('lets two deletions at once both end well', async () => {
    const twice = await t.loginAs('resident', '手快的街坊');
    await submitReport(t, twice.token, { description: '双击注销' }, 201);
    const answers = await Promise.all(
      [0, 1].map(() => t.http.delete('/api/me').set(auth(twice.token)).send(confirm)),
    );
    for (const answer of answers) expect([200, 401]).toContain(answer.status);
    expect(answers.some((answer) => answer.status === 200)).toBe(true);
    const tombstone = await userModels(t.mongo).User.findById(twice.userId).lean();
    expect(tombstone?.deletion?.state).toBe('deleted');
  });
});
