/**
 * Beijing time for every app. People here think in local days and clock times whatever the device's
 * zone; China has kept UTC+8 all year since 1991, so a fixed offset is exact and needs no zone data.
 */
export const beijingOffset = '+08:00';
export const beijingOffsetMs = 8 * 3600_000;
const dayMs = 86_400_000;

const pad = (value: number) => String(value).padStart(2, '0');
const shifted = (ms: number) => new Date(ms + beijingOffsetMs);

/** The Beijing calendar day of an instant, `YYYY-MM-DD`. */
export function beijingDate(ms: number): string {
  const at = shifted(ms);
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
}

/** The Beijing wall-clock time of an instant, `HH:MM`. */
export function beijingClock(ms: number): string {
  const at = shifted(ms);
  return `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
}

/** Minutes since Beijing midnight of an instant. */
export function beijingMinutes(ms: number): number {
  const at = shifted(ms);
  return at.getUTCHours() * 60 + at.getUTCMinutes();
}

/** Weekday of an instant in Beijing, 0 = Sunday … 6 = Saturday. */
export function beijingWeekday(ms: number): number {
  return shifted(ms).getUTCDay();
}

/** Days since the epoch of an instant's Beijing calendar day (a counter for per-day limits). */
export function beijingDayNumber(ms: number): number {
  return Math.floor((ms + beijingOffsetMs) / dayMs);
}

/** The instant a Beijing day number starts. */
export function beijingDayStart(dayNumber: number): number {
  return dayNumber * dayMs - beijingOffsetMs;
}

/** The instant of a Beijing day (`YYYY-MM-DD`) and minutes after its midnight. */
export function beijingInstant(date: string, minutes: number): number {
  return Date.parse(`${date}T00:00:00${beijingOffset}`) + minutes * 60_000;
}

/** A Beijing date and `HH:MM` as ISO 8601 with the offset, e.g. `2030-11-24T09:00:00+08:00`. */
export function beijingIso(date: string, clock: string): string {
  return `${date}T${clock}:00${beijingOffset}`;
}
