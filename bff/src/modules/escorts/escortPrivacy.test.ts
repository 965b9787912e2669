import distance from '@turf/distance';
import { escortSchema, volunteerSchema } from '@jiefang/contracts';
import { fuzzedPoint, proximityPolicy } from '../../domain/escortProximity';
import { auth, chigangSite, north } from '../../testing/reportFixtures';
import { startTestApp, type TestApp } from '../../testing/testApp';

let t: TestApp;
let worker: { token: string; userId: string };
let escortId: string;

// The test clock starts on Monday 2026-11-23 08:00 Beijing time.
const everyDay = Array.from({ length: 7 }, (_, weekday) => ({ weekday, start: '07:00', end: '21:00' }));
const home = north(chigangSite, 400);
const metres = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) =>
  distance([a.lng, a.lat], [b.lng, b.lat], { units: 'meters' });
const east = (point: { lat: number; lng: number }, m: number) => ({
  lat: point.lat,
  lng: point.lng + m / (111_320 * Math.cos((point.lat * Math.PI) / 180)),
});

const profile = (name: string, phone: string, base: { lat: number; lng: number }, street = '赤岗街道') => ({
  realName: name,
  phone,
  skills: ['wheelchair'],
  serviceArea: { street, ...base, radiusKm: 5 },
  availability: everyDay,
});

async function verifiedVolunteer(name: string, phone: string) {
  const account = await t.loginAs('volunteer', name);
  await t.http
    .post('/api/volunteers/me')
    .set(auth(account.token))
    .send(profile(name, phone, home))
    .expect(200);
  await t.http.post(`/api/volunteers/${account.userId}/verify`).set(auth(worker.token)).expect(200);
  return account;
}

beforeAll(async () => {
  t = await startTestApp('escort_privacy', { env: { JWT_TTL_SECONDS: String(7 * 24 * 3600) } });
  worker = await t.loginAs('community_worker', '赤岗社工', '赤岗街道');
  const elder = await t.http
    .post('/api/elders')
    .set(auth(worker.token))
    .send({ name: '梁婆婆', phone: '13812340000', address: '赤岗北路 9 号 502', ...home, needs: [] })
    .expect(201);
  const escort = await t.http
    .post('/api/escorts')
    .set(auth(worker.token))
    .send({
      elderId: elder.body.id,
      serviceType: 'home_visit',
      windowStart: '2026-11-25T10:00:00+08:00',
      windowEnd: '2026-11-25T12:00:00+08:00',
    })
    .expect(201);
  escortId = escort.body.id;
});
afterAll(() => t.close());

