import { randomBytes } from 'node:crypto';
import { systemClock } from '../../infra/clock';
import { createLogger } from '../../infra/logger';
import { startSubscribeRelay } from '../../testing/subscribeRelay';
import { testRedis } from '../../testing/testRedis';
import { deviceBridge } from './deviceBridge';
import { uplinkLog } from './uplinkLog';

test('a subscription cut off before the broker granted it is made on the next connection', async () => {
  const relay = await startSubscribeRelay(new URL(process.env.TEST_MQTT_URL as string), 'dropFirstSubscribe');
  const redis = testRedis('bridge_subscribe');
  const bridge = deviceBridge({
    url: relay.url,
    username: process.env.TEST_MQTT_USERNAME || undefined,
    password: process.env.TEST_MQTT_PASSWORD || undefined,
    instanceId: `subscribe-${randomBytes(3).toString('hex')}`,
    group: 'bridge-subscribe-test',
    connections: 1,
    subscription: 'exclusive',
    sessionExpirySeconds: 5,
    log: uplinkLog(redis.redis, 2),
    clock: systemClock,
    logger: createLogger('silent'),
  });
  try {
    // Before, start() rejected here and the BFF exited; now it waits for the reconnection and subscribes.
    await expect(bridge.start()).resolves.toBeUndefined();
    expect(relay.dropped()).toBe(1);
  } finally {
    await bridge.stop();
    await relay.close();
    await redis.dispose();
  }
}, 30_000);
