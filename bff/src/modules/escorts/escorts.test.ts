import { escortListSchema, escortSchema, volunteerHoursSchema } from '@jiefang/contracts';
import { auth, chigangSite, eventually, north } from '../../testing/reportFixtures';
import { startTestApp, type TestApp } from '../../testing/testApp';

let t: TestApp;
let worker: { token: string; userId: string };
let family: { token: string; userId: string };
let elderId: string;

// The test clock starts on Monday 2026-11-23 08:00 Beijing time.
const tomorrow = (hhmm: string) => `2026-11-24T${hhmm}:00+08:00`;
const today = (hhmm: string) => `2026-11-23T${hhmm}:00+08:00`;
const everyDay = Array.from({ length: 7 }, (_, weekday) => ({ weekday, start: '07:00', end: '21:00' }));

const verifiedVolunteers: Array<{ token: string; userId: string }> = [];

async function volunteer(name: string, options: { verified?: boolean; skills?: string[] } = {}) {
  const account = await t.loginAs('volunteer', name);
  await t.http
    .post('/api/volunteers/me')
    .set(auth(account.token))
    .send({
      realName: name,
      phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      skills: options.skills ?? ['wheelchair', 'first_aid'],
      serviceArea: { street: '赤岗街道', ...chigangSite, radiusKm: 3 },
      availability: everyDay,
    })
    .expect(200);
  if (options.verified !== false) {
    await t.http.post(`/api/volunteers/${account.userId}/verify`).set(auth(worker.token)).expect(200);
    verifiedVolunteers.push(account);
  }
  return account;
}

async function book(body: Record<string, unknown>, token = worker.token, status = 201) {
  const response = await t.http
    .post('/api/escorts')
    .set(auth(token))
    .send({
      elderId,
      serviceType: 'home_visit',
      windowStart: tomorrow('10:00'),
      windowEnd: tomorrow('12:00'),
      ...body,
    });
  if (response.status !== status)
    throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

const inbox = async (token: string) =>
  (await t.http.get('/api/notifications').set(auth(token)).expect(200)).body.items as Array<{
    template: string;
    data: Record<string, unknown>;
  }>;

beforeAll(async () => {
  // Tokens outlive the clock jumps below.
  t = await startTestApp('escorts', { env: { JWT_TTL_SECONDS: String(7 * 24 * 3600) } });
  worker = await t.loginAs('community_worker', '赤岗社工', '赤岗街道');
  family = await t.loginAs('resident', '陈伯的女儿');
  const elder = await t.http
    .post('/api/elders')
    .set(auth(worker.token))
    .send({
      name: '陈伯',
      phone: '13812345678',
      address: '赤岗北路 3 号 201',
      ...chigangSite,
      needs: ['wheelchair'],
      emergencyContacts: [{ name: '陈小姐', phone: '13900001111', relation: '女儿' }],
      familyUserIds: [family.userId],
    })
    .expect(201);
  elderId = elder.body.id;
});
afterAll(() => t.close());

describe('booking', () => {
  it('refuses windows in the past, outside service hours, overlapping, or incomplete, field by field', async () => {
    const past = await book({ windowStart: today('07:00'), windowEnd: today('07:30') }, worker.token, 400);
    expect(past.error.details.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'windowStart' })]),
    );
    const late = await book(
      { windowStart: tomorrow('21:00'), windowEnd: tomorrow('22:00') },
      worker.token,
      400,
    );
    expect(late.error.details.fields[0].message).toContain('07:00–21:00');
    const noHospital = await book({ serviceType: 'hospital_escort' }, worker.token, 400);
    expect(noHospital.error.details.fields[0].path).toBe('hospital');
    const backwards = await book(
      { windowStart: tomorrow('12:00'), windowEnd: tomorrow('11:00') },
      worker.token,
      400,
    );
    expect(backwards.error.details.fields[0].path).toBe('windowEnd');

    const first = await book({ windowStart: tomorrow('14:00'), windowEnd: tomorrow('15:00') }, family.token);
    expect(first).toMatchObject({ status: 'open', urgent: false, elderAddress: '赤岗北路 3 号 201' });
    const clash = await book(
      { windowStart: tomorrow('14:30'), windowEnd: tomorrow('16:00') },
      worker.token,
      400,
    );
    expect(clash.error.details.fields[0].path).toBe('windowStart');
    const stranger = await t.loginAs('resident', '路人');
    await book({ windowStart: tomorrow('17:00'), windowEnd: tomorrow('18:00') }, stranger.token, 403);
  });
});

