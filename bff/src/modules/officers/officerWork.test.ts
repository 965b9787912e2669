import { ticketListSchema } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { auth, north, officerOnDuty, phonePhoto, submitReport } from '../../testing/reportFixtures';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('officer_work');
});
afterAll(() => t.close());

/** Sites inside 赤岗街道, ~700 m apart, so reports neither merge nor share officers. */
const sites = [
  { lat: 23.1, lng: 113.305 },
  { lat: 23.1, lng: 113.319 },
  { lat: 23.111, lng: 113.305 },
  { lat: 23.111, lng: 113.319 },
];

async function ticketFor(officerName: string, site: { lat: number; lng: number }) {
  const officer = await officerOnDuty(t, officerName, north(site, 40));
  const resident = await t.loginAs('resident', `居民-${officerName}`);
  const report = await submitReport(t, resident.token, { ...site, category: 'street_vending' }, 201);
  expect(report.body.assigneeId).toBe(officer.userId);
  return { officer, ticketId: report.body.id as string, site };
}

async function resolve(token: string, ticketId: string, site: { lat: number; lng: number }) {
  await t.http.post(`/api/tickets/${ticketId}/accept`).set(auth(token)).expect(200);
  await t.http.post(`/api/tickets/${ticketId}/check-in`).set(auth(token)).send(site).expect(200);
  await t.http
    .post(`/api/tickets/${ticketId}/resolve`)
    .set(auth(token))
    .field('note', '已处置')
    .attach('photos', await phonePhoto(), 'after.jpg')
    .expect(200);
}

const listOf = async (token: string, query = '') =>
  ticketListSchema.parse(
    (await t.http.get(`/api/officer/tickets${query}`).set(auth(token)).expect(200)).body,
  );

describe('GET /api/officer/tickets?scope=today (the day’s history)', () => {
  it('lists what the officer resolved today, not what they hold, not others’ work, and not yesterday’s', async () => {
    const done = await ticketFor('历史队员', sites[0]!);
    await resolve(done.officer.token, done.ticketId, done.site);

    const held = await listOf(done.officer.token);
    expect(held.items.map((ticket) => ticket.id)).not.toContain(done.ticketId);
    const today = await listOf(done.officer.token, '?scope=today');
    expect(today.items.map((ticket) => ticket.id)).toEqual([done.ticketId]);
    expect(today.items[0]).toMatchObject({ status: 'resolved', resolution: { note: '已处置' } });
    // `held` is still what the plain call answers.
    expect((await listOf(done.officer.token, '?scope=held')).items).toEqual(held.items);

    const colleague = await ticketFor('同中队队员', sites[1]!);
    expect((await listOf(colleague.officer.token, '?scope=today')).items).toEqual([]);

    await t.http.get('/api/officer/tickets?scope=week').set(auth(done.officer.token)).expect(400);

    // The next Beijing day starts with an empty history.
    t.clock.advance(24 * 3600_000);
    const tomorrow = await t.loginAs('officer', '历史队员', '赤岗街道');
    expect((await listOf(tomorrow.token, '?scope=today')).items).toEqual([]);
  });
});

