import { gcj02ToWgs84, wgs84ToGcj02, type LatLng, type TileSource } from '@jiefang/contracts';

export type CoordinateSystem = TileSource['coordinateSystem'];

/** A GeoJSON position: [lng, lat]. */
export type Position = readonly [number, number];

/**
 * The one place points meet the map: everything stored is WGS-84, and on a GCJ-02 tile source (高德,
 * 腾讯) every marker, outline and heat spot is moved into GCJ-02 before it is drawn, and every click is
 * moved back. Drawn without tiles (or on OSM / WGS-84 tiles) it is the identity.
 */
export interface MapProjection {
  system: CoordinateSystem;
  /** A stored WGS-84 point → where to draw it. */
  toMap(point: LatLng): LatLng;
  /** A point on the map (a click) → WGS-84. */
  fromMap(point: LatLng): LatLng;
  /** A GeoJSON ring ([lng, lat], WGS-84) → Leaflet's [lat, lng] pairs on the map. */
  ring(ring: readonly Position[]): Array<[number, number]>;
}

export function mapProjection(system: CoordinateSystem): MapProjection {
  const toMap = system === 'gcj02' ? wgs84ToGcj02 : (point: LatLng): LatLng => ({ ...point });
  const fromMap = system === 'gcj02' ? gcj02ToWgs84 : (point: LatLng): LatLng => ({ ...point });
  return {
    system,
    toMap,
    fromMap,
    ring: (ring) =>
      ring.map(([lng, lat]) => {
        const drawn = toMap({ lat, lng });
        return [drawn.lat, drawn.lng];
      }),
  };
}

/** The drawing's coordinate system: the tiles', unless there are none (or they failed to load). */
export function drawingSystem(tiles: TileSource | null, tilesFailed: boolean): CoordinateSystem {
  return tiles && !tilesFailed ? tiles.coordinateSystem : 'wgs84';
}
