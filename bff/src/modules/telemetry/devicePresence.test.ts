import { alarmListSchema, deviceListSchema, deviceSchema, type Alarm } from '@jiefang/contracts';
import { connectDevice, shanghaiNight, uniqueDeviceId, type TestDevice } from '../../testing/deviceFixtures';
import { auth, eventually } from '../../testing/reportFixtures';
import { startTestApp, type TestApp } from '../../testing/testApp';

let t: TestApp;
let admin: string;
const devices: TestDevice[] = [];

beforeAll(async () => {
  t = await startTestApp('device_presence');
  admin = (await t.loginAs('admin', '设备管理员')).token;
});
afterAll(async () => {
  await Promise.all(devices.map((device) => device.close().catch(() => undefined)));
  await t.close();
});

const deviceNow = async (id: string) =>
  deviceSchema.parse((await t.http.get(`/api/devices/${id}`).set(auth(admin)).expect(200)).body);

describe('device presence', () => {
  it('shows a reporting device online and last seen at its latest message, and keeps that once it goes', async () => {
    const detector = await connectDevice(
      t,
      admin,
      {
        id: uniqueDeviceId('noise'),
        type: 'noise_meter',
        street: '赤岗街道',
        lat: 23.1,
        lng: 113.31,
        zoneClass: '2',
      },
      { will: true },
    );
    devices.push(detector);
    const cameOnline = t.clock.now().toISOString();
    await detector.send('status', { ts: t.clock.now().getTime(), status: 'online' });
    await eventually(async () => (await deviceNow(detector.id)).online);
    expect((await deviceNow(detector.id)).lastSeenAt).toBe(cameOnline);

    // Seventeen minutes of reports later (within its silence limit between each), it was seen just now.
    let lastReport = cameOnline;
    for (let step = 0; step < 2; step += 1) {
      t.clock.advance(8.5 * 60_000);
      lastReport = t.clock.now().toISOString();
      await detector.send('event', {
        ts: t.clock.now().getTime(),
        type: 'charging_detected',
        confidence: 0.1,
      });
    }
    await eventually(async () => (await deviceNow(detector.id)).lastSeenAt === lastReport);
    expect((await deviceNow(detector.id)).online).toBe(true);
    const listed = deviceListSchema
      .parse((await t.http.get('/api/devices?limit=500').set(auth(admin)).expect(200)).body)
      .items.find((device) => device.id === detector.id);
    expect(listed).toMatchObject({ online: true, lastSeenAt: lastReport });

    // It drops off (its Last Will) a minute later: offline, last seen at its last report, not at the will.
    t.clock.advance(60_000);
    detector.client.stream.destroy();
    await eventually(async () => !(await deviceNow(detector.id)).online);
    expect((await deviceNow(detector.id)).lastSeenAt).toBe(lastReport);
  });

  it('refuses a remote warning to a noise meter that is offline, saying so', async () => {
    const meter = await connectDevice(
      t,
      admin,
      {
        id: uniqueDeviceId('noise'),
        type: 'noise_meter',
        street: '赤岗街道',
        lat: 23.1066,
        lng: 113.3245,
        zoneClass: '1',
      },
      { will: true },
    );
    devices.push(meter);
    // A minute over the night limit opens a noise alarm.
    for (let second = 0; second < 65; second += 1) {
      await meter.send('telemetry', { ts: shanghaiNight + second * 1000, leq: 72 });
    }
    const alarm = await eventually(async () =>
      alarmListSchema
        .parse((await t.http.get(`/api/alarms?deviceId=${meter.id}`).set(auth(admin)).expect(200)).body)
        .items.find((item: Alarm) => item.type === 'noise_exceeded'),
    );
    await eventually(async () => (await deviceNow(meter.id)).online);
    await t.http
      .post(`/api/alarms/${alarm.id}/warning`)
      .set(auth(admin))
      .send({ text: '请降低音量' })
      .expect(202);

    meter.client.stream.destroy();
    await eventually(async () => !(await deviceNow(meter.id)).online);
    const { body } = await t.http
      .post(`/api/alarms/${alarm.id}/warning`)
      .set(auth(admin))
      .send({ text: '请降低音量' })
      .expect(422);
    expect(body.error).toMatchObject({
      code: 'unprocessable',
      message: '设备离线，无法远程喊话',
      details: { deviceId: meter.id, online: false },
    });
    expect(typeof body.error.details.lastSeenAt).toBe('string');
  });
});
