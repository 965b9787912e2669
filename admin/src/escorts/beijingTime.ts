/**
 * Bookings are made in Beijing time whatever the computer's zone. China has kept UTC+8 all year since 1991,
 * so a fixed offset is exact and needs no time-zone data.
 */
export const BEIJING_OFFSET = '+08:00';
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** Escorts are offered from 07:00 to 21:00 Beijing time (the BFF's rule, checked here first). */
export const SERVICE_HOURS = { start: '07:00', end: '21:00' } as const;

const pad = (value: number) => String(value).padStart(2, '0');

/** The Beijing calendar day of an instant, `YYYY-MM-DD`. */
export function beijingDate(ms: number): string {
  const shifted = new Date(ms + OFFSET_MS);
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** The Beijing wall-clock time of an instant, `HH:MM`. */
export function beijingClock(ms: number): string {
  const shifted = new Date(ms + OFFSET_MS);
  return `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`;
}

/** Weekday of an instant in Beijing, 0 = Sunday … 6 = Saturday. */
export function beijingWeekday(ms: number): number {
  return new Date(ms + OFFSET_MS).getUTCDay();
}

export const isDate = (value: string | undefined): value is string =>
  value !== undefined && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value);

export const isClock = (value: string | undefined): value is string =>
  value !== undefined && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

/** A Beijing date and time as ISO 8601 with the +08:00 offset, e.g. `2030-11-24T09:00:00+08:00`. */
export function beijingIso(date: string, clock: string): string {
  return `${date}T${clock}:00${BEIJING_OFFSET}`;
}

/** `HH:MM` plus some minutes on the same day; `null` when that passes midnight. */
export function addMinutes(clock: string, minutes: number): string | null {
  if (!isClock(clock)) return null;
  const [hours, mins] = clock.split(':').map(Number) as [number, number];
  const total = hours * 60 + mins + minutes;
  if (total < 0 || total >= 24 * 60) return null;
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}
