import {
  alarmListSchema,
  alarmSchema,
  deviceReadingsSchema,
  noiseSitesSchema,
  type AlarmType,
} from '@jiefang/contracts';
import { connectDevice, uniqueDeviceId, type TestDevice } from '../../testing/deviceFixtures';
import { auth, eventually } from '../../testing/reportFixtures';
import { startTestApp, type TestApp } from '../../testing/testApp';

let t: TestApp;
let admin: string;
const devices: TestDevice[] = [];

beforeAll(async () => {
  t = await startTestApp('bad_device_times', { env: { BRIDGE_CONNECTIONS: '1' } });
  admin = (await t.loginAs('admin', '时间校验管理员')).token;
});
afterAll(async () => {
  await Promise.all(devices.map((device) => device.close()));
  await t.close();
});

const alarmsOf = async (deviceId: string) =>
  alarmListSchema.parse(
    (await t.http.get(`/api/alarms?deviceId=${deviceId}`).set(auth(admin)).expect(200)).body,
  ).items;

/** A BSON date no JavaScript Date can hold, as older code could store from a device's time. */
class FarFutureDate extends Date {
  override getTime(): number {
    return 9e15;
  }
}

describe('device times far from the server clock', () => {
  it('are refused and counted, and the bridge goes on', async () => {
    const detector = await connectDevice(t, admin, {
      id: uniqueDeviceId('smoke'),
      type: 'smoke_detector',
      street: '南石头街道',
      lat: 23.0865,
      lng: 113.2485,
      householdId: `hh-${uniqueDeviceId('t')}`,
    });
    devices.push(detector);
    const now = t.clock.now().getTime();
    const before = { ...t.app.deviceMetrics().bridge.rejected };
    const topic = `devices/${detector.id}/event`;
    const publish = (body: object) => detector.client.publishAsync(topic, JSON.stringify(body), { qos: 1 });

    await publish({ ts: 9e15, seq: 2e9, type: 'smoke_detected', confidence: 0.99 });
    await publish({ ts: now + 11 * 60_000, seq: 2, type: 'smoke_detected', confidence: 0.99 });
    await publish({ ts: now - 8 * 24 * 3_600_000, seq: 3, type: 'smoke_detected', confidence: 0.99 });
    await publish({ ts: now + 9 * 60_000, seq: 4, type: 'smoke_detected', confidence: 0.99 });

    // Messages of one device arrive in order: once seq 4 opened its alarm, the others were refused.
    const [alarm] = await eventually(async () => {
      const alarms = await alarmsOf(detector.id);
      return alarms.length ? alarms : undefined;
    });
    expect(alarm).toMatchObject({ count: 1, lastDetectedAt: new Date(now + 9 * 60_000).toISOString() });
    const after = t.app.deviceMetrics().bridge.rejected;
    expect(after.malformed - before.malformed).toBeGreaterThanOrEqual(1);
    expect(after.out_of_time - before.out_of_time).toBeGreaterThanOrEqual(2);
  });
});

