/**
 * Point-in-polygon shared by the BFF (routing a report to its street and grid) and the apps (naming the
 * street and grid under a map pin), so both always agree on where a point lies. Positions are GeoJSON
 * [lng, lat]; the first ring is the outline, the others are holes.
 *
 * A point on an edge counts as inside (as turf's booleanPointInPolygon does by default): a point on the
 * shared edge of two streets is then in both, which routing treats as an overlap for the dispatcher.
 */

import type { LatLng } from './geo';

export type Position = readonly [number, number];
export type Ring = ReadonlyArray<Position>;

/** How close (in degrees, about 1 mm) a point must be to an edge to lie on it. */
const onEdgeTolerance = 1e-8;

function onSegment(x: number, y: number, a: Position, b: Position): boolean {
  const [ax, ay] = a;
  const [bx, by] = b;
  const cross = (x - ax) * (by - ay) - (y - ay) * (bx - ax);
  const length = Math.hypot(bx - ax, by - ay);
  if (Math.abs(cross) > onEdgeTolerance * Math.max(length, 1e-12)) return false;
  return (
    x >= Math.min(ax, bx) - onEdgeTolerance &&
    x <= Math.max(ax, bx) + onEdgeTolerance &&
    y >= Math.min(ay, by) - onEdgeTolerance &&
    y <= Math.max(ay, by) + onEdgeTolerance
  );
}

/** Where a point lies against one closed or open ring. */
export function ringPlacement({ lat, lng }: LatLng, ring: Ring): 'inside' | 'edge' | 'outside' {
  const n = ring.length;
  if (n < 3) return 'outside';
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i, i += 1) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (onSegment(lng, lat, a, b)) return 'edge';
    // Ray casting to the east: count edges that straddle the point's latitude to its right.
    if (a[1] > lat !== b[1] > lat && lng < ((b[0] - a[0]) * (lat - a[1])) / (b[1] - a[1]) + a[0]) {
      inside = !inside;
    }
  }
  return inside ? 'inside' : 'outside';
}

/** Whether a point lies in a polygon (outline minus holes; edges of either count as inside). */
export function pointInPolygon(point: LatLng, rings: ReadonlyArray<Ring>): boolean {
  const [outline, ...holes] = rings;
  if (!outline || ringPlacement(point, outline) === 'outside') return false;
  return holes.every((hole) => ringPlacement(point, hole) !== 'inside');
}

/** The ids of the areas holding a point, in the order given. */
export function areasContaining<T extends { id: string; rings: ReadonlyArray<Ring> }>(
  point: LatLng,
  areas: readonly T[],
): string[] {
  return areas.filter((area) => pointInPolygon(point, area.rings)).map((area) => area.id);
}
