import distance from '@turf/distance';
import { distanceBand, fuzzedPoint, proximityPolicy } from './escortProximity';

const home = { lat: 23.1066, lng: 113.3245 };
const metres = (a: typeof home, b: typeof home) =>
  distance([a.lng, a.lat], [b.lng, b.lat], { units: 'meters' });

describe('fuzzedPoint', () => {
  it('is the same for one escort and key, and differs between escorts and keys', () => {
    expect(fuzzedPoint(home, 'escort-1', 'key-a')).toEqual(fuzzedPoint(home, 'escort-1', 'key-a'));
    expect(fuzzedPoint(home, 'escort-2', 'key-a')).not.toEqual(fuzzedPoint(home, 'escort-1', 'key-a'));
    expect(fuzzedPoint(home, 'escort-1', 'key-b')).not.toEqual(fuzzedPoint(home, 'escort-1', 'key-a'));
  });

  it('lies hundreds of metres from the home, never on it', () => {
    const halfDiagonal = (proximityPolicy.gridMeters * Math.SQRT2) / 2;
    for (let index = 0; index < 200; index += 1) {
      const away = metres(fuzzedPoint(home, `escort-${index}`, 'key'), home);
      expect(away).toBeGreaterThan(proximityPolicy.minOffsetMeters - halfDiagonal);
      expect(away).toBeLessThan(proximityPolicy.maxOffsetMeters + halfDiagonal);
    }
  });

  it('snaps to a grid, so nearby homes can share a stand-in', () => {
    const point = fuzzedPoint(home, 'escort-1', 'key');
    const latStep = proximityPolicy.gridMeters / 111_320;
    expect(Math.abs(point.lat / latStep - Math.round(point.lat / latStep))).toBeLessThan(1e-6);
  });
});

describe('distanceBand', () => {
  it('names coarse bands in Chinese', () => {
    expect(distanceBand(0)).toEqual({ minKm: 0, maxKm: 1, label: '约 1 公里内' });
    expect(distanceBand(1500)).toEqual({ minKm: 1, maxKm: 2, label: '约 1–2 公里' });
    expect(distanceBand(4999)).toEqual({ minKm: 3, maxKm: 5, label: '约 3–5 公里' });
    expect(distanceBand(25_000)).toEqual({ minKm: 20, maxKm: null, label: '20 公里以上' });
  });
});
