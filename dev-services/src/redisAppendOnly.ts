import { Redis } from 'ioredis';

/**
 * Whether the Redis at a URL writes its append-only file (null when it cannot tell within about a
 * second): a Redis that does not would lose device messages the BFF acknowledged, so it is not reused.
 */
export async function redisAppendOnlyAt(url: string): Promise<boolean | null> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const match = /^aof_enabled:(\d)/m.exec(await redis.info('persistence'));
    return match ? match[1] === '1' : null;
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}
