import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { deviceCredentialsSchema } from '@jiefang/contracts';
import { reportWithPhoto, scenePhoto } from './reportFixtures';
import { docsScreenshot, signInToAdmin } from './browser';
import { useStackAndBrowser } from './suite';

/**
 * The queue on a map and the device map, over the real stack with no tile source (these machines have
 * no internet): the district's own outlines are the map. SLA clocks run at a fifth of real time, so a
 * 10-minute fire-hazard ticket breaches in two minutes while 30-minute ones are still on time.
 */

const suite = useStackAndBrowser({ env: { SLA_TIME_SCALE: '0.2', MAP_TILES: 'none' } });

async function adminPage(): Promise<Page> {
  const context = await suite.newContext({ viewport: { width: 1440, height: 960 } });
  const page = await context.newPage();
  await signInToAdmin(page, suite.stack.baseUrl, 'admin', suite.stack.demoPassword);
  await page.getByTestId('current-user-name').waitFor();
  return page;
}

const sites = {
  cantonTower: { lat: 23.1066, lng: 113.3245, address: '广州塔南广场' },
  chigangWest: { lat: 23.1005, lng: 113.3095, address: '赤岗路 88 号' },
  chigangEast: { lat: 23.1102, lng: 113.3352, address: '琶洲大桥南' },
  chigangSouth: { lat: 23.0985, lng: 113.3282, address: '赤岗北路 18 号' },
  huazhou: { lat: 23.093, lng: 113.352, address: '华洲公园' },
  jiangnanzhong: { lat: 23.108, lng: 113.27, address: '江南大道中 120 号' },
};