describe('stored times no Date can show', () => {
  it('never break the alarm list, an alarm, or the readings', async () => {
    const meter = await connectDevice(t, admin, {
      id: uniqueDeviceId('noise'),
      type: 'noise_meter',
      street: '华洲街道',
      lat: 23.093,
      lng: 113.352,
      zoneClass: '2',
      site: '坏数据公园',
    });
    devices.push(meter);
    const now = t.clock.now();
    const bad = new FarFutureDate();
    const { streetId } = (await t.http.get(`/api/devices/${meter.id}`).set(auth(admin)).expect(200)).body as {
      streetId: string;
    };
    const base = (id: string, type: AlarmType) => ({
      _id: id,
      openKey: id,
      deviceId: meter.id,
      deviceType: 'noise_meter',
      type,
      status: 'cleared',
      severity: 'major',
      count: 1,
      lastSeq: 2e9,
      ticketId: null,
      streetId,
      site: '坏数据公园',
      householdId: null,
      location: { lat: 23.093, lng: 113.352 },
      acknowledgedAt: bad,
      clearedAt: bad,
      confidence: null,
      updatedAt: now,
    });
    const alarms = t.mongo.collection('alarms');
    await alarms.insertMany([
      {
        ...base(`${meter.id}:noise_exceeded:bad`, 'noise_exceeded'),
        openedAt: bad,
        lastDetectedAt: bad,
        noise: {
          limitDb: 50,
          period: 'night',
          levelDb: 70,
          peakDb: 72,
          trace: [
            { at: bad, levelDb: 72 },
            { at: now, levelDb: 70 },
          ],
        },
        warnings: [{ messageId: 'w-bad', sentAt: bad, automatic: true, text: null, ackAt: bad, ok: true }],
        timeline: [
          { at: now, action: 'opened', actorId: null, actorName: null, note: null },
          { at: bad, action: 'repeated', actorId: null, actorName: null, note: null },
        ],
      },
      {
        // Not even the server's record of the opening is readable.
        ...base(`${meter.id}:offline:bad`, 'offline'),
        openedAt: 'garbage',
        lastDetectedAt: 9e15,
        updatedAt: 'garbage',
        noise: null,
        warnings: [],
        timeline: [{ at: 'garbage', action: 'opened', actorId: null, actorName: null, note: null }],
      },
    ] as never[]);
    await t.mongo.collection('device_readings').insertMany([
      { _id: `${meter.id}:bad`, deviceId: meter.id, minute: bad, levelDb: 70, maxDb: 72, coveredMs: 60_000 },
      {
        _id: `${meter.id}:good`,
        deviceId: meter.id,
        minute: new Date(now.getTime() - 60_000),
        levelDb: 55,
        maxDb: 58,
        coveredMs: 60_000,
      },
    ] as never[]);

    const list = alarmListSchema.parse(
      (await t.http.get(`/api/alarms?deviceId=${meter.id}`).set(auth(admin)).expect(200)).body,
    );
    expect(list.total).toBe(2);
    // Also the unfiltered console list, which covers them among others.
    await t.http.get('/api/alarms?limit=200').set(auth(admin)).expect(200);

    const noisy = alarmSchema.parse(
      (
        await t.http
          .get(`/api/alarms/${encodeURIComponent(`${meter.id}:noise_exceeded:bad`)}`)
          .set(auth(admin))
          .expect(200)
      ).body,
    );
    // The device's time is unreadable: the server's record of the opening stands in; the rest is left out.
    expect(noisy).toMatchObject({
      openedAt: now.toISOString(),
      lastDetectedAt: now.toISOString(),
      acknowledgedAt: null,
      clearedAt: null,
      warnings: [],
    });
    expect(noisy.noise?.trace).toEqual([{ at: now.toISOString(), levelDb: 70 }]);
    expect(noisy.timeline.map((entry) => entry.action)).toEqual(['opened']);

    const offline = alarmSchema.parse(
      (
        await t.http
          .get(`/api/alarms/${encodeURIComponent(`${meter.id}:offline:bad`)}`)
          .set(auth(admin))
          .expect(200)
      ).body,
    );
    expect(offline.timeline).toEqual([]);
    expect(Number.isNaN(Date.parse(offline.openedAt))).toBe(false);

    const readings = deviceReadingsSchema.parse(
      (await t.http.get(`/api/devices/${meter.id}/readings?minutes=60`).set(auth(admin)).expect(200)).body,
    );
    expect(readings.items).toEqual([
      { at: new Date(now.getTime() - 60_000).toISOString(), levelDb: 55, maxDb: 58 },
    ]);

    await t.redis.hset(`devices:latest:${meter.id}`, { at: 9e15, leq: 70, levelDb: 70 });
    const sites = noiseSitesSchema.parse(
      (await t.http.get('/api/noise/sites').set(auth(admin)).expect(200)).body,
    );
    expect(sites.items.find((site) => site.deviceId === meter.id)).toMatchObject({ updatedAt: null });
  });
});