describe('volunteers', () => {
  it('must be verified before they see or accept requests', async () => {
    const escort = await book({ windowStart: tomorrow('08:00'), windowEnd: tomorrow('09:00') });
    const newcomer = await volunteer('新来的志愿者', { verified: false });
    await t.http.get('/api/escorts/open').set(auth(newcomer.token)).expect(403);
    await t.http.post(`/api/escorts/${escort.id}/accept`).set(auth(newcomer.token)).expect(403);
  });

  it('see the address only once they hold a request, and not after withdrawing', async () => {
    const escort = await book({ windowStart: tomorrow('16:00'), windowEnd: tomorrow('17:00') });
    const helper = await volunteer('志愿者小林');
    const open = escortListSchema.parse(
      (await t.http.get('/api/escorts/open').set(auth(helper.token)).expect(200)).body,
    );
    const offered = open.items.find((item) => item.id === escort.id);
    expect(offered).toMatchObject({ elderAddress: null, elderPhone: '138****5678', area: '赤岗街道' });
    // Not the exact distance (0 m here), only a band to a stand-in point near the home.
    expect(offered?.distanceM).toBeNull();
    expect(offered?.distanceBand).toEqual({ minKm: 0, maxKm: 1, label: '约 1 公里内' });

    const accepted = await t.http
      .post(`/api/escorts/${escort.id}/accept`)
      .set(auth(helper.token))
      .expect(200);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      elderAddress: '赤岗北路 3 号 201',
      elderPhone: '13812345678',
    });

    // Withdrawing the evening before is late: the request reopens and the community worker is told.
    t.clock.advance(20 * 3600_000);
    const withdrawn = await t.http
      .post(`/api/escorts/${escort.id}/withdraw`)
      .set(auth(helper.token))
      .send({ reason: '临时有事' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'open', elderAddress: null, volunteer: null });
    expect(withdrawn.body.timeline.map((entry: { action: string }) => entry.action)).toContain(
      'withdrawn_late',
    );
    await eventually(async () =>
      (await inbox(worker.token)).find((item) => item.template === 'escort_late_withdrawal'),
    );
    const again = await t.http.get(`/api/escorts/${escort.id}`).set(auth(helper.token)).expect(200);
    expect(again.body.elderAddress).toBeNull();
    t.clock.advance(-20 * 3600_000);
  });

  it('cannot both win one request, nor hold two overlapping ones', async () => {
    const escort = await book({ windowStart: tomorrow('18:00'), windowEnd: tomorrow('19:00') });
    const [first, second] = [await volunteer('志愿者甲'), await volunteer('志愿者乙')];
    const results = await Promise.all(
      [first, second].map((account) =>
        t.http.post(`/api/escorts/${escort.id}/accept`).set(auth(account.token)),
      ),
    );
    expect(results.map((response) => response.status).sort()).toEqual([200, 409]);

    const winner = results[0]?.status === 200 ? first : second;
    const otherElder = await t.http
      .post('/api/elders')
      .set(auth(worker.token))
      .send({ name: '李婆婆', phone: '020-81234567', address: '赤岗路 9 号', ...north(chigangSite, 100) })
      .expect(201);
    const overlapping = await book({
      elderId: otherElder.body.id,
      windowStart: tomorrow('18:30'),
      windowEnd: tomorrow('19:30'),
    });
    const refused = await t.http
      .post(`/api/escorts/${overlapping.id}/accept`)
      .set(auth(winner.token))
      .expect(409);
    expect(refused.body.error.message).toContain('重叠');
  });
});

