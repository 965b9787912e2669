import { createHmac } from 'node:crypto';
import distance from '@turf/distance';

/**
 * Before a volunteer accepts, an elder's home is shown only as a distance band from a stand-in point:
 * the home moved by a secret, per-escort offset and snapped to a grid. The same escort always gets the
 * same stand-in, so asking again from elsewhere cannot average the offset away, and measuring from
 * several places finds at best the stand-in, hundreds of metres from the home.
 */
export const proximityPolicy = {
  minOffsetMeters: 300,
  maxOffsetMeters: 800,
  gridMeters: 250,
  /** Upper bounds of the bands, in km; beyond the last one the band is open-ended. */
  bandsKm: [1, 2, 3, 5, 10, 20],
} as const;

const metersPerDegreeLat = 111_320;

export interface Point {
  lat: number;
  lng: number;
}

/** The stand-in point for one escort; `key` is a server secret, so the offset cannot be recomputed. */
export function fuzzedPoint(home: Point, escortId: string, key: string): Point {
  const digest = createHmac('sha256', key).update(`escort-proximity:${escortId}`).digest();
  const angle = (digest.readUInt32BE(0) / 2 ** 32) * 2 * Math.PI;
  const { minOffsetMeters: min, maxOffsetMeters: max, gridMeters } = proximityPolicy;
  const offset = min + (digest.readUInt32BE(4) / 2 ** 32) * (max - min);
  const cosLat = Math.cos((home.lat * Math.PI) / 180);
  const lat = home.lat + (offset * Math.cos(angle)) / metersPerDegreeLat;
  const lng = home.lng + (offset * Math.sin(angle)) / (metersPerDegreeLat * cosLat);
  const latStep = gridMeters / metersPerDegreeLat;
  const lngStep = gridMeters / (metersPerDegreeLat * cosLat);
  return {
    lat: Math.round(lat / latStep) * latStep,
    lng: Math.round(lng / lngStep) * lngStep,
  };
}

export interface DistanceBand {
  minKm: number;
  /** Null for the open-ended last band. */
  maxKm: number | null;
  label: string;
}

export function distanceBand(meters: number): DistanceBand {
  const km = meters / 1000;
  let lower = 0;
  for (const upper of proximityPolicy.bandsKm) {
    if (km < upper) {
      return {
        minKm: lower,
        maxKm: upper,
        label: lower === 0 ? `约 ${upper} 公里内` : `约 ${lower}–${upper} 公里`,
      };
    }
    lower = upper;
  }
  return { minKm: lower, maxKm: null, label: `${lower} 公里以上` };
}

/** The band between a volunteer's base and an escort's stand-in point. */
export function escortDistanceBand(from: Point, standIn: Point): DistanceBand {
  return distanceBand(distance([from.lng, from.lat], [standIn.lng, standIn.lat], { units: 'meters' }));
}
