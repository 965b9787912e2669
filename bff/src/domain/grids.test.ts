import { gridAt, type GridArea } from './grids';

const square = (id: string, streetId: string, west: number, south: number): GridArea => ({
  id,
  streetId,
  rings: [
    [
      [west, south],
      [west + 1, south],
      [west + 1, south + 1],
      [west, south + 1],
      [west, south],
    ],
  ],
});

// Two streets: "a" tiled by a1 | a2 side by side, "b" by b1 above them.
const grids = [square('a1', 'a', 0, 0), square('a2', 'a', 1, 0), square('b1', 'b', 0, 1)];

describe('gridAt', () => {
  it('finds the grid a point lies in', () => {
    expect(gridAt({ lat: 0.5, lng: 0.5 }, grids)).toBe('a1');
    expect(gridAt({ lat: 0.5, lng: 1.5 }, grids)).toBe('a2');
    expect(gridAt({ lat: 1.5, lng: 0.25 }, grids)).toBe('b1');
  });

  it('answers null outside every grid', () => {
    expect(gridAt({ lat: 1.5, lng: 1.5 }, grids)).toBeNull();
    expect(gridAt({ lat: -3, lng: 7 }, grids)).toBeNull();
    expect(gridAt({ lat: 0.5, lng: 0.5 }, [])).toBeNull();
  });

  it('puts a point on a shared edge in the first grid listed, every time', () => {
    expect(gridAt({ lat: 0.5, lng: 1 }, grids)).toBe('a1');
    expect(gridAt({ lat: 0.5, lng: 1 }, [grids[1] as GridArea, grids[0] as GridArea])).toBe('a2');
  });

  it('looks only among the given street’s grids', () => {
    expect(gridAt({ lat: 0.5, lng: 0.5 }, grids, 'a')).toBe('a1');
    expect(gridAt({ lat: 0.5, lng: 0.5 }, grids, 'b')).toBeNull();
    // On the edge between street a and street b: the street decides.
    expect(gridAt({ lat: 1, lng: 0.5 }, grids, 'b')).toBe('b1');
    expect(gridAt({ lat: 1, lng: 0.5 }, grids, 'a')).toBe('a1');
    expect(gridAt({ lat: 0.5, lng: 0.5 }, grids, null)).toBe('a1');
    expect(gridAt({ lat: 0.5, lng: 0.5 }, grids, 'nowhere')).toBeNull();
  });
});
