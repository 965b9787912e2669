import { z } from 'zod';

export const streetSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  squadId: z.string(),
  squadName: z.string(),
});
export type StreetSummary = z.infer<typeof streetSummarySchema>;

export const streetListSchema = z.object({ items: z.array(streetSummarySchema) });
export type StreetList = z.infer<typeof streetListSchema>;

const polygonGeometrySchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))),
});

/** A grid (网格) outline: the smallest area, inside one street and one of its communities (社区). */
export const gridMapFeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    id: z.string(),
    name: z.string(),
    streetId: z.string(),
    community: z.string(),
  }),
  geometry: polygonGeometrySchema,
});
export type GridMapFeature = z.infer<typeof gridMapFeatureSchema>;

/**
 * Street outlines for maps: a GeoJSON FeatureCollection of polygons, [lng, lat] positions (WGS-84).
 * `grids` (a foreign member of the collection) holds the grid outlines that tile the streets; it is
 * absent from older BFFs, so it defaults to none.
 */
export const districtMapSchema = z.object({
  type: z.literal('FeatureCollection'),
  name: z.string(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ id: z.string(), name: z.string(), squadId: z.string(), squadName: z.string() }),
      geometry: polygonGeometrySchema,
    }),
  ),
  grids: z.array(gridMapFeatureSchema).default([]),
});
export type DistrictMap = z.infer<typeof districtMapSchema>;
