import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One published set of a street's grids, never updated or removed. `_id` is `streetId:version`, so a
 * version is stored once: two administrators publishing on the same base version race for one id and
 * the second is refused. The grids are GeoJSON text: FerretDB cannot store a polygon's nested arrays.
 */
export interface GridVersionDocument {
  _id: string;
  streetId: string;
  version: number;
  /** A FeatureCollection of the street's grids, as validated (each with its `streetId`). */
  geojson: string;
  at: Date;
  byId: string;
  byName: string | null;
  /** What changed from the version before, for the history list. */
  summary: { grids: number; added: string[]; removed: string[]; changed: string[] };
}

const gridVersionSchema = new Schema<GridVersionDocument>(
  {
    _id: { type: String, required: true },
    streetId: { type: String, required: true },
    version: { type: Number, required: true },
    geojson: { type: String, required: true },
    at: { type: Date, required: true },
    byId: { type: String, required: true },
    byName: { type: String, default: null },
    summary: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false },
);
gridVersionSchema.index({ streetId: 1, version: -1 });

export function gridVersionModel(connection: Connection): Model<GridVersionDocument> {
  return (
    (connection.models.DistrictGridVersion as Model<GridVersionDocument> | undefined) ??
    connection.model<GridVersionDocument>('DistrictGridVersion', gridVersionSchema, 'district_grid_versions')
  );
}
