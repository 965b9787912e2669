import { isDeepStrictEqual } from 'node:util';
import type { Connection } from 'mongoose';
import type {
  GridChanges as GridChangeList,
  GridImpact,
  GridMapFeature,
  GridPreview,
  GridVersionList,
  GridVersionSummary,
} from '@jiefang/contracts';
import { validateStreetGrids } from '../../domain/gridValidation';
import { forbidden, notFound, unprocessable } from '../../http/httpError';
import { householdModel } from '../households/householdModel';
import { ticketModel } from '../tickets/ticketModel';
import { userModels } from '../users/userModel';
import { findStreet, gridsOfStreet, type District, type StreetFeature } from './district';
import type { GridVersionStore } from './gridVersionStore';
import type { GridChanges, LiveDistrictGrids } from './liveDistrictGrids';

type Position = [number, number];

/** How many of each kind the impact lists: enough to act on, bounded for a street with many. */
const impactLimit = 200;
/** A ticket in these is finished: a grid it named may go. */
const finishedStatuses = ['confirmed', 'closed'];

const mapFeatureOf = (grid: GridMapFeature): GridMapFeature => ({
  type: 'Feature',
  properties: {
    id: grid.properties.id,
    name: grid.properties.name,
    streetId: grid.properties.streetId,
    community: grid.properties.community,
  },
  geometry: { type: 'Polygon', coordinates: grid.geometry.coordinates },
});

/** Which grids a new set adds, removes and changes compared with the current ones. */
export function gridChangesOf(
  current: readonly GridMapFeature[],
  next: readonly GridMapFeature[],
): GridChangeList {
  const before = new Map(current.map((grid) => [grid.properties.id, mapFeatureOf(grid)]));
  const after = new Map(next.map((grid) => [grid.properties.id, mapFeatureOf(grid)]));
  const changes: GridChangeList = { added: [], removed: [], changed: [], unchanged: [] };
  for (const [id, grid] of after) {
    const previous = before.get(id);
    if (!previous) changes.added.push(id);
    else if (isDeepStrictEqual(previous, grid)) changes.unchanged.push(id);
    else changes.changed.push(id);
  }
  for (const id of before.keys()) if (!after.has(id)) changes.removed.push(id);
  return changes;
}

/**
 * 辖区网格: checks an upload of a street's grids against the street and the other streets' grids, shows
 * what it would change and what names the grids it would remove, and publishes it as the street's next
 * version. Only administrators call it; a street's administrator only for their own street.
 */
export function gridUploads(deps: {
  district: District;
  grids: LiveDistrictGrids;
  store: GridVersionStore;
  changes: GridChanges;
  mongo: Connection;
  /** The street an account belongs to (a street's administrator has one; the district's has none). */
  streetOf: (userId: string) => Promise<string | null>;
  onAnnounceFailed: (error: unknown) => void;
}) {
  const { district } = deps;
  const { User } = userModels(deps.mongo);
  const Households = householdModel(deps.mongo);
  const Tickets = ticketModel(deps.mongo);

  async function streetFor(callerId: string, streetId: string): Promise<StreetFeature> {
    const own = await deps.streetOf(callerId);
    if (own && own !== streetId) throw forbidden('街道管理员只能管理本街道的网格');
    const street = findStreet(district, streetId);
    if (!street || street.properties.id !== streetId) throw notFound('没有这个街道');
    return street;
  }

  function validate(street: StreetFeature, text: string) {
    const otherStreetsGridIds = new Set(
      district.grids
        .filter(({ properties }) => properties.streetId !== street.properties.id)
        .map(({ properties }) => properties.id),
    );
    return validateStreetGrids(text, {
      id: street.properties.id,
      rings: street.geometry.coordinates as Position[][],
      communities: street.properties.communities,
      otherStreetsGridIds,
    });
  }

  async function impactOf(removed: readonly string[]): Promise<GridImpact> {
    if (!removed.length) return { workers: [], households: [], tickets: [] };
    const gridId = { $in: [...removed] };
    const [workers, households, tickets] = await Promise.all([
      User.find({ gridId }, { name: 1, gridId: 1 }).limit(impactLimit).lean(),
      Households.find({ gridId }, { address: 1, gridId: 1 }).limit(impactLimit).lean(),
      Tickets.find({ gridId, status: { $nin: finishedStatuses } } as never, { status: 1, gridId: 1 })
        .limit(impactLimit)
        .lean(),
    ]);
    return {
      workers: workers.map((user) => ({ id: user._id, name: user.name, gridId: user.gridId ?? '' })),
      households: households.map((household) => ({
        id: household._id,
        address: household.address,
        gridId: household.gridId ?? '',
      })),
      tickets: tickets.map((ticket) => ({
        id: ticket._id,
        status: ticket.status,
        gridId: ticket.gridId ?? '',
      })),
    };
  }

  return {
    async preview(callerId: string, streetId: string, text: string): Promise<GridPreview> {
      await deps.grids.fresh();
      const street = await streetFor(callerId, streetId);
      const baseVersion = deps.grids.versionOf(streetId);
      const current = gridsOfStreet(district, streetId).map(mapFeatureOf);
      const checked = validate(street, text);
      const changes = gridChangesOf(current, checked.grids);
      return {
        streetId,
        baseVersion,
        publishable: checked.publishable,
        problems: checked.problems,
        grids: checked.grids,
        current,
        changes,
        impact: await impactOf(changes.removed),
      };
    },

    /** Checks the file again (a preview is never trusted) and stores it after `baseVersion`; 409 if stale. */
    async publish(
      caller: { id: string; name: string | null },
      streetId: string,
      text: string,
      baseVersion: number,
    ): Promise<GridVersionSummary> {
      await deps.grids.reload();
      const street = await streetFor(caller.id, streetId);
      const checked = validate(street, text);
      if (!checked.publishable)
        throw unprocessable('网格文件未通过校验，不能发布', { problems: checked.problems });
      const changes = gridChangesOf(gridsOfStreet(district, streetId), checked.grids);
      const published = await deps.store.publish({
        streetId,
        baseVersion,
        grids: checked.grids,
        by: caller,
        summary: {
          grids: checked.grids.length,
          added: changes.added,
          removed: changes.removed,
          changed: changes.changed,
        },
      });
      // Stored: should Redis be away, the other instances read it at their periodic reload.
      await deps.changes.changed().catch(deps.onAnnounceFailed);
      await deps.grids.reload();
      return published;
    },

    async versions(callerId: string, streetId: string): Promise<GridVersionList> {
      await streetFor(callerId, streetId);
      return {
        current: await deps.store.currentVersion(streetId),
        items: await deps.store.history(streetId),
      };
    },
  };
}

export type GridUploads = ReturnType<typeof gridUploads>;
