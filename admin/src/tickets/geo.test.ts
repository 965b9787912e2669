import { metersBetween } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { formatDistance, ringCenter } from './geo';

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

describe('ringCenter', () => {
  it('finds the centre of a ring, closing vertex or not', () => {
    const square = [
      [113.3, 23.1],
      [113.31, 23.1],
      [113.31, 23.11],
      [113.3, 23.11],
      [113.3, 23.1],
    ] as [number, number][];
    expect(ringCenter(square)).toEqual([113.305, 23.105]);
    expect(ringCenter(square.slice(0, -1))).toEqual([113.305, 23.105]);
  });
});
