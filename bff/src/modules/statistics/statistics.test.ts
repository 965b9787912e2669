import {
  liveCountersSchema,
  monthlyRankingSchema,
  publicBoardSchema,
  ticketStatisticsSchema,
  type TicketStatistics,
} from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { auth, north, officerOnDuty, phonePhoto, submitReport } from '../../testing/reportFixtures';
import { ticketStatisticsSource } from '../tickets/ticketStatisticsSource';
import { statisticsKeys } from './statisticsKeys';
import { bucketIdOf, factKey, summaryId } from './statisticsStore';
import { createLogger } from '../../infra/logger';
import { statisticsParts as partsOver } from './statisticsParts';

// Six tickets through their lifecycles over HTTP take a while on a busy machine.
jest.setTimeout(180_000);

let t: TestApp;
let dispatcher: { token: string; userId: string };
beforeAll(async () => {
  t = await startTestApp('statistics');
  dispatcher = await t.loginAs('dispatcher', '统计调度员');
});
afterAll(() => t.close());

const day = '2026-11-23'; // the ManualClock's first day (Beijing)
const minutes = (n: number) => t.clock.advance(n * 60_000);

/** Sites inside 赤岗街道 about 700 m apart, so reports neither merge nor share officers. */
const sites = [23.1, 23.106, 23.111].flatMap((lat) =>
  [113.305, 113.312, 113.319, 113.333].map((lng) => ({ lat, lng })),
);
let nextSite = 0;

async function assigned(name: string) {
  const site = sites[nextSite++] as { lat: number; lng: number };
  const officer = await officerOnDuty(t, `统计队员${name}`, north(site, 60));
  const resident = await t.loginAs('resident', `统计居民${name}`);
  const report = await submitReport(t, resident.token, { ...site }, 201);
  expect(report.body.assigneeId).toBe(officer.userId);
  return { site, officer, resident, id: report.body.id as string };
}

const accept = (ticket: Awaited<ReturnType<typeof assigned>>) =>
  t.http.post(`/api/tickets/${ticket.id}/accept`).set(auth(ticket.officer.token));
const checkIn = (ticket: Awaited<ReturnType<typeof assigned>>) =>
  t.http
    .post(`/api/tickets/${ticket.id}/check-in`)
    .set(auth(ticket.officer.token))
    .send(north(ticket.site, 30));
const resolve = (ticket: Awaited<ReturnType<typeof assigned>>, photo: Buffer) =>
  t.http
    .post(`/api/tickets/${ticket.id}/resolve`)
    .set(auth(ticket.officer.token))
    .field('note', '已现场处理完毕，恢复秩序')
    .attach('photos', photo, 'after.jpg');

const figuresOf = async (query: string, token = dispatcher.token): Promise<TicketStatistics> => {
  const { body } = await t.http.get(`/api/statistics/tickets?${query}`).set(auth(token)).expect(200);
  return ticketStatisticsSchema.parse(body);
};
const statisticsParts = (app: TestApp) =>
  partsOver({ mongo: app.mongo, redis: app.redis, clock: app.clock, logger: createLogger('silent') });
const withoutTime = <T extends { generatedAt: string }>(value: T) => ({ ...value, generatedAt: '' });

