import { districtMapSchema, streetListSchema } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('district');
});
afterAll(() => t.close());

describe('GET /api/district', () => {
  it('serves the street polygons as before, and the grids that tile them', async () => {
    const { body, headers } = await t.http.get('/api/district').expect(200);
    expect(headers['cache-control']).toBe('no-cache');
    const map = districtMapSchema.parse(body);

    // The street collection keeps its shape: older clients ignore `grids`.
    expect(body.type).toBe('FeatureCollection');
    expect(map.features.map((feature) => feature.properties.id)).toEqual([
      'chigang',
      'jiangnanzhong',
      'huazhou',
      'nanshitou',
    ]);
    expect(Object.keys(body.features[0].properties).sort()).toEqual(['id', 'name', 'squadId', 'squadName']);

    expect(map.grids).toHaveLength(13);
    expect(map.grids[0]).toEqual({
      type: 'Feature',
      properties: { id: 'chigang-g1', name: '赤岗社区第1网格', streetId: 'chigang', community: '赤岗社区' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [113.3, 23.095],
            [113.322, 23.093],
            [113.32, 23.105],
            [113.3, 23.105],
            [113.3, 23.095],
          ],
        ],
      },
    });
    const streets = new Set(map.features.map((feature) => feature.properties.id));
    for (const grid of map.grids) expect(streets.has(grid.properties.streetId)).toBe(true);
    for (const street of streets) {
      expect(map.grids.filter((grid) => grid.properties.streetId === street).length).toBeGreaterThanOrEqual(
        2,
      );
    }
  });

  it('needs no sign-in, like the street list', async () => {
    const { body } = await t.http.get('/api/streets').expect(200);
    expect(streetListSchema.parse(body).items).toHaveLength(4);
  });
});
