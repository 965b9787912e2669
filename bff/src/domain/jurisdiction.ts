import { areasContaining, type Wgs84Point } from '@jiefang/contracts';

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
  // The same point-in-polygon the apps use to name the street under a map pin, so both agree.
  const containing = areasContaining(point, areas);
  if (containing.length === 1) return { kind: 'single', areaId: containing[0] as string };
  if (containing.length === 0) return { kind: 'outside' };
  return { kind: 'overlap', areaIds: containing };
}
