import { beijingMinutes, type NoiseZoneClass } from '@jiefang/contracts';

/** GB 3096-2008 equivalent-level limits per zone class in dB(A): [day 06:00–22:00, night 22:00–06:00]. */
const limits: Record<NoiseZoneClass, readonly [number, number]> = {
  '0': [50, 40],
  '1': [55, 45],
  '2': [60, 50],
  '3': [65, 55],
  '4a': [70, 55],
  '4b': [70, 60],
};

/** The limit that applies to a zone class at a moment, by Beijing time. */
export function noiseLimitFor(
  zoneClass: NoiseZoneClass,
  at: Date,
): { limitDb: number; period: 'day' | 'night' } {
  const localHour = Math.floor(beijingMinutes(at.getTime()) / 60);
  const period = localHour >= 6 && localHour < 22 ? 'day' : 'night';
  const [day, night] = limits[zoneClass];
  return { limitDb: period === 'day' ? day : night, period };
}
