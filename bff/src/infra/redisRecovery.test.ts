import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { alarmListSchema } from '@jiefang/contracts';
import { connectDevice, uniqueDeviceId, type TestDevice } from '../testing/deviceFixtures';
import { recoveryKeys, redisRecovery } from './redisRecovery';
import { testRedis } from '../testing/testRedis';
import { createLogger } from './logger';
import { startOwnRedis, type OwnRedis } from '../testing/ownRedis';
import { auth, chigangSite, eventually, north, officerOnDuty, submitReport } from '../testing/reportFixtures';
import { startTestApp, type TestApp } from '../testing/testApp';

// The test clock starts on Monday 2026-11-23 08:00 Beijing time; SLA durations are real (not scaled).
const today = (hhmm: string) => `2026-11-23T${hhmm}:00+08:00`;
const everyDay = Array.from({ length: 7 }, (_, weekday) => ({ weekday, start: '07:00', end: '21:00' }));
const minute = 60_000;

let redis: OwnRedis;
let t: TestApp;
let device: TestDevice | null = null;

beforeAll(async () => {
  redis = await startOwnRedis();
  t = await startTestApp('redis_loss', { redisUrl: redis.url });
});
afterAll(async () => {
  await device?.close();
  await t.close();
  await redis.stop();
});

// Unread escalations may come before Redis goes or not at all (past the accept deadline): left out here.
const ticketActions = async (token: string, id: string) =>
  (
    (await t.http.get(`/api/tickets/${id}`).set(auth(token)).expect(200)).body as {
      timeline: Array<{ action: string }>;
    }
  ).timeline
    .map((entry) => entry.action)
    .filter((action) => !action.startsWith('unread_'));
const inbox = async (token: string) =>
  (await t.http.get('/api/notifications').set(auth(token)).expect(200)).body.items as Array<{
    template: string;
    data: Record<string, unknown>;
  }>;
const count = (actions: string[], action: string) => actions.filter((entry) => entry === action).length;

