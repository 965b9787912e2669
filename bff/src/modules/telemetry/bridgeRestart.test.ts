import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { alarmListSchema } from '@jiefang/contracts';
import { freePort, waitForPort } from '@jiefang/dev-services';
import { connectDevice, uniqueDeviceId } from '../../testing/deviceFixtures';
import { auth, eventually } from '../../testing/reportFixtures';
import { startTestApp, type TestApp } from '../../testing/testApp';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  // This process only serves the API; the bridge runs in a real BFF process that the test kills.
  t = await startTestApp('bridge_restart', { background: false });
  admin = (await t.loginAs('admin', '重启测试管理员')).token;
});
afterAll(() => t.close());

async function startBff(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../main.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGODB_URI: t.config.MONGODB_URI,
      MONGODB_DB: t.config.MONGODB_DB,
      REDIS_URL: t.config.REDIS_URL,
      REDIS_PREFIX: `test:${t.runId}`,
      MQTT_URL: t.config.MQTT_URL,
      MQTT_USERNAME: t.config.MQTT_USERNAME,
      MQTT_PASSWORD: t.config.MQTT_PASSWORD,
      JWT_SECRET: t.config.JWT_SECRET,
      INSTANCE_ID: `restart-${t.runId}`.slice(0, 40),
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForPort('127.0.0.1', port, 30_000, 'the BFF');
  return child;
}

describe('a BFF killed while devices keep publishing', () => {
  it('processes every QoS 1 message after it restarts, none twice', async () => {
    const port = await freePort();
    let bff = await startBff(port);
    const detector = await connectDevice(t, admin, {
      id: uniqueDeviceId('charge'),
      type: 'charging_detector',
      street: '华洲街道',
      lat: 23.093,
      lng: 113.352,
      householdId: `hh-${uniqueDeviceId('r')}`,
    });
    const total = 300;
    try {
      for (let index = 1; index <= total; index += 1) {
        await detector.send('event', { ts: Date.now(), type: 'charging_detected', confidence: 0.9 }, index);
        if (index === 100) {
          bff.kill('SIGKILL');
          await new Promise((resolve) => bff.once('exit', resolve));
        }
      }
      bff = await startBff(port);
      const countNow = async () =>
        alarmListSchema.parse(
          (await t.http.get(`/api/alarms?deviceId=${detector.id}`).set(auth(admin)).expect(200)).body,
        ).items[0]?.count ?? 0;
      await eventually(async () => (await countNow()) === total, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await countNow()).toBe(total);
    } finally {
      bff.kill('SIGTERM');
      await detector.close();
    }
  }, 120_000);
});
