import type { Redis } from 'ioredis';

/**
 * What Redis keeps about one user, each under a key named by their id: short-lived counters and logs
 * that expire by themselves. Listed for 我的数据 and deleted with the account. Keep in step with the
 * modules that write them (http/rateLimit via app.ts, live/userChangeLog, notifications/inbox,
 * reports/intakeKeys).
 */
const exactKeys = (userId: string) => [
  { kind: '上报频率限制计数', key: `ratelimit:report:${userId}` },
  { kind: '照片上传频率限制计数', key: `ratelimit:photo-upload:${userId}` },
  { kind: '地址查询频率限制计数', key: `ratelimit:geocode:${userId}` },
  { kind: '页面更新记录（序号）', key: `me:{${userId}}:seq` },
  { kind: '页面更新记录', key: `me:{${userId}}:changes` },
  { kind: '消息全部已读标记', key: `notification-all-read:${userId}` },
];

/**
 * Keys with a part after the user's id (a ticket, an Idempotency-Key): found with SCAN, which walks the
 * whole keyspace, so only a deletion looks for them; 我的数据 names them with their longest lifetime.
 */
const keyPatterns = (userId: string) => [
  { kind: '消息已读标记（如有）', pattern: `notification-read:${userId}:*`, lifetimeSeconds: 2 * 86_400 },
  { kind: '上报防重复提交记录（如有）', pattern: `intake-key:${userId}:*`, lifetimeSeconds: 7 * 86_400 },
];

/** Redis glob characters in an id are escaped, so a pattern never matches another user's keys. */
const escapeGlob = (value: string) => value.replace(/[*?[\]\\]/g, (character) => `\\${character}`);

export function personalRedisKeys(redis: Redis) {
  // The client's prefix (tests, shared instances) is added to commands but not to SCAN's MATCH.
  const prefix = redis.options.keyPrefix ?? '';

  const scan = async (pattern: string): Promise<string[]> => {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}${pattern}`, 'COUNT', 1000);
      cursor = next;
      found.push(...keys.map((key) => key.slice(prefix.length)));
    } while (cursor !== '0');
    return found;
  };

  const patternsOf = (userId: string) => keyPatterns(escapeGlob(userId));

  return {
    /**
     * What is held now, each kind with the time left before it expires (null: no expiry); the kinds
     * found by SCAN with their longest lifetime.
     */
    async list(userId: string): Promise<Array<{ kind: string; expiresInSeconds: number | null }>> {
      const held: Array<{ kind: string; expiresInSeconds: number | null }> = [];
      for (const { kind, key } of exactKeys(userId)) {
        const ttl = await redis.ttl(key);
        if (ttl !== -2) held.push({ kind, expiresInSeconds: ttl >= 0 ? ttl : null });
      }
      for (const { kind, lifetimeSeconds } of keyPatterns(userId))
        held.push({ kind, expiresInSeconds: lifetimeSeconds });
      return held;
    },

    /** Deletes every key named above; deleting what is gone already does nothing. */
    async remove(userId: string): Promise<void> {
      const keys = [
        ...exactKeys(userId).map(({ key }) => key),
        ...(await Promise.all(patternsOf(userId).map(({ pattern }) => scan(pattern)))).flat(),
      ];
      if (keys.length) await redis.del(...keys);
    },
  };
}

export type PersonalRedisKeys = ReturnType<typeof personalRedisKeys>;