describe('deadlines when Redis is killed and comes back empty', () => {
  it('still reassigns, warns and breaches tickets, escalates the alarm, reminds and escalates escorts', async () => {
    const admin = await t.loginAs('admin', '恢复测试管理员');
    const dispatcher = await t.loginAs('dispatcher', '恢复测试调度');
    let spareId = '';

    // Tickets: one assigned and never accepted, one accepted and never on site.
    const siteA = chigangSite;
    const siteB = north(chigangSite, -1_000);
    const idle = await officerOnDuty(t, '不接单队员', north(siteA, 20));
    const late = await officerOnDuty(t, '迟到队员', north(siteB, 30));
    const resident = await t.loginAs('resident', '恢复测试居民');
    const unaccepted = await submitReport(t, resident.token, { ...siteA, category: 'street_vending' }, 201);
    expect(unaccepted.body.assigneeId).toBe(idle.userId);
    const notOnSite = await submitReport(t, resident.token, { ...siteB, category: 'street_vending' }, 201);
    expect(notOnSite.body.assigneeId).toBe(late.userId);
    await t.http.post(`/api/tickets/${notOnSite.body.id}/accept`).set(auth(late.token)).expect(200);

    // An indoor-charging alarm nobody acknowledges.
    const household = `hh-${uniqueDeviceId('r')}`;
    await t.http
      .post('/api/households')
      .set(auth(admin.token))
      .send({ id: household, street: '赤岗街道', address: '赤岗北路 8 号 101', ownerIds: [resident.userId] })
      .expect(201);
    device = await connectDevice(t, admin.token, {
      id: uniqueDeviceId('charge'),
      type: 'charging_detector',
      street: '赤岗街道',
      ...north(siteA, 300),
      householdId: household,
    });
    await device.send('event', { ts: t.clock.now().getTime(), type: 'charging_detected', confidence: 0.95 });
    const alarmsOfDevice = async () =>
      alarmListSchema.parse(
        (await t.http.get(`/api/alarms?deviceId=${device?.id}`).set(auth(admin.token)).expect(200)).body,
      ).items;
    const alarm = await eventually(async () => (await alarmsOfDevice())[0]);
    expect(alarm.status).toBe('active');
    expect(alarm.ticketId ?? null).toBeNull();

    // Escorts: one accepted (its hour-before reminder is at 08:10), one open (escalated at 08:10).
    const worker = await t.loginAs('community_worker', '恢复测试社工', '赤岗街道');
    const helper = await t.loginAs('volunteer', '恢复测试志愿者');
    await t.http
      .post('/api/volunteers/me')
      .set(auth(helper.token))
      .send({
        realName: '恢复测试志愿者',
        phone: '13912340000',
        skills: ['first_aid'],
        serviceArea: { street: '赤岗街道', ...chigangSite, radiusKm: 3 },
        availability: everyDay,
      })
      .expect(200);
    await t.http.post(`/api/volunteers/${helper.userId}/verify`).set(auth(worker.token)).expect(200);
    const elder = await t.http
      .post('/api/elders')
      .set(auth(worker.token))
      .send({
        name: '林婆婆',
        phone: '13812340000',
        address: '赤岗北路 8 号 102',
        ...chigangSite,
        needs: [],
        emergencyContacts: [],
        familyUserIds: [],
      })
      .expect(201);
    const bookEscort = async (start: string, end: string) =>
      (
        await t.http
          .post('/api/escorts')
          .set(auth(worker.token))
          .send({ elderId: elder.body.id, serviceType: 'home_visit', windowStart: start, windowEnd: end })
          .expect(201)
      ).body as { id: string };
    const accepted = await bookEscort(today('09:10'), today('10:00'));
    const open = await bookEscort(today('10:10'), today('11:00'));
    await t.http.post(`/api/escorts/${accepted.id}/accept`).set(auth(helper.token)).expect(200);

    // Still ahead after the clock jump below: a 30-minute SLA, and an escort tomorrow.
    const garbage = await submitReport(
      t,
      resident.token,
      { ...north(chigangSite, 2_000), category: 'garbage', description: '垃圾堆放' },
      201,
    );
    const tomorrowEscort = await bookEscort('2026-11-24T10:00:00+08:00', '2026-11-24T11:00:00+08:00');
    await t.http.post(`/api/escorts/${tomorrowEscort.id}/accept`).set(auth(helper.token)).expect(200);

    // Nothing is due yet.
    expect(await ticketActions(dispatcher.token, unaccepted.body.id)).toEqual(['report', 'assign']);

    // Redis dies with every timer and index, and comes back empty. Another instance holds the recovery
    // lease for a while: the deadlines pass meanwhile, and officers' apps share their positions again
    // (they lived in Redis), so the reassignment finds one.
    await redis.kill();
    await redis.restart();
    const other = new Redis(redis.url, { keyPrefix: `${t.config.REDIS_PREFIX}:` });
    try {
      // Overwritten and then the marks deleted: whatever this app's own round did before stands for nothing.
      await other.set(recoveryKeys.lease, 'another-instance', 'PX', 60_000);
      await other.del(recoveryKeys.state, recoveryKeys.swept);
      const starting = await eventually(async () => {
        const response = await t.http.get('/readyz');
        return response.body.status === 'starting' ? response : null;
      }, 30_000);
      expect(starting.status).toBe(503);
      expect(starting.headers['retry-after']).toBeDefined();
      // New reports wait while the index of open tickets they might join is not rebuilt.
      const waiting = await submitReport(t, resident.token, { ...siteA, category: 'street_vending' });
      expect(waiting.status).toBe(503);
      expect(waiting.headers['retry-after']).toBeDefined();

      t.clock.advance(16 * minute);
      const spare = await officerOnDuty(t, '接替队员', north(siteA, 400));
      expect(await ticketActions(dispatcher.token, unaccepted.body.id)).toEqual(['report', 'assign']);
      await other.del(recoveryKeys.lease);
      await eventually(async () => (await t.http.get('/readyz')).status === 200, 30_000);
      spareId = spare.userId;
    } finally {
      other.disconnect();
    }

    // Deadlines still ahead are armed again from the documents.
    const queue = (name: string) =>
      new Queue(name, { connection: { url: redis.url }, prefix: `${t.config.REDIS_PREFIX}:bull` });
    const [sla, escortQueue] = [queue('sla'), queue('escorts')];
    try {
      expect(await sla.getJob(`${garbage.body.id}-breach-1`)).toBeDefined();
      expect(
        await escortQueue.getJob(`${tomorrowEscort.id}-remind_day_before-${helper.userId}`),
      ).toBeDefined();
    } finally {
      await Promise.all([sla.close(), escortQueue.close()]);
    }

    const reassigned = await eventually(async () => {
      const actions = await ticketActions(dispatcher.token, unaccepted.body.id);
      return actions.includes('sla_breached') ? actions : null;
    }, 30_000);
    expect(reassigned.slice(0, 4)).toEqual(['report', 'assign', 'accept_timeout', 'assign']);
    expect(count(reassigned, 'sla_warning')).toBe(1);
    const ticket = await t.http.get(`/api/tickets/${unaccepted.body.id}`).set(auth(dispatcher.token));
    expect(ticket.body.assigneeId).toBe(spareId);

    const breached = await eventually(async () => {
      const actions = await ticketActions(dispatcher.token, notOnSite.body.id);
      return actions.includes('sla_breached') ? actions : null;
    }, 30_000);
    expect(breached).toEqual(['report', 'assign', 'accept', 'sla_warning', 'sla_breached']);

    const escalated = await eventually(
      async () => (await alarmsOfDevice()).find((item) => item.ticketId),
      30_000,
    );
    expect(escalated.timeline.map((entry) => entry.action)).toContain('escalated');

    await eventually(
      async () =>
        (await inbox(helper.token)).find(
          (item) => item.template === 'escort_reminder' && item.data.escortId === accepted.id,
        ),
      30_000,
    );
    await eventually(
      async () =>
        (await inbox(worker.token)).find(
          (item) => item.template === 'escort_unaccepted' && item.data.escortId === open.id,
        ),
      30_000,
    );
    const escort = await t.http.get(`/api/escorts/${open.id}`).set(auth(worker.token)).expect(200);
    expect(escort.body.timeline.map((entry: { action: string }) => entry.action)).toContain('escalated');
  }, 120_000);
});

