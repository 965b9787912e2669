import { loadDistrict, gridsOfStreet } from '../modules/district/district';
import { gridLimits, validateStreetGrids, type GridStreet } from './gridValidation';

type Position = [number, number];

/** A street of 0.01° × 0.01° (about 1 km square near Guangzhou) with two communities. */
const street: GridStreet = {
  id: 'test',
  rings: [
    [
      [113.3, 23.1],
      [113.31, 23.1],
      [113.31, 23.11],
      [113.3, 23.11],
      [113.3, 23.1],
    ],
  ],
  communities: ['东社区', '西社区'],
  otherStreetsGridIds: new Set(['other-g1']),
};

const box = (west: number, south: number, east: number, north: number): Position[][] => [
  [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ],
];

const grid = (
  id: string,
  coordinates: unknown,
  community = '西社区',
  extra: Record<string, unknown> = {},
) => ({
  type: 'Feature',
  properties: { id, name: `${id} 网格`, community, ...extra },
  geometry: { type: 'Polygon', coordinates },
});

const file = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

const west = grid('test-g1', box(113.3, 23.1, 113.305, 23.11));
const east = grid('test-g2', box(113.305, 23.1, 113.31, 23.11), '东社区');

const codes = (text: string) => validateStreetGrids(text, street).problems.map((p) => p.code);

