import type { DistrictMap } from '@jiefang/contracts';
import { placeOfPin } from './pinPlace';
import { mapDatum, pinMoved, ringsOnMap } from './mapDatum';

const square = (west: number, south: number, size = 1): Array<[number, number]> => [
  [west, south],
  [west + size, south],
  [west + size, south + size],
  [west, south + size],
  [west, south],
];

const map: DistrictMap = {
  type: 'FeatureCollection',
  name: 'test',
  features: [
    {
      type: 'Feature',
      properties: { id: 'a', name: '甲街道', squadId: 'sa', squadName: '甲中队' },
      geometry: { type: 'Polygon', coordinates: [square(0, 0, 2)] },
    },
    {
      type: 'Feature',
      properties: { id: 'b', name: '乙街道', squadId: 'sb', squadName: '乙中队' },
      geometry: { type: 'Polygon', coordinates: [square(1.5, 0, 2)] },
    },
  ],
  grids: [
    {
      type: 'Feature',
      properties: { id: 'a1', name: '甲一网格', streetId: 'a', community: '东社区' },
      geometry: { type: 'Polygon', coordinates: [square(0, 0)] },
    },
    {
      type: 'Feature',
      properties: { id: 'a2', name: '甲二网格', streetId: 'a', community: '西社区' },
      geometry: { type: 'Polygon', coordinates: [square(0, 1)] },
    },
  ],
};

describe('placeOfPin', () => {
  it('names the street and grid under the pin', () => {
    expect(placeOfPin(map, { lat: 0.5, lng: 0.5 })).toEqual({
      streetId: 'a',
      streetName: '甲街道',
      gridName: '甲一网格',
      community: '东社区',
      ambiguous: false,
    });
    expect(placeOfPin(map, { lat: 1.5, lng: 0.5 }).gridName).toBe('甲二网格');
  });

  it('names a street without a grid where no grid covers it', () => {
    expect(placeOfPin(map, { lat: 0.5, lng: 3 })).toMatchObject({ streetName: '乙街道', gridName: null });
  });

  it('names nothing outside every street, and flags an overlap', () => {
    expect(placeOfPin(map, { lat: 5, lng: 5 })).toMatchObject({ streetId: null, ambiguous: false });
    expect(placeOfPin(map, { lat: 0.5, lng: 1.7 })).toMatchObject({ streetId: null, ambiguous: true });
  });

  it('agrees with the real district: 广州塔南广场 is in 赤岗街道', () => {
    // The same point the BFF's jurisdiction test routes to chigang.
    const real: DistrictMap = {
      ...map,
      features: [
        {
          ...map.features[0]!,
          properties: { ...map.features[0]!.properties, id: 'chigang', name: '赤岗街道' },
          geometry: { type: 'Polygon', coordinates: [square(113.31, 23.09, 0.03)] },
        },
      ],
      grids: [],
    };
    expect(placeOfPin(real, { lat: 23.1066, lng: 113.3245 }).streetName).toBe('赤岗街道');
  });
});

describe('mapDatum', () => {
  const tower = { lat: 23.1066, lng: 113.3245 };

  it('leaves WGS-84 maps alone', () => {
    const datum = mapDatum('wgs84');
    expect(datum.toMap(tower)).toEqual(tower);
    expect(datum.fromMap(tower)).toEqual(tower);
  });

  it('moves points onto GCJ-02 (some hundreds of metres in Guangzhou) and back to the same WGS-84 point', () => {
    const datum = mapDatum('gcj02');
    const onMap = datum.toMap(tower);
    expect(Math.abs(onMap.lng - tower.lng)).toBeGreaterThan(0.004);
    const back = datum.fromMap(onMap);
    expect(back.lat).toBeCloseTo(tower.lat, 6);
    expect(back.lng).toBeCloseTo(tower.lng, 6);
  });

  it('turns GeoJSON rings into [lat, lng] pairs on the datum', () => {
    const rings = ringsOnMap([[[113.3245, 23.1066]]], mapDatum('wgs84'));
    expect(rings).toEqual([[[23.1066, 113.3245]]]);
    const moved = ringsOnMap([[[113.3245, 23.1066]]], mapDatum('gcj02'));
    expect(moved[0]![0]![0]).toBeCloseTo(mapDatum('gcj02').toMap({ lat: 23.1066, lng: 113.3245 }).lat, 9);
  });

  it('tells a real move from a re-render', () => {
    expect(pinMoved(null, tower)).toBe(true);
    expect(pinMoved(tower, { lat: tower.lat + 0.000001, lng: tower.lng })).toBe(false);
    expect(pinMoved(tower, { lat: tower.lat + 0.0001, lng: tower.lng })).toBe(true);
  });
});