describe('an escort from booking to the hours ledger', () => {
  it('checks in on site, completes, is rated, and its hours are reviewed and counted', async () => {
    const escort = await book({
      windowStart: tomorrow('11:00'),
      windowEnd: tomorrow('11:45'),
      serviceType: 'medicine_pickup',
    });
    const helper = await volunteer('志愿者老周');
    await t.http.post(`/api/escorts/${escort.id}/accept`).set(auth(helper.token)).expect(200);
    // The volunteer arrives on the day, at the start of the window (the clock starts the day before, 08:00).
    const untilWindow = 27 * 3600_000;
    t.clock.advance(untilWindow);
    const tooFar = await t.http
      .post(`/api/escorts/${escort.id}/check-in`)
      .set(auth(helper.token))
      .send(north(chigangSite, 800))
      .expect(422);
    expect(tooFar.body.error.details.distanceMeters).toBeGreaterThan(700);
    await t.http
      .post(`/api/escorts/${escort.id}/check-in`)
      .set(auth(helper.token))
      .send(north(chigangSite, 40))
      .expect(200);
    const sos = await t.http
      .post(`/api/escorts/${escort.id}/sos`)
      .set(auth(helper.token))
      .send({ ...chigangSite, note: '陈伯头晕' })
      .expect(200);
    expect(escortSchema.parse(sos.body).sos).toHaveLength(1);
    await eventually(async () => (await inbox(worker.token)).find((item) => item.template === 'escort_sos'));

    t.clock.advance(90 * 60_000);
    await t.http
      .post(`/api/escorts/${escort.id}/complete`)
      .set(auth(helper.token))
      .send({ notes: '药已取回，血压正常' })
      .expect(200);
    await t.http
      .post(`/api/escorts/${escort.id}/rate`)
      .set(auth(family.token))
      .send({ score: 5, comment: '很耐心' })
      .expect(200);
    await t.http
      .post(`/api/escorts/${escort.id}/rate`)
      .set(auth(family.token))
      .send({ score: 4 })
      .expect(409);

    const ledger = volunteerHoursSchema.parse(
      (await t.http.get(`/api/volunteers/${helper.userId}/hours`).set(auth(helper.token)).expect(200)).body,
    );
    expect(ledger).toMatchObject({ totalMinutes: 90, reviewedMinutes: 0, turns: 1 });
    const reviewed = await t.http
      .post(`/api/volunteers/${helper.userId}/hours/${escort.id}/review`)
      .set(auth(worker.token))
      .expect(200);
    expect(reviewed.body.reviewedMinutes).toBe(90);
    const stranger = await volunteer('别的志愿者');
    await t.http.get(`/api/volunteers/${helper.userId}/hours`).set(auth(stranger.token)).expect(403);

    const statistics = await t.http.get('/api/escorts/statistics').set(auth(worker.token)).expect(200);
    expect(statistics.body).toMatchObject({
      servicesDone: 1,
      volunteerTurns: 1,
      hours: 1.5,
      averageRating: 5,
      ratings: 1,
    });
    t.clock.advance(-90 * 60_000 - untilWindow);
  });
});

describe('reminders and escalation', () => {
  it('escalates a same-day request nobody accepted, offers it to matching volunteers, and reminds the one who takes it', async () => {
    const ready = await volunteer('志愿者阿芳', { skills: ['wheelchair'] });
    // Booked at 08:00 for 09:30 today: urgent, and already inside the 2-hour escalation limit.
    const escort = await book({ windowStart: today('09:30'), windowEnd: today('10:30') });
    expect(escort.urgent).toBe(true);
    // Offered at once to the five best-matching verified volunteers (all of them fit here).
    const offered = async (account: { token: string }) =>
      (await inbox(account.token)).some(
        (item) => item.template === 'escort_urgent_offer' && item.data.escortId === escort.id,
      );
    await eventually(async () => {
      const reached = await Promise.all(verifiedVolunteers.map(offered));
      return reached.filter(Boolean).length === Math.min(5, verifiedVolunteers.length);
    });
    await eventually(async () =>
      (await inbox(worker.token)).find(
        (item) => item.template === 'escort_unaccepted' && item.data.escortId === escort.id,
      ),
    );
    const escalated = await t.http.get(`/api/escorts/${escort.id}`).set(auth(worker.token)).expect(200);
    expect(escalated.body.timeline.map((entry: { action: string }) => entry.action)).toContain('escalated');

    // Accepted 40 minutes before the window: the hour-before reminder is due at once.
    t.clock.advance(50 * 60_000);
    await t.http.post(`/api/escorts/${escort.id}/accept`).set(auth(ready.token)).expect(200);
    await eventually(async () =>
      (await inbox(ready.token)).find((item) => item.template === 'escort_reminder'),
    );
    await eventually(async () =>
      (await inbox(family.token)).find((item) => item.template === 'escort_reminder'),
    );
    t.clock.advance(-50 * 60_000);
  });
});
