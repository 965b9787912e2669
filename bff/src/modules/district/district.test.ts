import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { polygon } from '@turf/helpers';
import { findGrid, gridFor, gridsOfStreet, loadDistrict, type District } from './district';

type Ring = Array<[number, number]>;

const district = loadDistrict();
const rings = (feature: { geometry: { coordinates: number[][][] } }) =>
  feature.geometry.coordinates as Ring[];
const inside = (lng: number, lat: number, feature: { geometry: { coordinates: number[][][] } }) =>
  booleanPointInPolygon([lng, lat], polygon(rings(feature)));

/** Shoelace area in square degrees: positive for a counter-clockwise ring (RFC 7946 exterior rings). */
function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const [x1, y1] = ring[i] as [number, number];
    const [x2, y2] = ring[i + 1] as [number, number];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

// The demo points of DESIGN.md and the grid each belongs to.
const demoPoints: Array<[string, number, number, string, string]> = [
  ['chigang', 23.1066, 113.3245, 'chigang-g4', '广州塔社区'],
  ['jiangnanzhong', 23.108, 113.27, 'jiangnanzhong-g2', '青竹社区'],
  ['huazhou', 23.093, 113.352, 'huazhou-g1', '土华社区'],
  ['nanshitou', 23.094, 113.252, 'nanshitou-g2', '南石头社区'],
];

describe('demo district grids', () => {
  it('gives every street 2–4 grids named after one of its communities', () => {
    for (const street of district.features) {
      const grids = gridsOfStreet(district, street.properties.id);
      expect(grids.length).toBeGreaterThanOrEqual(2);
      expect(grids.length).toBeLessThanOrEqual(4);
      for (const { properties: grid } of grids) {
        expect(street.properties.communities).toContain(grid.community);
        expect(grid.id).toMatch(new RegExp(`^${street.properties.id}-g\\d+$`));
        expect(grid.name).toMatch(new RegExp(`^${grid.community}第\\d+网格$`));
      }
    }
    const ids = district.grids.map((grid) => grid.properties.id);
    const names = district.grids.map((grid) => grid.properties.name);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
  });

  it('draws every grid as one closed counter-clockwise ring whose corners lie in its street', () => {
    for (const grid of district.grids) {
      const street = district.features.find((feature) => feature.properties.id === grid.properties.streetId);
      expect(street).toBeDefined();
      const [ring, ...holes] = rings(grid);
      expect(holes).toEqual([]);
      expect(ring?.[0]).toEqual(ring?.at(-1));
      expect(signedArea(ring as Ring)).toBeGreaterThan(0);
      for (const [lng, lat] of ring as Ring) {
        // On the street's edge counts: grids share the street's outline.
        expect({ grid: grid.properties.id, lng, lat, inside: inside(lng, lat, street!) }).toMatchObject({
          inside: true,
        });
      }
    }
  });

  it('tiles each street: the grids’ areas add up to the street’s', () => {
    for (const street of district.features) {
      const streetArea = signedArea(rings(street)[0] as Ring);
      const gridArea = gridsOfStreet(district, street.properties.id).reduce(
        (sum, grid) => sum + signedArea(rings(grid)[0] as Ring),
        0,
      );
      expect(Math.abs(gridArea - streetArea) / streetArea).toBeLessThan(1e-9);
    }
  });

  it('puts every sampled point of a street in exactly one grid, of that street, and no grid point outside it', () => {
    // A lattice over the whole district, offset so that no sample falls exactly on a grid edge.
    const lngs = district.features.flatMap((street) => rings(street)[0]!.map(([lng]) => lng));
    const lats = district.features.flatMap((street) => rings(street)[0]!.map(([, lat]) => lat));
    const [west, east, south, north] = [
      Math.min(...lngs),
      Math.max(...lngs),
      Math.min(...lats),
      Math.max(...lats),
    ];
    let sampled = 0;
    for (let lng = west + 0.0001234; lng < east; lng += 0.000713) {
      for (let lat = south + 0.0000567; lat < north; lat += 0.000419) {
        const streets = district.features.filter((street) => inside(lng, lat, street));
        const grids = district.grids.filter((grid) => inside(lng, lat, grid));
        if (streets.length === 0) {
          expect({ lng, lat, grids: grids.map((grid) => grid.properties.id) }).toEqual({
            lng,
            lat,
            grids: [],
          });
          continue;
        }
        sampled += 1;
        expect(streets).toHaveLength(1);
        expect({ lng, lat, grids: grids.map((grid) => grid.properties.streetId) }).toEqual({
          lng,
          lat,
          grids: [streets[0]!.properties.id],
        });
      }
    }
    expect(sampled).toBeGreaterThan(1000);
  });

  it.each(demoPoints)(
    'puts the demo point of %s (%f, %f) in exactly one grid: %s',
    (streetId, lat, lng, gridId, community) => {
      const containing = district.grids
        .filter((grid) => inside(lng, lat, grid))
        .map((grid) => grid.properties.id);
      expect(containing).toEqual([gridId]);
      const grid = findGrid(district, gridId)!;
      expect(gridFor(district, { lat, lng })).toEqual({
        id: gridId,
        name: grid.properties.name,
        community,
        streetId,
      });
      expect(gridFor(district, { lat, lng }, streetId)?.id).toBe(gridId);
    },
  );

  it('finds no grid outside every street, nor in another street than the one asked for', () => {
    expect(gridFor(district, { lat: 23.2, lng: 113.5 })).toBeNull();
    expect(gridFor(district, { lat: 23.1066, lng: 113.3245 }, 'huazhou')).toBeNull();
  });

  it('finds grids by id or name', () => {
    expect(findGrid(district, 'chigang-g1')?.properties.name).toBe('赤岗社区第1网格');
    expect(findGrid(district, ' 赤岗社区第1网格 ')?.properties.id).toBe('chigang-g1');
    expect(findGrid(district, 'nowhere')).toBeUndefined();
  });
});

describe('loadDistrict', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiefang-grids-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const streetsFile = path.join(__dirname, 'haizhu-demo.geojson');
  const withGrids = (name: string, edit: (grids: District['grids']) => unknown[]) => {
    const file = path.join(dir, `${name}.geojson`);
    const collection = JSON.parse(fs.readFileSync(path.join(__dirname, 'haizhu-demo-grids.geojson'), 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...collection, features: edit(collection.features) }));
    return file;
  };

  it('rejects a grid of an unknown street, of a foreign community, with a duplicate id or a bad shape', () => {
    const first = (grids: District['grids']) => grids[0]!;
    expect(() =>
      loadDistrict(
        streetsFile,
        withGrids('street', (grids) => [
          { ...first(grids), properties: { ...first(grids).properties, streetId: 'x' } },
        ]),
      ),
    ).toThrow(/no street x/);
    expect(() =>
      loadDistrict(
        streetsFile,
        withGrids('community', (grids) => [
          { ...first(grids), properties: { ...first(grids).properties, community: '青竹社区' } },
        ]),
      ),
    ).toThrow(/not a community of chigang/);
    expect(() =>
      loadDistrict(
        streetsFile,
        withGrids('dup', (grids) => [first(grids), first(grids)]),
      ),
    ).toThrow(/duplicate id/);
    expect(() =>
      loadDistrict(
        streetsFile,
        withGrids('shape', (grids) => [
          { ...first(grids), geometry: { type: 'Polygon', coordinates: [[[1, 2]]] } },
        ]),
      ),
    ).toThrow();
  });
});
