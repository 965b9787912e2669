import type { Redis } from 'ioredis';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import { redisScript } from '../../infra/redisScript';
import { unauthenticated } from '../../http/httpError';
import type { UserModels } from '../users/userModel';

/**
 * One hash holds every revoked user's token version and a `loaded` field, so Redis having lost it (a
 * restart without persistence, an eviction) reads as "not loaded", never as "nobody is revoked".
 */
const versionsKey = 'auth:token-versions';
const loadedField = '~loaded';
/**
 * Each instance re-applies MongoDB's versions this often, healing a revocation whose Redis write failed
 * during a blip that lost no data (the admin was answered with an error and may not have retried).
 */
const refillEveryMs = 5 * 60_000;
/** After a failed refill (Redis down), requests go to MongoDB and the refill is tried again this much later. */
const retryRefillAfterMs = 1_000;

const raiseVersionsName = 'jiefangRaiseTokenVersions';
/**
 * KEYS: the hash. ARGV: "1" to mark the hash loaded (else "0"), then user id, version pairs. Versions only
 * go up, so a refill that read MongoDB before a revocation cannot undo it.
 */
const raiseVersionsScript = `
for i = 2, #ARGV, 2 do
  local current = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
  if tonumber(ARGV[i + 1]) > current then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
if ARGV[1] == '1' then redis.call('HSET', KEYS[1], '${loadedField}', '1') end
return 1`;

/**
 * Token versions per user: a token carries the version its user had when it was issued, and disabling a
 * user raises it, so every older token is refused on its next request. MongoDB holds the versions;
 * Redis answers each request with one HMGET. While Redis has lost them, or cannot be reached, MongoDB
 * answers instead, and a refill from MongoDB is started.
 */
export function tokenRevocations(redis: Redis, models: UserModels, clock: Clock, logger?: Logger) {
  const raiseVersions = redisScript<number>(redis, raiseVersionsName, 1, raiseVersionsScript);
  let refilling: Promise<void> | null = null;
  /** When the next periodic refill is due, and when a refill may be tried again after a failure. */
  let refillDueAt = 0;
  let retryAt = 0;

  const refill = async () => {
    const raised = await models.User.find({ tokenVersion: { $gt: 0 } }, { tokenVersion: 1 }).lean();
    // One script, so the hash is marked loaded only together with every version.
    await raiseVersions(versionsKey, '1', ...raised.flatMap((user) => [user._id, user.tokenVersion ?? 0]));
    refillDueAt = clock.now().getTime() + refillEveryMs;
  };

  const startRefill = () => {
    refilling ??= refill()
      .catch((error: unknown) => {
        retryAt = clock.now().getTime() + retryRefillAfterMs;
        logger?.warn({ err: error }, 'token versions not refilled; MongoDB answers meanwhile');
      })
      .finally(() => {
        refilling = null;
      });
  };

  /** The version a user's tokens must carry, from MongoDB; a missing or disabled user has none that fits. */
  const versionFromMongo = async (userId: string): Promise<number> => {
    const user = await models.User.findById(userId, { tokenVersion: 1, disabled: 1 }).lean();
    if (!user || user.disabled) return Number.POSITIVE_INFINITY;
    return user.tokenVersion ?? 0;
  };

  return {
    /** Refuses (401) a token older than its user's current version. */
    async assertCurrent(userId: string, tokenVersion: number): Promise<void> {
      let required: number | null = null;
      try {
        const [loaded, version] = await redis.hmget(versionsKey, loadedField, userId);
        if (loaded) required = Number(version ?? 0);
      } catch {
        // Redis unavailable: MongoDB, the source of truth, answers below.
      }
      const now = clock.now().getTime();
      if (required === null ? now >= retryAt : now >= refillDueAt) startRefill();
      required ??= await versionFromMongo(userId);
      if (tokenVersion < required) throw unauthenticated('账号已停用或登录已失效，请重新登录');
    },

    /** Invalidates every token issued so far for the user; returns once Redis knows too. */
    async revoke(userId: string): Promise<void> {
      const updated = await models.User.findOneAndUpdate(
        { _id: userId },
        { $inc: { tokenVersion: 1 } },
        { returnDocument: 'after' },
      ).lean();
      if (updated) await raiseVersions(versionsKey, '0', userId, updated.tokenVersion ?? 0);
    },

    /** Waits for a refill under way (tests). */
    async settled(): Promise<void> {
      await refilling;
    },
  };
}

export type TokenRevocations = ReturnType<typeof tokenRevocations>;