describe('deadlines whose timers are missing while Redis kept its data', () => {
  it('fire at the sweep that follows an instance reconnecting', async () => {
    const dispatcher = await t.loginAs('dispatcher', '补扫调度');
    const resident = await t.loginAs('resident', '补扫居民');
    const report = await submitReport(
      t,
      resident.token,
      { ...north(chigangSite, 3_000), category: 'street_vending', description: '补扫测试' },
      201,
    );
    const worker = await t.loginAs('community_worker', '补扫社工', '赤岗街道');
    const elder = await t.http
      .post('/api/elders')
      .set(auth(worker.token))
      .send({
        name: '补扫长者',
        phone: '13812349999',
        address: '赤岗北路 9 号',
        ...chigangSite,
        needs: [],
        emergencyContacts: [],
        familyUserIds: [],
      })
      .expect(201);
    const start = new Date(t.clock.now().getTime() + 2 * 3_600_000 + 10 * minute);
    const escort = await t.http
      .post('/api/escorts')
      .set(auth(worker.token))
      .send({
        elderId: elder.body.id,
        serviceType: 'companion_call',
        windowStart: start.toISOString(),
        windowEnd: new Date(start.getTime() + 30 * minute).toISOString(),
      })
      .expect(201);

    // The timers are gone (as when scheduling failed while Redis was away), the marker is not.
    for (const name of ['sla', 'escorts']) {
      const queue = new Queue(name, {
        connection: { url: redis.url },
        prefix: `${t.config.REDIS_PREFIX}:bull`,
      });
      await queue.obliterate({ force: true });
      await queue.close();
    }
    t.clock.advance(16 * minute);
    // What an instance does when its Redis connection is ready again: ask for a sweep.
    await t.redis.del(recoveryKeys.swept);

    await eventually(async () => {
      const actions = await ticketActions(dispatcher.token, report.body.id);
      return actions.includes('sla_breached') ? actions : null;
    }, 30_000);
    await eventually(
      async () =>
        (await inbox(worker.token)).find(
          (item) => item.template === 'escort_unaccepted' && item.data.escortId === escort.body.id,
        ),
      30_000,
    );
  }, 60_000);
});

