import { nearbyReportListSchema, reportSubmissionSchema, ticketSchema } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { chigangSite, newIdempotencyKey, north, submitReport } from '../../testing/reportFixtures';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('nearby_join');
});
afterAll(() => t.close());

const nearby = (token: string, point: { lat: number; lng: number }, category?: string) =>
  t.http
    .get('/api/reports/nearby')
    .query({ lat: point.lat, lng: point.lng, ...(category ? { category } : {}) })
    .set('Authorization', `Bearer ${token}`);

const join = (
  token: string,
  ticketId: string,
  point: { lat: number; lng: number },
  key = newIdempotencyKey(),
) =>
  t.http
    .post(`/api/reports/${ticketId}/join`)
    .set('Authorization', `Bearer ${token}`)
    .set('Idempotency-Key', key)
    .send({ lat: point.lat, lng: point.lng, accuracy: 12, description: '我也看到了' });

describe('GET /api/reports/nearby', () => {
  it('lists open tickets within 150 m, nearest first, without anyone’s personal data', async () => {
    const site = north(chigangSite, 2000);
    const reporter = await t.loginAs('resident', '李秘密');
    const { body: close } = await submitReport(
      t,
      reporter.token,
      { ...site, category: 'garbage', description: '电话 13812345678 李秘密', address: '秘密小区 3 栋' },
      201,
    );
    const { body: farther } = await submitReport(
      t,
      reporter.token,
      { ...north(site, 120), category: 'road_damage', description: '坑' },
      201,
    );
    await submitReport(t, reporter.token, { ...north(site, 400), category: 'garbage' }, 201);

    const neighbour = await t.loginAs('resident', '邻居');
    const response = await nearby(neighbour.token, north(site, 10)).expect(200);
    const list = nearbyReportListSchema.parse(response.body);
    expect(list.items.map((item) => item.id)).toEqual([close.id, farther.id]);
    expect(list.items[0]).toEqual({
      id: close.id,
      category: 'garbage',
      categoryName: expect.any(String),
      status: close.status,
      distance: 'within_50m',
      reportedAt: close.reportedAt,
      reporterCount: 1,
      mine: false,
    });
    expect(list.items[1]?.distance).toBe('within_150m');
    const text = JSON.stringify(response.body);
    for (const secret of ['13812345678', '李秘密', '秘密小区', reporter.userId, 'photo', 'lat']) {
      expect(text).not.toContain(secret);
    }

    // By category; and the reporter sees the ticket as theirs.
    const garbage = nearbyReportListSchema.parse((await nearby(neighbour.token, site, 'garbage')).body);
    expect(garbage.items.map((item) => item.id)).toEqual([close.id]);
    const own = nearbyReportListSchema.parse((await nearby(reporter.token, site, 'garbage')).body);
    expect(own.items[0]?.mine).toBe(true);
  });

  it('leaves out tickets that are closed', async () => {
    const site = north(chigangSite, 3000);
    const reporter = await t.loginAs('resident', '报告人');
    const { body: ticket } = await submitReport(t, reporter.token, { ...site, category: 'fallen_tree' }, 201);
    await t.mongo
      .collection('tickets')
      .updateOne({ _id: ticket.id } as never, { $set: { status: 'resolved' } });
    const list = nearbyReportListSchema.parse((await nearby(reporter.token, site).expect(200)).body);
    expect(list.items).toEqual([]);
  });

  it('needs a signed-in caller and a point', async () => {
    await t.http.get('/api/reports/nearby').query(chigangSite).expect(401);
    const resident = await t.loginAs('resident');
    const response = await t.http
      .get('/api/reports/nearby')
      .query({ lat: 'north' })
      .set('Authorization', `Bearer ${resident.token}`)
      .expect(400);
    expect(response.body.error.code).toBe('validation_failed');
  });
});

describe('POST /api/reports/:id/join (我也遇到)', () => {
  it('joins with one tap, keeps the joiner’s own submission, and a retry joins once', async () => {
    const site = north(chigangSite, 4000);
    const first = await t.loginAs('resident', '第一位');
    const { body: ticket } = await submitReport(t, first.token, { ...site, category: 'manhole_cover' }, 201);

    const joiner = await t.loginAs('resident', '第二位');
    const key = newIdempotencyKey();
    const joined = await join(joiner.token, ticket.id, north(site, 60), key).expect(201);
    const submission = reportSubmissionSchema.parse(joined.body);
    expect(submission).toMatchObject({ id: ticket.id, outcome: 'joined', reporterCount: 2 });
    expect(submission.submissions).toEqual([
      expect.objectContaining({ mine: true, description: '我也看到了', photos: [] }),
    ]);

    const again = await join(joiner.token, ticket.id, north(site, 60), key).expect(200);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(reportSubmissionSchema.parse(again.body)).toMatchObject({ outcome: 'replayed', reporterCount: 2 });

    // A second tap with a new key does not count them twice either.
    const twice = reportSubmissionSchema.parse((await join(joiner.token, ticket.id, site).expect(201)).body);
    expect(twice.reporterCount).toBe(2);

    const view = ticketSchema.parse(
      (
        await t.http
          .get(`/api/reports/${ticket.id}`)
          .set('Authorization', `Bearer ${joiner.token}`)
          .expect(200)
      ).body,
    );
    expect(view.reporterCount).toBe(2);
    const listed = nearbyReportListSchema.parse((await nearby(joiner.token, site)).body);
    expect(listed.items[0]).toMatchObject({ id: ticket.id, mine: true, reporterCount: 2 });
  });

  it('refuses a closed ticket and a far one clearly, joining nothing', async () => {
    const site = north(chigangSite, 5000);
    const first = await t.loginAs('resident', '甲');
    const { body: open } = await submitReport(t, first.token, { ...site, category: 'oil_fume' }, 201);
    const { body: closed } = await submitReport(
      t,
      first.token,
      { ...north(site, 500), category: 'oil_fume' },
      201,
    );
    await t.mongo
      .collection('tickets')
      .updateOne({ _id: closed.id } as never, { $set: { status: 'confirmed' } });

    const joiner = await t.loginAs('resident', '乙');
    const far = await join(joiner.token, open.id, north(site, 300)).expect(422);
    expect(far.body.error).toMatchObject({ code: 'unprocessable', details: { reason: 'too_far' } });
    expect(far.body.error.message).toContain('150 米');

    const done = await join(joiner.token, closed.id, north(site, 500)).expect(422);
    expect(done.body.error).toMatchObject({ code: 'unprocessable', details: { reason: 'closed' } });
    expect(done.body.error.message).toContain('办结');

    await join(joiner.token, '0123456789abcdef01234567', site).expect(404);

    const after = ticketSchema.parse(
      (await t.http.get(`/api/reports/${open.id}`).set('Authorization', `Bearer ${first.token}`).expect(200))
        .body,
    );
    expect(after.reporterCount).toBe(1);
  });

  it('lets only residents join, with an Idempotency-Key', async () => {
    const officer = await t.loginAs('officer', '队员', '赤岗街道');
    await join(officer.token, '0123456789abcdef01234567', chigangSite).expect(403);
    const resident = await t.loginAs('resident');
    const response = await t.http
      .post('/api/reports/0123456789abcdef01234567/join')
      .set('Authorization', `Bearer ${resident.token}`)
      .send(chigangSite)
      .expect(400);
    expect(response.body.error.message).toContain('Idempotency-Key');
  });
});
