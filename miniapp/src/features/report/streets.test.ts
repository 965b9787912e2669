import { districtMapSchema } from '@jiefang/contracts';
import { streetChoices } from './streets';

const map = districtMapSchema.parse({
  type: 'FeatureCollection',
  name: '海珠区演示辖区',
  features: [
    {
      type: 'Feature',
      properties: { id: 'chigang', name: '赤岗街道', squadId: 's1', squadName: '赤岗中队' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [113.3, 23.095],
            [113.322, 23.093],
            [113.34, 23.097],
            [113.34, 23.115],
            [113.318, 23.117],
            [113.3, 23.114],
            [113.3, 23.095],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { id: 'empty', name: '空', squadId: 's2', squadName: '空' },
      geometry: { type: 'Polygon', coordinates: [] },
    },
  ],
});

/** Ray casting, as the BFF's routing does it. */
function inside(lat: number, lng: number, ring: Array<[number, number]>): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

describe('streetChoices', () => {
  it('puts each street at a point inside it, with its size as accuracy', () => {
    const choices = streetChoices(map);
    expect(choices).toHaveLength(1);
    const [chigang] = choices;
    expect(chigang).toMatchObject({
      id: 'chigang',
      name: '赤岗街道',
      location: { source: 'street', label: '赤岗街道' },
    });
    const ring = map.features[0]!.geometry.coordinates[0] as Array<[number, number]>;
    expect(inside(chigang!.location.lat, chigang!.location.lng, ring)).toBe(true);
    expect(chigang!.location.accuracy).toBeGreaterThan(1500);
    expect(chigang!.location.accuracy).toBeLessThan(3000);
  });
});
