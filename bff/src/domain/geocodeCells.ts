import type { Wgs84Point } from '@jiefang/contracts';

/**
 * The cache cell of a point for reverse geocoding: 1e-4° of latitude is about 11 m, of longitude about
 * 10 m at Guangzhou's latitude, so pins dropped within a few metres share one provider request.
 */
export function geocodeCell(point: Wgs84Point): string {
  return `${Math.round(point.lat * 1e4)}:${Math.round(point.lng * 1e4)}`;
}
