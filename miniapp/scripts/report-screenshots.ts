/**
 * Walks through 随手拍 in the H5 build against a running BFF and takes screenshots, in normal and in
 * large-text mode: the form with photos, a validation error, a draft kept while offline (then sent again
 * when the network returns), upload progress, the joined outcome, 我的上报 and a resolved report's detail
 * with its timeline, confirmed and rated.
 *
 *   BASE_URL=http://127.0.0.1:3500 npx tsx miniapp/scripts/report-screenshots.ts
 *
 * Needs a BFF started with the dev login on (scripts/start.ts) and Debian's chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:3500';
const outDir = process.env.OUT_DIR ?? path.resolve(__dirname, '../screenshots');
const password = process.env.DEMO_PASSWORD ?? 'jiefang-demo';
const cantonTower = { latitude: 23.1066, longitude: 113.3245 };

function log(message: string) {
  process.stdout.write(`${message}\n`);
}

async function api<T>(
  route: string,
  options: { token?: string; body?: unknown; form?: FormData; method?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${base}${route}`, {
    method: options.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${route} → ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** A photo-like JPEG drawn in the browser (no image files needed). */
async function makePhoto(page: Page, label: string, hue: number): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ({ label: text, hue: h }) => {
      const canvas = document.createElement('canvas');
      canvas.width = 1600;
      canvas.height = 1200;
      const ctx = canvas.getContext('2d')!;
      const sky = ctx.createLinearGradient(0, 0, 0, 1200);
      sky.addColorStop(0, `hsl(${h}, 45%, 78%)`);
      sky.addColorStop(1, `hsl(${h + 30}, 25%, 45%)`);
      ctx.fillStyle = sky;
      ctx.fillRect(0, 0, 1600, 1200);
      ctx.fillStyle = '#4b4f52';
      ctx.fillRect(0, 760, 1600, 440);
      ctx.fillStyle = '#1d1f20';
      ctx.beginPath();
      ctx.ellipse(800, 960, 260, 110, 0, 0, Math.PI * 2);
      ctx.fill();
      for (let i = 0; i < 400; i += 1) {
        ctx.fillStyle = `rgba(255,255,255,${Math.random() * 0.15})`;
        ctx.fillRect(Math.random() * 1600, Math.random() * 1200, 6, 6);
      }
      ctx.fillStyle = '#ffffff';
      ctx.font = 'bold 120px sans-serif';
      ctx.fillText(text, 80, 200);
      return canvas.toDataURL('image/jpeg', 0.95);
    },
    { label, hue },
  );
  return Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
}

/**
 * The whole page: Taro H5 scrolls an inner element, so Playwright's fullPage sees one screen only; the
 * viewport is stretched to the content's height for the shot instead.
 */
async function shot(page: Page, name: string) {
  const file = path.join(outDir, `${name}.png`);
  await page.waitForTimeout(500); // Taro H5 slides a new page in
  await page
    .waitForFunction(() => Array.from(document.images).every((image) => image.complete), undefined, {
      timeout: 5000,
    })
    .catch(() => log('  (some images still loading)'));
  const height = await page.evaluate(() =>
    Math.max(
      document.documentElement.scrollHeight,
      ...Array.from(document.querySelectorAll('.taro_page, .taro_router, .jf-page')).map(
        (el) => el.scrollHeight,
      ),
    ),
  );
  await page.setViewportSize({ width: 390, height: Math.max(844, Math.ceil(height)) });
  await page.waitForTimeout(150);
  await page.screenshot({ path: file });
  await page.setViewportSize({ width: 390, height: 844 });
  log(`  ${file}`);
}

async function signIn(page: Page, name: string, large: boolean) {
  await page.goto(`${base}/h5/`);
  await page.getByTestId('dev-login-name').fill(name);
  await page.getByTestId('dev-login-role-resident').click();
  await page.getByTestId('dev-login-submit').click();
  await page.getByTestId('home-user-name').waitFor();
  const toggle = page.getByTestId('large-text-toggle');
  if ((await toggle.getAttribute('data-state')) !== (large ? 'on' : 'off')) await toggle.click();
}

async function fillForm(page: Page, photos: Array<{ name: string; buffer: Buffer }>, category: string) {
  await page
    .getByTestId('report-photo-input')
    .setInputFiles(
      photos.map((photo) => ({ name: photo.name, mimeType: 'image/jpeg', buffer: photo.buffer })),
    );
  await page.getByTestId(`report-photo-${photos.length - 1}`).waitFor();
  await page.getByTestId(`report-category-${category}`).click();
  await page.getByTestId('report-location').and(page.locator('[data-source="gps"]')).waitFor();
}

