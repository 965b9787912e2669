import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** A Redis client on the test run's server under a prefix of its own, and a way to remove every key it made. */
export function testRedis(name: string) {
  const prefix = `test:${name}_${randomBytes(4).toString('hex')}:`;
  const redis = new Redis(process.env.TEST_REDIS_URL as string, { keyPrefix: prefix });
  return {
    redis,
    async dispose(): Promise<void> {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys.map((key) => key.slice(prefix.length)));
      redis.disconnect();
    },
  };
}
