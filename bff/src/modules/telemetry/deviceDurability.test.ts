import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { alarmListSchema } from '@jiefang/contracts';
import { startLocalServices, type LocalServices, freePort, waitForPort } from '@jiefang/dev-services';
import { connectDevice, uniqueDeviceId, type TestDevice } from '../../testing/deviceFixtures';
import { auth, eventually } from '../../testing/reportFixtures';
import { startTestApp, type TestApp } from '../../testing/testApp';

/**
 * Acknowledged means processed: smoke events the broker acknowledged while MongoDB is down wait in
 * Redis; Redis is killed (-9) and restarted from its append-only file, then the BFF is killed (-9)
 * and restarted. Every event ends counted once in its detector's one alarm. The Redis and MongoDB
 * here are this test's own (the launcher's settings), so the shared services are never touched.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiefang-durability-'));
const ferretBinary = process.env.FERRETDB_BIN || path.resolve(__dirname, '../../../../.data/bin/ferretdb');
const unused = {
  MONGODB_URI: 'mongodb://unused:1/',
  REDIS_URL: 'redis://unused:1',
  MQTT_URL: 'mqtt://unused:1',
};

let mongoPort: number;
let redisPort: number;
let mongoService: LocalServices | null = null;
let redisService: LocalServices | null = null;
let t: TestApp;
let admin: string;
const detectors: TestDevice[] = [];
let bff: ChildProcess | null = null;

/** This test's own FerretDB (its data stays in dataDir across restarts). */
async function startMongo(): Promise<LocalServices> {
  return startLocalServices({
    env: {
      ...unused,
      MONGODB_URI: '',
      FERRETDB_PORT: String(mongoPort),
      FERRETDB_BIN: ferretBinary,
      PATH: process.env.PATH,
    },
    dataDir,
    installMissing: false,
  });
}

/** This test's own Redis, started by the launcher exactly as `npm start` would (append-only file in dataDir). */
async function startRedis(): Promise<LocalServices> {
  return startLocalServices({
    env: { ...unused, REDIS_URL: '', REDIS_PORT: String(redisPort), PATH: process.env.PATH },
    dataDir,
  });
}

async function killRedis(): Promise<void> {
  const client = new Redis(redisPort, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
  await client.connect();
  const pid = Number(/^process_id:(\d+)/m.exec(await client.info('server'))?.[1]);
  client.disconnect();
  process.kill(pid, 'SIGKILL');
  await eventually(async () => {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  });
}

async function startBff(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../main.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGODB_URI: t.config.MONGODB_URI,
      MONGODB_DB: t.config.MONGODB_DB,
      REDIS_URL: t.config.REDIS_URL,
      REDIS_PREFIX: `test:${t.runId}`,
      MQTT_URL: t.config.MQTT_URL,
      MQTT_USERNAME: t.config.MQTT_USERNAME,
      MQTT_PASSWORD: t.config.MQTT_PASSWORD,
      JWT_SECRET: t.config.JWT_SECRET,
      INSTANCE_ID: `durable-${t.runId}`.slice(0, 40),
      // Info, to see when the bridge has subscribed ("background work started").
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Listening comes before the bridge's subscriptions, and a first session's messages published before
  // them would go to nobody: wait for the background work, the bridge included, to have started.
  let log = '';
  const started = new Promise<void>((resolve) =>
    child.stdout?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4096);
      if (log.includes('"msg":"background work started"')) resolve();
    }),
  );
  await waitForPort('127.0.0.1', port, 30_000, 'the BFF');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    started,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('the BFF did not start its background work')), 30_000);
    }),
  ]).finally(() => clearTimeout(timer));
  return child;
}

async function killBff(): Promise<void> {
  const child = bff as ChildProcess;
  bff = null;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  mongoPort = await freePort();
  redisPort = await freePort();
  mongoService = await startMongo();
  redisService = await startRedis();
  // This process only serves the API (and registers the devices); the bridge runs in a BFF child.
  t = await startTestApp('device_durability', {
    background: false,
    redisUrl: redisService.redis.url,
    env: { MONGODB_URI: mongoService.mongodb.url },
  });
  admin = (await t.loginAs('admin', '持久化测试管理员')).token;
  for (let index = 0; index < 4; index += 1) {
    detectors.push(
      await connectDevice(t, admin, {
        id: uniqueDeviceId('smoke'),
        type: 'smoke_detector',
        street: '南石头街道',
        lat: 23.0865,
        lng: 113.2485,
        householdId: `hh-${uniqueDeviceId('d')}`,
      }),
    );
  }
}, 60_000);

afterAll(async () => {
  if (bff) await killBff();
  await Promise.all(detectors.map((detector) => detector.close()));
  await t.close();
  await redisService?.stop();
  await mongoService?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('device events acknowledged by the broker', () => {
  it('each end as one count of one alarm through a Redis kill -9 and a BFF kill -9', async () => {
    const acknowledged = new Map<string, number>(detectors.map((detector) => [detector.id, 0]));
    const redis = new Redis(redisPort, '127.0.0.1', {
      keyPrefix: `test:${t.runId}:`,
      maxRetriesPerRequest: 1,
    });
    redis.on('error', () => undefined);
    const stored = (detector: TestDevice) => redis.zcard(`devices:recent:${detector.id}`);
    let seq = 0;
    /**
     * Each detector publishes `count` smoke events with QoS 1; resolves once the broker acknowledged
     * them. Device time is the real clock: the BFF child runs on it, not on the test's manual clock.
     */
    const publish = async (count: number) => {
      for (let round = 0; round < count; round += 1) {
        seq += 1;
        for (const detector of detectors) {
          await detector.send('event', { ts: Date.now(), type: 'smoke_detected', confidence: 0.9 }, seq);
          acknowledged.set(detector.id, (acknowledged.get(detector.id) ?? 0) + 1);
        }
      }
    };
    const alarmCounts = async () =>
      Promise.all(
        detectors.map(async (detector) => {
          const list = alarmListSchema.parse(
            (await t.http.get(`/api/alarms?deviceId=${detector.id}`).set(auth(admin)).expect(200)).body,
          );
          return {
            alarms: list.items.length,
            count: list.items[0]?.count ?? 0,
            expected: acknowledged.get(detector.id),
          };
        }),
      );

    try {
      const port = await freePort();
      bff = await startBff(port);
      await publish(2);
      await eventually(async () => (await alarmCounts()).every((item) => item.count === 2), 20_000);

      // MongoDB down: the bridge still stores and acknowledges, nothing can be processed.
      await (mongoService as LocalServices).stop();
      mongoService = null;
      await publish(3);
      await eventually(
        async () => (await Promise.all(detectors.map(stored))).every((count) => count === 5),
        20_000,
      );

      // Redis killed with those events unprocessed, and restarted from its append-only file.
      await killRedis();
      redisService = await startRedis();
      expect(await Promise.all(detectors.map(stored))).toEqual(detectors.map(() => 5));
      await publish(2);
      await eventually(
        async () => (await Promise.all(detectors.map(stored))).every((count) => count === 7),
        30_000,
      );

      // The BFF killed too; what arrives meanwhile waits at the broker for its session.
      await killBff();
      await publish(1);
      mongoService = await startMongo();
      bff = await startBff(port);

      await eventually(
        async () => (await alarmCounts()).every((item) => item.count === item.expected),
        60_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const settled = await alarmCounts();
      expect(settled).toEqual(settled.map(() => ({ alarms: 1, count: 8, expected: 8 })));
    } finally {
      redis.disconnect();
    }
  }, 180_000);
});
