import { gcj02ToWgs84, roundCoordinate, wgs84ToGcj02, type LatLng } from '@jiefang/contracts';

/**
 * Reports are WGS-84; a map drawn on GCJ-02 tiles (AMap, Tencent, and WeChat's own map component) needs
 * every point moved onto its datum before it is drawn, and the map's centre moved back before it is
 * reported. `toMap`/`fromMap` do that for the datum the map is drawn in.
 */
export interface MapDatum {
  toMap(point: LatLng): LatLng;
  fromMap(point: LatLng): LatLng;
}

const round = (point: LatLng): LatLng => ({
  lat: roundCoordinate(point.lat),
  lng: roundCoordinate(point.lng),
});

export function mapDatum(system: 'wgs84' | 'gcj02'): MapDatum {
  if (system === 'wgs84') return { toMap: (point) => ({ ...point }), fromMap: (point) => round(point) };
  return { toMap: (point) => wgs84ToGcj02(point), fromMap: (point) => round(gcj02ToWgs84(point)) };
}

/** GeoJSON rings ([lng, lat], WGS-84) as [lat, lng] pairs on the map's datum (Leaflet's order). */
export function ringsOnMap(
  rings: ReadonlyArray<ReadonlyArray<readonly [number, number]>>,
  datum: MapDatum,
): Array<Array<[number, number]>> {
  return rings.map((ring) =>
    ring.map(([lng, lat]) => {
      const point = datum.toMap({ lat, lng });
      return [point.lat, point.lng] as [number, number];
    }),
  );
}

/** Whether the map has really moved the pin (more than about a metre), not just re-rendered. */
export function pinMoved(a: LatLng | null, b: LatLng): boolean {
  if (!a) return true;
  return Math.abs(a.lat - b.lat) > 1e-5 || Math.abs(a.lng - b.lng) > 1e-5;
}
