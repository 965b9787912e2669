import type { Redis } from 'ioredis';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import type { District, GridFeature } from './district';
import { gridsOf, type GridVersionStore } from './gridVersionStore';

const gridsVersionKey = 'district:grids:version';

/** How often a BFF asks Redis whether a street's grids were published: every instance sees them within this. */
export const gridsCheckEveryMs = 500;
/** Read from MongoDB again at least this often, for a change made around the BFF (a script, a restore). */
export const gridsReloadEveryMs = 60_000;

/** A counter in Redis bumped after every publication, so every BFF instance reads the grids again. */
export function gridChanges(redis: Redis) {
  return {
    async changed(): Promise<void> {
      await redis.incr(gridsVersionKey);
    },
    async version(): Promise<string> {
      return (await redis.get(gridsVersionKey)) ?? '0';
    },
  };
}

export type GridChanges = ReturnType<typeof gridChanges>;

export interface LiveDistrictGrids {
  /** Brings the grids up to date if last checked more than `gridsCheckEveryMs` ago; never fails. */
  fresh(): Promise<void>;
  /** Reads the grids again now (after this instance's own publication). */
  reload(): Promise<void>;
  /** The street's version in use: 0 for the grids shipped with the BFF. */
  versionOf(streetId: string): number;
  /** Names the grids in use (every street's version), for an ETag. */
  tag(): string;
}

/**
 * Keeps `district.grids` on the newest published version of each street (else the shipped grids),
 * following publications on any BFF instance like the categories do (liveCategoryCatalogue: a Redis
 * counter checked on read at most every `gridsCheckEveryMs`, a periodic reload for changes made around
 * the BFF). The district stays the same object and its `grids` array is replaced whole, so the ~30
 * parts given the district at start-up see the new grids without being told; what they derive from the
 * grids must be keyed by that array (as `gridFor`'s cache is), never computed once.
 *
 * The counter is read before the versions and bumped after a publication is stored, so a check can
 * read a publication twice but never miss it.
 */
export function liveDistrictGrids(deps: {
  district: District;
  store: GridVersionStore;
  changes: GridChanges;
  clock: Clock;
  logger: Logger;
}): LiveDistrictGrids {
  const { district } = deps;
  const shipped: readonly GridFeature[] = district.grids;
  let versions = new Map<string, number>();
  let knownVersion: string | null = null;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | null = null;

  const now = () => deps.clock.now().getTime();
  const tag = () =>
    district.features
      .map(({ properties }) => `${properties.id}:${versions.get(properties.id) ?? 0}`)
      // No comma or space: an If-None-Match header lists several ETags separated by them.
      .join('.');

  const check = async (force: boolean) => {
    const version = await deps.changes.version();
    if (!force && version === knownVersion && now() - loadedAt < gridsReloadEveryMs) return;
    const newest = new Map((await deps.store.newest()).map((document) => [document.streetId, document]));
    const nextVersions = new Map([...newest].map(([streetId, document]) => [streetId, document.version]));
    const unchanged =
      nextVersions.size === versions.size &&
      [...nextVersions].every(([streetId, number]) => versions.get(streetId) === number);
    if (!unchanged) {
      // In the streets' order, each street's grids in its file's order (gridFor's tie-break on shared edges).
      district.grids = district.features.flatMap(({ properties: street }) => {
        const stored = newest.get(street.id);
        return stored
          ? gridsOf(stored)
          : shipped.filter(({ properties }) => properties.streetId === street.id);
      });
      versions = nextVersions;
      deps.logger.info({ grids: tag() }, 'district grids loaded');
    }
    knownVersion = version;
    loadedAt = now();
  };

  const run = (force: boolean): Promise<void> => {
    checkedAt = now();
    const started = check(force)
      .catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'district grids not refreshed; serving the last known ones');
      })
      .finally(() => {
        if (running === started) running = null;
      });
    running = started;
    return started;
  };

  const fresh = (): Promise<void> => {
    if (running) return running;
    if (now() - checkedAt < gridsCheckEveryMs) return Promise.resolve();
    return run(false);
  };

  return {
    fresh,
    async reload() {
      await running;
      await run(true);
    },
    versionOf: (streetId) => versions.get(streetId) ?? 0,
    tag,
  };
}
