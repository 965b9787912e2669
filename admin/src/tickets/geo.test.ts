import { metersBetween } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { boundsOf, fitProjection, formatDistance, polygonPath, ringCenter } from './geo';

describe('metersBetween', () => {
  it('measures short distances in the district', () => {
    // 0.001° of latitude is about 111 m anywhere.
    expect(metersBetween({ lat: 23.1066, lng: 113.3245 }, { lat: 23.1076, lng: 113.3245 })).toBeCloseTo(
      111.2,
      0,
    );
    // Canton Tower to Qingzhu Square: about 5.6 km.
    const d = metersBetween({ lat: 23.1066, lng: 113.3245 }, { lat: 23.108, lng: 113.27 });
    expect(d).toBeGreaterThan(5500);
    expect(d).toBeLessThan(5700);
    expect(metersBetween({ lat: 23, lng: 113 }, { lat: 23, lng: 113 })).toBe(0);
  });
});

describe('formatDistance', () => {
  it('uses metres under a kilometre and kilometres above', () => {
    expect(formatDistance(183)).toBe('180 米');
    expect(formatDistance(4)).toBe('0 米');
    expect(formatDistance(2449)).toBe('2.4 公里');
    expect(formatDistance(12_600)).toBe('13 公里');
  });
});

describe('fitProjection', () => {
  const square = [
    [113.3, 23.1],
    [113.31, 23.1],
    [113.31, 23.11],
    [113.3, 23.11],
    [113.3, 23.1],
  ] as [number, number][];

  it('puts north up and keeps the shape (a degree of longitude is shorter than one of latitude)', () => {
    const projection = fitProjection(boundsOf(square)!, 200, 10);
    expect(projection.project(113.3, 23.11)).toEqual([10, 10]);
    const [x, y] = projection.project(113.31, 23.1);
    expect(x).toBeCloseTo(190);
    // 0.01° lat vs 0.01° × cos(23.1°) lng: the square is taller than wide.
    expect(y - 10).toBeCloseTo(180 / Math.cos((23.105 * Math.PI) / 180), 3);
    expect(projection.height).toBeCloseTo(y + 10);
  });

  it('draws a ring as a closed path and finds its centre', () => {
    const projection = fitProjection(boundsOf(square)!, 100);
    expect(polygonPath([square], projection)).toMatch(/^M0\.0,[\d.]+L100\.0,[\d.]+.*Z$/);
    expect(ringCenter(square)).toEqual([113.305, 23.105]);
    expect(boundsOf([])).toBeNull();
  });
});
