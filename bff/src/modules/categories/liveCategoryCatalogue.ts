import type { Redis } from 'ioredis';
import type { Category, CategoryCode } from '@jiefang/contracts';
import { catalogueOf, categorySeeds, type CategoryCatalogue } from '../../domain/categories';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import type { CategoryStore } from './categoryStore';

const categoryVersionKey = 'categories:version';

/** How often a BFF asks Redis whether the categories changed: an edit is seen everywhere within this. */
export const categoryCheckEveryMs = 500;
/** Read from MongoDB again at least this often, for a change made around the BFF (a script, a restore). */
export const categoryReloadEveryMs = 60_000;

/** A counter in Redis bumped after every category edit, so every BFF instance knows to read them again. */
export function categoryChanges(redis: Redis) {
  return {
    async changed(): Promise<void> {
      await redis.incr(categoryVersionKey);
    },
    async version(): Promise<string> {
      return (await redis.get(categoryVersionKey)) ?? '0';
    },
  };
}

export type CategoryChanges = ReturnType<typeof categoryChanges>;

export interface LiveCategoryCatalogue extends CategoryCatalogue {
  /**
   * Brings the catalogue up to date if it was last checked more than `categoryCheckEveryMs` ago (the
   * first call seeds and loads it). Never fails: a failed check is logged and the last set kept.
   */
  fresh(): Promise<void>;
  /** Reads the categories again now (after this instance's own edit). */
  reload(): Promise<void>;
}

/**
 * The categories every part of the BFF reads synchronously (intake, dispatch, SLA timers, views,
 * exports, statistics), kept in memory and followed as administrators edit them in MongoDB.
 *
 * Why a version counter checked on read rather than a pub/sub message or a timer: the staff look-ups do
 * the same (staffChanges), it costs one Redis GET per `categoryCheckEveryMs` per instance however busy
 * the instance is and nothing when idle, a lost message cannot leave an instance stale for good (a
 * counter that Redis lost reads differently, so it reloads), and it follows the injected clock, so tests
 * can show the delay. Each request waits for the check (a middleware calls `fresh()`), so the request
 * after the delay sees the edit; work off the request path (timers) starts a check when it reads and
 * sees the edit from its next read on.
 *
 * The version is read before the documents and bumped after them, so a check can read an edit twice
 * but never miss one.
 */
export function liveCategoryCatalogue(deps: {
  store: CategoryStore;
  changes: CategoryChanges;
  clock: Clock;
  logger: Logger;
  seeds?: readonly Category[];
}): LiveCategoryCatalogue {
  const seeds = deps.seeds ?? categorySeeds();
  // Until the first load: the shipped categories, so a BFF whose database is away still names things.
  let current = catalogueOf(seeds);
  let seeded = false;
  let knownVersion: string | null = null;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | null = null;

  const now = () => deps.clock.now().getTime();

  const check = async (force: boolean) => {
    const version = await deps.changes.version();
    if (!seeded) {
      await deps.store.seed(seeds);
      seeded = true;
    }
    if (!force && version === knownVersion && now() - loadedAt < categoryReloadEveryMs) return;
    const stored = new Map((await deps.store.list()).map((category) => [category.code, category]));
    // A category missing from the database (removed by hand) is served as shipped rather than failing.
    current = catalogueOf(seeds.map((seed) => stored.get(seed.code) ?? seed));
    knownVersion = version;
    loadedAt = now();
  };

  const run = (force: boolean): Promise<void> => {
    checkedAt = now();
    const started = check(force)
      .catch((error: unknown) => {
        // Tried again after the interval, not on every request while Redis or MongoDB is away.
        deps.logger.warn({ err: error }, 'categories not refreshed; serving the last known ones');
      })
      .finally(() => {
        if (running === started) running = null;
      });
    running = started;
    return started;
  };

  const fresh = (): Promise<void> => {
    if (running) return running;
    if (now() - checkedAt < categoryCheckEveryMs) return Promise.resolve();
    return run(false);
  };

  return {
    all: () => {
      void fresh();
      return current.all();
    },
    get: (code: CategoryCode) => {
      void fresh();
      return current.get(code);
    },
    fresh,
    async reload() {
      await running;
      await run(true);
    },
  };
}