describe('ticket statistics', () => {
  const tickets: Array<Awaited<ReturnType<typeof assigned>>> = [];

  beforeAll(async () => {
    // Six tickets through different lifecycles, with time passing between the steps.
    for (const name of ['甲', '乙', '丙', '丁', '戊', '己']) tickets.push(await assigned(name));
    const [quick, late, reopened, rated, accepted] = tickets as [
      (typeof tickets)[number],
      (typeof tickets)[number],
      (typeof tickets)[number],
      (typeof tickets)[number],
      (typeof tickets)[number],
    ];
    minutes(2);
    for (const ticket of [quick, late, reopened, rated, accepted]) await accept(ticket).expect(200);
    // A replayed accept changes nothing and counts nothing.
    await accept(quick).expect(409);
    minutes(6);
    for (const ticket of [quick, reopened, rated]) await checkIn(ticket).expect(200);
    minutes(10); // 18 minutes after the reports: past a 15-minute SLA
    await checkIn(late).expect(200);
    minutes(12);
    const photo = await phonePhoto('#999');
    for (const ticket of [quick, late, reopened, rated]) await resolve(ticket, photo).expect(200);
    for (const [ticket, score] of [
      [rated, 2],
      [quick, 5],
    ] as const) {
      await t.http
        .post(`/api/reports/${ticket.id}/rate`)
        .set(auth(ticket.resident.token))
        .send({ score })
        .expect(200);
    }
    await t.http
      .post(`/api/reports/${rated.id}/rate`)
      .set(auth(rated.resident.token))
      .send({ score: 1 })
      .expect(409);
    minutes(30);
    await t.http
      .post(`/api/reports/${reopened.id}/reopen`)
      .set(auth(reopened.resident.token))
      .send({ reason: '摊贩又回来了，仍在占道' })
      .expect(200);
  });

  it('counts what happened, with durations, SLA, reopenings and ratings', async () => {
    const figures = await figuresOf(`from=${day}&to=${day}`);
    expect(figures.totals).toMatchObject({
      tickets: 6,
      reports: 6,
      slaMeasured: 4,
      slaMet: 3,
      resolved: 4,
      reopened: 1,
      reopenRate: 0.25,
      ratings: 2,
      satisfaction: 3.5,
      timeToAccept: { median: 3, p90: 3, count: 5 },
      timeToOnSite: { median: 9, p90: 19, count: 4 },
    });
    expect(figures.byStreet.map((entry) => [entry.id, entry.figures.tickets])).toEqual([['chigang', 6]]);
    expect(figures.bySquad[0]).toMatchObject({ id: 'squad-chigang', name: '赤岗街道综合执法中队' });
    expect(figures.byOfficer).toHaveLength(6);
    expect(figures.byOfficer.map((entry) => entry.name)).toContain('统计队员甲');
    expect(figures.series).toHaveLength(1);
    expect(figures.onSiteDistribution.find((band) => band.fromMinutes === 5)?.tickets).toBe(3);
    expect(figures.heat.reduce((sum, cell) => sum + cell.tickets, 0)).toBe(6);
  });

  it('gives the same figures after a rebuild from the tickets alone', async () => {
    const before = withoutTime(await figuresOf(`from=${day}&to=${day}&granularity=week`));
    const rankingBefore = (
      await t.http.get('/api/statistics/ranking?month=2026-11').set(auth(dispatcher.token)).expect(200)
    ).body;
    const { tickets: rebuilt } = await statisticsParts(t).rebuild(true);
    expect(rebuilt).toBe(6);
    expect(withoutTime(await figuresOf(`from=${day}&to=${day}&granularity=week`))).toEqual(before);
    const rankingAfter = (
      await t.http.get('/api/statistics/ranking?month=2026-11').set(auth(dispatcher.token)).expect(200)
    ).body;
    expect(withoutTime(monthlyRankingSchema.parse(rankingAfter))).toEqual(withoutTime(rankingBefore));
  });

  it('answers ranges of whole weeks and months from their summaries with the same figures', async () => {
    const single = await figuresOf(`from=${day}&to=${day}`);
    const parts = statisticsParts(t);
    await parts.summaries.refreshDirty({ months: true });
    expect(await t.redis.hkeys(statisticsKeys.dirtyWeeks)).toEqual([]);
    const week = await parts.store.summaries([summaryId('week', day, 'all')]);
    expect(week.get(summaryId('week', day, 'all'))?.summary.totals.tickets).toBe(6);
    // A week, a month, and six weeks across two month ends (whole weeks, a whole month, days).
    for (const [from, to] of [
      [day, '2026-11-29'],
      ['2026-11-01', '2026-11-30'],
      ['2026-10-26', '2026-12-06'],
    ] as const) {
      const ranged = await figuresOf(`from=${from}&to=${to}`);
      for (const key of [
        'totals',
        'byStreet',
        'bySquad',
        'byOfficer',
        'byGrid',
        'byCategory',
        'heat',
      ] as const)
        expect(ranged[key]).toEqual(single[key]);
      expect(ranged.series.find((entry) => entry.period === day)?.figures).toEqual(single.totals);
    }
  });

  it('ranks squads and streets by mean score with the rule it used', async () => {
    const { body } = await t.http
      .get('/api/statistics/ranking?month=2026-11')
      .set(auth(dispatcher.token))
      .expect(200);
    const ranking = monthlyRankingSchema.parse(body);
    expect(ranking.rule.base).toBe(100);
    expect(ranking.streets).toHaveLength(4);
    // Scored: quick 100−0, late 100−30, reopened 100−20−20 (reopened, unresolved), rated 100−15.
    expect(ranking.streets[0]).toMatchObject({ rank: 1, id: 'chigang', score: 78.8 }); // (100 + 70 + 60 + 85) / 4, to 0.1
    expect(ranking.streets.slice(1).every((entry) => entry.score === null)).toBe(true);
  });

  it('limits officers and community workers to their street and refuses another', async () => {
    const officer = tickets[0]?.officer as { token: string };
    const own = await figuresOf(`from=${day}&to=${day}`, officer.token);
    expect(own.streetId).toBe('chigang');
    expect(own.totals.tickets).toBe(6);
    await t.http
      .get(`/api/statistics/tickets?from=${day}&to=${day}&street=huazhou`)
      .set(auth(officer.token))
      .expect(403);
    const worker = await t.loginAs('community_worker', '华洲网格员', '华洲街道');
    const theirs = await figuresOf(`from=${day}&to=${day}`, worker.token);
    expect(theirs).toMatchObject({ streetId: 'huazhou', totals: { tickets: 0 } });
    const filtered = await figuresOf(`from=${day}&to=${day}&street=华洲街道`);
    expect(filtered.totals.tickets).toBe(0);
    await t.http
      .get(`/api/statistics/tickets?from=${day}&to=${day}&street=nowhere`)
      .set(auth(dispatcher.token))
      .expect(400);
    const resident = tickets[0]?.resident as { token: string };
    await t.http.get(`/api/statistics/tickets?from=${day}&to=${day}`).set(auth(resident.token)).expect(403);
  });

  it('never lets a late projection of an older version undo a newer fact, and counts a replay once', async () => {
    const parts = statisticsParts(t);
    const ticket = tickets[0] as (typeof tickets)[number];
    const current = await ticketStatisticsSource(t.mongo).byId(ticket.id);
    if (!current) throw new Error('ticket missing');
    const before = await figuresOf(`from=${day}&to=${day}`);
    // Another instance projecting what it saw two changes ago, then the current version twice.
    parts.projection.project([{ ...current, version: (current.version ?? 0) - 2, rating: null }]);
    await parts.projection.flush();
    parts.projection.project([current, current]);
    await parts.projection.flush(true);
    const bucket = bucketIdOf(current.reportedAt.getTime());
    const stored = await parts.store.factsOf(bucket, [factKey(ticket.id)]);
    expect(stored[factKey(ticket.id)]).toMatchObject({ v: current.version, rating: 5 });
    expect(withoutTime(await figuresOf(`from=${day}&to=${day}`))).toEqual(withoutTime(before));
  });

  it('projects a ticket whose write was not followed by its projection (a crash), through the sweep', async () => {
    const parts = statisticsParts(t);
    const ticket = tickets[4] as (typeof tickets)[number];
    // The write happened (check-in) but its projection is lost: the mark stays, the fact does not follow.
    const before = await figuresOf(`from=${day}&to=${day}`);
    const stored = await t.mongo.collection('tickets').findOne({ _id: ticket.id as never });
    const version = (stored?.version as number) + 1;
    await parts.projection.marking(ticket.id, version);
    await t.mongo.collection('tickets').updateOne({ _id: ticket.id as never }, {
      $set: { status: 'on_site', version, onSiteAt: t.clock.now() },
      $push: {
        timeline: {
          at: t.clock.now(),
          action: 'check_in',
          from: 'accepted',
          to: 'on_site',
          actorId: ticket.officer.userId,
          actorRole: 'officer',
        },
      },
    } as never);
    expect((await figuresOf(`from=${day}&to=${day}`)).totals.timeToOnSite?.count).toBe(
      before.totals.timeToOnSite?.count,
    );
    const mark = `${ticket.id}|${version}`;
    minutes(0.25); // within the grace period, the sweep leaves it to the writer
    await parts.projection.sweep();
    expect(await t.redis.zscore(statisticsKeys.pending, mark)).not.toBeNull();
    minutes(1);
    expect(await parts.projection.sweep()).toBeGreaterThanOrEqual(1);
    expect(await t.redis.zscore(statisticsKeys.pending, mark)).toBeNull();
    const after = await figuresOf(`from=${day}&to=${day}`);
    expect(after.totals.timeToOnSite?.count).toBe((before.totals.timeToOnSite?.count ?? 0) + 1);
  });
});