interface Account {
  token: string;
  id: string;
}

interface Ticket {
  id: string;
  status: string;
  assigneeId: string | null;
}

/** Takes a ticket through accept → check-in → resolve (with an after-photo) as the demo officer. */
async function resolveAsOfficer(id: string, officer: Account, admin: Account, large: boolean, page: Page) {
  for (let step = 0; step < 6; step += 1) {
    const ticket = await api<Ticket>(`/api/tickets/${id}`, { token: admin.token });
    if (ticket.status === 'resolved') break;
    if (
      ticket.assigneeId !== officer.id ||
      ticket.status === 'dispatch_queue' ||
      ticket.status === 'reopened'
    ) {
      // Auto-dispatch may have picked another officer on duty: the dispatcher hands it to ours.
      await api(`/api/tickets/${id}/assign`, {
        token: admin.token,
        body: { officerId: officer.id, reason: '演示：指派给赤岗队员1号' },
      });
    } else if (ticket.status === 'assigned') {
      await api(`/api/tickets/${id}/accept`, { token: officer.token, body: {} });
    } else if (ticket.status === 'accepted') {
      await api(`/api/tickets/${id}/check-in`, {
        token: officer.token,
        body: { lat: cantonTower.latitude, lng: cantonTower.longitude },
      });
    } else if (ticket.status === 'on_site') {
      const form = new FormData();
      form.append(
        'note',
        large ? '垃圾已清运，已通知物业加强巡查' : '已加装临时井盖并设置警示，市政已安排更换',
      );
      const after = await makePhoto(page, '处理后', 150);
      form.append('photos', new Blob([new Uint8Array(after)], { type: 'image/jpeg' }), 'after.jpg');
      await api(`/api/tickets/${id}/resolve`, { token: officer.token, form });
      log(`  resolved ${id}`);
    }
  }
}

