import { metersBetween, type LatLng } from './geo';
import { gcj02ToWgs84, outOfChina, ringCentre, roundCoordinate, wgs84ToGcj02 } from './coordinates';

/**
 * Reference pairs published with the open `eviltransform` implementations (Go, PHP, JS ports agree):
 * WGS-84 → GCJ-02 in Shanghai, Shenzhen and Beijing.
 */
const references: Array<{ name: string; wgs: LatLng; gcj: LatLng }> = [
  {
    name: 'Shanghai',
    wgs: { lat: 31.1774276, lng: 121.5272106 },
    gcj: { lat: 31.17530398364597, lng: 121.531541859215 },
  },
  {
    name: 'Shenzhen',
    wgs: { lat: 22.543847, lng: 113.912316 },
    gcj: { lat: 22.540796131694766, lng: 113.9171764808363 },
  },
  {
    name: 'Beijing',
    wgs: { lat: 39.911954, lng: 116.377817 },
    gcj: { lat: 39.91334545536069, lng: 116.38404722455657 },
  },
];

describe('wgs84ToGcj02', () => {
  it.each(references)('matches the published pair for $name to the last digits', ({ wgs, gcj }) => {
    const converted = wgs84ToGcj02(wgs);
    expect(converted.lat).toBeCloseTo(gcj.lat, 9);
    expect(converted.lng).toBeCloseTo(gcj.lng, 9);
  });
});

describe('gcj02ToWgs84', () => {
  it.each(references)('recovers the WGS-84 point for $name within a centimetre', ({ wgs, gcj }) => {
    expect(metersBetween(gcj02ToWgs84(gcj), wgs)).toBeLessThan(0.01);
  });

  it('moves a Guangzhou map pick by the few hundred metres of the GCJ-02 offset', () => {
    const cantonTower = { lat: 23.1066, lng: 113.3245 };
    const picked = wgs84ToGcj02(cantonTower); // what WeChat's map would return there
    expect(metersBetween(picked, cantonTower)).toBeGreaterThan(300);
    expect(metersBetween(picked, cantonTower)).toBeLessThan(800);
    expect(metersBetween(gcj02ToWgs84(picked), cantonTower)).toBeLessThan(0.01);
  });

  it('round-trips points all over the mainland within a centimetre', () => {
    for (let lat = 18.5; lat < 53; lat += 3.7) {
      for (let lng = 74; lng < 135; lng += 5.3) {
        const wgs = { lat, lng };
        expect(metersBetween(gcj02ToWgs84(wgs84ToGcj02(wgs)), wgs)).toBeLessThan(0.01);
      }
    }
  });

  it('leaves points outside China unchanged', () => {
    const tokyo = { lat: 35.6895, lng: 139.6917 };
    expect(outOfChina(tokyo)).toBe(true);
    expect(gcj02ToWgs84(tokyo)).toEqual(tokyo);
    expect(wgs84ToGcj02({ lat: 48.8566, lng: 2.3522 })).toEqual({ lat: 48.8566, lng: 2.3522 });
  });
});

describe('metersBetween', () => {
  it('measures a degree of latitude as about 111 km', () => {
    expect(metersBetween({ lat: 23, lng: 113 }, { lat: 24, lng: 113 })).toBeCloseTo(111_195, -1);
    expect(metersBetween({ lat: 23, lng: 113 }, { lat: 23, lng: 113 })).toBe(0);
  });
});

describe('roundCoordinate', () => {
  it('keeps six decimals', () => {
    expect(roundCoordinate(23.10661234567)).toBe(23.106612);
    expect(roundCoordinate(-0.0000004)).toBe(-0);
  });
});

describe('ringCentre', () => {
  it('finds the centre of a closed GeoJSON ring and the radius that covers it', () => {
    const square: Array<[number, number]> = [
      [113.3, 23.1],
      [113.32, 23.1],
      [113.32, 23.12],
      [113.3, 23.12],
      [113.3, 23.1],
    ];
    const centre = ringCentre(square);
    expect(centre.lat).toBeCloseTo(23.11, 9);
    expect(centre.lng).toBeCloseTo(113.31, 9);
    expect(centre.radius).toBeCloseTo(metersBetween(centre, { lat: 23.1, lng: 113.3 }), 3);
  });

  it('falls back on the mean of the vertices for a degenerate ring', () => {
    expect(ringCentre([[113, 23]])).toEqual({ lat: 23, lng: 113, radius: 0 });
    expect(() => ringCentre([])).toThrow();
  });
});
