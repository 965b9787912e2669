// Where the report benchmark's officers stand and its reports come from: spread over every street of
// the demo district, inside the polygons, the same on every run.
import type { Wgs84Point } from '@jiefang/contracts';
import { responsibleArea, type JurisdictionArea } from '../src/domain/jurisdiction';
import { loadDistrict } from '../src/modules/district/district';

const district = loadDistrict();
const areas: JurisdictionArea[] = district.features.map((feature) => ({
  id: feature.properties.id,
  rings: feature.geometry.coordinates as Array<Array<[number, number]>>,
}));

/** Mulberry32: a small seeded generator, so every run uses the same points. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` points inside `streetId`'s polygon (any street when omitted), from `seed`. */
export function sitesInside(count: number, seed: number, streetId?: string): Wgs84Point[] {
  const features = district.features.filter((f) => !streetId || f.properties.id === streetId);
  const corners = features.flatMap((f) => (f.geometry.coordinates as Array<Array<[number, number]>>).flat());
  const [minLng, maxLng] = [Math.min(...corners.map((c) => c[0])), Math.max(...corners.map((c) => c[0]))];
  const [minLat, maxLat] = [Math.min(...corners.map((c) => c[1])), Math.max(...corners.map((c) => c[1]))];
  const random = seeded(seed);
  const sites: Wgs84Point[] = [];
  while (sites.length < count) {
    const site = { lat: minLat + random() * (maxLat - minLat), lng: minLng + random() * (maxLng - minLng) };
    const match = responsibleArea(site, areas);
    if (match.kind === 'single' && (!streetId || match.areaId === streetId)) sites.push(site);
  }
  return sites;
}

export const benchStreets = district.features.map((feature) => ({
  id: feature.properties.id,
  name: feature.properties.name,
}));
