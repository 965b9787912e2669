/**
 * Time of day as the neighbourhood lives it. Signals depend on the local hour in Asia/Shanghai (the design's
 * day 06:00–22:00 / night 22:00–06:00 limits use it), whatever time zone the simulator runs in.
 */
import { DAY_MS, HOUR_MS } from './time';

/** China has used UTC+8 all year since 1991, so a fixed offset is exact and avoids Intl in a hot path. */
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** Local hour in Asia/Shanghai as a fraction, e.g. 19.5 for 19:30. */
export function shanghaiHour(epochMs: number): number {
  const msIntoDay = (((epochMs + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return msIntoDay / HOUR_MS;
}

/** Epoch ms of `hour` (fractional) local time on the Shanghai calendar day `day` (0 = 1970-01-01). */
export function shanghaiTime(day: number, hour: number): number {
  return day * DAY_MS + hour * HOUR_MS - SHANGHAI_OFFSET_MS;
}

/**
 * Events per hour by local hour, as steps: `[[0, 0.04], [18, 0.3], [23, 0.1]]` means 0.04/h from 00:00,
 * 0.3/h from 18:00 and 0.1/h from 23:00 to midnight. The first step must start at 0.
 */
export type HourlyRates = ReadonlyArray<readonly [fromHour: number, perHour: number]>;

export function rateAt(rates: HourlyRates, hour: number): number {
  let rate = 0;
  for (const [from, perHour] of rates) {
    if (hour >= from) rate = perHour;
    else break;
  }
  return rate;
}

export function maxRate(rates: HourlyRates): number {
  return rates.reduce((max, [, perHour]) => Math.max(max, perHour), 0);
}

/** Expected events per day, for documentation and tests. */
export function dailyCount(rates: HourlyRates): number {
  return rates.reduce((sum, [from, perHour], index) => {
    const to = rates[index + 1]?.[0] ?? 24;
    return sum + (to - from) * perHour;
  }, 0);
}

/**
 * A level by local hour, linear between points: `[[0, 42], [6, 45], [7, 51]]` rises from 45 at 06:00 to 51
 * at 07:00. The curve wraps at midnight, so the last point leads back to the first.
 */
export type HourlyCurve = ReadonlyArray<readonly [hour: number, value: number]>;

export function curveAt(curve: HourlyCurve, hour: number): number {
  const first = curve[0];
  if (!first) return 0;
  let previous: readonly [number, number] = [first[0], first[1]];
  for (const point of curve) {
    if (hour < point[0]) {
      const span = point[0] - previous[0];
      return span <= 0 ? point[1] : previous[1] + ((hour - previous[0]) / span) * (point[1] - previous[1]);
    }
    previous = point;
  }
  const span = 24 + first[0] - previous[0];
  return span <= 0 ? previous[1] : previous[1] + ((hour - previous[0]) / span) * (first[1] - previous[1]);
}
