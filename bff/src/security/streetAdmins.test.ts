import jwt from 'jsonwebtoken';
import { startTestApp, type TestApp } from '../testing/testApp';
import { signInAsStaff } from '../testing/staffLogin';
import { auth, chigangSite, submitReport } from '../testing/reportFixtures';
import { createLogger } from '../infra/logger';
import { documentLocks } from '../infra/documentLocks';
import { alarmBook } from '../modules/alarms/alarmBook';
import { alarmModel } from '../modules/alarms/alarmModel';
import { loadDistrict } from '../modules/district/district';

/**
 * A street's administrator (an admin account with a street) lists only their street's records and
 * creates nothing in another street; the district's administrator sees every street. Single records of
 * another street are refused in ownershipMatrix.test.ts.
 */
let t: TestApp;
let streetAdmin: { token: string; userId: string };
let districtAdmin: string;
const ticketIds = { chigang: '', huazhou: '' };
const alarmIds = { chigang: '', huazhou: '' };

beforeAll(async () => {
  t = await startTestApp('street_admins', { background: false });
  streetAdmin = await signInAsStaff(t, 'street-admin-chigang', ['admin'], '赤岗街道');
  districtAdmin = (await signInAsStaff(t, 'district-admin', ['admin'])).token;
  const resident = (await t.loginAs('resident', '街道管理员测试居民')).token;
  // Two categories, so the second report does not join the first.
  for (const [street, category] of [
    ['chigang', 'street_vending'],
    ['huazhou', 'garbage'],
  ] as const) {
    const report = await submitReport(t, resident, { category, description: `${street} 的问题` }, 201);
    ticketIds[street] = report.body.id as string;
  }
  // The second ticket moves to 华洲's squad (and street) the way a dispatcher moves one.
  await t.http
    .post(`/api/tickets/${ticketIds.huazhou}/transfer`)
    .set(auth(districtAdmin))
    .send({ toSquad: '华洲街道', reason: '属华洲辖区' })
    .expect(200);

  const book = alarmBook({
    alarms: alarmModel(t.mongo),
    locks: documentLocks(t.redis),
    clock: t.clock,
    district: loadDistrict(),
    relay: { markPending: async () => undefined, relay: async () => undefined },
    logger: createLogger('silent'),
    onChange: () => undefined,
  });
  for (const street of ['chigang', 'huazhou'] as const) {
    const raised = await book.openOrRepeat(
      {
        id: `smoke-${street}-${t.runId.slice(-8)}`,
        type: 'smoke_detector',
        streetId: street,
        site: null,
        householdId: null,
        location: chigangSite,
      },
      'smoke',
      { seq: 1, at: t.clock.now() },
    );
    alarmIds[street] = raised.alarm._id;
  }
});
afterAll(() => t.close());

const listed = async (token: string, path: string) =>
  ((await t.http.get(path).set(auth(token)).expect(200)).body as { items: Array<{ id: string }> }).items.map(
    (item) => item.id,
  );