describe('an open escort seen by a verified volunteer', () => {
  it('gives only bands to a stand-in point, however the volunteer moves, and refuses a 4th move in a day', async () => {
    const spy = await verifiedVolunteer('志愿者阿强', '13900000001');
    const standIn = fuzzedPoint(home, escortId, t.config.JWT_SECRET);
    // The stand-in is hundreds of metres from the home (the offset, less at most half a grid diagonal).
    expect(metres(standIn, home)).toBeGreaterThan(
      proximityPolicy.minOffsetMeters - (proximityPolicy.gridMeters * Math.SQRT2) / 2,
    );

    const bases = [north(home, 1500), east(home, 2500), north(home, -3500)];
    for (const base of bases) {
      await t.http
        .post('/api/volunteers/me')
        .set(auth(spy.token))
        .send(profile('志愿者阿强', '13900000001', base))
        .expect(200);
      for (const path of [`/api/escorts/${escortId}`, '/api/escorts/open']) {
        const body = (await t.http.get(path).set(auth(spy.token)).expect(200)).body;
        const escort = escortSchema.parse(path.endsWith('open') ? body.items[0] : body);
        expect(escort).toMatchObject({ id: escortId, distanceM: null, elderAddress: null });
        // The band is the one around the stand-in, not necessarily the one around the home.
        const toStandIn = metres(base, standIn) / 1000;
        expect(escort.distanceBand?.minKm).toBeLessThanOrEqual(toStandIn);
        expect(escort.distanceBand?.maxKm ?? Infinity).toBeGreaterThan(toStandIn);
        expect(escort.distanceBand?.label).toMatch(/^约 .*公里/);
      }
    }

    const fourth = await t.http
      .post('/api/volunteers/me')
      .set(auth(spy.token))
      .send(profile('志愿者阿强', '13900000001', east(home, -1500)));
    expect(fourth.status).toBe(429);
    expect(fourth.body.error).toMatchObject({
      code: 'rate_limited',
      message: '服务区域每天最多修改 3 次，请明天再试',
    });
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
    // The refused move changed nothing.
    const me = volunteerSchema.parse((await t.http.get('/api/volunteers/me').set(auth(spy.token))).body);
    expect(me.serviceArea).toMatchObject(bases[2] as object);

    // Saving the profile without moving is not a move; the next Beijing day brings a new budget.
    await t.http
      .post('/api/volunteers/me')
      .set(auth(spy.token))
      .send(profile('志愿者阿强', '13900000001', bases[2] as { lat: number; lng: number }))
      .expect(200);
    t.clock.advance(24 * 3600_000);
    await t.http
      .post('/api/volunteers/me')
      .set(auth(spy.token))
      .send(profile('志愿者阿强', '13900000001', east(home, -1500)))
      .expect(200);
  });

  it('shows the exact distance only to the volunteer who accepted', async () => {
    const helper = await verifiedVolunteer('志愿者小梅', '13900000002');
    const accepted = escortSchema.parse(
      (await t.http.post(`/api/escorts/${escortId}/accept`).set(auth(helper.token)).expect(200)).body,
    );
    expect(accepted).toMatchObject({ distanceM: 0, distanceBand: null, elderAddress: '赤岗北路 9 号 502' });
    await t.http
      .post(`/api/escorts/${escortId}/withdraw`)
      .set(auth(helper.token))
      .send({ reason: '临时有事' })
      .expect(200);
  });

  it('shows a volunteer browsing open requests what happened, not who did it or why', async () => {
    const browsing = await verifiedVolunteer('志愿者小林', '13900000004');
    const open = await t.http.get('/api/escorts/open').set(auth(browsing.token)).expect(200);
    const escort = escortSchema.parse(open.body.items.find((item: { id: string }) => item.id === escortId));
    const actions = escort.timeline.map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['accepted', 'withdrawn']));
    for (const entry of escort.timeline) expect(entry).toMatchObject({ actor: null, note: null });
    expect(JSON.stringify(escort)).not.toMatch(/赤岗社工|志愿者小梅|临时有事/);
    // Those who look after the elder still see everything.
    const staffView = escortSchema.parse(
      (await t.http.get(`/api/escorts/${escortId}`).set(auth(worker.token)).expect(200)).body,
    );
    expect(staffView.timeline.find((entry) => entry.action === 'withdrawn')).toMatchObject({
      note: '临时有事',
    });
  });

  it.each([
    ['name', profile('改名的志愿者', '13900000003', home)],
    ['phone', profile('志愿者老周', '13900009999', home)],
    ['street', profile('志愿者老周', '13900000003', home, '江南中街道')],
  ])('needs verification again after a change of %s', async (_field, changed) => {
    const volunteer = await verifiedVolunteer('志愿者老周', '13900000003');
    await t.http.get('/api/escorts/open').set(auth(volunteer.token)).expect(200);
    const saved = await t.http
      .post('/api/volunteers/me')
      .set(auth(volunteer.token))
      .send(changed)
      .expect(200);
    expect(saved.body).toMatchObject({ verified: false, verifiedAt: null });
    await t.http.get('/api/escorts/open').set(auth(volunteer.token)).expect(403);
    await t.http.get(`/api/escorts/${escortId}`).set(auth(volunteer.token)).expect(403);
  });
});
