import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { systemClock } from '../../infra/clock';
import { createLogger } from '../../infra/logger';
import { testRedis } from '../../testing/testRedis';
import { deviceBridge } from './deviceBridge';
import { uplinkLog } from './uplinkLog';

/**
 * A relay to the test broker that resets the first connection whose SUBSCRIBE it sees, before the
 * broker can grant it: what happens when the bridge itself closes a connection it could not store a
 * message from (Redis away) while its subscription is still pending.
 */
async function relayDroppingFirstSubscribe(target: URL) {
  let dropped = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 1883), target.hostname);
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
    client.on('data', (chunk) => {
      const subscribePacket = 0x82;
      if (chunk[0] === subscribePacket && dropped === 0) {
        dropped += 1;
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `mqtt://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    dropped: () => dropped,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('a subscription cut off before the broker granted it is made on the next connection', async () => {
  const relay = await relayDroppingFirstSubscribe(new URL(process.env.TEST_MQTT_URL as string));
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
