import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { gcj02ToWgs84, metersBetween } from '@jiefang/contracts';
import { reportWithPhoto, scenePhoto } from './reportFixtures';
import { repoRoot } from './stack';
import { useStackAndBrowser } from './suite';

// 广州塔南广场, inside 赤岗街道; a neighbour reported rubbish 25 m north of it a moment ago.
const site = { latitude: 23.1066, longitude: 113.3245 };
const rubbish = { lat: 23.10682, lng: 113.3245 };
const docsShots = path.join(repoRoot, 'docs/screenshots');

/**
 * Tencent's reverse geocoder as the BFF calls it (GET /ws/geocoder/v1/?location=lat,lng&key=…, GCJ-02):
 * the stack is pointed at it, so the address field fills without the internet. It answers with the
 * street of the WGS-84 point it was asked about, so the test sees the pin's own address.
 */
async function tencentGeocoder() {
  const asked: Array<{ lat: number; lng: number }> = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://geocoder');
    const [lat, lng] = (url.searchParams.get('location') ?? '').split(',').map(Number);
    const ok = url.pathname === '/ws/geocoder/v1/' && url.searchParams.get('key') === 'e2e-key';
    response.setHeader('Content-Type', 'application/json');
    if (!ok || lat === undefined || lng === undefined || !Number.isFinite(lat) || !Number.isFinite(lng)) {
      response.end(JSON.stringify({ status: 311, message: 'key格式错误' }));
      return;
    }
    asked.push(gcj02ToWgs84({ lat, lng }));
    response.end(
      JSON.stringify({
        status: 0,
        message: 'query ok',
        result: {
          address: '广东省广州市海珠区阅江西路',
          formatted_addresses: { recommend: '海珠区阅江西路广州塔南广场附近' },
        },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    asked,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let geocoder: Awaited<ReturnType<typeof tencentGeocoder>>;

// The geocoder first: the stack is pointed at it.
const suite = useStackAndBrowser(async () => {
  geocoder = await tencentGeocoder();
  return { env: { GEOCODER: 'tencent', GEOCODER_KEY: 'e2e-key', GEOCODER_BASE_URL: geocoder.url } };
});

after(async () => {
  await geocoder?.close();
});

async function shot(page: Page, name: string) {
  fs.mkdirSync(docsShots, { recursive: true });
  await page.screenshot({ path: path.join(docsShots, `${name}.png`), fullPage: true });
}

describe('随手拍 from the map pin', () => {
  it('a resident pans the map, sees the street named and a nearby ticket, joins it with one tap and gets its reference number', async () => {
    // A neighbour has just reported rubbish a few steps away.
    const neighbour = await suite.api('POST', '/api/auth/dev-login', null, {
      role: 'resident',
      name: '邻居陈先生',
    });
    const neighbourToken = neighbour.body.token as string;
    const existing = await reportWithPhoto(
      suite.stack,
      neighbourToken,
      await scenePhoto(suite.browser, '🗑️'),
      {
        category: 'garbage',
        ...rubbish,
        address: '电话 13900001111 陈先生家楼下',
        description: '垃圾堆了两天没人清',
        key: `e2e-pin-${Date.now().toString(36)}`,
      },
    );

    const context = await suite.phoneContext(site);
    const resident = await context.newPage();
    await resident.goto(`${suite.stack.baseUrl}/h5/`);
    await resident.getByTestId('dev-login-name').fill('王阿姨');
    await resident.getByTestId('dev-login-role-resident').click();
    await resident.getByTestId('dev-login-submit').click();
    await resident.getByTestId('home-user-name').waitFor();
    await resident.getByTestId('feature-report.create').click();

    // The map opens on the GPS fix, with the accuracy, the street under the pin and the address filled in.
    await resident.locator('[data-testid="report-location"][data-source="gps"]').waitFor();
    await resident.locator('.leaflet-container').waitFor();
    await resident.getByTestId('report-accuracy').getByText('定位精度约 10 米').waitFor();
    await resident.getByTestId('report-place').getByText('赤岗街道').waitFor();
    await resident.getByTestId('report-address-auto').waitFor();
    assert.equal(
      await resident
        .locator('[data-testid="report-address"]')
        .first()
        .evaluate((element) => (element as HTMLInputElement).value ?? element.querySelector('input')?.value),
      '海珠区阅江西路广州塔南广场附近',
    );

    // The resident drags the map so the pin sits 40-odd metres further west; the point follows the pin.
    const askedAtFix = geocoder.asked.length;
    const canvas = resident.getByTestId('report-map-canvas');
    const box = await canvas.boundingBox();
    assert.ok(box, 'the map is on screen');
    const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await resident.mouse.move(from.x, from.y);
    await resident.mouse.down();
    // At the outlines' zoom (15) a CSS pixel is about 4.4 m here: 12 px is some 50 m.
    for (let step = 1; step <= 6; step += 1) await resident.mouse.move(from.x + step * 2, from.y);
    await resident.mouse.up();
    await resident.locator('[data-testid="report-location"][data-source="map"]').waitFor();
    await resident.getByTestId('report-place').getByText('赤岗街道').waitFor();
    const askedBefore = askedAtFix;
    for (let wait = 0; wait < 50 && geocoder.asked.length === askedBefore; wait += 1) {
      await resident.waitForTimeout(100);
    }
    const lastAsked = geocoder.asked.at(-1);
    assert.ok(lastAsked, 'the pin was geocoded');
    const moved = metersBetween({ lat: site.latitude, lng: site.longitude }, lastAsked);
    assert.ok(moved > 20 && moved < 120, `the pin moved ${moved.toFixed(0)} m`);
    assert.ok(lastAsked.lng < site.longitude, 'dragging the map east moves the pin west');

    // 附近已有人反映: the neighbour's ticket, with no one's personal data.
    const row = resident.getByTestId(`report-nearby-${existing.id}`);
    await row.waitFor();
    const rowText = await row.innerText();
    assert.match(rowText, /垃圾/);
    assert.match(rowText, /1 人反映/);
    assert.doesNotMatch(rowText, /13900001111|陈先生|两天/);
    await resident.getByTestId('report-category-garbage').click();
    // The page scrolls inside Taro's page container: bring the map to the top for the picture.
    await resident.getByTestId('report-map').evaluate((element) => {
      element.scrollIntoView({ block: 'start' });
      element.parentElement?.scrollIntoView({ block: 'start' });
    });
    await resident.waitForTimeout(300);
    await shot(resident, 'h5-pin-first');

    // One tap joins it; the result page gives the ticket's reference number.
    const joined = resident.waitForResponse(
      (response) =>
        response.url().endsWith(`/api/reports/${existing.id}/join`) && response.request().method() === 'POST',
    );
    await resident.getByTestId(`report-nearby-join-${existing.id}`).click();
    const response = await joined;
    assert.equal(response.status(), 201);
    assert.ok(response.request().headers()['idempotency-key'], 'the join carries an Idempotency-Key');
    await resident.locator('[data-testid="report-result"][data-outcome="joined"]').waitFor();
    assert.equal(await resident.getByTestId('report-reference').innerText(), existing.id);
    await resident.getByTestId('report-result-kind').getByText('现在共 2 人反映', { exact: false }).waitFor();
    await resident.getByText('15 分钟内').waitFor();
    await shot(resident, 'h5-report-result');

    // Following it opens the ticket the resident is now on.
    await resident.getByTestId('report-result-view').click();
    await resident.waitForURL(/detail/);
  });
});
