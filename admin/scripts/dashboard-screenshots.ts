/**
 * Screenshots of 指挥看板 (desktop, normal and large text) and 街道办理公示 (a phone), with every BFF call
 * answered in the browser by figures that satisfy the contracts' schemas, so the pages can be looked at
 * before (or without) a BFF that has the data.
 *
 *   cd admin && npx vite --port 5291 --strictPort &
 *   BASE_URL=http://127.0.0.1:5291/admin/ npx tsx admin/scripts/dashboard-screenshots.ts
 *
 * Needs Debian's chromium; writes docs/screenshots/dashboard.png, dashboard-large.png, public-board.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as contractsModule from '@jiefang/contracts';
import { type TicketFigures } from '@jiefang/contracts';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Route } from 'playwright-core';

// The contracts are TypeScript in a CommonJS package: loaded from this ES module, their named exports
// arrive on `default` (Node cannot see through the re-exports), so take them from wherever they are.
const contracts =
  (contractsModule as typeof contractsModule & { default?: typeof contractsModule }).default ??
  contractsModule;
const {
  alarmStatisticsSchema,
  beijingDate,
  beijingDayNumber,
  beijingDayStart,
  escortStatisticsSchema,
  liveCountersSchema,
  monthlyRankingSchema,
  publicBoardSchema,
  ticketStatisticsSchema,
} = contracts;

const base = process.env.BASE_URL ?? 'http://127.0.0.1:5291/admin/';
const outDir =
  process.env.OUT_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const now = Date.now();
const today = beijingDayNumber(now);

// A fixed sequence, so the screenshots look the same each run.
let seed = 7;
const random = () => {
  seed = (seed * 16807) % 2147483647;
  return (seed - 1) / 2147483646;
};
const between = (low: number, high: number) => Math.round(low + random() * (high - low));

function figures(tickets: number, lateShare = 0.08): TicketFigures {
  const measured = Math.round(tickets * 0.9);
  const breaches = Math.round(measured * lateShare);
  const resolved = Math.round(tickets * 0.8);
  const reopened = Math.round(resolved * 0.04);
  const median = 7 + lateShare * 30 + random() * 2;
  return {
    tickets,
    reports: Math.round(tickets * 1.3),
    slaMeasured: measured,
    slaMet: measured - breaches,
    slaAttainment: measured ? (measured - breaches) / measured : null,
    breaches,
    timeToAccept: { median: 1.2 + random(), p90: 3.5 + random() * 2, count: tickets },
    timeToOnSite: measured ? { median, p90: median + 5 + random() * 4, count: measured } : null,
    timeToResolve: resolved
      ? { median: 38 + random() * 20, p90: 120 + random() * 60, count: resolved }
      : null,
    resolved,
    reopened,
    reopenRate: resolved ? reopened / resolved : null,
    ratings: Math.round(resolved * 0.6),
    satisfaction: resolved ? 4.3 + random() * 0.6 : null,
    closed: { invalid: between(0, 3), duplicate: between(0, 4), not_ours: between(0, 2) },
    score: measured ? 100 - lateShare * 100 - random() * 5 : null,
  };
}

const streets = [
  { id: 'jiangnanzhong', name: '江南中街道', squadId: 'sq-jiangnanzhong', squadName: '江南中中队' },
  { id: 'chigang', name: '赤岗街道', squadId: 'sq-chigang', squadName: '赤岗中队' },
  { id: 'huazhou', name: '华洲街道', squadId: 'sq-huazhou', squadName: '华洲中队' },
  { id: 'ruibao', name: '瑞宝街道', squadId: 'sq-ruibao', squadName: '瑞宝中队' },
  { id: 'binjiang', name: '滨江街道', squadId: 'sq-binjiang', squadName: '滨江中队' },
];
const categories = [
  ['street_vending', '占道经营'],
  ['illegal_parking', '违停'],
  ['noise', '噪音扰民'],
  ['garbage', '垃圾乱放'],
  ['manhole_cover', '井盖缺失'],
  ['ebike_indoor_charging', '电动车违规充电'],
] as const;

const series = Array.from({ length: 30 }, (_, index) => {
  const day = today - 29 + index;
  return { period: beijingDate(beijingDayStart(day)), figures: figures(between(18, 46), random() * 0.18) };
});

const ticketStatistics = ticketStatisticsSchema.parse({
  from: series[0]!.period,
  to: series[29]!.period,
  streetId: null,
  granularity: 'day',
  totals: figures(962, 0.083),
  series,
  byStreet: streets.map((street, index) => ({
    id: street.id,
    name: street.name,
    figures: figures(140 + index * 37, 0.04 + index * 0.025),
  })),
  bySquad: streets.map((street, index) => ({
    id: street.squadId,
    name: street.squadName,
    figures: figures(140 + index * 37, 0.04 + index * 0.025),
  })),
  byOfficer: ['李志强', '陈晓东', '黄伟明', '张建华', '周立新', '吴海涛'].map((name, index) => ({
    id: `o-${index}`,
    name,
    figures: figures(between(20, 60), random() * 0.15),
  })),
  byGrid: ['第一网格', '第二网格', '第三网格'].map((name, index) => ({
    id: `g-${index}`,
    name,
    figures: figures(between(30, 90), random() * 0.12),
  })),
  byCategory: categories.map(([id, name], index) => ({
    id,
    name,
    figures: figures(320 - index * 48, 0.05 + index * 0.02),
  })),
  onSiteDistribution: [
    { fromMinutes: 0, toMinutes: 5, tickets: 156 },
    { fromMinutes: 5, toMinutes: 10, tickets: 388 },
    { fromMinutes: 10, toMinutes: 15, tickets: 249 },
    { fromMinutes: 15, toMinutes: 20, tickets: 48 },
    { fromMinutes: 20, toMinutes: 30, tickets: 19 },
    { fromMinutes: 30, toMinutes: 60, tickets: 9 },
    { fromMinutes: 60, toMinutes: null, tickets: 3 },
  ],
  heat: [
    { lat: 23.1, lng: 113.3, tickets: 12 },
    { lat: 23.095, lng: 113.32, tickets: 30 },
    { lat: 23.105, lng: 113.28, tickets: 5 },
  ],
  generatedAt: new Date(now).toISOString(),
});

const month = beijingDate(now).slice(0, 7);
const ranking = monthlyRankingSchema.parse({
  month,
  rule: {
    base: 100,
    onSiteLate: -20,
    acceptLate: -5,
    reopened: -10,
    perRatingStarBelowFive: -4,
    unresolved: -30,
  },
  squads: streets.map((street, index) => ({
    rank: index + 1,
    id: street.squadId,
    name: street.squadName,
    streetId: street.id,
    score: 97.2 - index * 3.4,
    figures: figures(80 + index * 11, 0.03 + index * 0.03),
  })),
  streets: streets.map((street, index) => ({
    rank: index + 1,
    id: street.id,
    name: street.name,
    streetId: street.id,
    score: 97.2 - index * 3.4,
    figures: figures(80 + index * 11, 0.03 + index * 0.03),
  })),
  generatedAt: new Date(now).toISOString(),
});

const alarms = alarmStatisticsSchema.parse({
  from: ticketStatistics.from,
  to: ticketStatistics.to,
  streetId: null,
  byType: [
    { type: 'noise_exceeded', alarms: 46 },
    { type: 'indoor_charging', alarms: 17 },
    { type: 'smoke', alarms: 4 },
    { type: 'offline', alarms: 9 },
  ],
  ownerAcknowledgement: { median: 3.2, p90: 11.5, count: 58 },
  unacknowledged: 3,
  repeatHouseholds: [
    { householdId: 'h-1', address: '江南中街道 江南大道中 128 号 502', streetId: 'jiangnanzhong', alarms: 6 },
    { householdId: 'h-2', address: '赤岗街道 赤岗北路 33 号 1104', streetId: 'chigang', alarms: 4 },
    { householdId: 'h-3', address: '华洲街道 土华村 东约大街 7 号', streetId: 'huazhou', alarms: 3 },
  ],
  generatedAt: new Date(now).toISOString(),
});

const live = liveCountersSchema.parse({
  streetId: null,
  openTickets: 37,
  overdueTickets: 3,
  waitingForDispatch: 2,
  reportsToday: 41,
  officersOnDuty: 26,
  openAlarms: 5,
  openEscorts: 4,
  generatedAt: new Date(now).toISOString(),
});

const escorts = escortStatisticsSchema.parse({
  streetId: null,
  servicesDone: 128,
  volunteerTurns: 141,
  volunteers: 36,
  hours: 287.5,
  averageRating: 4.8,
  ratings: 97,
  open: 4,
});

const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
const board = publicBoardSchema.parse({
  month,
  streets: streets.map((street, index) => ({
    id: street.id,
    name: street.name,
    openTickets: [6, 9, 4, 7, 0][index],
    overdueTickets: [0, 2, 1, 0, 0][index],
    monthSlaAttainment: [0.962, 0.884, 0.915, 0.94, null][index],
  })),
  overdue: [
    {
      lat: 23.098,
      lng: 113.331,
      category: 'street_vending',
      categoryName: '占道经营',
      streetId: 'chigang',
      reportedAt: minutesAgo(48),
    },
    {
      lat: 23.101,
      lng: 113.335,
      category: 'noise',
      categoryName: '噪音扰民',
      streetId: 'chigang',
      reportedAt: minutesAgo(23),
    },
    {
      lat: 23.091,
      lng: 113.361,
      category: 'illegal_parking',
      categoryName: '违停',
      streetId: 'huazhou',
      reportedAt: minutesAgo(131),
    },
  ],
  generatedAt: new Date(now).toISOString(),
});

const readiness = {
  status: 'ready',
  checks: {
    mongodb: { ok: true, latencyMs: 2.4 },
    redis: { ok: true, latencyMs: 0.6 },
    mqtt: { ok: true, latencyMs: 1.1 },
  },
};
/** The district as GET /api/district answers it, from the BFF's own GeoJSON (data, not code). */
function districtMap(): unknown {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bff/src/modules/district');
  const read = (file: string) =>
    JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { features: unknown[] };
  return { ...read('haizhu-demo.geojson'), grids: read('haizhu-demo-grids.geojson').features };
}

