import type { DistrictMap } from '@jiefang/contracts';
import { ringCentre } from '@jiefang/contracts';
import type { ReportLocation } from './draft';

export interface StreetChoice {
  id: string;
  name: string;
  location: ReportLocation;
}

/**
 * The streets to choose from when the position is unknown (location refused): each one's centre as the
 * point, and the distance to its farthest corner as the accuracy, so the BFF routes the report to the
 * right street and staff know the point is rough.
 */
export function streetChoices(map: DistrictMap): StreetChoice[] {
  return map.features.flatMap((feature) => {
    const ring = feature.geometry.coordinates[0];
    if (!ring || ring.length === 0) return [];
    const centre = ringCentre(ring);
    return [
      {
        id: feature.properties.id,
        name: feature.properties.name,
        location: {
          lat: centre.lat,
          lng: centre.lng,
          accuracy: Math.round(centre.radius),
          source: 'street' as const,
          label: feature.properties.name,
        },
      },
    ];
  });
}
