import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const releaseScript = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Another writer held the document for longer than a caller waits; HTTP answers it with 409. */
export class DocumentBusyError extends Error {
  override name = 'DocumentBusyError';
  constructor(readonly key: string) {
    super(`document ${key} is locked by another writer`);
  }
}

export interface DocumentLocks {
  /** Runs fn while holding a short Redis lock on key, shared by every BFF instance. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * Serialises writers to one document. MongoDB's conditional updates are atomic on their own, but
 * FerretDB v1 (our local MongoDB) evaluates the filter and writes in separate steps, so two
 * concurrent conditional updates can both report success; the lock closes that gap everywhere.
 */
export function documentLocks(
  redis: Redis,
  options: { ttlMs?: number; waitMs?: number } = {},
): DocumentLocks {
  const ttlMs = options.ttlMs ?? 10_000;
  const waitMs = options.waitMs ?? 5_000;
  return {
    async withLock(key, fn) {
      const lockKey = `lock:${key}`;
      const token = randomUUID();
      const deadline = Date.now() + waitMs;
      for (let pause = 5; ; pause = Math.min(pause * 2, 50)) {
        if ((await redis.set(lockKey, token, 'PX', ttlMs, 'NX')) === 'OK') break;
        if (Date.now() > deadline) {
          throw new DocumentBusyError(key);
        }
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
      try {
        return await fn();
      } finally {
        await redis.eval(releaseScript, 1, lockKey, token).catch(() => undefined);
      }
    },
  };
}
