import { alarmListSchema, type Alarm } from '@jiefang/contracts';
import { connectDevice, uniqueDeviceId, type TestDevice } from '../../testing/deviceFixtures';
import { auth, eventually } from '../../testing/reportFixtures';
import { startTestApp, type TestApp } from '../../testing/testApp';

let t: TestApp;
let admin: string;
let detector: TestDevice;

beforeAll(async () => {
  t = await startTestApp('rebooted_devices', { env: { BRIDGE_CONNECTIONS: '1' } });
  admin = (await t.loginAs('admin', '重启设备管理员')).token;
  detector = await connectDevice(t, admin, {
    id: uniqueDeviceId('smoke'),
    type: 'smoke_detector',
    street: '南石头街道',
    lat: 23.0865,
    lng: 113.2485,
    householdId: `hh-${uniqueDeviceId('r')}`,
  });
});
afterAll(async () => {
  await detector.close();
  await t.close();
});

const alarmsOf = async (): Promise<Alarm[]> =>
  alarmListSchema.parse(
    (await t.http.get(`/api/alarms?deviceId=${detector.id}`).set(auth(admin)).expect(200)).body,
  ).items;

/** Alarms of the device once they satisfy `accept`. */
async function alarmsWhen(accept: (alarms: Alarm[]) => boolean): Promise<Alarm[]> {
  return eventually(async () => {
    const alarms = await alarmsOf();
    return accept(alarms) ? alarms : undefined;
  });
}

const smoke = (ts: number) => ({ ts, type: 'smoke_detected', confidence: 0.97 });

describe('a detector that reboots and counts seq from 1 again', () => {
  it('is heard after the reboot, while a redelivered message is still dropped', async () => {
    const now = t.clock.now().getTime();
    const firstBoot = now - 3 * 3_600_000;
    for (let seq = 1; seq <= 3; seq += 1) await detector.send('event', smoke(firstBoot + seq * 1_000), seq);
    const [first] = await alarmsWhen((alarms) => alarms[0]?.count === 3);
    expect(first).toMatchObject({ type: 'smoke', count: 3, status: 'active' });
    await t.http
      .post(`/api/alarms/${first?.id}/clear`)
      .set(auth(admin))
      .send({ note: '误报，已复位' })
      .expect(200);

    // Rebooted: seq 1 again, a new smoke an hour later → a new alarm.
    const secondBoot = now - 3_600_000;
    await detector.send('event', smoke(secondBoot + 1_000), 1);
    // The broker resends that message (identical payload), and an old one from before the reboot.
    await detector.send('event', smoke(secondBoot + 1_000), 1);
    await detector.send('event', smoke(firstBoot + 2_000), 2);
    const afterReboot = await alarmsWhen((alarms) => alarms.length === 2);
    expect(afterReboot).toHaveLength(2);
    const fresh = afterReboot.find((alarm) => alarm.id !== first?.id);
    expect(fresh).toMatchObject({ status: 'active', count: 1 });
    expect(afterReboot.find((alarm) => alarm.id === first?.id)).toMatchObject({
      status: 'cleared',
      count: 3,
    });

    // Rebooted again while that alarm is open: its seq 1 is a repeat, not a copy.
    await detector.send('event', smoke(now), 1);
    const repeated = await alarmsWhen((alarms) => alarms.some((alarm) => alarm.count === 2));
    expect(repeated.find((alarm) => alarm.id === fresh?.id)).toMatchObject({
      count: 2,
      lastDetectedAt: new Date(now).toISOString(),
    });
    expect(repeated).toHaveLength(2);
    // The device's messages arrive in order, so both copies were seen before that repeat; the bridge
    // kept five distinct messages of the seven sent.
    expect(await t.redis.zcard(`devices:recent:${detector.id}`)).toBe(5);
  });
});
