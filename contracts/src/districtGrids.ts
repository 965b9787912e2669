import { z } from 'zod';
import { gridMapFeatureSchema } from './district';

/**
 * 辖区网格: a street's administrators upload a new GeoJSON FeatureCollection of the street's grids, see it
 * validated and previewed, and publish it as the street's next grid version (append-only). The running
 * BFFs use the newest version of each street, else the grids shipped with the BFF (version 0).
 */

/** The largest grids file accepted: GeoJSON of ~50 finely drawn grids is a few hundred kilobytes. */
export const gridUploadMaxChars = 2 * 1024 * 1024;

/** Areas below this many square metres are drawing slivers, not gaps or overlaps anyone could report in. */
export const gridAreaToleranceM2 = 1;

/** The file as uploaded: its text, so that a file that is not even JSON is reported like any other problem. */
export const gridUploadRequestSchema = z.object({
  geojson: z.string().min(1, '请选择网格文件').max(gridUploadMaxChars, '网格文件不能超过 2 MB'),
});
export type GridUploadRequest = z.infer<typeof gridUploadRequestSchema>;

/** Publishing: the version the preview was made against, so two administrators cannot overwrite each other. */
export const gridPublishRequestSchema = gridUploadRequestSchema.extend({
  baseVersion: z.number().int().min(0),
});
export type GridPublishRequest = z.infer<typeof gridPublishRequestSchema>;

export const gridProblemCodes = [
  /** Not JSON, not a FeatureCollection, or a feature without the required properties. */
  'schema',
  /** A ring not closed, or with fewer than 4 positions. */
  'invalid_ring',
  /** A ring crossing itself. */
  'self_intersection',
  /** The same grid id twice in the file, or already a grid of another street. */
  'duplicate_id',
  /** The grid's community is not one of the street's. */
  'bad_community',
  /** The grid names another street. */
  'wrong_street',
  /** Part of the grid lies outside the street. */
  'outside_street',
  /** Two grids cover the same ground. */
  'overlap',
  /** Ground of the street that no grid covers. */
  'gap',
  /** No grids at all. */
  'empty',
] as const;
export type GridProblemCode = (typeof gridProblemCodes)[number];

const areaGeometrySchema = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))) }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(z.array(z.tuple([z.number(), z.number()])))),
  }),
]);

/**
 * One thing wrong with an upload. Errors block publishing; warnings are shown only. Where it helps, the
 * area in m², a point to put a marker on ([lng, lat]) and the ground concerned (an overlap, a gap, the
 * part outside the street) to draw in red.
 */
export const gridProblemSchema = z.object({
  code: z.enum(gridProblemCodes),
  severity: z.enum(['error', 'warning']),
  /** The grid concerned (for an overlap, the first of the two); null for the file or a gap. */
  gridId: z.string().nullable(),
  /** The other grid of an overlap. */
  otherGridId: z.string().nullable(),
  /** In Simplified Chinese, for the list. */
  message: z.string(),
  areaM2: z.number().nullable(),
  location: z.tuple([z.number(), z.number()]).nullable(),
  area: areaGeometrySchema.nullable(),
});
export type GridProblem = z.infer<typeof gridProblemSchema>;

/** What would reference a grid that disappears: they keep the old grid id until someone moves them. */
export const gridImpactSchema = z.object({
  workers: z.array(z.object({ id: z.string(), name: z.string(), gridId: z.string() })),
  households: z.array(z.object({ id: z.string(), address: z.string(), gridId: z.string() })),
  tickets: z.array(z.object({ id: z.string(), status: z.string(), gridId: z.string() })),
});
export type GridImpact = z.infer<typeof gridImpactSchema>;

export const gridChangesSchema = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  /** Same id, another outline, name or community. */
  changed: z.array(z.string()),
  unchanged: z.array(z.string()),
});
export type GridChanges = z.infer<typeof gridChangesSchema>;

export const gridPreviewSchema = z.object({
  streetId: z.string(),
  /** The street's current version (0: the grids shipped with the BFF); publish sends it back. */
  baseVersion: z.number().int(),
  /** No errors: publishing would be accepted. */
  publishable: z.boolean(),
  problems: z.array(gridProblemSchema),
  /** The uploaded grids as they would be stored (empty when the file could not be read). */
  grids: z.array(gridMapFeatureSchema),
  current: z.array(gridMapFeatureSchema),
  changes: gridChangesSchema,
  impact: gridImpactSchema,
});
export type GridPreview = z.infer<typeof gridPreviewSchema>;

export const gridVersionSummarySchema = z.object({
  streetId: z.string(),
  version: z.number().int(),
  at: z.string(),
  byId: z.string(),
  byName: z.string().nullable(),
  grids: z.number().int(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
});
export type GridVersionSummary = z.infer<typeof gridVersionSummarySchema>;

export const gridVersionListSchema = z.object({
  /** The street's current version (0: the shipped grids). */
  current: z.number().int(),
  /** Newest first. */
  items: z.array(gridVersionSummarySchema),
});
export type GridVersionList = z.infer<typeof gridVersionListSchema>;
