import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { tooManyRequests } from './httpError';

export interface RateLimit {
  /** Counts one attempt for key; throws 429 with Retry-After once the budget is spent. */
  consume(key: string): Promise<void>;
  /** Gives one attempt back, e.g. for a sign-in that succeeded. */
  refund(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

/** A fixed-window limit kept in Redis, so it holds across every BFF instance. */
export function createRateLimit(
  redis: Redis,
  name: string,
  points: number,
  windowSeconds: number,
): RateLimit {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `ratelimit:${name}`,
    points,
    duration: windowSeconds,
    // Surface Redis outages as errors (→ 503) instead of silently letting every attempt through.
    insuranceLimiter: undefined,
  });
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          throw tooManyRequests(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
        }
        throw rejection;
      }
    },
    async refund(key) {
      await limiter.reward(key, 1);
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

export interface AttemptCounter {
  /** Counts one attempt for key and returns how many there were in the current window; never refuses. */
  count(key: string): Promise<number>;
}

/** A fixed-window count in Redis for limits that slow down rather than refuse. */
export function createAttemptCounter(redis: Redis, name: string, windowSeconds: number): AttemptCounter {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `attempts:${name}`,
    points: Number.MAX_SAFE_INTEGER,
    duration: windowSeconds,
    insuranceLimiter: undefined,
  });
  return {
    async count(key) {
      return (await limiter.consume(key)).consumedPoints;
    },
  };
}
