import jwt from 'jsonwebtoken';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { signInAsStaff } from '../../testing/staffLogin';
import { auth, chigangSite, north, officerOnDuty, submitReport } from '../../testing/reportFixtures';

let t: TestApp;
let admin: { token: string; userId: string };
beforeAll(async () => {
  t = await startTestApp('revocation', { background: false });
  admin = await signInAsStaff(t, 'revoking-admin', ['admin']);
});
afterAll(() => t.close());

const bearer = (token: string) => `Bearer ${token}`;
const setDisabled = (userId: string, disabled: boolean) =>
  t.http.patch(`/api/users/${userId}`).set('Authorization', bearer(admin.token)).send({ disabled });

describe('disabling a user', () => {
  it("refuses the officer's existing token at once, takes them off duty and keeps them off", async () => {
    const officer = await t.loginAs('officer', '停用队员', '赤岗街道');
    await t.http
      .post('/api/officer/duty')
      .set('Authorization', bearer(officer.token))
      .send({ onDuty: true })
      .expect(200);
    await t.http
      .post('/api/officer/location')
      .set('Authorization', bearer(officer.token))
      .send({ lat: 23.1066, lng: 113.3245 })
      .expect(200);

    const disabled = await setDisabled(officer.userId, true).expect(200);
    expect(disabled.body).toMatchObject({ id: officer.userId, disabled: true });

    const me = await t.http.get('/api/me').set('Authorization', bearer(officer.token)).expect(401);
    expect(me.body.error.code).toBe('unauthenticated');
    await t.http
      .post('/api/officer/duty')
      .set('Authorization', bearer(officer.token))
      .send({ onDuty: true })
      .expect(401);
    // Off duty: the position is gone from the dispatch index.
    expect(await t.redis.exists(`officer:${officer.userId}`)).toBe(0);
    expect(await t.redis.zscore('officers:geo', officer.userId)).toBeNull();
    // And no new token either.
    await t.http
      .post('/api/auth/dev-login')
      .send({ role: 'officer', name: '停用队员', street: '赤岗街道' })
      .expect(403);
  });

  it('hands the tickets a disabled officer holds to the next officer, saying why', async () => {
    const leaving = await officerOnDuty(t, '将停用队员', north(chigangSite, 30));
    const resident = await t.loginAs('resident', '停用测试居民');
    const report = await submitReport(t, resident.token, { lat: chigangSite.lat, lng: chigangSite.lng }, 201);
    expect(report.body.assigneeId).toBe(leaving.userId);
    const next = await officerOnDuty(t, '接手队员', north(chigangSite, 400));

    await setDisabled(leaving.userId, true).expect(200);

    const ticket = await t.http.get(`/api/tickets/${report.body.id}`).set(auth(admin.token)).expect(200);
    expect(ticket.body.assigneeId).toBe(next.userId);
    expect(ticket.body.timeline.map((entry: { action: string }) => entry.action)).toContain(
      'officer_disabled',
    );
  });

  it('lets a re-enabled user sign in again, while the tokens from before stay refused', async () => {
    const worker = await t.loginAs('community_worker', '复用社工', '赤岗街道');
    await setDisabled(worker.userId, true).expect(200);
    await setDisabled(worker.userId, false).expect(200);
    await t.http.get('/api/me').set('Authorization', bearer(worker.token)).expect(401);
    const fresh = await t.loginAs('community_worker', '复用社工', '赤岗街道');
    await t.http.get('/api/me').set('Authorization', bearer(fresh.token)).expect(200);
  });

  it('keeps a disabled user out after Redis lost the revocations, and refills them from MongoDB', async () => {
    const resident = await t.loginAs('resident', '丢失测试');
    await setDisabled(resident.userId, true).expect(200);
    // As after a Redis restart without persistence.
    await t.redis.del('auth:token-versions');

    await t.http.get('/api/me').set('Authorization', bearer(resident.token)).expect(401);
    const other = await t.loginAs('resident', '未停用居民');
    await t.http.get('/api/me').set('Authorization', bearer(other.token)).expect(200);
    // The first request after the loss started a refill; once it is done Redis alone answers again.
    const deadline = Date.now() + 10_000;
    while (!(await t.redis.hget('auth:token-versions', '~loaded')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(Number(await t.redis.hget('auth:token-versions', resident.userId))).toBeGreaterThan(0);
    await t.http.get('/api/me').set('Authorization', bearer(resident.token)).expect(401);
  });

  it('refuses an admin disabling themselves, a non-admin, a dev-login admin and an unknown user', async () => {
    await setDisabled(admin.userId, true).expect(422);
    const dispatcher = await t.loginAs('dispatcher', '调度不可停用');
    await t.http
      .patch(`/api/users/${admin.userId}`)
      .set('Authorization', bearer(dispatcher.token))
      .send({ disabled: true })
      .expect(403);
    const devAdmin = await t.loginAs('admin', '开发管理员');
    await t.http
      .patch(`/api/users/${dispatcher.userId}`)
      .set('Authorization', bearer(devAdmin.token))
      .send({ disabled: true })
      .expect(403);
    await setDisabled('nobody', true).expect(404);
  });
});

describe('token claims', () => {
  it('refuses a correctly signed token without an expiry', async () => {
    const { userId } = await t.loginAs('resident', '无过期');
    const forever = jwt.sign({ sub: userId, roles: ['resident'] }, t.config.JWT_SECRET, {
      algorithm: 'HS256',
      issuer: 'jiefang-bff',
    });
    const response = await t.http.get('/api/me').set('Authorization', bearer(forever)).expect(401);
    expect(response.body.error.code).toBe('unauthenticated');
  });
});
