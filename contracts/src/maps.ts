import { z } from 'zod';

/**
 * Where map tiles come from. AMap and Tencent raster tiles are drawn in GCJ-02, so points (stored in
 * WGS-84) are converted before they are placed on them; OpenStreetMap and self-hosted tiles are WGS-84.
 * Null tiles: no tile source is configured (or reachable), and maps draw the district's own outlines.
 */
export const tileSourceSchema = z.object({
  /** Leaflet URL template: {s}, {x}, {y}, {z}. */
  urlTemplate: z.string().min(1),
  subdomains: z.array(z.string()).default([]),
  coordinateSystem: z.enum(['wgs84', 'gcj02']),
  attribution: z.string().min(1),
  minZoom: z.number().int().min(0).max(22).default(3),
  maxZoom: z.number().int().min(1).max(22).default(18),
});
export type TileSource = z.infer<typeof tileSourceSchema>;

export const mapConfigSchema = z.object({ tiles: tileSourceSchema.nullable() });
export type MapConfig = z.infer<typeof mapConfigSchema>;
