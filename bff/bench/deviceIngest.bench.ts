// Device telemetry ingest through the MQTT bridge against the real stack (broker with per-device
// accounts, Redis, MongoDB), with a same-run baseline: a bare mqtt.js subscriber receiving the same
// stream from the same broker. Prints figures; asserts nothing.
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import mqtt from 'mqtt';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { systemClock } from '../src/infra/clock';
import { startLocalServices } from '@jiefang/dev-services';
import { createLogger } from '../src/infra/logger';
import { deviceBrokerAccounts } from '../src/modules/devices/deviceBrokerAccounts';
import { connectMongo } from '../src/infra/mongo';
import { connectMqtt } from '../src/infra/mqtt';
import { percentile } from './loadDriver';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const rate = Number(process.env.BENCH_RATE ?? 6000);
const meterCount = Number(process.env.BENCH_METERS ?? 200);
const detectorCount = Number(process.env.BENCH_DETECTORS ?? 60);

interface PublisherResult {
  sent: number;
  acknowledged: number;
  publishMs: number;
  events: Array<{ deviceId: string; ts: number; seq: number; sentAt: number }>;
  lastSeq: number;
}

async function publish(job: Record<string, unknown>): Promise<PublisherResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'devicePublisher.ts'), JSON.stringify(job)],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as PublisherResult;
}

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);