describe('a street administrator lists their street only', () => {
  it('sees their street’s tickets in the queue; another street asked for lists nothing', async () => {
    const own = await listed(streetAdmin.token, '/api/tickets');
    expect(own).toContain(ticketIds.chigang);
    expect(own).not.toContain(ticketIds.huazhou);
    expect(await listed(streetAdmin.token, '/api/tickets?street=华洲街道')).toEqual([]);
    const all = await listed(districtAdmin, '/api/tickets');
    expect(all).toEqual(expect.arrayContaining([ticketIds.chigang, ticketIds.huazhou]));
  });

  it('sees their street’s alarms only', async () => {
    const own = await listed(streetAdmin.token, '/api/alarms');
    expect(own).toContain(alarmIds.chigang);
    expect(own).not.toContain(alarmIds.huazhou);
    expect(await listed(districtAdmin, '/api/alarms')).toEqual(
      expect.arrayContaining([alarmIds.chigang, alarmIds.huazhou]),
    );
  });

  it('registers, lists and moves devices in their street only', async () => {
    const meter = (street: string, id: string) => ({
      id,
      type: 'noise_meter',
      street,
      lat: chigangSite.lat,
      lng: chigangSite.lng,
      zoneClass: '1',
    });
    const suffix = t.runId.slice(-8);
    await t.http
      .post('/api/devices')
      .set(auth(streetAdmin.token))
      .send(meter('华洲街道', `noise-hz-${suffix}`))
      .expect(403);
    await t.http
      .post('/api/devices')
      .set(auth(streetAdmin.token))
      .send(meter('赤岗街道', `noise-cg-${suffix}`))
      .expect(201);
    await t.http
      .post('/api/devices')
      .set(auth(districtAdmin))
      .send(meter('华洲街道', `noise-hz2-${suffix}`))
      .expect(201);
    const own = await listed(streetAdmin.token, '/api/devices');
    expect(own).toContain(`noise-cg-${suffix}`);
    expect(own).not.toContain(`noise-hz2-${suffix}`);
    await t.http
      .patch(`/api/devices/noise-cg-${suffix}`)
      .set(auth(streetAdmin.token))
      .send({ street: '华洲街道' })
      .expect(403);
    const read = await t.http.get(`/api/devices/noise-cg-${suffix}`).set(auth(districtAdmin)).expect(200);
    expect(read.body.streetId).toBe('chigang');
  });

  it('gets their street’s figures and export when asking for none, and only their squad’s officers', async () => {
    await t.loginAs('officer', '华洲队员', '华洲街道');
    await t.loginAs('officer', '赤岗队员', '赤岗街道');
    const stats = await t.http
      .get('/api/statistics/tickets?from=2026-11-01&to=2026-11-30')
      .set(auth(streetAdmin.token))
      .expect(200);
    expect(stats.body.streetId).toBe('chigang');
    const exported = await t.http
      .get('/api/exports/tickets.csv?from=2026-11-01&to=2026-11-30')
      .set(auth(streetAdmin.token))
      .expect(200);
    expect(decodeURIComponent(String(exported.headers['content-disposition']))).toContain('赤岗街道');
    const officers = (
      (await t.http.get('/api/officers').set(auth(streetAdmin.token)).expect(200)).body as {
        items: Array<{ name: string; streetId: string | null }>;
      }
    ).items;
    expect(officers.map((officer) => officer.name)).toContain('赤岗队员');
    expect(officers.every((officer) => officer.streetId === 'chigang')).toBe(true);
  });
});

describe('a street administrator commands their street’s squad only', () => {
  it('assigns their street’s officers, not another street’s, and plans only their squad’s roster', async () => {
    const own = await t.loginAs('officer', '赤岗指派队员', '赤岗街道');
    const other = await t.loginAs('officer', '华洲指派队员', '华洲街道');
    const assign = (officerId: string) =>
      t.http
        .post(`/api/tickets/${ticketIds.chigang}/assign`)
        .set(auth(streetAdmin.token))
        .send({ officerId, reason: '街道管理员指派' });
    expect((await assign(other.userId)).status).toBe(403);
    expect((await assign(own.userId)).status).toBe(200);
    await t.http
      .get('/api/squads/squad-chigang/roster?from=2026-11-23&days=2')
      .set(auth(streetAdmin.token))
      .expect(200);
    await t.http
      .get('/api/squads/squad-huazhou/roster?from=2026-11-23&days=2')
      .set(auth(streetAdmin.token))
      .expect(403);
  });
});

describe('the street in the session', () => {
  it('is read from the account for an administrator’s token issued before tokens carried it', async () => {
    const legacy = jwt.sign(
      {
        sub: streetAdmin.userId,
        roles: ['admin'],
        name: '旧令牌',
        exp: Math.floor(t.clock.now().getTime() / 1000) + 600,
      },
      t.config.JWT_SECRET,
      { algorithm: 'HS256', issuer: 'jiefang-bff' },
    );
    await t.http.get(`/api/tickets/${ticketIds.chigang}`).set(auth(legacy)).expect(200);
    await t.http.get(`/api/tickets/${ticketIds.huazhou}`).set(auth(legacy)).expect(403);
  });

  it('ends the administrator’s sessions when the district’s administrator moves them to another street', async () => {
    const moved = await signInAsStaff(t, 'street-admin-moved', ['admin'], '赤岗街道');
    await t.http.get(`/api/tickets/${ticketIds.chigang}`).set(auth(moved.token)).expect(200);
    await t.http
      .patch(`/api/users/${moved.userId}`)
      .set(auth(districtAdmin))
      .send({ street: '华洲街道' })
      .expect(200);
    await t.http.get(`/api/tickets/${ticketIds.chigang}`).set(auth(moved.token)).expect(401);
    const again = await t.http
      .post('/api/auth/login')
      .send({ username: 'street-admin-moved', password: 'street-admin-moved-password' })
      .expect(200);
    await t.http
      .get(`/api/tickets/${ticketIds.huazhou}`)
      .set(auth(again.body.token as string))
      .expect(200);
    await t.http
      .get(`/api/tickets/${ticketIds.chigang}`)
      .set(auth(again.body.token as string))
      .expect(403);
  });
});
