import { publicMapSchema, reportSubmissionSchema, ticketSchema, type Ticket } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { auth, officerOnDuty, phonePhoto, submitReport } from '../../testing/reportFixtures';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp('ticket_privacy', { env: { REPORT_RATE_LIMIT: '50' } });
});
afterAll(() => t.close());

// On the map's 0.001° grid, so the rounded public point is the exact point.
const site = { lat: 23.108, lng: 113.326 };
const firstWords = '路面塌陷一大块，我是 3 栋的王阿姨，电话 13812345678';
const firstAddress = '赤岗北路 18 号 3 栋楼下';

describe('a resident who joins a ticket through the public map', () => {
  it('sees the shared status and their own submission, never the first reporter’s data', async () => {
    const officer = await officerOnDuty(t, '张队员', { lat: site.lat + 0.001, lng: site.lng });
    const first = await t.loginAs('resident', '王阿姨');
    const created = await submitReport(
      t,
      first.token,
      {
        category: 'road_damage',
        ...site,
        description: firstWords,
        address: firstAddress,
        photos: [{ data: await phonePhoto('#aa0000') }, { data: await phonePhoto('#00aa00') }],
      },
      201,
    );
    const ticketId = reportSubmissionSchema.parse(created.body).id;
    // The officer refuses with an internal reason; a reporter is not told why.
    await t.http
      .post(`/api/tickets/${ticketId}/reject`)
      .set(auth(officer.token))
      .send({ reason: '队员张三今天请病假' })
      .expect(200);

    // The attacker finds the point on the public map and reports the same category there.
    const map = publicMapSchema.parse((await t.http.get('/api/reports/map').expect(200)).body);
    const point = map.items.find((item) => item.category === 'road_damage');
    expect(point).toBeDefined();
    const attacker = await t.loginAs('resident', '好奇的邻居');
    const key = 'join-privacy-0001';
    const joinedResponse = await submitReport(
      t,
      attacker.token,
      {
        key,
        category: 'road_damage',
        lat: point?.lat,
        lng: point?.lng,
        description: '这里有坑',
        address: '赤岗北路路口',
        photos: [{ data: await phonePhoto('#0000aa') }],
      },
      201,
    );
    const joined = reportSubmissionSchema.parse(joinedResponse.body);
    expect(joined).toMatchObject({ id: ticketId, outcome: 'joined', reporterCount: 2 });

    const fetched = ticketSchema.parse(
      (await t.http.get(`/api/reports/${ticketId}`).set(auth(attacker.token)).expect(200)).body,
    );
    const listed = (await t.http.get('/api/reports?mine=1').set(auth(attacker.token)).expect(200)).body
      .items as Ticket[];
    const retried = await submitReport(
      t,
      attacker.token,
      {
        key,
        category: 'road_damage',
        lat: point?.lat,
        lng: point?.lng,
        description: '这里有坑',
        address: '赤岗北路路口',
        photos: [{ data: await phonePhoto('#0000aa') }],
      },
      200,
    );
    const replayed = reportSubmissionSchema.parse(retried.body);
    expect(replayed).toMatchObject({ id: ticketId, outcome: 'replayed' });

    for (const view of [joined, fetched, listed.find((item) => item.id === ticketId), replayed]) {
      const text = JSON.stringify(view);
      for (const secret of [
        '13812345678',
        '王阿姨',
        firstAddress,
        first.userId,
        '张队员',
        officer.userId,
        '请病假',
      ])
        expect(text).not.toContain(secret);
      expect(view).toMatchObject({ description: '这里有坑', address: '赤岗北路路口' });
      expect(view?.photos).toHaveLength(1);
      expect(view?.submissions).toEqual([
        expect.objectContaining({ mine: true, reporterId: attacker.userId, description: '这里有坑' }),
      ]);
      expect(view?.timeline.map((entry) => entry.action)).not.toContain('reject');
      expect(
        view?.timeline.every((entry) => entry.actorId === attacker.userId || entry.details === undefined),
      ).toBe(true);
    }
    // The same answer on a retry: the same photo, not a second copy.
    expect(replayed.photos.map((photo) => photo.id)).toEqual(joined.photos.map((photo) => photo.id));

    // The first reporter still sees their own report, and nothing of the joiner's.
    const firstView = ticketSchema.parse(
      (await t.http.get(`/api/reports/${ticketId}`).set(auth(first.token)).expect(200)).body,
    );
    expect(firstView).toMatchObject({ description: firstWords, address: firstAddress, reporterCount: 2 });
    expect(firstView.photos).toHaveLength(2);
    expect(JSON.stringify(firstView)).not.toContain('这里有坑');
    expect(JSON.stringify(firstView)).not.toContain(attacker.userId);

    // Staff see every submission with its photos.
    const dispatcher = await t.loginAs('dispatcher', '值班调度');
    const staffView = ticketSchema.parse(
      (await t.http.get(`/api/tickets/${ticketId}`).set(auth(dispatcher.token)).expect(200)).body,
    );
    expect(staffView.submissions).toEqual([
      expect.objectContaining({ reporterId: first.userId, description: firstWords, address: firstAddress }),
      expect.objectContaining({
        reporterId: attacker.userId,
        description: '这里有坑',
        address: '赤岗北路路口',
      }),
    ]);
    expect(staffView.submissions.map((submission) => submission.photos.length)).toEqual([2, 1]);
    expect(staffView.photos).toHaveLength(3);
    expect(staffView.timeline.map((entry) => entry.action)).toContain('reject');
  });

  it('lets each reporter rate for themselves and shows each only their own rating', async () => {
    const place = { lat: 23.11, lng: 113.33 };
    const officer = await officerOnDuty(t, '评价测试队员', { lat: place.lat + 0.0005, lng: place.lng });
    const first = await t.loginAs('resident', '先报的居民');
    const joiner = await t.loginAs('resident', '后来的居民');
    const created = await submitReport(t, first.token, { category: 'manhole_cover', ...place }, 201);
    const ticketId = reportSubmissionSchema.parse(created.body).id;
    await submitReport(t, joiner.token, { category: 'manhole_cover', ...place }, 201);
    await t.http.post(`/api/tickets/${ticketId}/accept`).set(auth(officer.token)).expect(200);
    await t.http.post(`/api/tickets/${ticketId}/check-in`).set(auth(officer.token)).send(place).expect(200);
    await t.http
      .post(`/api/tickets/${ticketId}/resolve`)
      .set(auth(officer.token))
      .field('note', '井盖已更换')
      .attach('photos', await phonePhoto('#777'), 'after.jpg')
      .expect(200);

    const rate = (token: string, score: number, comment: string) =>
      t.http.post(`/api/reports/${ticketId}/rate`).set(auth(token)).send({ score, comment });
    await rate(first.token, 5, '先报的人很满意').expect(200);
    const beforeJoinerRated = ticketSchema.parse(
      (await t.http.get(`/api/reports/${ticketId}`).set(auth(joiner.token)).expect(200)).body,
    );
    expect(beforeJoinerRated.rating).toBeNull();
    await rate(joiner.token, 2, '后来的人不满意').expect(200);
    await rate(joiner.token, 3, '再评一次').expect(409);

    const viewOf = async (token: string) =>
      ticketSchema.parse((await t.http.get(`/api/reports/${ticketId}`).set(auth(token)).expect(200)).body);
    expect((await viewOf(first.token)).rating).toMatchObject({ score: 5, comment: '先报的人很满意' });
    const joinerView = await viewOf(joiner.token);
    expect(joinerView.rating).toMatchObject({ score: 2, comment: '后来的人不满意' });
    expect(JSON.stringify(joinerView)).not.toContain('先报的人很满意');
  });

  it('keeps an anonymous reporter’s id from staff but shows them their own', async () => {
    const reporter = await t.loginAs('resident', '匿名居民');
    const spot = { lat: 23.104, lng: 113.322 };
    const created = await submitReport(
      t,
      reporter.token,
      { category: 'garbage', ...spot, anonymous: true, description: '垃圾堆了三天' },
      201,
    );
    const ticketId = created.body.id as string;
    expect(created.body.submissions).toEqual([
      expect.objectContaining({ mine: true, reporterId: reporter.userId, anonymous: true }),
    ]);
    const dispatcher = await t.loginAs('dispatcher', '值班调度');
    const staffView = ticketSchema.parse(
      (await t.http.get(`/api/tickets/${ticketId}`).set(auth(dispatcher.token)).expect(200)).body,
    );
    expect(staffView.submissions).toEqual([
      expect.objectContaining({ reporterId: null, anonymous: true, description: '垃圾堆了三天' }),
    ]);
    expect(JSON.stringify(staffView)).not.toContain(reporter.userId);
  });
});
