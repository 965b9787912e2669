import { areasContaining, pointInPolygon, ringPlacement, type Ring } from './polygons';

const square = (west: number, south: number, size: number): Ring => [
  [west, south],
  [west + size, south],
  [west + size, south + size],
  [west, south + size],
  [west, south],
];

describe('pointInPolygon', () => {
  it('finds points inside and outside a square', () => {
    expect(pointInPolygon({ lat: 0.5, lng: 0.5 }, [square(0, 0, 1)])).toBe(true);
    expect(pointInPolygon({ lat: 1.5, lng: 0.5 }, [square(0, 0, 1)])).toBe(false);
    expect(pointInPolygon({ lat: 0.5, lng: -0.001 }, [square(0, 0, 1)])).toBe(false);
  });

  it('counts edges and corners as inside', () => {
    expect(ringPlacement({ lat: 0.5, lng: 1 }, square(0, 0, 1))).toBe('edge');
    expect(pointInPolygon({ lat: 0, lng: 0 }, [square(0, 0, 1)])).toBe(true);
    expect(pointInPolygon({ lat: 1, lng: 0.3 }, [square(0, 0, 1)])).toBe(true);
  });

  it('leaves holes out, but not their edges', () => {
    const withHole = [square(0, 0, 3), square(1, 1, 1)];
    expect(pointInPolygon({ lat: 1.5, lng: 1.5 }, withHole)).toBe(false);
    expect(pointInPolygon({ lat: 0.5, lng: 0.5 }, withHole)).toBe(true);
    expect(pointInPolygon({ lat: 1.5, lng: 1 }, withHole)).toBe(true);
  });

  it('handles a concave outline (an L shape)', () => {
    const l: Ring = [
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 2],
      [0, 2],
      [0, 0],
    ];
    expect(pointInPolygon({ lat: 1.5, lng: 0.5 }, [l])).toBe(true);
    expect(pointInPolygon({ lat: 1.5, lng: 1.5 }, [l])).toBe(false);
    expect(pointInPolygon({ lat: 0.5, lng: 1.5 }, [l])).toBe(true);
  });

  it('accepts an unclosed ring and refuses a degenerate one', () => {
    expect(pointInPolygon({ lat: 0.5, lng: 0.5 }, [square(0, 0, 1).slice(0, 4)])).toBe(true);
    expect(
      pointInPolygon({ lat: 0, lng: 0 }, [
        [
          [0, 0],
          [1, 1],
        ],
      ]),
    ).toBe(false);
    expect(pointInPolygon({ lat: 0, lng: 0 }, [])).toBe(false);
  });
});

describe('areasContaining', () => {
  it('lists every area holding the point, in order', () => {
    const areas = [
      { id: 'a', rings: [square(0, 0, 2)] },
      { id: 'b', rings: [square(1, 0, 2)] },
      { id: 'c', rings: [square(5, 5, 1)] },
    ];
    expect(areasContaining({ lat: 1, lng: 1.5 }, areas)).toEqual(['a', 'b']);
    expect(areasContaining({ lat: 1, lng: 0.5 }, areas)).toEqual(['a']);
    expect(areasContaining({ lat: 9, lng: 9 }, areas)).toEqual([]);
  });
});
