import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { readinessSchema } from '@jiefang/contracts';
import { recoveryKeys } from '../../infra/redisRecovery';
import { freePort, waitForPort } from '@jiefang/dev-services';
import { auth, chigangSite, eventually } from '../../testing/reportFixtures';
import { startTestApp, type TestApp } from '../../testing/testApp';

let t: TestApp;
beforeAll(async () => {
  // Holds the database; the BFF under test is a real process started over it.
  t = await startTestApp('startup', { background: false });
});
afterAll(() => t.close());

/** Open tickets of the last hours, as a busy district leaves them; their deadlines are still ahead. */
async function seedOpenTickets(count: number): Promise<string[]> {
  const now = Date.now();
  const ids = Array.from({ length: count }, (_, index) => `seeded-${String(index).padStart(6, '0')}`);
  const docs = ids.map((id, index) => ({
    _id: id,
    category: 'street_vending',
    status: 'accepted',
    assigneeId: `officer-${index % 40}`,
    assignmentSeq: 1,
    slaRound: 1,
    location: { lat: chigangSite.lat + (index % 100) / 10_000, lng: chigangSite.lng },
    reportedAt: new Date(now - index * 5_000),
    updatedAt: new Date(now - index * 5_000),
    deadlines: { acceptBy: null, warnAt: new Date(now + 3_600_000), breachAt: new Date(now + 7_200_000) },
    slaWarned: false,
    slaBreached: false,
    pendingNotifications: [],
    timeline: [],
  }));
  const tickets = t.mongo.collection<{ _id: string }>('tickets');
  for (let start = 0; start < docs.length; start += 500)
    await tickets.insertMany(docs.slice(start, start + 500));
  return ids;
}

function startBff(port: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../main.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGODB_URI: t.config.MONGODB_URI,
      MONGODB_DB: t.config.MONGODB_DB,
      REDIS_URL: t.config.REDIS_URL,
      REDIS_PREFIX: t.config.REDIS_PREFIX,
      MQTT_URL: t.config.MQTT_URL,
      MQTT_USERNAME: t.config.MQTT_USERNAME,
      MQTT_PASSWORD: t.config.MQTT_PASSWORD,
      JWT_SECRET: t.config.JWT_SECRET,
      INSTANCE_ID: `startup-${t.runId}`.slice(0, 40),
      DEV_LOGIN: '1',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

describe('a BFF starting over many open tickets', () => {
  it('listens before its start-up work, says starting meanwhile, then ready with Redis rebuilt', async () => {
    const ids = await seedOpenTickets(2_000);
    // Another instance holds the recovery lease, so this one stays in its start-up phase until released.
    const other = new Redis(t.config.REDIS_URL, { keyPrefix: `${t.config.REDIS_PREFIX}:` });
    await other.set(recoveryKeys.lease, 'another-instance', 'PX', 120_000);
    const port = await freePort();
    const bff = startBff(port);
    try {
      await waitForPort('127.0.0.1', port, 30_000, 'the BFF');
      const base = `http://127.0.0.1:${port}`;
      const starting = await eventually(async () => {
        const response = await fetch(`${base}/readyz`);
        const body = readinessSchema.parse(await response.json());
        return body.status === 'starting' ? response : null;
      });
      expect(starting.status).toBe(503);
      expect(starting.headers.get('retry-after')).toBeTruthy();

      // Reads are served; a new report waits (503, Retry-After) until the open-ticket index is back.
      const resident = await fetch(`${base}/api/auth/dev-login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ role: 'resident', name: '启动居民' }),
      });
      expect(resident.status).toBe(200);
      const { token } = (await resident.json()) as { token: string };
      const mine = await fetch(`${base}/api/reports`, { headers: auth(token) });
      expect(mine.status).toBe(200);
      const report = await fetch(`${base}/api/reports`, {
        method: 'POST',
        headers: { ...auth(token), 'Content-Type': 'application/json', 'Idempotency-Key': 'startup-1' },
        body: JSON.stringify({
          category: 'street_vending',
          ...chigangSite,
          address: '启动测试',
          description: '摆卖',
        }),
      });
      expect(report.status).toBe(503);
      expect(report.headers.get('retry-after')).toBeTruthy();

      await other.del(recoveryKeys.lease);
      await eventually(async () => (await fetch(`${base}/readyz`)).status === 200, 60_000);

      const sla = new Queue('sla', {
        connection: { url: t.config.REDIS_URL },
        prefix: `${t.config.REDIS_PREFIX}:bull`,
      });
      try {
        for (const id of [ids[0], ids[ids.length - 1]])
          expect(await sla.getJob(`${id}-breach-1`)).toBeDefined();
      } finally {
        await sla.close();
      }
      const load = await other.hget('officers:load', 'officer-0');
      expect(Number(load)).toBe(50);
    } finally {
      other.disconnect();
      bff.kill('SIGTERM');
      await new Promise((resolve) => bff.once('exit', resolve));
    }
  }, 120_000);
});
