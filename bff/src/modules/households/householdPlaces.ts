import type { Wgs84Point } from '@jiefang/contracts';
import { responsibleArea, type JurisdictionArea } from '../../domain/jurisdiction';
import { badRequest } from '../../http/httpError';
import { findStreet, gridFor, type District } from '../district/district';

export interface HouseholdPlace {
  streetId: string;
  location: Wgs84Point | null;
  gridId: string | null;
}

/**
 * Where a household lies: the street and grid under its map point (the same polygons and
 * point-in-polygon as the apps that name them under the pin), or only a street when no point is given.
 */
export function householdPlaces(district: District) {
  const streets: JurisdictionArea[] = district.features.map((feature) => ({
    id: feature.properties.id,
    rings: feature.geometry.coordinates as Array<Array<[number, number]>>,
  }));

  return {
    /** Throws 400 for a point outside every street (or on a shared edge), or a street that does not agree. */
    placeOf(request: { street?: string | undefined; location?: Wgs84Point | undefined }): HouseholdPlace {
      const named = request.street === undefined ? undefined : findStreet(district, request.street);
      if (request.street !== undefined && !named)
        throw badRequest([{ path: 'street', message: `没有这个街道：${request.street}` }]);
      if (!request.location) return { streetId: named!.properties.id, location: null, gridId: null };
      const match = responsibleArea(request.location, streets);
      if (match.kind !== 'single')
        throw badRequest([{ path: 'location', message: '该位置不在本区任何一个街道内，请重新选点' }]);
      if (named && named.properties.id !== match.areaId)
        throw badRequest([{ path: 'street', message: '所选位置不在该街道内' }]);
      const { lat, lng } = request.location;
      return {
        streetId: match.areaId,
        location: { lat, lng },
        gridId: gridFor(district, request.location, match.areaId)?.id ?? null,
      };
    },
    streetName: (streetId: string) => findStreet(district, streetId)?.properties.name ?? null,
    gridName: (gridId: string | null | undefined) =>
      (gridId && district.grids.find(({ properties }) => properties.id === gridId)?.properties.name) || null,
  };
}

export type HouseholdPlaces = ReturnType<typeof householdPlaces>;
