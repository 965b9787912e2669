// Statistics endpoints with 200,000 tickets stored, against the real stack, with a same-run baseline
// (GET /healthz). Tickets are written straight to the collection in large batches, then the facts and
// summaries come from the rebuild (timed). Prints p50/p95 per endpoint and range; asserts nothing.
import { benchConnections } from './benchConnections';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { beijingDate, categoryCodes, type CategoryCode } from '@jiefang/contracts';
import { createApp } from '../src/app';
import { ManualClock } from '../src/infra/clock';
import { createLogger } from '../src/infra/logger';
import { loadDistrict } from '../src/modules/district/district';
import { statisticsKeys } from '../src/modules/statistics/statisticsKeys';
import { statisticsParts } from '../src/modules/statistics/statisticsParts';
import { sitesInside } from './benchSites';
import { percentile } from './loadDriver';

const ticketCount = Number(process.env.BENCH_TICKETS ?? 200_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 40);
/** A database kept from an earlier run (`BENCH_DATABASE`): its tickets and statistics are measured again. */
const keptDatabase = process.env.BENCH_DATABASE;
const dayMs = 86_400_000;
const minute = 60_000;

/** A small deterministic generator, so two runs store the same tickets. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

async function main() {
  const { database, config, mongo, redis, mqtt } = await benchConnections(
    'bench_statistics',
    {},
    keptDatabase,
  );
  const clock = new ManualClock(new Date());
  const logger = createLogger('silent');
  // No background work: the figures are of the endpoints alone.
  const app = createApp({ config, mongo, redis, mqtt, clock, logger });
  const server = http.createServer(app.koa.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  try {
    // 1. Tickets over the last year, straight into the collection.
    const district = loadDistrict();
    const streets = district.features.map(({ properties }) => ({
      id: properties.id,
      squadId: properties.squadId,
      sites: sitesInside(500, 7, properties.id),
      grids: district.grids
        .filter((grid) => grid.properties.streetId === properties.id)
        .map((grid) => grid.properties.id),
      officers: Array.from({ length: 40 }, (_, index) => `bench-officer-${properties.id}-${index}`),
    }));
    const next = random(42);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
    const now = clock.now().getTime();
    const tickets = mongo.collection('tickets');
    const kept = keptDatabase ? await tickets.estimatedDocumentCount() : 0;
    if (kept && kept !== ticketCount)
      throw new Error(`${database} holds ${kept} tickets, not BENCH_TICKETS=${ticketCount}`);
    const insertStarted = performance.now();
    let batch: Array<Record<string, unknown>> = [];
    // A kept database has them all already (the generator is deterministic: the same tickets).
    for (let index = kept; index < ticketCount; index += 1) {
      const street = pick(streets);
      const reportedAt = now - Math.floor(next() * 365 * dayMs);
      const open = now - reportedAt < 2 * dayMs && next() < 0.3;
      const officer = pick(street.officers);
      const at = (minutes: number) => new Date(reportedAt + minutes * minute);
      const accept = 1 + next() * 4;
      const onSite = accept + 3 + next() * 15;
      const resolve = onSite + 10 + next() * 120;
      const reopened = !open && next() < 0.04;
      const breached = onSite > 15;
      const timeline = [
        {
          at: at(0),
          action: 'report',
          from: null,
          to: 'dispatch_queue',
          actorId: 'bench-resident',
          actorRole: 'resident',
        },
        {
          at: at(0.2),
          action: 'assign',
          from: 'dispatch_queue',
          to: 'assigned',
          actorId: null,
          actorRole: 'system',
        },
        ...(open
          ? []
          : [
              {
                at: at(accept),
                action: 'accept',
                from: 'assigned',
                to: 'accepted',
                actorId: officer,
                actorRole: 'officer',
              },
              ...(breached
                ? [
                    {
                      at: at(15),
                      action: 'sla_breached',
                      from: 'accepted',
                      to: 'accepted',
                      actorId: null,
                      actorRole: 'system',
                    },
                  ]
                : []),
              {
                at: at(onSite),
                action: 'check_in',
                from: 'accepted',
                to: 'on_site',
                actorId: officer,
                actorRole: 'officer',
              },
              {
                at: at(resolve),
                action: 'resolve',
                from: 'on_site',
                to: 'resolved',
                actorId: officer,
                actorRole: 'officer',
              },
              ...(reopened
                ? [
                    {
                      at: at(resolve + 60),
                      action: 'reopen',
                      from: 'resolved',
                      to: 'reopened',
                      actorId: 'bench-resident',
                      actorRole: 'resident',
                    },
                  ]
                : []),
            ]),
      ];
      const rating =
        !open && !reopened && next() < 0.5
          ? { score: 1 + Math.floor(next() * 5), comment: '', at: at(resolve + 30), by: 'bench-resident' }
          : null;
      const site = pick(street.sites);
      batch.push({
        _id: `bench-${index.toString(36).padStart(6, '0')}`,
        category: pick(categoryCodes) as CategoryCode,
        priority: 'normal',
        department: 'urban_management',
        location: site,
        address: '压测地址',
        description: '压测',
        reporters: [{ userId: 'bench-resident', anonymous: false, at: at(0) }],
        reporterIds: ['bench-resident'],
        reporterCount: next() < 0.1 ? 2 : 1,
        photos: [],
        routing: 'single',
        streetId: street.id,
        squadId: street.squadId,
        gridId: street.grids.length ? pick(street.grids) : null,
        status: open ? 'assigned' : reopened ? 'reopened' : 'resolved',
        version: timeline.length + (rating ? 1 : 0),
        assigneeId: open ? officer : reopened ? null : officer,
        assignmentSeq: 1,
        refusedBy: [],
        reportedAt: at(0),
        updatedAt: at(resolve),
        slaStartedAt: at(0),
        slaRound: reopened ? 2 : 1,
        deadlines: { acceptBy: null, warnAt: at(10), breachAt: at(15) },
        slaWarned: breached,
        slaBreached: breached,
        onSiteAt: open ? null : at(onSite),
        resolvedAt: open ? null : at(resolve),
        resolution: null,
        rating,
        timeline,
        pendingNotifications: [],
      });
      if (batch.length === 5000) {
        await tickets.insertMany(batch, { ordered: false });
        batch = [];
        if ((index + 1) % 50_000 === 0) console.error(`${index + 1} tickets stored`);
      }
    }
    if (batch.length) await tickets.insertMany(batch, { ordered: false });
    const insertSeconds = (performance.now() - insertStarted) / 1000;

    // 2. Facts and summaries from the tickets, as `npm run statistics:rebuild -- --fresh` does.
    const rebuildStarted = performance.now();
    if (!kept || process.env.BENCH_REBUILD !== '0')
      await statisticsParts({ mongo, redis, clock, logger }).rebuild(true);
    const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
    console.error(
      `stored in ${insertSeconds.toFixed(1)} s, rebuilt in ${rebuildSeconds.toFixed(1)} s; measuring`,
    );

    // 3. Timed requests, one at a time, after a few to warm up.
    const login = (await (
      await fetch(`${base}/api/auth/dev-login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ role: 'dispatcher', name: '压测调度员' }),
      })
    ).json()) as { token: string };
    const headers = { Authorization: `Bearer ${login.token}` };
    const measure = async (path: string, beforeEach: () => unknown = () => undefined) => {
      const times: number[] = [];
      for (let index = 0; index < samples + 3; index += 1) {
        await beforeEach();
        const started = performance.now();
        const response = await fetch(`${base}${path}`, { headers });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        if (index >= 3) times.push(performance.now() - started);
      }
      return { p50: percentile(times, 50), p95: percentile(times, 95) };
    };
    const today = beijingDate(now);
    const dayBefore = (days: number) => beijingDate(now - days * dayMs);
    const rows: Array<[string, { p50: number; p95: number }]> = [];
    const baseline = await measure('/healthz');
    rows.push(['GET /healthz (baseline)', baseline]);
    for (const days of [7, 31, 365]) {
      const range = `from=${dayBefore(days - 1)}&to=${today}`;
      rows.push([`tickets, ${days} days, by day`, await measure(`/api/statistics/tickets?${range}`)]);
      rows.push([
        `tickets, ${days} days, by week`,
        await measure(`/api/statistics/tickets?${range}&granularity=week`),
      ]);
      rows.push([
        `tickets, ${days} days, one street`,
        await measure(`/api/statistics/tickets?${range}&street=chigang`),
      ]);
      rows.push([`alarms, ${days} days`, await measure(`/api/statistics/alarms?${range}`)]);
    }
    // As after Redis lost the summaries' tokens: every summary read and parsed again.
    rows.push([
      'tickets, 365 days, by day, nothing remembered',
      await measure(`/api/statistics/tickets?from=${dayBefore(364)}&to=${today}`, () =>
        redis.del(statisticsKeys.summaryTokens),
      ),
    ]);
    rows.push([
      'ranking, last month',
      await measure(`/api/statistics/ranking?month=${dayBefore(31).slice(0, 7)}`),
    ]);
    rows.push(['ranking, this month', await measure(`/api/statistics/ranking?month=${today.slice(0, 7)}`)]);
    // Past their caches (5 s and 30 s) before every request, so each is computed.
    rows.push([
      'live counters (uncached)',
      await measure('/api/statistics/live', () => clock.advance(31_000)),
    ]);
    rows.push(['public board (uncached)', await measure('/api/public/board', () => clock.advance(31_000))]);

    console.log(
      `tickets stored: ${ticketCount} (insert ${insertSeconds.toFixed(1)} s, rebuild ${rebuildSeconds.toFixed(1)} s)`,
    );
    console.log(`samples per row: ${samples}`);
    console.log('| request | p50 ms | p95 ms | p95 / baseline p95 |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const [name, figures] of rows)
      console.log(
        `| ${name} | ${figures.p50.toFixed(1)} | ${figures.p95.toFixed(1)} | ${(figures.p95 / baseline.p95).toFixed(1)} |`,
      );
  } finally {
    server.close();
    await app.close();
    if (keptDatabase) console.error(`kept: BENCH_DATABASE=${database}`);
    else {
      await mongo.dropDatabase().catch(() => undefined);
      const keys = await redis.keys(`bench:${database}:*`);
      for (let start = 0; start < keys.length; start += 500)
        await redis.del(
          ...keys.slice(start, start + 500).map((key) => key.slice(`bench:${database}:`.length)),
        );
    }
    await mongo.close();
    redis.disconnect();
    await mqtt.endAsync();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
