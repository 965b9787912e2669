import type { Connection } from 'mongoose';
import type { GridMapFeature, GridVersionSummary } from '@jiefang/contracts';
import { conflict } from '../../http/httpError';
import type { Clock } from '../../infra/clock';
import type { GridFeature } from './district';
import { gridVersionModel, type GridVersionDocument } from './gridVersionModel';

/** How many versions the history shows (a street's grids change a few times a year). */
const historyPageSize = 100;

const summaryOf = (document: GridVersionDocument): GridVersionSummary => ({
  streetId: document.streetId,
  version: document.version,
  at: document.at.toISOString(),
  byId: document.byId,
  byName: document.byName,
  ...document.summary,
});

/** The street's grids a stored version holds. */
export const gridsOf = (document: Pick<GridVersionDocument, 'geojson'>): GridFeature[] =>
  (JSON.parse(document.geojson) as { features: GridFeature[] }).features;

/** Published grid versions of the streets, append-only, in `district_grid_versions`. */
export function gridVersionStore(connection: Connection, clock: Clock) {
  const Versions = gridVersionModel(connection);

  return {
    /** The newest version of every street that has one. */
    async newest(): Promise<GridVersionDocument[]> {
      const heads = new Map<string, number>();
      for (const { streetId, version } of await Versions.find({}, { streetId: 1, version: 1 }).lean()) {
        if ((heads.get(streetId) ?? 0) < version) heads.set(streetId, version);
      }
      if (!heads.size) return [];
      const ids = [...heads].map(([streetId, version]) => `${streetId}:${version}`);
      return Versions.find({ _id: { $in: ids } }).lean<GridVersionDocument[]>();
    },

    /** The street's current version number; 0 when it still has the shipped grids. */
    async currentVersion(streetId: string): Promise<number> {
      const newest = await Versions.findOne({ streetId }, { version: 1 }).sort({ version: -1 }).lean();
      return newest?.version ?? 0;
    },

    async history(streetId: string): Promise<GridVersionSummary[]> {
      const found = await Versions.find({ streetId }, { geojson: 0 })
        .sort({ version: -1 })
        .limit(historyPageSize)
        .lean<GridVersionDocument[]>();
      return found.map(summaryOf);
    },

    /**
     * Stores the street's next version after `baseVersion`; 409 when someone published since (that
     * version exists already).
     */
    async publish(input: {
      streetId: string;
      baseVersion: number;
      grids: readonly GridMapFeature[];
      by: { id: string; name: string | null };
      summary: GridVersionDocument['summary'];
    }): Promise<GridVersionSummary> {
      const stale = (currentVersion: number) =>
        conflict('该街道的网格已被他人更新，请重新上传预览后再发布', { currentVersion });
      // A base older than the newest would not collide on its next id: refused here. A racing twin on
      // the same base collides on the id below.
      const current = await this.currentVersion(input.streetId);
      if (current !== input.baseVersion) throw stale(current);
      const version = input.baseVersion + 1;
      const document: GridVersionDocument = {
        _id: `${input.streetId}:${version}`,
        streetId: input.streetId,
        version,
        geojson: JSON.stringify({ type: 'FeatureCollection', features: input.grids }),
        at: clock.now(),
        byId: input.by.id,
        byName: input.by.name,
        summary: input.summary,
      };
      try {
        await Versions.create(document);
      } catch (error) {
        if ((error as { code?: number }).code === 11000)
          throw stale(await this.currentVersion(input.streetId));
        throw error;
      }
      return summaryOf(document);
    },
  };
}

export type GridVersionStore = ReturnType<typeof gridVersionStore>;
