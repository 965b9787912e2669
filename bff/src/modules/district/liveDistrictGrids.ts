import type { Redis } from 'ioredis';
import { changeCounter, type ChangeCounter } from '../../infra/changeCounter';
import type { Clock } from '../../infra/clock';
import { followChanges, type FollowedChanges } from '../../infra/followedChanges';
import type { Logger } from '../../infra/logger';
import type { District, GridFeature } from './district';
import { gridsOf, type GridVersionStore } from './gridVersionStore';

const gridsVersionKey = 'district:grids:version';

/** How often a BFF asks Redis whether a street's grids were published: every instance sees them within this. */
export const gridsCheckEveryMs = 500;
/** Read from MongoDB again at least this often, for a change made around the BFF (a script, a restore). */
export const gridsReloadEveryMs = 60_000;

/** Bumped after every publication, so every BFF instance reads the grids again. */
export const gridChanges = (redis: Redis): ChangeCounter => changeCounter(redis, gridsVersionKey);

export type GridChanges = ChangeCounter;

export interface LiveDistrictGrids extends FollowedChanges {
  /** The street's version in use: 0 for the grids shipped with the BFF. */
  versionOf(streetId: string): number;
  /** Names the grids in use (every street's version), for an ETag. */
  tag(): string;
}

/**
 * Keeps `district.grids` on the newest published version of each street (else the shipped grids),
 * following publications on any BFF instance like the categories do (followChanges: a Redis counter
 * checked on read at most every `gridsCheckEveryMs`, a periodic reload for changes made around the BFF). The district stays the same object and its `grids` array is replaced whole, so the ~30
 * parts given the district at start-up see the new grids without being told; what they derive from the
 * grids must be keyed by that array (as `gridFor`'s cache is), never computed once.
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
  const tag = () =>
    district.features
      .map(({ properties }) => `${properties.id}:${versions.get(properties.id) ?? 0}`)
      // No comma or space: an If-None-Match header lists several ETags separated by them.
      .join('.');

  const load = async () => {
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
  };

  const followed = followChanges({
    counter: deps.changes,
    clock: deps.clock,
    logger: deps.logger,
    checkEveryMs: gridsCheckEveryMs,
    reloadEveryMs: gridsReloadEveryMs,
    what: 'district grids',
    load,
  });

  return {
    fresh: followed.fresh,
    reload: followed.reload,
    versionOf: (streetId) => versions.get(streetId) ?? 0,
    tag,
  };
}
