import type { Redis } from 'ioredis';
import type { Category, CategoryCode } from '@jiefang/contracts';
import { catalogueOf, categorySeeds, type CategoryCatalogue } from '../../domain/categories';
import { changeCounter, type ChangeCounter } from '../../infra/changeCounter';
import type { Clock } from '../../infra/clock';
import { followChanges, type FollowedChanges } from '../../infra/followedChanges';
import type { Logger } from '../../infra/logger';
import type { CategoryStore } from './categoryStore';

const categoryVersionKey = 'categories:version';

/** How often a BFF asks Redis whether the categories changed: an edit is seen everywhere within this. */
export const categoryCheckEveryMs = 500;
/** Read from MongoDB again at least this often, for a change made around the BFF (a script, a restore). */
export const categoryReloadEveryMs = 60_000;

/** Bumped after every category edit, so every BFF instance reads them again. */
export const categoryChanges = (redis: Redis): ChangeCounter => changeCounter(redis, categoryVersionKey);

export type CategoryChanges = ChangeCounter;

/** The first `fresh()` seeds the categories and loads them. */
export interface LiveCategoryCatalogue extends CategoryCatalogue, FollowedChanges {}

/**
 * The categories every part of the BFF reads synchronously (intake, dispatch, SLA timers, views,
 * exports, statistics), kept in memory and followed as administrators edit them in MongoDB.
 *
 * Why a version counter checked on read rather than a pub/sub message or a timer: the staff look-ups do
 * the same (staffChanges), it costs one Redis GET per `categoryCheckEveryMs` per instance however busy
 * the instance is and nothing when idle, a lost message cannot leave an instance stale for good (a
 * counter that Redis lost reads differently, so it reloads), and it follows the injected clock, so tests
 * can show the delay (followChanges). Each request waits for the check (a middleware calls `fresh()`), so
 * the request after the delay sees the edit; work off the request path (timers) starts a check when it
 * reads and sees the edit from its next read on.
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

  const followed = followChanges({
    counter: deps.changes,
    clock: deps.clock,
    logger: deps.logger,
    checkEveryMs: categoryCheckEveryMs,
    reloadEveryMs: categoryReloadEveryMs,
    what: 'categories',
    async load() {
      if (!seeded) {
        await deps.store.seed(seeds);
        seeded = true;
      }
      const stored = new Map((await deps.store.list()).map((category) => [category.code, category]));
      // A category missing from the database (removed by hand) is served as shipped rather than failing.
      current = catalogueOf(seeds.map((seed) => stored.get(seed.code) ?? seed));
    },
  });
  const { fresh } = followed;

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
    reload: followed.reload,
  };
}
