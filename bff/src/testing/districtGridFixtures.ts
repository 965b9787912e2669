import { gridsOfStreet, loadDistrict } from '../modules/district/district';

type Position = [number, number];

/**
 * 华洲街道's grids as shipped, and variants of them to upload: its 土华社区 grid (huazhou-g1) split into
 * two, and one reaching into the next grid. A point in the east half of the split is `splitSite`.
 */
export function huazhouGrids() {
  const shipped = gridsOfStreet(loadDistrict(), 'huazhou');
  const others = shipped.filter(({ properties }) => properties.id !== 'huazhou-g1');
  const g1 = shipped.find(({ properties }) => properties.id === 'huazhou-g1')!;
  const grid = (id: string, name: string, ring: Position[]) => ({
    type: 'Feature' as const,
    properties: { id, name, streetId: 'huazhou', community: '土华社区' },
    geometry: { type: 'Polygon' as const, coordinates: [ring] },
  });
  // huazhou-g1 runs from 113.341 to 113.36; its south edge from (113.341, 23.08) to (113.36, 23.079).
  const west = grid('huazhou-g1', '土华社区第1网格', [
    [113.341, 23.08],
    [113.3505, 23.0795],
    [113.3505, 23.095],
    [113.341, 23.095],
    [113.341, 23.08],
  ]);
  const east = grid('huazhou-g4', '土华社区第2网格', [
    [113.3505, 23.0795],
    [113.36, 23.079],
    [113.36, 23.095],
    [113.3505, 23.095],
    [113.3505, 23.0795],
  ]);
  // Reaches 0.002° east into 小洲社区's grid (huazhou-g2).
  const wide = grid('huazhou-g1', '土华社区第1网格', [
    [113.341, 23.08],
    [113.362, 23.08],
    [113.362, 23.095],
    [113.341, 23.095],
    [113.341, 23.08],
  ]);
  const file = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features }, null, 2);
  return {
    shipped: file(shipped),
    split: file([west, ...others, east]),
    overlapping: file([wide, ...others]),
    splitSite: { lat: 23.09, lng: 113.355 },
    g1: g1.properties,
  };
}