describe('maps end to end', () => {
  it('shows the queue on a map coloured by SLA, live, and the devices by state', async () => {
    const adminToken = (
      await suite.api('POST', '/api/auth/login', null, {
        username: 'admin',
        password: suite.stack.demoPassword,
      })
    ).body.token as string;
    const resident = (
      await suite.api('POST', '/api/auth/dev-login', null, { role: 'resident', name: '陈街坊' })
    ).body.token as string;
    let reports = 0;
    const report = async (category: string, site: (typeof sites)[keyof typeof sites], emoji: string) => {
      reports += 1;
      return reportWithPhoto(suite.stack, resident, await scenePhoto(suite.browser, emoji), {
        category,
        lat: site.lat,
        lng: site.lng,
        address: site.address,
        description: `队列地图测试 ${reports}`,
        key: `queue-map-${reports}-${Date.now()}`,
      });
    };

    // An officer on duty in 赤岗: tickets there go to him; one he reaches stops its clock.
    const officer = (
      await suite.api('POST', '/api/auth/dev-login', null, {
        role: 'officer',
        name: '李队员',
        street: 'chigang',
      })
    ).body.token as string;
    assert.equal(
      (await suite.api('POST', '/api/officer/duty', officer, { onDuty: true, travelMode: 'walk' })).status,
      200,
    );
    assert.equal(
      (await suite.api('POST', '/api/officer/location', officer, { ...sites.chigangSouth, accuracy: 10 }))
        .status,
      200,
    );

    // Breaches in two minutes (10 minutes at a fifth).
    const late = await report('fire_hazard', sites.chigangWest, '🔥');
    const reachedAt = Date.now();
    const reached = await report('street_vending', sites.chigangSouth, '🛒');
    assert.ok(reached.assigneeId, 'the report went to the officer on duty');
    assert.equal((await suite.api('POST', `/api/tickets/${reached.id}/accept`, officer, {})).status, 200);
    const checkIn = await suite.api('POST', `/api/tickets/${reached.id}/check-in`, officer, {
      lat: sites.chigangSouth.lat,
      lng: sites.chigangSouth.lng,
    });
    assert.equal(checkIn.status, 200, JSON.stringify(checkIn.body));
    // He has walked on a little since: his dot is not under the ticket's.
    assert.equal(
      (
        await suite.api('POST', '/api/officer/location', officer, {
          lat: sites.chigangSouth.lat + 0.0025,
          lng: sites.chigangSouth.lng - 0.004,
          accuracy: 10,
        })
      ).status,
      200,
    );

    // Devices meanwhile: one meter over its limit, one reporting quietly, two never connected.
    const meters = ['loud', 'quiet', 'silent-a', 'silent-b'].map(
      (name) => `noise-map-${name}-${Date.now().toString(36)}`,
    );
    const placed = [sites.cantonTower, sites.chigangEast, sites.huazhou, sites.chigangWest];
    const credentials = [];
    for (const [index, id] of meters.entries()) {
      const registered = await suite.api('POST', '/api/devices', adminToken, {
        id,
        type: 'noise_meter',
        street: index === 2 ? 'huazhou' : 'chigang',
        lat: placed[index]!.lat,
        lng: placed[index]!.lng,
        zoneClass: '1',
        site: ['广州塔监测点', '琶洲监测点', '华洲公园监测点', '赤岗路监测点'][index],
      });
      assert.equal(registered.status, 201);
      credentials.push(deviceCredentialsSchema.parse(registered.body));
    }
    const connected = await Promise.all(
      credentials.slice(0, 2).map((device) =>
        mqtt.connectAsync(device.mqttUrl, {
          clientId: device.id,
          username: device.id,
          password: device.secret,
          reconnectPeriod: 0,
        }),
      ),
    );
    const [loud, quiet] = connected;
    const start = Date.now() - 70_000;
    for (let second = 0; second < 66; second += 1) {
      await loud!.publishAsync(
        `devices/${credentials[0]!.id}/telemetry`,
        JSON.stringify({ ts: start + second * 1000, seq: second + 1, leq: 78 }),
        { qos: 1 },
      );
    }
    await quiet!.publishAsync(
      `devices/${credentials[1]!.id}/telemetry`,
      JSON.stringify({ ts: Date.now(), seq: 1, leq: 41 }),
      { qos: 1 },
    );

    const page = await adminPage();
    await page.goto(`${suite.stack.baseUrl}/admin/#/devices?view=map`);
    const deviceMap = page.getByTestId('device-map');
    await deviceMap.waitFor({ timeout: 15_000 });
    assert.equal(await deviceMap.getAttribute('data-tiles'), 'outlines');
    await page
      .locator(`[data-testid="device-dot-${credentials[0]!.id}"][data-tone="alarm"]`)
      .waitFor({ timeout: 30_000 });
    await page
      .locator(`[data-testid="device-dot-${credentials[1]!.id}"][data-tone="online"]`)
      .waitFor({ timeout: 30_000 });
    await page.locator(`[data-testid="device-dot-${credentials[2]!.id}"][data-tone="offline"]`).waitFor();
    await page.getByTestId('map-grid-chigang-g1').waitFor();
    await page.getByTestId(`device-dot-${credentials[0]!.id}`).click();
    await page.getByTestId('device-selected').waitFor();
    await page.waitForTimeout(500);
    await docsScreenshot(page, 'device-map');
    await Promise.all(connected.map((client) => client.endAsync()));

    // Until the fire hazard is past its (scaled) two minutes.
    const breachAt = reachedAt + 2 * 60_000 + 5_000;
    if (Date.now() < breachAt) await new Promise((resolve) => setTimeout(resolve, breachAt - Date.now()));
    const onTime = await report('garbage', sites.cantonTower, '🗑️');
    const warning = await report('oil_fume', sites.chigangEast, '💨');
    const queued = await report('road_damage', sites.huazhou, '🚧');

    await page.goto(`${suite.stack.baseUrl}/admin/#/tickets`);
    await page.getByTestId('queue-view').getByText('地图').click();
    await page.getByTestId('queue-map').waitFor();
    assert.equal(await page.getByTestId('queue-map-canvas').getAttribute('data-tiles'), 'outlines');
    const marker = (id: string, sla: string) =>
      page.locator(`[data-testid="queue-map-ticket-${id}"][data-sla="${sla}"]`);
    await marker(late.id, 'breached').waitFor({ timeout: 20_000 });
    await marker(reached.id, 'stopped').waitFor();
    await marker(onTime.id, 'on_time').waitFor();
    await marker(warning.id, 'warning').waitFor();
    await marker(queued.id, 'on_time').waitFor();
    await page.locator('[data-testid^="queue-map-officer-"]').first().waitFor();

    // A report while the map is open appears on it without a reload.
    const live = await report('illegal_parking', sites.jiangnanzhong, '🚗');
    await page.locator(`[data-testid="queue-map-ticket-${live.id}"]`).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    await docsScreenshot(page, 'queue-map');

    // A marker opens its ticket.
    await page.getByTestId(`queue-map-ticket-${late.id}`).click();
    const drawer = page.getByTestId('ticket-detail');
    await drawer.waitFor();
    await drawer.getByTestId('district-map').waitFor({ timeout: 15_000 });
    assert.match(page.url(), new RegExp(`ticket=${late.id}`));
    await drawer.getByTestId('map-ticket-point').waitFor();
    await drawer.getByTestId('district-map').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await docsScreenshot(page, 'ticket-drawer-map');
  });
});
