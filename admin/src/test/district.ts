/** A one-street district with two grids, as GET /api/district sends it. */
const rectangle = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

const grid = (id: string, name: string, community: string, west: number, east: number) => ({
  type: 'Feature',
  properties: { id, name, streetId: 'chigang', community },
  geometry: rectangle(west, 23.095, east, 23.115),
});

export const testDistrict = {
  type: 'FeatureCollection',
  name: '海珠区演示辖区',
  features: [
    {
      type: 'Feature',
      properties: {
        id: 'chigang',
        name: '赤岗街道',
        squadId: 'squad-chigang',
        squadName: '赤岗街道综合执法中队',
      },
      geometry: rectangle(113.3, 23.095, 113.34, 23.115),
    },
  ],
  grids: [
    grid('chigang-g1', '赤岗社区第1网格', '赤岗社区', 113.3, 113.32),
    grid('chigang-g2', '广州塔社区第1网格', '广州塔社区', 113.32, 113.34),
  ],
};