async function walkthrough(browser: Browser, large: boolean, officer: Account, admin: Account) {
  const suffix = large ? '-large' : '';
  const category = large ? 'garbage' : 'manhole_cover';
  log(large ? 'large-text mode' : 'normal mode');
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    geolocation: { ...cantonTower, accuracy: 15 },
    permissions: ['geolocation'],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`  page error: ${error.message}`));
  await signIn(page, '李阿姨', large);
  await shot(page, `h5-home${suffix}`);

  await page.getByTestId('feature-report.create').click();
  await page.getByTestId(`report-category-${category}`).waitFor();

  // An empty submission: every missing field says what it wants.
  await page.getByTestId('report-submit').click();
  await page.getByTestId('report-error-photos').waitFor();
  await shot(page, `report-validation${suffix}`);

  const photos = [
    { name: 'scene-1.jpg', buffer: await makePhoto(page, '现场 1', 200) },
    { name: 'scene-2.jpg', buffer: await makePhoto(page, '现场 2', 30) },
  ];
  await fillForm(page, photos, category);
  await page
    .getByTestId('report-description')
    .fill(large ? '楼下垃圾堆了三天没人清理，气味很大' : '人行道上井盖缺失，晚上看不清，已经有老人差点踩空');
  await page.getByTestId('report-address').fill('阅江西路 222 号广州塔南门');
  await shot(page, `report-form${suffix}`);

  if (!large) {
    // Offline: the submission is kept as a draft with its key, and sent again when the network returns.
    await context.setOffline(true);
    await page.getByTestId('report-submit').click();
    await page.locator('[data-testid="report-draft"][data-state="failed"]').waitFor();
    await shot(page, `report-draft${suffix}`);
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
  } else {
    // The BFF unreachable (503 from a proxy): the draft is kept, photos included, and sent again by
    // itself when the page is opened anew.
    await page.route('**/api/reports', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>503</h1>' })
        : route.fallback(),
    );
    await page.getByTestId('report-submit').click();
    await page.locator('[data-testid="report-draft"][data-state="failed"]').waitFor();
    await shot(page, `report-draft${suffix}`);
    await page.unroute('**/api/reports');
    await page.reload();
  }
  await page.getByTestId('report-result').waitFor({ timeout: 30_000 });
  const firstOutcome = await page.getByTestId('report-result').getAttribute('data-outcome');
  log(`  first report: ${firstOutcome}`);
  await shot(page, `report-result${suffix}`);

  // A second report of the same kind next to it, on a slow uplink: real byte progress, then 合并.
  await page.getByTestId('report-result-again').click();
  await fillForm(page, [{ name: 'scene-3.jpg', buffer: await makePhoto(page, '同一处', 120) }], category);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 200,
    downloadThroughput: -1,
    uploadThroughput: 12 * 1024,
  });
  await page.getByTestId('report-submit').click();
  await page.locator('[data-testid="report-progress"][data-stage="uploading"]').waitFor();
  await page.waitForTimeout(300);
  await shot(page, `report-progress${suffix}`);
  await page.getByTestId('report-result').waitFor({ timeout: 60_000 });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  log(`  second report: ${await page.getByTestId('report-result').getAttribute('data-outcome')}`);
  await shot(page, `report-result-joined${suffix}`);

  // The officer handles the first report: accept, check in on site, resolve with an after-photo.
  const mine = await api<{ items: Ticket[] }>('/api/reports?mine=1', {
    token: await page.evaluate(() => {
      const raw = localStorage.getItem('jf.session') ?? '';
      try {
        const stored = JSON.parse(raw) as { data?: string } | string;
        const value = typeof stored === 'string' ? stored : (stored.data ?? '');
        return (JSON.parse(value) as { token: string }).token;
      } catch {
        return '';
      }
    }),
  });
  // The open ticket of this category (a report may have joined one left open by an earlier run).
  const open = ['dispatch_queue', 'assigned', 'accepted', 'on_site', 'reopened'];
  const ticket = mine.items.find((item) => item.category === category && open.includes(item.status));
  if (ticket) await resolveAsOfficer(ticket.id, officer, admin, large, page);

  await page.goto(`${base}/h5/#/subpackages/report/mine/index`);
  await page.getByTestId('my-reports').waitFor();
  await shot(page, `my-reports${suffix}`);

  if (ticket) {
    await page.getByTestId(`my-report-${ticket.id}`).click();
    await page.getByTestId('report-status').waitFor();
    await page.waitForTimeout(500);
    await shot(page, `report-detail${suffix}`);
    if ((await page.getByTestId('report-confirm').count()) > 0) {
      await page.getByTestId('report-confirm').click();
      await page.locator('[data-testid="report-status"][data-status="confirmed"]').waitFor();
      if ((await page.getByTestId('report-rate-5').count()) > 0) {
        // Rated once only: a ticket reopened and resolved again keeps its first rating.
        await page.getByTestId('report-rate-5').click();
        await page.getByTestId('report-rate-comment').fill('来得很快，谢谢！');
        await page.getByTestId('report-rate-submit').click();
      }
      await page.getByTestId('report-rating').waitFor();
      await page.waitForTimeout(1800);
      await shot(page, `report-detail-confirmed${suffix}`);
      if (large) {
        // Still not right: reopened within 7 days, with a reason; the ticket goes back to dispatch.
        await page.getByTestId('report-reopen').click();
        await page.getByTestId('report-reopen-reason').fill('垃圾又堆起来了');
        await page.getByTestId('report-reopen-submit').click();
        await page
          .locator(
            '[data-testid="report-status"][data-status="reopened"], [data-testid="report-status"][data-status="assigned"]',
          )
          .waitFor();
        await page.waitForTimeout(1800);
        await shot(page, `report-detail-reopened${suffix}`);
      }
    }
  }
  await context.close();
}

/** Location refused: the resident picks the street and types the address instead. */
async function locationRefused(browser: Browser) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  await signIn(page, '李阿姨', false);
  await page.getByTestId('feature-report.create').click();
  await page.getByTestId('report-street-chigang').click();
  await page.getByTestId('report-submit').click();
  await page.getByTestId('report-error-address').waitFor();
  await shot(page, 'report-location-refused');
  await context.close();
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const login = async (username: string): Promise<Account> => {
    const auth = await api<{ token: string; user: { id: string } }>('/api/auth/login', {
      body: { username, password },
    });
    return { token: auth.token, id: auth.user.id };
  };
  const officer = await login('chigang-officer1');
  const admin = await login('admin');
  await api('/api/officer/duty', { token: officer.token, body: { onDuty: true, travelMode: 'walk' } });
  await api('/api/officer/location', {
    token: officer.token,
    body: { lat: cantonTower.latitude + 0.0004, lng: cantonTower.longitude, accuracy: 10 },
  });

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    for (const large of [false, true]) await walkthrough(browser, large, officer, admin);
    await locationRefused(browser);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
