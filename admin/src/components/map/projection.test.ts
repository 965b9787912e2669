import { metersBetween } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { drawingSystem, mapProjection } from './projection';

const cantonTower = { lat: 23.1066, lng: 113.3245 };
const tiles = (coordinateSystem: 'wgs84' | 'gcj02') => ({
  urlTemplate: '/tiles/{z}/{x}/{y}.png',
  subdomains: [],
  coordinateSystem,
  attribution: 'x',
  minZoom: 3,
  maxZoom: 18,
});

describe('mapProjection', () => {
  it('moves a stored point onto GCJ-02 tiles by the few hundred metres of the offset, and a click back', () => {
    const gcj = mapProjection('gcj02');
    const drawn = gcj.toMap(cantonTower);
    // In Guangzhou GCJ-02 lies some 500–600 m to the south-east of WGS-84.
    expect(metersBetween(cantonTower, drawn)).toBeGreaterThan(300);
    expect(metersBetween(cantonTower, drawn)).toBeLessThan(800);
    expect(drawn.lng).toBeGreaterThan(cantonTower.lng);
    expect(drawn.lat).toBeLessThan(cantonTower.lat);
    const back = gcj.fromMap(drawn);
    expect(metersBetween(cantonTower, back)).toBeLessThan(0.01);
  });

  it('leaves points alone without tiles or on WGS-84 tiles', () => {
    const wgs = mapProjection('wgs84');
    expect(wgs.toMap(cantonTower)).toEqual(cantonTower);
    expect(wgs.fromMap(cantonTower)).toEqual(cantonTower);
  });

  it('turns a GeoJSON ring ([lng, lat]) into Leaflet pairs ([lat, lng]) on the map', () => {
    const ring = [
      [113.3, 23.1],
      [113.31, 23.1],
      [113.3, 23.11],
    ] as const;
    expect(mapProjection('wgs84').ring(ring)).toEqual([
      [23.1, 113.3],
      [23.1, 113.31],
      [23.11, 113.3],
    ]);
    const gcjRing = mapProjection('gcj02').ring(ring);
    const first = mapProjection('gcj02').toMap({ lat: 23.1, lng: 113.3 });
    expect(gcjRing[0]).toEqual([first.lat, first.lng]);
  });

  it('draws in the tiles’ system, and back in WGS-84 once they fail or there are none', () => {
    expect(drawingSystem(tiles('gcj02'), false)).toBe('gcj02');
    expect(drawingSystem(tiles('gcj02'), true)).toBe('wgs84');
    expect(drawingSystem(tiles('wgs84'), false)).toBe('wgs84');
    expect(drawingSystem(null, false)).toBe('wgs84');
  });
});