describe('the recovery rounds of several instances', () => {
  it('rebuild once between them, and sweep only when asked or due', async () => {
    const shared = testRedis('recovery_lease');
    const counts = { rebuilds: 0, sweeps: 0 };
    const slowTask = {
      name: 'counting',
      rebuild: async () => {
        counts.rebuilds += 1;
        await new Promise((resolve) => setTimeout(resolve, 200));
      },
      sweep: async () => {
        counts.sweeps += 1;
      },
    };
    const clients = [1, 2, 3].map(() => shared.redis.duplicate());
    const instances = clients.map((redis) =>
      redisRecovery({ redis, logger: createLogger('silent'), tasks: [slowTask], intervalMs: 3_600_000 }),
    );
    try {
      // Every instance starts at once: only the lease holder rebuilds (which does the overdue work too).
      for (const instance of instances) instance.start();
      await Promise.all(instances.map((instance) => instance.runRound()));
      await Promise.all(instances.map((instance) => instance.runRound()));
      expect(counts.rebuilds).toBe(1);
      expect(instances.every((instance) => instance.rebuilt())).toBe(true);

      // An instance that reconnected asks for a sweep: the next round sweeps once, later ones do not.
      await shared.redis.del(recoveryKeys.swept);
      const sweepsBefore = counts.sweeps;
      for (const instance of instances) await instance.runRound();
      expect(counts.sweeps).toBe(sweepsBefore + 1);
      for (const instance of instances) await instance.runRound();
      expect(counts.sweeps).toBe(sweepsBefore + 1);

      // Redis emptied: the marker is gone, so the next round rebuilds.
      await shared.redis.del(recoveryKeys.state);
      await instances[0]?.runRound();
      expect(counts.rebuilds).toBe(2);
      expect(counts.sweeps).toBe(sweepsBefore + 1);
    } finally {
      for (const instance of instances) await instance.stop();
      for (const client of clients) client.disconnect();
      await shared.dispose();
    }
  });
});

describe('an instance whose round Redis cut short', () => {
  it('takes up its own lease again at once when Redis kept it, instead of waiting for it to run out', async () => {
    const shared = testRedis('recovery_own_lease');
    let leaseSeen: string | null = null;
    let rebuilds = 0;
    const task = {
      name: 'watching',
      rebuild: async () => {
        rebuilds += 1;
        leaseSeen = await shared.redis.get(recoveryKeys.lease);
      },
    };
    const instance = redisRecovery({
      redis: shared.redis,
      logger: createLogger('silent'),
      tasks: [task],
      intervalMs: 3_600_000,
    });
    try {
      instance.start();
      await instance.runRound();
      expect(rebuilds).toBe(1);
      // As Redis comes back from its append-only file after dying mid-round: our lease still there, the
      // rebuild unfinished.
      await shared.redis.set(recoveryKeys.lease, leaseSeen ?? '', 'PX', 60_000);
      await shared.redis.del(recoveryKeys.state);
      await instance.runRound();
      expect(rebuilds).toBe(2);
      expect(instance.rebuilt()).toBe(true);
    } finally {
      await instance.stop();
      await shared.dispose();
    }
  });
});
