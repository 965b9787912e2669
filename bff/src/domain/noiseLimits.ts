import type { NoiseZoneClass } from '@jiefang/contracts';

/** GB 3096-2008 equivalent-level limits per zone class in dB(A): [day 06:00–22:00, night 22:00–06:00]. */
const limits: Record<NoiseZoneClass, readonly [number, number]> = {
  '0': [50, 40],
  '1': [55, 45],
  '2': [60, 50],
  '3': [65, 55],
  '4a': [70, 55],
  '4b': [70, 60],
};

const shanghaiOffsetHours = 8; // China has no daylight saving time.

/** The limit that applies to a zone class at a moment, by the local time in Asia/Shanghai. */
export function noiseLimitFor(
  zoneClass: NoiseZoneClass,
  at: Date,
): { limitDb: number; period: 'day' | 'night' } {
  const localHour = (at.getUTCHours() + shanghaiOffsetHours) % 24;
  const period = localHour >= 6 && localHour < 22 ? 'day' : 'night';
  const [day, night] = limits[zoneClass];
  return { limitDb: period === 'day' ? day : night, period };
}