const dispatcher = { id: 'u-dispatcher', name: '陈调度', roles: ['dispatcher'], username: 'dispatcher' };

const answers: Record<string, unknown> = {
  '/api/me': { user: dispatcher },
  '/api/streets': { items: streets },
  '/api/categories': {
    items: categories.map(([code, name]) => ({
      code,
      name,
      department: 'urban_management',
      departmentName: '城管',
      priority: 'normal',
      onSiteSlaMinutes: 15,
    })),
  },
  '/api/statistics/tickets': ticketStatistics,
  '/api/statistics/ranking': ranking,
  '/api/statistics/alarms': alarms,
  '/api/statistics/live': live,
  '/api/escorts/statistics': escorts,
  '/api/public/board': board,
  '/readyz': readiness,
  '/api/district': districtMap(),
  '/api/map/config': { tiles: null },
};

async function answer(route: Route) {
  const url = new URL(route.request().url());
  const body = answers[url.pathname];
  if (body === undefined) {
    // Event streams and anything else the shell asks for: nothing to say.
    await route.fulfill({
      status: 404,
      contentType: 'application/json',
      body: '{"error":{"code":"not_found","message":"-"}}',
    });
    return;
  }
  await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
}

async function prepare(context: BrowserContext, options: { signedIn: boolean; largeText: boolean }) {
  // The BFF's paths only: the dev server's own modules live under /admin/src/api/ and must load.
  await context.route((url) => url.pathname.startsWith('/api/') || url.pathname === '/readyz', answer);
  await context.addInitScript(
    ({ session, largeText }) => {
      if (session) window.localStorage.setItem('jiefang.admin.session', session);
      window.localStorage.setItem('jiefang.admin.largeText', largeText ? '1' : '0');
    },
    {
      session: options.signedIn
        ? JSON.stringify({ token: 'screenshot', expiresAt: '2099-01-01T00:00:00.000Z', user: dispatcher })
        : null,
      largeText: options.largeText,
    },
  );
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  try {
    for (const largeText of [false, true]) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      await prepare(context, { signedIn: true, largeText });
      const page = await context.newPage();
      page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
      await page.goto(`${base}#/`, { timeout: 180_000 });
      try {
        await page.getByTestId('ranking-row-sq-jiangnanzhong').waitFor({ timeout: 120_000 });
      } catch (error) {
        await page.screenshot({ path: path.join(outDir, 'dashboard-failed.png'), fullPage: true });
        throw error;
      }
      await page.getByTestId('sla-trend-chart').locator('svg').waitFor();
      await page.waitForTimeout(1500);
      const file = path.join(outDir, largeText ? 'dashboard-large.png' : 'dashboard.png');
      await page.screenshot({ path: file, fullPage: true });
      process.stdout.write(`${file}\n`);
      await context.close();
    }

    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      locale: 'zh-CN',
    });
    await prepare(phone, { signedIn: false, largeText: false });
    const page = await phone.newPage();
    page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
    // The address residents are given: the BFF serves the panel's index.html there.
    await page.goto(`${base}public`, { timeout: 180_000 });
    try {
      await page.getByTestId('public-overdue-place').first().waitFor({ timeout: 120_000 });
    } catch (error) {
      process.stderr.write(`at ${page.url()}\n`);
      await page.screenshot({ path: path.join(outDir, 'public-board-failed.png'), fullPage: true });
      throw error;
    }
    await page.waitForTimeout(500);
    const file = path.join(outDir, 'public-board.png');
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`${file}\n`);
    await phone.close();
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
