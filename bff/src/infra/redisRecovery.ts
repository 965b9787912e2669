import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from './logger';
import { redisScript } from './redisScript';

export interface RecoveryTask {
  name: string;
  /**
   * When Redis has lost what it held (restarted empty, or a first start): put back from MongoDB what
   * Redis keeps for this task. Must be idempotent; `keepLease` is called between pages of a long pass.
   */
  rebuild?: (keepLease: () => Promise<void>) => Promise<unknown>;
  /** Every round: act on what the stored documents say is overdue, in case its timer was lost. */
  sweep?: () => Promise<unknown>;
}

/** Keys under the client's prefix. `state` is `armed` once Redis holds everything rebuilt. */
export const recoveryKeys = { lease: 'recovery:lease', state: 'recovery:state' } as const;
const armed = 'armed';

const releaseLua = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const renewLua = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const swapLua = `if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2]) return 1 else return 0 end`;

/**
 * MongoDB is the source of truth; Redis holds timers and indexes derived from it and may come back
 * empty. Every `intervalMs`, and at once when the connection is ready again, one BFF instance (the
 * holder of a short lease) checks a marker that only a complete rebuild sets: when it is missing,
 * Redis lost its data and the tasks rebuild; then each task sweeps for overdue work. `rebuilt()` says
 * whether Redis is known to hold the rebuilt state, for readiness.
 */
export function redisRecovery(deps: {
  redis: Redis;
  logger: Logger;
  tasks: RecoveryTask[];
  intervalMs?: number;
  leaseMs?: number;
}) {
  const { redis, logger } = deps;
  const intervalMs = deps.intervalMs ?? 10_000;
  const leaseMs = deps.leaseMs ?? 30_000;
  const token = randomUUID();
  const release = redisScript<number>(redis, 'jiefangRecoveryRelease', 1, releaseLua);
  const renew = redisScript<number>(redis, 'jiefangRecoveryRenew', 1, renewLua);
  const swap = redisScript<number>(redis, 'jiefangRecoverySwap', 1, swapLua);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let rebuilt = false;
  let failing = false;

  const keepLease = async () => {
    if ((await renew(recoveryKeys.lease, token, leaseMs)) !== 1) throw new Error('recovery lease lost');
  };

  const rebuildAll = async () => {
    const marker = `rebuilding:${token}`;
    await redis.set(recoveryKeys.state, marker);
    const started = performance.now();
    for (const task of deps.tasks) {
      if (!task.rebuild) continue;
      await task.rebuild(keepLease);
      await keepLease();
    }
    // Only if Redis kept the marker meanwhile: had it been emptied again, the next round starts over.
    if ((await swap(recoveryKeys.state, marker, armed)) === 1) {
      logger.info({ ms: Math.round(performance.now() - started) }, 'Redis state rebuilt from MongoDB');
    }
  };

  const round = async () => {
    if ((await redis.set(recoveryKeys.lease, token, 'PX', leaseMs, 'NX')) !== 'OK') {
      rebuilt = (await redis.get(recoveryKeys.state)) === armed;
      return;
    }
    try {
      if ((await redis.get(recoveryKeys.state)) !== armed) {
        rebuilt = false;
        await rebuildAll();
      }
      rebuilt = (await redis.get(recoveryKeys.state)) === armed;
      for (const task of deps.tasks) {
        if (stopped) break;
        if (!task.sweep) continue;
        try {
          await task.sweep();
        } catch (error) {
          logger.warn({ err: error, task: task.name }, 'overdue sweep failed; the next round retries');
        }
      }
    } finally {
      await release(recoveryKeys.lease, token).catch(() => undefined);
    }
  };

  const runRound = () => {
    if (stopped) return Promise.resolve();
    running ??= round()
      .then(() => {
        if (failing) logger.info('Redis recovery rounds run again');
        failing = false;
      })
      .catch((error: unknown) => {
        // Redis down: every round fails the same way until it is back; say so once.
        if (!failing) logger.warn({ err: error }, 'Redis recovery round failed; retrying');
        failing = true;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const onReady = () => void runRound();

  return {
    start(): void {
      if (!stopped) return;
      stopped = false;
      redis.on('ready', onReady);
      timer = setInterval(() => void runRound(), intervalMs);
      timer.unref();
      void runRound();
    },
    /** One round now (tests, and callers that want the state rebuilt before they go on). */
    runRound,
    rebuilt: () => rebuilt,
    /** Bounded: a round waiting on a Redis that is gone must not hold up a shutdown. */
    async stop(): Promise<void> {
      stopped = true;
      redis.off('ready', onReady);
      if (timer) clearInterval(timer);
      timer = null;
      await Promise.race([running, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    },
  };
}

export type RedisRecovery = ReturnType<typeof redisRecovery>;

/** Runs `fn` over the items, `concurrency` at a time; a failing item is reported and the rest go on. */
export async function forEachLimited<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<unknown>,
  onError: (error: unknown, item: T) => void,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item).catch((error: unknown) => onError(error, item));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
