import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { polygon } from '@turf/helpers';
import type { Wgs84Point } from '@jiefang/contracts';

export interface JurisdictionArea {
  id: string;
  /** GeoJSON polygon rings, [lng, lat] positions. */
  rings: Array<Array<[number, number]>>;
}

export type JurisdictionMatch =
  { kind: 'single'; areaId: string } | { kind: 'outside' } | { kind: 'overlap'; areaIds: string[] };

/**
 * Which area is responsible for a point. Outside every polygon, or inside more than one (插花地带), the
 * answer is not a single area and the ticket goes to the dispatcher: never dropped, never guessed.
 */
export function responsibleArea(point: Wgs84Point, areas: readonly JurisdictionArea[]): JurisdictionMatch {
  const containing = areas
    .filter((area) => booleanPointInPolygon([point.lng, point.lat], polygon(area.rings)))
    .map((area) => area.id);
  if (containing.length === 1) return { kind: 'single', areaId: containing[0] as string };
  if (containing.length === 0) return { kind: 'outside' };
  return { kind: 'overlap', areaIds: containing };
}