describe('validateStreetGrids', () => {
  it('accepts grids that tile the street exactly', () => {
    const result = validateStreetGrids(file(west, east), street);
    expect(result.problems).toEqual([]);
    expect(result.publishable).toBe(true);
    expect(result.grids.map((g) => g.properties)).toEqual([
      { id: 'test-g1', name: 'test-g1 网格', community: '西社区', streetId: 'test' },
      { id: 'test-g2', name: 'test-g2 网格', community: '东社区', streetId: 'test' },
    ]);
  });

  it('accepts every street of the shipped demo data as it is', () => {
    const district = loadDistrict();
    for (const feature of district.features) {
      const { id, communities } = feature.properties;
      const others = new Set(
        district.grids.filter((g) => g.properties.streetId !== id).map((g) => g.properties.id),
      );
      const text = file(...gridsOfStreet(district, id));
      const result = validateStreetGrids(text, {
        id,
        communities,
        rings: feature.geometry.coordinates as Position[][],
        otherStreetsGridIds: others,
      });
      expect({ id, problems: result.problems.map((p) => p.message) }).toEqual({ id, problems: [] });
    }
  });

  it('reports a file that is not JSON or not a FeatureCollection', () => {
    expect(codes('{not json')).toEqual(['schema']);
    expect(codes(JSON.stringify({ type: 'Feature' }))).toEqual(['schema']);
    expect(codes(file())).toEqual(['empty']);
  });

  it('reports missing properties and non-polygons with the grid id', () => {
    const result = validateStreetGrids(
      file(
        { type: 'Feature', properties: { id: 'test-g1', community: '西社区' }, geometry: west.geometry },
        { ...east, geometry: { type: 'Point', coordinates: [113.3, 23.1] } },
      ),
      street,
    );
    expect(result.problems.map((p) => [p.code, p.gridId])).toEqual([
      ['schema', 'test-g1'],
      ['schema', 'test-g2'],
    ]);
    expect(result.publishable).toBe(false);
  });

  it('reports unclosed and too short rings, and a self-intersecting one at the crossing', () => {
    const unclosed = box(113.3, 23.1, 113.305, 23.11)[0]!.slice(0, 4);
    const short: Position[] = [
      [113.305, 23.1],
      [113.31, 23.1],
      [113.305, 23.1],
    ];
    const result = validateStreetGrids(
      file(grid('test-g1', [unclosed]), grid('test-g2', [short], '东社区')),
      street,
    );
    expect(result.problems.map((p) => [p.code, p.gridId])).toEqual([
      ['invalid_ring', 'test-g1'],
      ['invalid_ring', 'test-g2'],
    ]);

    // A bow tie: its edges cross in the middle of the street.
    const bowTie: Position[] = [
      [113.3, 23.1],
      [113.31, 23.11],
      [113.31, 23.1],
      [113.3, 23.11],
      [113.3, 23.1],
    ];
    const crossing = validateStreetGrids(file(grid('test-g1', [bowTie])), street).problems;
    expect(crossing).toHaveLength(1);
    expect(crossing[0]).toMatchObject({ code: 'self_intersection', gridId: 'test-g1' });
    expect(crossing[0]!.location![0]).toBeCloseTo(113.305, 6);
    expect(crossing[0]!.location![1]).toBeCloseTo(23.105, 6);
  });

  it('reports duplicate ids within the file and against other streets', () => {
    const twice = grid('test-g1', east.geometry.coordinates, '东社区');
    expect(codes(file(west, twice))).toEqual(['duplicate_id']);
    const taken = grid('other-g1', east.geometry.coordinates, '东社区');
    expect(validateStreetGrids(file(west, taken), street).problems).toEqual([
      expect.objectContaining({ code: 'duplicate_id', gridId: 'other-g1' }),
    ]);
  });

  it('reports a community of another street and a grid naming another street', () => {
    const result = validateStreetGrids(
      file(grid('test-g1', west.geometry.coordinates, '南社区'), {
        ...east,
        properties: { ...east.properties, streetId: 'x' },
      }),
      street,
    );
    expect(result.problems.map((p) => [p.code, p.gridId])).toEqual([
      ['bad_community', 'test-g1'],
      ['wrong_street', 'test-g2'],
    ]);
  });

  it('reports the part of a grid outside the street with its area and where it is', () => {
    // East grid reaches 0.001° (about 102 m) past the street's east edge: ~0.001° × 0.01° ≈ 113,000 m².
    const wide = grid('test-g2', box(113.305, 23.1, 113.311, 23.11), '东社区');
    const [outside] = validateStreetGrids(file(west, wide), street).problems;
    expect(outside).toMatchObject({ code: 'outside_street', gridId: 'test-g2' });
    expect(outside!.areaM2).toBeGreaterThan(100_000);
    expect(outside!.areaM2).toBeLessThan(120_000);
    expect(outside!.location![0]).toBeGreaterThan(113.31);
    expect(outside!.area?.type).toBe('Polygon');
  });

  it('reports an overlap between two grids and the gap it leaves, each with area and location', () => {
    // West grid reaches into the east one; the east grid starts further east, leaving a strip uncovered.
    const westWide = grid('test-g1', box(113.3, 23.1, 113.306, 23.11));
    const eastShort = grid('test-g2', box(113.3055, 23.1, 113.31, 23.105), '东社区');
    const result = validateStreetGrids(file(westWide, eastShort), street);
    expect(result.problems.map((p) => p.code)).toEqual(['overlap', 'gap']);
    const [overlap, gap] = result.problems;
    expect(overlap).toMatchObject({ gridId: 'test-g1', otherGridId: 'test-g2', severity: 'error' });
    // 0.0005° × 0.005°: about 51 m × 556 m.
    expect(overlap!.areaM2).toBeGreaterThan(25_000);
    expect(overlap!.areaM2).toBeLessThan(32_000);
    expect(gap!.location![1]).toBeGreaterThan(23.105);
    expect(result.publishable).toBe(false);
  });

  it('ignores slivers up to the tolerance', () => {
    // A gap of 5e-9° (half a millimetre, over 1.1 km: about 0.6 m²) between the grids.
    const eastApart = grid('test-g2', box(113.305000005, 23.1, 113.31, 23.11), '东社区');
    expect(validateStreetGrids(file(west, eastApart), street).problems).toEqual([]);
  });

  it('checks 50 grids quickly', () => {
    const strips = Array.from({ length: 50 }, (_, index) =>
      grid(`test-g${index + 1}`, box(113.3 + index * 0.0002, 23.1, 113.3 + (index + 1) * 0.0002, 23.11)),
    );
    const started = Date.now();
    const result = validateStreetGrids(file(...strips), street);
    expect(result.problems).toEqual([]);
    // Well under a second on an idle machine; the bound leaves room for a busy CI.
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses outlines too detailed to check quickly, and too many grids', () => {
    const detailed: Position[] = Array.from({ length: gridLimits.ringPositions + 1 }, (_, index) => [
      113.3 + (index / gridLimits.ringPositions) * 0.005,
      23.1,
    ]);
    const tooDetailed = validateStreetGrids(file(grid('test-g1', [detailed])), street).problems;
    expect(tooDetailed).toEqual([expect.objectContaining({ code: 'schema', gridId: 'test-g1' })]);
    const many = Array.from({ length: gridLimits.grids + 1 }, (_, index) => grid(`g${index}`, []));
    expect(codes(file(...many))).toEqual(['schema']);
  });
});
