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

/** Street outlines for maps: GeoJSON polygons, [lng, lat] positions (WGS-84). */
export const districtMapSchema = z.object({
  type: z.literal('FeatureCollection'),
  name: z.string(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ id: z.string(), name: z.string(), squadId: z.string(), squadName: z.string() }),
      geometry: z.object({
        type: z.literal('Polygon'),
        coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))),
      }),
    }),
  ),
});
export type DistrictMap = z.infer<typeof districtMapSchema>;
