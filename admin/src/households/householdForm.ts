import {
  areasContaining,
  type CreateHouseholdRequest,
  type DistrictMap,
  type Household,
  type LatLng,
  type Ring,
  type UpdateHouseholdRequest,
} from '@jiefang/contracts';

/** Where a map pin lies: the street and grid the BFF will derive from the same polygons. */
export interface PinPlace {
  streetId: string;
  streetName: string;
  gridName: string | null;
}

const ringsOf = (coordinates: ReadonlyArray<ReadonlyArray<readonly [number, number]>>) =>
  coordinates as ReadonlyArray<Ring>;

/** The street and grid under a point; null outside every street or on two streets' shared edge. */
export function placeOfPin(district: DistrictMap, point: LatLng): PinPlace | null {
  const streets = areasContaining(
    point,
    district.features.map((feature) => ({
      id: feature.properties.id,
      rings: ringsOf(feature.geometry.coordinates),
    })),
  );
  if (streets.length !== 1) return null;
  const streetId = streets[0]!;
  const street = district.features.find((feature) => feature.properties.id === streetId)!;
  const grids = district.grids.filter((grid) => grid.properties.streetId === streetId);
  const gridId = areasContaining(
    point,
    grids.map((grid) => ({ id: grid.properties.id, rings: ringsOf(grid.geometry.coordinates) })),
  )[0];
  const grid = grids.find((candidate) => candidate.properties.id === gridId);
  return { streetId, streetName: street.properties.name, gridName: grid?.properties.name ?? null };
}

export interface HouseholdFormValues {
  address?: string;
  location?: LatLng | null;
  contacts?: Array<{ name?: string; phone?: string }>;
}

const cleanContacts = (contacts: HouseholdFormValues['contacts']) =>
  (contacts ?? [])
    .map((contact) => ({ name: (contact.name ?? '').trim(), phone: (contact.phone ?? '').trim() }))
    .filter((contact) => contact.name || contact.phone);

/** 新建住户: the address and the pin are required; street and grid follow from the pin. */
export function buildCreateRequest(
  values: HouseholdFormValues,
): { ok: true; request: CreateHouseholdRequest } | { ok: false; missing: 'address' | 'location' } {
  const address = (values.address ?? '').trim();
  if (!address) return { ok: false, missing: 'address' };
  if (!values.location) return { ok: false, missing: 'location' };
  const { lat, lng } = values.location;
  return {
    ok: true,
    request: { address, location: { lat, lng }, ownerIds: [], contacts: cleanContacts(values.contacts) },
  };
}

/** Only what changed, so an edit never rewrites a field someone else changed meanwhile. */
export function householdUpdateDiff(
  household: Household,
  values: HouseholdFormValues,
): UpdateHouseholdRequest {
  const diff: Partial<Record<keyof UpdateHouseholdRequest, unknown>> = {};
  const address = (values.address ?? '').trim();
  if (address && address !== household.address) diff.address = address;
  const location = values.location;
  if (location && (location.lat !== household.location?.lat || location.lng !== household.location?.lng))
    diff.location = { lat: location.lat, lng: location.lng };
  const contacts = cleanContacts(values.contacts);
  if (JSON.stringify(contacts) !== JSON.stringify(household.contacts)) diff.contacts = contacts;
  return diff as UpdateHouseholdRequest;
}

/** How a household is named to people: its address, with its street; never its id alone. */
export function householdLabel(household: Pick<Household, 'address' | 'streetName'>): string {
  return household.streetName ? `${household.address}（${household.streetName}）` : household.address;
}