describe('a squad leader on the squad board', () => {
  it('sees only their own squad’s officers, and cannot reassign another squad’s ticket (403)', async () => {
    const { officer, ticketId } = await ticketFor('赤岗看板队员', sites[2]!);
    const ownLeader = await t.loginAs('squad_leader', '赤岗看板中队长', '赤岗街道');
    const colleague = await t.loginAs('officer', '赤岗看板同事', '赤岗街道');
    const attacker = await t.loginAs('squad_leader', '华洲中队长', '华洲街道');
    const attackersOfficer = await t.loginAs('officer', '华洲队员', '华洲街道');

    const board = await t.http
      .get('/api/officers?squadId=squad-huazhou')
      .set(auth(ownLeader.token))
      .expect(200);
    const ids = board.body.items.map((item: { id: string }) => item.id);
    expect(ids).toEqual(expect.arrayContaining([officer.userId, colleague.userId]));
    expect(ids).not.toContain(attackersOfficer.userId);
    expect(new Set(board.body.items.map((item: { squadId: string }) => item.squadId))).toEqual(
      new Set(['squad-chigang']),
    );
    expect(board.body.items.find((item: { id: string }) => item.id === officer.userId)).toMatchObject({
      onDuty: true,
      activeTickets: 1,
    });

    // Another squad's leader: neither to this squad's officer nor to their own.
    for (const officerId of [colleague.userId, attackersOfficer.userId]) {
      const refused = await t.http
        .post(`/api/tickets/${ticketId}/assign`)
        .set(auth(attacker.token))
        .send({ officerId, reason: '抢单' })
        .expect(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    const untouched = await t.http.get(`/api/tickets/${ticketId}`).set(auth(ownLeader.token)).expect(200);
    expect(untouched.body.assigneeId).toBe(officer.userId);

    // The squad's own leader reassigns within the squad.
    const moved = await t.http
      .post(`/api/tickets/${ticketId}/assign`)
      .set(auth(ownLeader.token))
      .send({ officerId: colleague.userId, reason: '就近改派' })
      .expect(200);
    expect(moved.body).toMatchObject({ status: 'assigned', assigneeId: colleague.userId });
    const colleagueList = await listOf(colleague.token);
    expect(colleagueList.items.map((ticket) => ticket.id)).toContain(ticketId);
  });
});

describe('resolving from the mini-program (photos uploaded ahead, one per request)', () => {
  const upload = async (token: string) =>
    (
      await t.http
        .post('/api/photos')
        .set(auth(token))
        .attach('photos', await phonePhoto('#456'), { filename: 'after.jpg', contentType: 'image/jpeg' })
        .expect(201)
    ).body.id as string;

  it('takes the officer’s own uploads by id, refuses anyone else’s (422), and keeps them for a retry', async () => {
    const { officer, ticketId, site } = await ticketFor('小程序办结队员', sites[3]!);
    await t.http.post(`/api/tickets/${ticketId}/accept`).set(auth(officer.token)).expect(200);
    await t.http.post(`/api/tickets/${ticketId}/check-in`).set(auth(officer.token)).send(site).expect(200);

    const first = await upload(officer.token);
    const second = await upload(officer.token);
    const stranger = await t.loginAs('officer', '别人的照片', '赤岗街道');
    const foreign = await upload(stranger.token);

    const refused = await t.http
      .post(`/api/tickets/${ticketId}/resolve`)
      .set(auth(officer.token))
      .send({ note: '已劝离', photoIds: [first, foreign] })
      .expect(422);
    expect(refused.body.error.details.fields[0].path).toBe('photoIds.1');
    await t.http
      .post(`/api/tickets/${ticketId}/resolve`)
      .set(auth(officer.token))
      .send({ note: '已劝离', photoIds: [] })
      .expect(400);

    const resolved = await t.http
      .post(`/api/tickets/${ticketId}/resolve`)
      .set(auth(officer.token))
      .send({ note: '摊贩已劝离', photoIds: [first, second] })
      .expect(200);
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.resolution.photos.map((photo: { id: string }) => photo.id)).toEqual([first, second]);
    // Resolved already: a second resolve is a conflict.
    await t.http
      .post(`/api/tickets/${ticketId}/resolve`)
      .set(auth(officer.token))
      .send({ note: '再次', photoIds: [first] })
      .expect(409);
  });

  it('lets officers and squad leaders upload, not volunteers', async () => {
    const leader = await t.loginAs('squad_leader', '上传中队长', '赤岗街道');
    await upload(leader.token);
    const volunteer = await t.loginAs('volunteer', '上传志愿者');
    await t.http
      .post('/api/photos')
      .set(auth(volunteer.token))
      .attach('photos', await phonePhoto(), { filename: 'x.jpg', contentType: 'image/jpeg' })
      .expect(403);
  });
});