describe('live counters and the public board', () => {
  it('count open and overdue tickets and survive Redis losing the statistics', async () => {
    const read = async () =>
      liveCountersSchema.parse(
        (await t.http.get('/api/statistics/live').set(auth(dispatcher.token)).expect(200)).body,
      );
    minutes(1);
    const live = await read();
    // Open: the untouched one (assigned, long overdue), the reopened one and the one the sweep put on site.
    expect(live).toMatchObject({ streetId: null, openTickets: 3, reportsToday: 6 });
    expect(live.overdueTickets).toBeGreaterThanOrEqual(1);
    expect(live.officersOnDuty).toBeGreaterThanOrEqual(6);

    const keys = await t.redis.keys(`test:${t.runId}:stats:*`);
    await t.redis.del(...keys.map((key) => key.slice(`test:${t.runId}:`.length)));
    await statisticsParts(t).recovery.rebuild?.(async () => undefined);
    minutes(1);
    expect({ ...(await read()), generatedAt: '' }).toEqual({ ...live, generatedAt: '' });
  });

  it('shows streets and overdue places to anyone, without ids, names or what was said', async () => {
    minutes(1);
    const response = await t.http.get('/api/public/board').expect(200);
    expect(response.headers['cache-control']).toContain('public');
    const board = publicBoardSchema.parse(response.body);
    expect(board.month).toBe('2026-11');
    const chigang = board.streets.find((street) => street.id === 'chigang');
    expect(chigang).toMatchObject({ openTickets: 3, monthSlaAttainment: 0.6 });
    expect(board.overdue.length).toBe(chigang?.overdueTickets);
    for (const point of board.overdue) {
      expect(Math.round(point.lat * 1000) / 1000).toBe(point.lat);
      expect(point.categoryName).toBeTruthy();
    }
    const text = JSON.stringify(board);
    expect(text).not.toContain('统计居民');
    expect(text).not.toContain('有人占道摆卖');
    expect(text).not.toMatch(/[0-9a-f]{24}/);
  });
});
