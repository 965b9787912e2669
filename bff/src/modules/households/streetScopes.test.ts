import { householdSchema, deviceListSchema } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { auth, chigangSite, north, officerOnDuty, submitReport } from '../../testing/reportFixtures';

let t: TestApp;
let admin: string;
const suffix = Math.random().toString(36).slice(2, 8);
const chigangHome = `hh-cg-${suffix}`;
const jiangnanHome = `hh-jn-${suffix}`;
const chigangMeter = `noise-cg-${suffix}`;
const jiangnanMeter = `noise-jn-${suffix}`;

beforeAll(async () => {
  t = await startTestApp('street_scopes', { background: false });
  admin = (await t.loginAs('admin', '管理员')).token;
  for (const [id, street] of [
    [chigangHome, '赤岗街道'],
    [jiangnanHome, '江南中街道'],
  ] as const) {
    await t.http
      .post('/api/households')
      .set(auth(admin))
      .send({ id, street, address: `${street} 1 号`, contacts: [{ name: '户主', phone: '13800001234' }] })
      .expect(201);
  }
  for (const [id, street, lat, lng] of [
    [chigangMeter, '赤岗街道', chigangSite.lat, chigangSite.lng],
    [jiangnanMeter, '江南中街道', 23.108, 113.27],
  ] as const) {
    await t.http
      .post('/api/devices')
      .set(auth(admin))
      .send({ id, type: 'noise_meter', street, lat, lng, zoneClass: '1', site: `${street}广场` })
      .expect(201);
  }
});
afterAll(() => t.close());

describe('street staff see and register only their own street', () => {
  it('lets a community worker of street A list, read and create only street A households', async () => {
    const worker = (await t.loginAs('community_worker', '赤岗社工', '赤岗街道')).token;
    const listed = await t.http.get('/api/households').set(auth(worker)).expect(200);
    const ids = listed.body.items.map((item: { id: string }) => item.id);
    expect(ids).toContain(chigangHome);
    expect(ids).not.toContain(jiangnanHome);

    const own = householdSchema.parse(
      (await t.http.get(`/api/households/${chigangHome}`).set(auth(worker)).expect(200)).body,
    );
    // They call households about alarms: the phone in full.
    expect(own.contacts[0]?.phone).toBe('13800001234');
    await t.http.get(`/api/households/${jiangnanHome}`).set(auth(worker)).expect(404);

    const elsewhere = await t.http
      .post('/api/households')
      .set(auth(worker))
      .send({ id: `hh-x-${suffix}`, street: '江南中街道', address: '江南中街道 2 号' })
      .expect(403);
    expect(elsewhere.body.error.code).toBe('forbidden');
    await t.http
      .post('/api/households')
      .set(auth(worker))
      .send({ id: `hh-y-${suffix}`, street: '赤岗街道', address: '赤岗街道 2 号' })
      .expect(201);
  });

  it('lets a squad leader of street A see only street A households (phones masked) and devices', async () => {
    const leader = (await t.loginAs('squad_leader', '赤岗中队长', '赤岗街道')).token;
    const listed = await t.http.get('/api/households').set(auth(leader)).expect(200);
    const ids = listed.body.items.map((item: { id: string }) => item.id);
    expect(ids).toContain(chigangHome);
    expect(ids).not.toContain(jiangnanHome);
    const own = householdSchema.parse(
      (await t.http.get(`/api/households/${chigangHome}`).set(auth(leader)).expect(200)).body,
    );
    expect(own.contacts[0]?.phone).toBe('138****1234');
    expect(JSON.stringify(listed.body)).not.toContain('13800001234');
    await t.http.get(`/api/households/${jiangnanHome}`).set(auth(leader)).expect(404);
    await t.http
      .post('/api/households')
      .set(auth(leader))
      .send({ id: `hh-z-${suffix}`, street: '赤岗街道', address: '赤岗街道 3 号' })
      .expect(403);

    const devices = deviceListSchema.parse(
      (await t.http.get('/api/devices').set(auth(leader)).expect(200)).body,
    );
    expect(devices.items.map((device) => device.id)).toEqual([chigangMeter]);
    const asked = await t.http.get('/api/devices?street=江南中街道').set(auth(leader)).expect(200);
    expect(asked.body.items).toEqual([]);
    await t.http.get(`/api/devices/${chigangMeter}`).set(auth(leader)).expect(200);
    await t.http.get(`/api/devices/${jiangnanMeter}`).set(auth(leader)).expect(404);
  });

  it('keeps other residents out of a household and shows owners their own contacts', async () => {
    const owner = await t.loginAs('property_owner', '业主丙');
    const id = `hh-own-${suffix}`;
    await t.http
      .post('/api/households')
      .set(auth(admin))
      .send({
        id,
        street: '赤岗街道',
        address: '赤岗街道 9 号',
        ownerIds: [owner.userId],
        contacts: [{ name: '业主丙', phone: '13900005678' }],
      })
      .expect(201);
    const mine = await t.http.get(`/api/households/${id}`).set(auth(owner.token)).expect(200);
    expect(mine.body.contacts[0].phone).toBe('13900005678');
    const stranger = await t.loginAs('resident', '路人甲');
    await t.http.get(`/api/households/${id}`).set(auth(stranger.token)).expect(403);
    const listed = await t.http.get('/api/households').set(auth(stranger.token)).expect(200);
    expect(listed.body.items).toEqual([]);
    // Dispatchers coordinate fires district-wide: every household, phones in full.
    const dispatcher = (await t.loginAs('dispatcher', '调度员')).token;
    const all = await t.http.get(`/api/households/${jiangnanHome}`).set(auth(dispatcher)).expect(200);
    expect(all.body.contacts[0].phone).toBe('13800001234');
  });
});

describe('a squad leader assigning by hand', () => {
  it('may assign their own squad’s officers, not another squad’s (403), which a dispatcher may', async () => {
    const site = north(chigangSite, -150);
    const own = await officerOnDuty(t, '赤岗队员', north(site, 100));
    const other = await t.loginAs('officer', '江南中队员', '江南中街道');
    const leader = (await t.loginAs('squad_leader', '赤岗中队长', '赤岗街道')).token;
    const resident = await t.loginAs('resident', '报事居民');
    const report = await submitReport(t, resident.token, { ...site, category: 'garbage' }, 201);
    const ticketId = report.body.id as string;
    expect(report.body.squadId).toBe('squad-chigang');

    const refused = await t.http
      .post(`/api/tickets/${ticketId}/assign`)
      .set(auth(leader))
      .send({ officerId: other.userId })
      .expect(403);
    expect(refused.body.error.message).toContain('只能指派本中队的队员');
    const ticket = await t.http.get(`/api/tickets/${ticketId}`).set(auth(leader)).expect(200);
    expect(ticket.body.assigneeId).not.toBe(other.userId);

    if (ticket.body.assigneeId !== own.userId) {
      await t.http
        .post(`/api/tickets/${ticketId}/assign`)
        .set(auth(leader))
        .send({ officerId: own.userId })
        .expect(200);
    }
    const dispatcher = (await t.loginAs('dispatcher', '调度员')).token;
    const moved = await t.http
      .post(`/api/tickets/${ticketId}/assign`)
      .set(auth(dispatcher))
      .send({ officerId: other.userId, reason: '跨中队支援' })
      .expect(200);
    expect(moved.body.assigneeId).toBe(other.userId);
  });
});
