import { Redis } from 'ioredis';

/**
 * Every key gets the deployment's prefix, so two deployments (say `npm start` and an end-to-end run)
 * can share one Redis without seeing each other's officers, limits or locks.
 * No offline queue: while Redis is down commands fail at once (→ 503) instead of piling up in memory.
 */
export async function connectRedis(url: string, keyPrefix: string): Promise<Redis> {
  const redis = new Redis(url, {
    keyPrefix,
    // Commands issued in the same tick (the bridge's connections, a batch's reads) share one write.
    enableAutoPipelining: true,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  // Connection errors are reported through readiness and per-request 503s; without a listener they would crash.
  redis.on('error', () => undefined);
  await redis.connect();
  return redis;
}
