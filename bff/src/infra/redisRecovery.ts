import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from './logger';
import { redisScript } from './redisScript';

export interface RecoveryTask {
  name: string;
  /**
   * When Redis has lost what it held (restarted empty, or a first start): put back from MongoDB what
   * Redis keeps for this task, and do what is overdue (no sweep follows a rebuild: one pass over the
   * documents, not two). Must be idempotent; `keepLease` is called between pages of a long pass.
   */
  rebuild?: (keepLease: () => Promise<void>) => Promise<unknown>;
  /** Acts on what the stored documents say is overdue, in case its timer was lost. */
  sweep?: (keepLease: () => Promise<void>) => Promise<unknown>;
}

/**
 * Keys under the client's prefix. `state` is `armed` once Redis holds everything rebuilt; `swept` lives
 * for one sweep interval after a sweep, and deleting it asks for a sweep at the next round.
 */
export const recoveryKeys = {
  lease: 'recovery:lease',
  state: 'recovery:state',
  swept: 'recovery:swept',
} as const;
const armed = 'armed';

const releaseLua = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const renewLua = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const swapLua = `if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2]) return 1 else return 0 end`;

/**
 * MongoDB is the source of truth; Redis holds timers and indexes derived from it and may come back
 * empty. Every `intervalMs`, and at once when the connection is ready again, one BFF instance (the
 * holder of a short lease) runs a round that costs a few Redis commands: when the marker that only a
 * complete rebuild sets is missing, Redis lost its data and the tasks rebuild (and do what is overdue);
 * otherwise, when a sweep is due, they sweep for overdue work. A sweep is due after any instance
 * (re)connected to Redis (a timer may have failed to be set while it was away, or an AOF Redis lost its
 * last second) and every `sweepIntervalMs` as a safety net: on FerretDB each sweep reads whole
 * collections, so it does not run every round. `rebuilt()` says whether Redis holds the rebuilt state.
 */
export function redisRecovery(deps: {
  redis: Redis;
  logger: Logger;
  tasks: RecoveryTask[];
  intervalMs?: number;
  sweepIntervalMs?: number;
  leaseMs?: number;
}) {
  const { redis, logger } = deps;
  const intervalMs = deps.intervalMs ?? 10_000;
  const sweepIntervalMs = deps.sweepIntervalMs ?? 15 * 60_000;
  // Long enough for one rebuild step on a big FerretDB collection (a scan of 20,000 tickets took 9 s).
  const leaseMs = deps.leaseMs ?? 60_000;
  const token = randomUUID();
  const release = redisScript<number>(redis, 'jiefangRecoveryRelease', 1, releaseLua);
  const renew = redisScript<number>(redis, 'jiefangRecoveryRenew', 1, renewLua);
  const swap = redisScript<number>(redis, 'jiefangRecoverySwap', 1, swapLua);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let rebuilt = false;
  let failing = false;
  // This instance (re)connected: a timer it tried to set meanwhile may be missing, so it asks for a sweep.
  let sweepWanted = true;

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

  const sweepAll = async () => {
    const started = performance.now();
    for (const task of deps.tasks) {
      if (stopped) return;
      if (!task.sweep) continue;
      try {
        await task.sweep(keepLease);
      } catch (error) {
        // Asks for another sweep at the next round.
        await redis.del(recoveryKeys.swept);
        logger.warn({ err: error, task: task.name }, 'overdue sweep failed; the next round retries');
      }
    }
    logger.debug({ ms: Math.round(performance.now() - started) }, 'overdue sweep done');
  };

  const round = async () => {
    if (sweepWanted) {
      await redis.del(recoveryKeys.swept);
      sweepWanted = false;
    }
    // Our own lease may still be there: Redis kept it (AOF) when it died during one of our rounds.
    const holding =
      (await redis.set(recoveryKeys.lease, token, 'PX', leaseMs, 'NX')) === 'OK' ||
      (await renew(recoveryKeys.lease, token, leaseMs)) === 1;
    if (!holding) {
      rebuilt = (await redis.get(recoveryKeys.state)) === armed;
      return;
    }
    try {
      if ((await redis.get(recoveryKeys.state)) !== armed) {
        rebuilt = false;
        await rebuildAll();
        // The rebuild did the overdue work: the next sweep is due an interval from now.
        await redis.set(recoveryKeys.swept, token, 'PX', sweepIntervalMs);
      } else if ((await redis.set(recoveryKeys.swept, token, 'PX', sweepIntervalMs, 'NX')) === 'OK') {
        await sweepAll();
      }
      rebuilt = (await redis.get(recoveryKeys.state)) === armed;
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
  const onReady = () => {
    sweepWanted = true;
    void runRound();
  };

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

/**
 * Runs `fn` over the items, `concurrency` at a time, renewing the lease between chunks; a failing item
 * is reported and the rest go on.
 */
export async function forEachLimited<T>(
  items: readonly T[],
  options: { concurrency: number; keepLease: () => Promise<void> },
  fn: (item: T) => Promise<unknown>,
  onError: (error: unknown, item: T) => void,
): Promise<void> {
  const chunkSize = 50;
  for (let start = 0; start < items.length; start += chunkSize) {
    const chunk = items.slice(start, start + chunkSize);
    let next = 0;
    const worker = async () => {
      while (next < chunk.length) {
        const item = chunk[next++] as T;
        await fn(item).catch((error: unknown) => onError(error, item));
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, chunk.length) }, worker));
    await options.keepLease();
  }
}
