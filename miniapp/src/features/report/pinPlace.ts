import { areasContaining, type DistrictMap, type LatLng } from '@jiefang/contracts';

/** Where the pin is, as the resident reads it: the street (and its grid) whose outline holds it. */
export interface PinPlace {
  streetId: string | null;
  streetName: string | null;
  gridName: string | null;
  community: string | null;
  /** Inside more than one street (插花地带): the dispatcher decides, so no street is named. */
  ambiguous: boolean;
}

/**
 * Names the street and grid under a WGS-84 pin with the same point-in-polygon the BFF routes reports
 * by (contracts/src/polygons.ts), so the name shown is the street the report will go to.
 */
export function placeOfPin(map: DistrictMap, point: LatLng): PinPlace {
  const streets = areasContaining(
    point,
    map.features.map((feature) => ({ id: feature.properties.id, rings: feature.geometry.coordinates })),
  );
  if (streets.length !== 1) {
    return {
      streetId: null,
      streetName: null,
      gridName: null,
      community: null,
      ambiguous: streets.length > 1,
    };
  }
  const street = map.features.find((feature) => feature.properties.id === streets[0]);
  const grids = map.grids.filter((grid) => grid.properties.streetId === streets[0]);
  // Grids tile their street: on a shared edge the first listed wins, as in the BFF's gridAt.
  const gridId = areasContaining(
    point,
    grids.map((grid) => ({ id: grid.properties.id, rings: grid.geometry.coordinates })),
  )[0];
  const grid = grids.find((item) => item.properties.id === gridId);
  return {
    streetId: street?.properties.id ?? null,
    streetName: street?.properties.name ?? null,
    gridName: grid?.properties.name ?? null,
    community: grid?.properties.community ?? null,
    ambiguous: false,
  };
}
