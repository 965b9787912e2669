import { readinessSchema } from '@jiefang/contracts';
import { startOwnRedis, type OwnRedis } from '../../testing/ownRedis';
import { eventually } from '../../testing/reportFixtures';
import { startSubscribeRelay } from '../../testing/subscribeRelay';
import { startTestApp, type TestApp } from '../../testing/testApp';

describe('health and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('health');
  });
  afterAll(() => t.close());

  it('is alive', async () => {
    const response = await t.http.get('/healthz').expect(200);
    expect(response.body.status).toBe('ok');
  });

  it('is ready when MongoDB, Redis and MQTT answer', async () => {
    const response = await t.http.get('/readyz').expect(200);
    const readiness = readinessSchema.parse(response.body);
    expect(readiness.status).toBe('ready');
    expect(Object.keys(readiness.checks).sort()).toEqual(['mongodb', 'mqtt', 'redis']);
  });
});

describe('while the device bridge waits for its subscriptions', () => {
  it('says starting, since a device message published now would reach nobody; ready once granted', async () => {
    const relay = await startSubscribeRelay(new URL(process.env.TEST_MQTT_URL as string), 'holdSubscribes');
    const t = await startTestApp('health_bridge', { env: { MQTT_URL: relay.url }, background: false });
    try {
      const started = t.app.startBackgroundWork();
      await eventually(async () => relay.held() > 0, 15_000);
      // Long enough for the rest of the start-up work (Redis recovery) to be done.
      for (let check = 0; check < 10; check += 1) {
        const response = await t.http.get('/readyz').expect(503);
        const readiness = readinessSchema.parse(response.body);
        expect(readiness.status).toBe('starting');
        expect(readiness.checks.mqtt).toMatchObject({ ok: true });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      relay.release();
      await started;
      await t.http.get('/readyz').expect(200);
    } finally {
      relay.release();
      await t.close();
      await relay.close();
    }
  }, 30_000);
});

describe('when Redis stops', () => {
  let redisServer: OwnRedis;
  let t: TestApp;

  beforeAll(async () => {
    // A Redis of this test's own, so stopping it leaves the shared one alone.
    redisServer = await startOwnRedis();
    t = await startTestApp('health_redis_down', { redisUrl: redisServer.url, background: false });
    await t.http.get('/readyz').expect(200);
    await redisServer.stop();
  });
  afterAll(async () => {
    await t.close();
    await redisServer.stop();
  });

  it('reports 503 naming Redis, with Retry-After', async () => {
    const response = await t.http.get('/readyz').expect(503);
    const readiness = readinessSchema.parse(response.body);
    expect(readiness.status).toBe('unavailable');
    expect(readiness.checks.redis).toMatchObject({ ok: false });
    expect(readiness.checks.redis?.error).toBeTruthy();
    expect(readiness.checks.mongodb).toMatchObject({ ok: true });
    expect(response.headers['retry-after']).toBe('5');
  });

  it('answers requests that need Redis with 503 dependency_unavailable', async () => {
    const response = await t.http
      .post('/api/auth/login')
      .send({ username: 'anyone', password: 'x' })
      .expect(503);
    expect(response.body.error).toMatchObject({
      code: 'dependency_unavailable',
      details: { dependency: 'redis' },
    });
    expect(response.headers['retry-after']).toBeDefined();
  });
});
