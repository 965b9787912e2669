import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import mqtt from 'mqtt';
import { alarmListSchema, deviceCredentialsSchema } from '@jiefang/contracts';
import { screenshot, signInToAdmin } from './browser';
import { useStackAndBrowser } from './suite';

const suite = useStackAndBrowser();

describe('device alarms end to end', () => {
  it('a charging detector alarms; the console shows it live; the owner acknowledges it in H5', async () => {
    const admin = await suite.api('POST', '/api/auth/login', null, {
      username: 'admin',
      password: suite.stack.demoPassword,
    });
    const adminToken = admin.body.token as string;
    const owner = await suite.api('POST', '/api/auth/dev-login', null, {
      role: 'property_owner',
      name: '房东黄先生',
    });
    const ownerId = (owner.body.user as { id: string }).id;
    const household = `e2e-${Date.now().toString(36)}`;
    const created = await suite.api('POST', '/api/households', adminToken, {
      id: household,
      street: 'chigang',
      address: '赤岗北路 18 号 502 房',
      ownerIds: [ownerId],
    });
    assert.equal(created.status, 201);
    const registered = await suite.api('POST', '/api/devices', adminToken, {
      id: `charge-${household}`,
      type: 'charging_detector',
      street: 'chigang',
      lat: 23.1066,
      lng: 113.3245,
      householdId: household,
    });
    assert.equal(registered.status, 201);
    const credentials = deviceCredentialsSchema.parse(registered.body);

    // The console is open before anything happens: the alarm must arrive live.
    const consoleContext = await suite.newContext({ viewport: { width: 1440, height: 900 } });
    const console = await consoleContext.newPage();
    await signInToAdmin(console, suite.stack.baseUrl, 'admin', suite.stack.demoPassword);
    // Signed in before navigating: otherwise the session may not be stored yet.
    await console.getByTestId('current-user-name').waitFor();
    await console.goto(`${suite.stack.baseUrl}/admin/#/alarms`);
    await console.getByTestId('alarm-filter-type').waitFor();

    const device = await mqtt.connectAsync(credentials.mqttUrl, {
      clientId: credentials.id,
      username: credentials.id,
      password: credentials.secret,
      reconnectPeriod: 0,
    });
    const detectedAt = Date.now();
    await device.publishAsync(
      `devices/${credentials.id}/event`,
      JSON.stringify({ ts: detectedAt, seq: 1, type: 'charging_detected', confidence: 0.93 }),
      { qos: 1 },
    );
    await device.endAsync();

    // An alarm is named by its device, type and the opening message's device time and seq.
    const alarmId = `${credentials.id}:indoor_charging:${detectedAt}:1`;
    await console.getByTestId(`alarm-row-${alarmId}`).waitFor({ timeout: 15_000 });
    await screenshot(console, 'admin-alarm-console');

    // The owner sees it in 屋主告警 and acknowledges with one tap.
    const ownerPhone = await suite.phoneContext();
    const phone = await ownerPhone.newPage();
    await phone.goto(`${suite.stack.baseUrl}/h5/`);
    await phone.getByTestId('dev-login-name').fill('房东黄先生');
    await phone.getByTestId('dev-login-role-property_owner').click();
    await phone.getByTestId('dev-login-submit').click();
    await phone.locator('[data-testid="feature-charging.alerts"]:visible').click();
    await phone.getByTestId(`owner-alarm-${alarmId}`).waitFor({ timeout: 15_000 });
    await screenshot(phone, 'h5-owner-alarm');
    await phone.getByTestId(`owner-ack-${alarmId}`).click();

    const ownerToken = owner.body.token as string;
    for (let attempt = 0; ; attempt += 1) {
      const mine = alarmListSchema.parse((await suite.api('GET', '/api/alarms?mine=1', ownerToken)).body);
      if (mine.items.find((alarm) => alarm.id === alarmId)?.status === 'acknowledged') break;
      assert.ok(attempt < 50, 'the owner’s acknowledgement did not arrive');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // …and the console hears about it too.
    await console.getByTestId(`alarm-row-${alarmId}`).getByText('已确认').waitFor({ timeout: 15_000 });
    await screenshot(console, 'admin-alarm-acknowledged');

    // Its detail places the flat on the district map, inside its street and grid.
    await console.getByTestId(`alarm-row-${alarmId}`).click();
    const detail = console.getByTestId('alarm-detail');
    await detail.getByTestId('district-map').waitFor({ timeout: 15_000 });
    assert.ok((await detail.getByTestId('map-grid-chigang-g1').count()) === 1, 'the grids are drawn');
    await detail.getByTestId('district-map').scrollIntoViewIfNeeded();
    await screenshot(console, 'admin-alarm-detail-map');
  });
});
