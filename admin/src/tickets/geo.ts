import { t } from '../i18n';

const rad = (deg: number) => (deg * Math.PI) / 180;

/** "180 米" under a kilometre (to 10 m), "2.4 公里" from there. */
export function formatDistance(meters: number): string {
  if (meters < 1000) return t('assign.distanceM', { meters: Math.max(0, Math.round(meters / 10) * 10) });
  return t('assign.distanceKm', { km: (meters / 1000).toFixed(meters < 10_000 ? 1 : 0) });
}

/** [minLng, minLat, maxLng, maxLat] */
export type Bounds = [number, number, number, number];

export function boundsOf(points: Iterable<readonly [number, number]>): Bounds | null {
  let bounds: Bounds | null = null;
  for (const [lng, lat] of points) {
    if (!bounds) bounds = [lng, lat, lng, lat];
    else {
      bounds[0] = Math.min(bounds[0], lng);
      bounds[1] = Math.min(bounds[1], lat);
      bounds[2] = Math.max(bounds[2], lng);
      bounds[3] = Math.max(bounds[3], lat);
    }
  }
  return bounds;
}

export interface Projection {
  width: number;
  height: number;
  /** [lng, lat] to SVG [x, y] (y grows downwards). */
  project(lng: number, lat: number): [number, number];
}

/**
 * An equirectangular projection of `bounds` into a box `width` wide, scaled by cos(latitude) so a
 * district keeps its shape; north is up. The height follows from the aspect ratio.
 */
export function fitProjection(bounds: Bounds, width: number, padding = 0): Projection {
  const [minLng, minLat, maxLng, maxLat] = bounds;
  const kx = Math.cos(rad((minLat + maxLat) / 2));
  const spanX = Math.max((maxLng - minLng) * kx, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = (width - 2 * padding) / spanX;
  const height = spanY * scale + 2 * padding;
  return {
    width,
    height,
    project: (lng, lat) => [padding + (lng - minLng) * kx * scale, padding + (maxLat - lat) * scale],
  };
}

/** An SVG path for a GeoJSON polygon (outer ring and holes). */
export function polygonPath(
  rings: readonly (readonly (readonly [number, number])[])[],
  projection: Projection,
) {
  return rings
    .map(
      (ring) =>
        ring
          .map(([lng, lat], index) => {
            const [x, y] = projection.project(lng, lat);
            return `${index === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
          })
          .join('') + 'Z',
    )
    .join('');
}

/** The average of a ring's vertices (without the closing one): a label point for convex-ish streets. */
export function ringCenter(ring: readonly (readonly [number, number])[]): [number, number] {
  const open =
    ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1]
      ? ring.slice(0, -1)
      : ring;
  const sum = open.reduce<[number, number]>((acc, [lng, lat]) => [acc[0] + lng, acc[1] + lat], [0, 0]);
  return [sum[0] / Math.max(1, open.length), sum[1] / Math.max(1, open.length)];
}
