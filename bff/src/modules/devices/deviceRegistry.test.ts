import { deviceCredentialsSchema, deviceListSchema } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { auth } from '../../testing/reportFixtures';
import mqtt from 'mqtt';
import { createLogger } from '../../infra/logger';
import { deviceBrokerAccounts } from './deviceBrokerAccounts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp('device_registry', {
    background: false,
    env: { DEVICE_MQTT_URL: 'mqtts://devices.example:8883' },
  });
  admin = (await t.loginAs('admin', '设备管理员')).token;
});
afterAll(() => t.close());

/** A real login on the test run's broker: username and client id are the device id. */
async function canConnect(id: string, secret: string): Promise<boolean> {
  const client = mqtt.connect(t.config.MQTT_URL, {
    clientId: id,
    username: id,
    password: secret,
    reconnectPeriod: 0,
    connectTimeout: 3000,
  });
  const connected = await new Promise<boolean>((resolve) => {
    client.once('connect', () => resolve(true));
    client.once('error', () => resolve(false));
    client.once('close', () => resolve(false));
  });
  await client.endAsync(true);
  return connected;
}

const noiseMeter = {
  id: `noise-${Math.random().toString(36).slice(2, 10)}`,
  type: 'noise_meter',
  street: '江南中街道',
  lat: 23.108,
  lng: 113.27,
  zoneClass: '1',
  site: '青竹广场',
};

describe('device registry', () => {
  it('registers a device once and shows its secret only at registration', async () => {
    const created = await t.http.post('/api/devices').set(auth(admin)).send(noiseMeter).expect(201);
    const credentials = deviceCredentialsSchema.parse(created.body);
    expect(credentials).toMatchObject({ id: noiseMeter.id, mqttUrl: 'mqtts://devices.example:8883' });
    expect(credentials.secret.length).toBeGreaterThanOrEqual(32);
    expect(created.headers['cache-control']).toBe('no-store');

    const shown = await t.http.get(`/api/devices/${noiseMeter.id}`).set(auth(admin)).expect(200);
    expect(shown.body).toMatchObject({
      streetId: 'jiangnanzhong',
      streetName: '江南中街道',
      zoneClass: '1',
      online: false,
    });
    expect(JSON.stringify(shown.body)).not.toContain(credentials.secret);
    expect(shown.body.secretHash).toBeUndefined();

    await t.http.post('/api/devices').set(auth(admin)).send(noiseMeter).expect(409);
  });

  it('gives each device a broker account that rotation and disabling take effect on at once', async () => {
    const id = `charge-${t.runId}`.slice(0, 64);
    const created = await t.http
      .post('/api/devices')
      .set(auth(admin))
      .send({
        id,
        type: 'charging_detector',
        street: 'huazhou',
        lat: 23.093,
        lng: 113.352,
        householdId: 'hz-101',
      })
      .expect(201);
    expect(await canConnect(id, created.body.secret)).toBe(true);
    expect(await canConnect(id, 'guess')).toBe(false);
    expect(await canConnect(`${id}-other`, created.body.secret)).toBe(false);

    const rotated = await t.http.post(`/api/devices/${id}/rotate-secret`).set(auth(admin)).expect(200);
    expect(await canConnect(id, created.body.secret)).toBe(false);
    expect(await canConnect(id, rotated.body.secret)).toBe(true);

    await t.http.patch(`/api/devices/${id}`).set(auth(admin)).send({ disabled: true }).expect(200);
    expect(await canConnect(id, rotated.body.secret)).toBe(false);
    await t.http.patch(`/api/devices/${id}`).set(auth(admin)).send({ disabled: false }).expect(200);
    expect(await canConnect(id, rotated.body.secret)).toBe(true);

    const accounts = deviceBrokerAccounts({ mqtt: t.mqtt, managed: true, logger: createLogger('silent') });
    await accounts.revoke([id]);
    accounts.close();
    expect(await canConnect(id, rotated.body.secret)).toBe(false);
  });

  it('checks what each type needs', async () => {
    const noZone = await t.http
      .post('/api/devices')
      .set(auth(admin))
      .send({ ...noiseMeter, id: 'noise-x-1', zoneClass: undefined })
      .expect(400);
    expect(noZone.body.error.details.fields[0].path).toBe('zoneClass');
    const noHousehold = await t.http
      .post('/api/devices')
      .set(auth(admin))
      .send({ id: 'smoke-x-1', type: 'smoke_detector', street: '赤岗', lat: 23.1, lng: 113.32 })
      .expect(400);
    expect(noHousehold.body.error.details.fields[0].path).toBe('householdId');
    const badId = await t.http
      .post('/api/devices')
      .set(auth(admin))
      .send({ ...noiseMeter, id: 'bad/id#' })
      .expect(400);
    expect(badId.body.error.details.fields[0].path).toBe('id');
    await t.http
      .post('/api/devices')
      .set(auth(admin))
      .send({ ...noiseMeter, id: 'noise-x-2', street: '火星街道' })
      .expect(400);
  });

  it('lists devices by street for squad leaders and refuses changes by anyone but admins', async () => {
    const leader = await t.loginAs('squad_leader', '华洲设备中队长', '华洲街道');
    const list = deviceListSchema.parse(
      (await t.http.get('/api/devices').set(auth(leader.token)).expect(200)).body,
    );
    expect(list.items.map((device) => device.id)).toEqual([`charge-${t.runId}`.slice(0, 64)]);
    const all = deviceListSchema.parse(
      (await t.http.get('/api/devices?type=noise_meter').set(auth(admin)).expect(200)).body,
    );
    expect(all.items.map((device) => device.id)).toEqual([noiseMeter.id]);

    await t.http
      .post('/api/devices')
      .set(auth(leader.token))
      .send({ ...noiseMeter, id: 'noise-y-1' })
      .expect(403);
    await t.http.post(`/api/devices/${noiseMeter.id}/rotate-secret`).set(auth(leader.token)).expect(403);
    const resident = await t.loginAs('resident', '好奇的居民');
    await t.http.get('/api/devices').set(auth(resident.token)).expect(403);
  });
});