async function main() {
  const services = await startLocalServices();
  const database = `bench_devices_${Date.now()}`;
  const prefix = `bench:${database}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: services.mongodb.url,
    MONGODB_DB: database,
    REDIS_URL: services.redis.url,
    REDIS_PREFIX: prefix,
    MQTT_URL: services.mqtt.url,
    MQTT_USERNAME: services.mqtt.username,
    MQTT_PASSWORD: services.mqtt.password,
    INSTANCE_ID: 'bench',
    BRIDGE_CONNECTIONS: process.env.BRIDGE_CONNECTIONS ?? '8',
    // The scale-out setting: readings split over several connections.
    BRIDGE_SUBSCRIPTION: process.env.BRIDGE_SUBSCRIPTION ?? 'shared',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    DEV_LOGIN: '1',
    LOG_LEVEL: 'silent',
  });
  const mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  const redis = new Redis(config.REDIS_URL, { keyPrefix: `${prefix}:`, enableAutoPipelining: true });
  const control = await connectMqtt({
    url: config.MQTT_URL,
    clientId: `bench-${database}`,
    username: config.MQTT_USERNAME,
    password: config.MQTT_PASSWORD,
  });
  const app = createApp({
    config,
    mongo,
    redis,
    mqtt: control,
    clock: systemClock,
    logger: createLogger('silent'),
  });
  const server = http.createServer(app.koa.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (route: string, token: string | null, body: unknown) => {
    const response = await fetch(`${base}${route}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  const admin = (await post('/api/auth/dev-login', null, { role: 'admin', name: '压测管理员' }))
    .token as string;
  const register = async (id: string, type: string, extra: Record<string, unknown>) => {
    const created = await post('/api/devices', admin, {
      id,
      type,
      street: 'chigang',
      lat: 23.1066,
      lng: 113.3245,
      ...extra,
    });
    return { id, secret: created.secret as string };
  };
  const tag = Date.now().toString(36);
  const meters = [];
  for (let index = 0; index < meterCount; index += 1) {
    meters.push(await register(`bm-${tag}-${index}`, 'noise_meter', { zoneClass: '4a' }));
  }
  const detectors = [];
  for (let index = 0; index < detectorCount; index += 1) {
    detectors.push(
      await register(`bd-${tag}-${index}`, 'charging_detector', { householdId: `bench-${index}` }),
    );
  }
  const job = {
    url: config.MQTT_URL,
    meters,
    detectors: [] as typeof detectors,
    ratePerSecond: rate,
    seconds,
    eventEveryMs: 0,
  };

  // Baseline: a bare subscriber with the BFF's account on the same broker and stream.
  const bare = await mqtt.connectAsync(config.MQTT_URL, {
    username: config.MQTT_USERNAME,
    password: config.MQTT_PASSWORD,
    reconnectPeriod: 0,
  });
  let bareReceived = 0;
  let bareFirst = 0;
  let bareLast = 0;
  bare.on('message', () => {
    bareReceived += 1;
    bareLast = Date.now();
    bareFirst ||= bareLast;
  });
  await bare.subscribeAsync('devices/+/telemetry', { qos: 1 });
  const baselinePublished = await publish({ ...job, seqStart: 1 });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await bare.endAsync();

  // The bridge: validation, (device, ts, seq) deduplication, the uplink log, rules and state, alarms.
  await app.startBackgroundWork();
  // When each alarm was first announced; matched to the detections' send times afterwards.
  const announcedAt = new Map<string, number>();
  const listener = redis.duplicate();
  await listener.subscribe(`${prefix}:alarms:changed`);
  listener.on('message', (_channel: string, alarmId: string) => {
    if (!announcedAt.has(alarmId)) announcedAt.set(alarmId, Date.now());
  });
  const before = { ...app.deviceMetrics().processor };
  const cpuBefore = process.cpuUsage();
  const phaseStarted = Date.now();
  const eventEveryMs = Math.max(50, Math.floor((seconds * 1000) / (detectorCount + 1)));
  const publishing = publish({ ...job, detectors, eventEveryMs, seqStart: baselinePublished.lastSeq + 1 });
  const bridgePublished = await publishing;
  const atPublishEnd = {
    stored: app.deviceMetrics().bridge.stored,
    processed: app.deviceMetrics().processor.processed,
    at: Date.now(),
  };
  // Wait for the processor to catch up with everything the broker accepted.
  const expected = before.processed + bridgePublished.acknowledged + bridgePublished.events.length;
  const drainDeadline = Date.now() + 120_000;
  while (app.deviceMetrics().processor.processed < expected && Date.now() < drainDeadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const drainedAt = Date.now();
  const cpu = process.cpuUsage(cpuBefore);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const latencies = bridgePublished.events.flatMap((event) => {
    const seen = announcedAt.get(`${event.deviceId}:indoor_charging:${event.ts}:${event.seq}`);
    return seen === undefined ? [] : [seen - event.sentAt];
  });
  const metrics = app.deviceMetrics();

  const baselineRate = perSecond(bareReceived, Math.max(1, bareLast - bareFirst));
  const bridgeRate = perSecond(metrics.processor.processed - before.processed, drainedAt - phaseStarted);
  console.log(
    `device ingest, ${meterCount} noise meters + ${detectorCount} detectors, target ${rate} msg/s for ${seconds} s`,
  );
  console.log(
    `baseline: bare mqtt.js subscriber      ${baselineRate} msg/s received (${bareReceived}/${baselinePublished.acknowledged} accepted by the broker)`,
  );
  console.log(
    `bridge: stored and processed           ${bridgeRate} msg/s end to end (${metrics.processor.processed - before.processed} processed, ` +
      `${metrics.bridge.duplicates} duplicates, ${metrics.processor.errors} errors; drained ${((drainedAt - phaseStarted) / 1000).toFixed(1)} s after start)`,
  );
  console.log(
    `event → alarm                          p90 ${percentile(latencies, 90).toFixed(0)} ms  max ${Math.max(...latencies).toFixed(0)} ms`,
  );
  console.log(
    `event → alarm                          p50 ${percentile(latencies, 50).toFixed(0)} ms  p99 ${percentile(latencies, 99).toFixed(0)} ms  (${latencies.length}/${bridgePublished.events.length} alarms seen)`,
  );
  console.log(
    `when publishing ended (${((atPublishEnd.at - phaseStarted) / 1000).toFixed(1)} s): bridge had stored ${atPublishEnd.stored}, processor had processed ${atPublishEnd.processed - before.processed}`,
  );
  console.log('bridge counters', JSON.stringify(metrics.bridge));
  console.log(
    `BFF process CPU during the phase     ${(((cpu.user + cpu.system) / 1000 / (drainedAt - phaseStarted)) * 100).toFixed(0)}% of one core`,
  );
  console.log(`ratio bridge / bare subscriber        ${(bridgeRate / Math.max(1, baselineRate)).toFixed(3)}`);

  listener.disconnect();
  await app.close();
  // The broker keeps every account in one file it rewrites on each change: leave none behind.
  const accounts = deviceBrokerAccounts({ mqtt: control, managed: true, logger: createLogger('silent') });
  await accounts.revoke([...meters, ...detectors].map((device) => device.id));
  accounts.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await mongo.dropDatabase();
  await mongo.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys.map((key) => key.slice(prefix.length + 1)));
  redis.disconnect();
  await control.endAsync();
  await services.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
