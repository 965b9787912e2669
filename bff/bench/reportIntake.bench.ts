// Report intake throughput and latency against the real stack, with a same-run baseline: a bare Koa
// endpoint doing one insert into the same database. Prints figures; asserts nothing.
import { benchConnections } from './benchConnections';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import sharp from 'sharp';
import { createApp } from '../src/app';
import { systemClock } from '../src/infra/clock';
import { createLogger } from '../src/infra/logger';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { benchStreets, sitesInside } from './benchSites';
import { describeLoad, percentile, type LoadResult } from './loadDriver';

const durationMs = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);

/** Runs one load phase in a separate Node process, so the client's CPU does not count against the server. */
type PhaseResult = LoadResult & {
  assignLatenciesMs: number[];
  queued: number;
  uploadSeconds: number;
  outcomes: Record<string, number>;
};

async function loadFromOwnProcess(job: Record<string, unknown>): Promise<PhaseResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'loadClient.ts'), JSON.stringify(job)],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as PhaseResult;
}

const listen = async (handler: http.RequestListener) => {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

async function main() {
  const { services, database, config, mongo, redis, mqtt } = await benchConnections('bench', {
    REPORT_RATE_LIMIT: '1000000',
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

  // Officers on duty in every street (each takes up to three tickets; the rest queue for the
  // dispatcher, as they would with every officer busy) and residents to report.
  const officersPerStreet = Number(process.env.BENCH_OFFICERS_PER_STREET ?? 400);
  const officers = officersPerStreet * benchStreets.length;
  for (const [streetIndex, street] of benchStreets.entries()) {
    const positions = sitesInside(officersPerStreet, 1000 + streetIndex, street.id);
    for (const [index, position] of positions.entries()) {
      const login = (await (
        await post(
          `${bff.base}/api/auth/dev-login`,
          json({ role: 'officer', name: `压测队员${street.name}${index}`, street: street.name }),
        )
      ).json()) as { token: string };
      await post(`${bff.base}/api/officer/duty`, json({ onDuty: true, travelMode: 'ebike' }, login.token));
      await post(`${bff.base}/api/officer/location`, json(position, login.token));
    }
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
  const seconds = durationMs / 1000;
  const targetRate = Number(process.env.BENCH_TARGET_RATE ?? 300);
  const job = {
    photoBase64: tinyPhoto.toString('base64'),
    durationMs,
    concurrency,
    tokens: residentTokens,
    base: bff.base,
    // Uploading is not timed; a closed-loop phase faster than this ends early (its seconds say so).
    uploadsPerResident: Math.ceil((seconds * Math.max(targetRate * 2, 800)) / residentTokens.length),
  };
  const reportsUrl = `${bff.base}/api/reports`;
  const baselineResult = await loadFromOwnProcess({
    ...job,
    runId: `${runId}-baseline`,
    mode: 'baseline',
    url: `${baseline.base}/`,
  });
  // The target's phase first, while officers have room: most of its reports are assigned at once.
  const openResult = await loadFromOwnProcess({
    ...job,
    runId: `${runId}-open`,
    mode: 'reports',
    uploadsPerResident: Math.ceil((targetRate * seconds) / residentTokens.length),
    url: reportsUrl,
    ratePerSecond: targetRate,
  });
  const closedResult = await loadFromOwnProcess({
    ...job,
    runId: `${runId}-closed`,
    mode: 'reports',
    url: reportsUrl,
  });
  const multipartResult = await loadFromOwnProcess({
    ...job,
    runId: `${runId}-multipart`,
    mode: 'multipart',
    url: reportsUrl,
  });

  const rate = (result: LoadResult) => result.completed / result.seconds;
  const assignment = (result: PhaseResult) =>
    `p50 ${percentile(result.assignLatenciesMs, 50).toFixed(1)} ms  p99 ${percentile(result.assignLatenciesMs, 99).toFixed(1)} ms  (${result.assignLatenciesMs.length} assigned within the request, ${result.queued} queued for a dispatcher once the ${officers} officers held three; outcomes ${JSON.stringify(result.outcomes)})`;
  console.log(
    `\nReport intake benchmark — load from its own process, ${seconds} s a phase, MongoDB at ${services.mongodb.url} (${services.mongodb.provider})`,
  );
  console.log(describeLoad(`baseline: bare Koa, one insert (${concurrency} clients)`, baselineResult));
  console.log(
    `(before each JSON phase its photos were uploaded, not timed: ${openResult.uploadSeconds.toFixed(1)} s and ${closedResult.uploadSeconds.toFixed(1)} s)`,
  );
  console.log(describeLoad(`JSON report, open loop at ${targetRate}/s`, openResult));
  console.log(`  submission → assigned             ${assignment(openResult)}`);
  console.log(describeLoad(`JSON report, ${concurrency} clients back to back`, closedResult));
  console.log(`  submission → assigned             ${assignment(closedResult)}`);
  console.log(describeLoad(`multipart with the photo, ${concurrency} clients`, multipartResult));
  console.log(
    `ratio JSON report intake / baseline  ${(rate(closedResult) / rate(baselineResult)).toFixed(3)}`,
  );
  console.log(
    `targets: intake without photos ≥ ${targetRate} reports/s with p99 < 150 ms (the open-loop line); assignment p99 < 1 s`,
  );

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
