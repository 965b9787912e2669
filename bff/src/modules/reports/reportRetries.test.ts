import { startTestApp, type TestApp } from '../../testing/testApp';
import {
  auth,
  chigangSite,
  newIdempotencyKey,
  north,
  phonePhoto,
  submitReport,
} from '../../testing/reportFixtures';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('report_retries', { background: false, env: { REPORT_RATE_LIMIT: '2' } });
});
afterAll(() => t.close());

describe('retries of answered reports', () => {
  it('answers the retry of an attempt that died after storing its ticket with that ticket, not 422 for its photos', async () => {
    const resident = await t.loginAs('resident', '断线居民');
    const uploaded = await t.http
      .post('/api/photos')
      .set(auth(resident.token))
      .attach('photos', await phonePhoto('#5a5'), 'p.jpg')
      .expect(201);
    const key = newIdempotencyKey();
    const send = () =>
      t.http
        .post('/api/reports')
        .set(auth(resident.token))
        .set('Idempotency-Key', key)
        .send({ category: 'garbage', ...north(chigangSite, 2500), photoIds: [uploaded.body.id] });
    const first = await send().expect(201);
    // The attempt died after its ticket was stored and before its key was marked done.
    await t.redis.del(`intake-key:${resident.userId}:${key}`);

    const retry = await send().expect(200);
    expect(retry.body).toMatchObject({ id: first.body.id, outcome: 'replayed' });
    expect(retry.body.photos.map((photo: { id: string }) => photo.id)).toEqual([uploaded.body.id]);
  });

  it('replays a retry over the rate limit instead of answering 429', async () => {
    const resident = await t.loginAs('resident', '重试居民');
    const key = newIdempotencyKey();
    const first = await submitReport(t, resident.token, { category: 'other', key }, 201);
    await submitReport(t, resident.token, { category: 'garbage', ...north(chigangSite, 500) }, 201);
    // The budget is spent: a new report waits, the retry of an answered one does not.
    await submitReport(t, resident.token, { category: 'noise', ...north(chigangSite, 900) }, 429);
    const retry = await submitReport(t, resident.token, { category: 'other', key }, 200);
    expect(retry.body).toMatchObject({ id: first.body.id, outcome: 'replayed' });
    expect(retry.headers['idempotent-replay']).toBe('true');
  });

  it('replays a retry over the limit even after Redis forgot the key', async () => {
    const resident = await t.loginAs('resident', '遗忘居民');
    const key = newIdempotencyKey();
    const first = await submitReport(
      t,
      resident.token,
      { category: 'other', key, ...north(chigangSite, 1500) },
      201,
    );
    await submitReport(t, resident.token, { category: 'garbage', ...north(chigangSite, 1900) }, 201);
    await t.redis.del(`intake-key:${resident.userId}:${key}`);
    const retry = await submitReport(t, resident.token, {
      category: 'other',
      key,
      ...north(chigangSite, 1500),
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ id: first.body.id, outcome: 'replayed' });
  });

  it('replays the retry of a report that joined another resident’s ticket, not 422', async () => {
    const site = north(chigangSite, 3000);
    const first = await t.loginAs('resident', '先报居民');
    const second = await t.loginAs('resident', '后报居民');
    const opened = await submitReport(t, first.token, { category: 'road_damage', ...site }, 201);
    const key = newIdempotencyKey();
    const joinedReport = { category: 'road_damage', ...north(site, 20), description: '路面塌了一块', key };
    const joined = await submitReport(t, second.token, joinedReport, 201);
    expect(joined.body).toMatchObject({ id: opened.body.id, outcome: 'joined' });

    const retry = await submitReport(t, second.token, joinedReport, 200);
    expect(retry.body).toMatchObject({ id: opened.body.id, outcome: 'replayed' });
    // The key still refuses other content.
    await submitReport(t, second.token, { ...joinedReport, description: '换了内容' }, 422);
  });
});
