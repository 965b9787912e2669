// Report intake throughput and latency against the real stack, with a same-run baseline: a bare Koa
// endpoint doing one insert into the same database. Prints figures; asserts nothing.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import sharp from 'sharp';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { systemClock } from '../src/infra/clock';
import { startLocalServices } from '../src/infra/launcher/launcher';
import { createLogger } from '../src/infra/logger';
import { connectMongo } from '../src/infra/mongo';
import { connectMqtt } from '../src/infra/mqtt';
import { connectRedis } from '../src/infra/redis';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describeLoad, percentile, type LoadResult } from './loadDriver';

const durationMs = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);

/** Runs one load phase in a separate Node process, so the client's CPU does not count against the server. */
async function loadFromOwnProcess(
  job: Record<string, unknown>,
): Promise<LoadResult & { assignLatenciesMs: number[]; queued: number }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'loadClient.ts'), JSON.stringify(job)],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as LoadResult & { assignLatenciesMs: number[]; queued: number };
}

const listen = async (handler: http.RequestListener) => {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

async function main() {
  const services = await startLocalServices();
  const database = `bench_${Date.now()}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: services.mongodb.url,
    MONGODB_DB: database,
    REDIS_URL: services.redis.url,
    MQTT_URL: services.mqtt.url,
    MQTT_USERNAME: services.mqtt.username,
    MQTT_PASSWORD: services.mqtt.password,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    DEV_LOGIN: '1',
    REPORT_RATE_LIMIT: '1000000',
    REDIS_PREFIX: `bench:${database}`,
    LOG_LEVEL: 'silent',
  });
  const mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  // The BFF's own connectors, so the bench runs with production's client settings.
  const redis = await connectRedis(config.REDIS_URL, `bench:${database}:`);
  const mqtt = await connectMqtt({
    url: config.MQTT_URL,
    clientId: `bench-${database}`,
    username: config.MQTT_USERNAME,
    password: config.MQTT_PASSWORD,
  });
  const app = createApp({ config, mongo, redis, mqtt, clock: systemClock, logger: createLogger('silent') });
  await app.startBackgroundWork();
  const bff = await listen(app.koa.callback());

  // Baseline: the least a report endpoint could do — parse JSON and insert one document.
  const baselineApp = new Koa();
  const baselineCollection = mongo.collection('bench_baseline');
  baselineApp.use(async (ctx) => {
    await baselineCollection.insertOne({ at: new Date(), path: ctx.path });
    ctx.body = { ok: true };
  });
  const baseline = await listen(baselineApp.callback());

  const post = (url: string, init: RequestInit) => fetch(url, { method: 'POST', ...init });
  const json = (body: unknown, token?: string) => ({
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

  // Officers on duty across 赤岗街道 (each takes up to three tickets; the rest queue for the
  // dispatcher, as they would with every officer busy) and residents to report.
  const officers = Number(process.env.BENCH_OFFICERS ?? 120);
  for (let index = 0; index < officers; index += 1) {
    const login = (await (
      await post(
        `${bff.base}/api/auth/dev-login`,
        json({ role: 'officer', name: `压测队员${index}`, street: '赤岗街道' }),
      )
    ).json()) as { token: string };
    await post(`${bff.base}/api/officer/duty`, json({ onDuty: true, travelMode: 'ebike' }, login.token));
    await post(
      `${bff.base}/api/officer/location`,
      json(
        { lat: 23.098 + (index % 6) * 0.003, lng: 113.303 + (Math.floor(index / 6) % 10) * 0.0035 },
        login.token,
      ),
    );
  }
  const residentTokens: string[] = [];
  for (let index = 0; index < 20; index += 1) {
    const login = (await (
      await post(`${bff.base}/api/auth/dev-login`, json({ role: 'resident', name: `压测居民${index}` }))
    ).json()) as { token: string };
    residentTokens.push(login.token);
  }
  const tinyPhoto = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#777' } })
    .png()
    .toBuffer();
  const runId = Date.now().toString(36);
  const job = {
    photoBase64: tinyPhoto.toString('base64'),
    runId,
    durationMs,
    concurrency,
    tokens: residentTokens,
  };
  const baselineResult = await loadFromOwnProcess({ ...job, mode: 'baseline', url: `${baseline.base}/` });
  const reportResult = await loadFromOwnProcess({ ...job, mode: 'reports', url: `${bff.base}/api/reports` });
  const assignLatencies = reportResult.assignLatenciesMs;
  const assigned = assignLatencies.length;

  const baselineRate = baselineResult.completed / baselineResult.seconds;
  const reportRate = reportResult.completed / reportResult.seconds;
  console.log(
    `\nReport intake benchmark — ${concurrency} concurrent clients in their own process, ${durationMs / 1000} s each, MongoDB at ${services.mongodb.url} (${services.mongodb.provider})`,
  );
  console.log(describeLoad('baseline: bare Koa, one insert', baselineResult));
  // The target is for intake without photos; the API needs one, so each report carries a tiny one.
  console.log(describeLoad('POST /api/reports (one 8×8 photo)', reportResult));
  console.log(
    `submission → assigned               p50 ${percentile(assignLatencies, 50).toFixed(1)} ms  p99 ${percentile(assignLatencies, 99).toFixed(1)} ms  (${assigned} assigned within the request, ${reportResult.queued} queued for a dispatcher once all ${officers} officers held three)`,
  );
  console.log(`ratio report intake / baseline       ${(reportRate / baselineRate).toFixed(3)}`);
  console.log(`targets: ≥ 300 reports/s with p99 < 150 ms; assignment p99 < 1 s`);

  await app.close();
  await new Promise<void>((resolve) => bff.server.close(() => resolve()));
  await new Promise<void>((resolve) => baseline.server.close(() => resolve()));
  await mongo.dropDatabase();
  await mongo.close();
  const keys = await redis.keys(`bench:${database}:*`);
  if (keys.length) await redis.del(...keys.map((key) => key.slice(`bench:${database}:`.length)));
  redis.disconnect();
  await mqtt.endAsync();
  await services.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
