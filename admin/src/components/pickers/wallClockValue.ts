import dayjs, { type Dayjs } from 'dayjs';
import { isClock, isDate } from '../../escorts/wallClock';

/**
 * The pickers hold dayjs objects in the browser's own zone, but the app keeps Beijing wall-clock strings
 * (`YYYY-MM-DD`, `HH:mm`) and only the BFF request adds `+08:00`. These convert digits to digits, never
 * through an instant, so a browser in another zone cannot shift a day or an hour.
 */
export const DAY_FORMAT = 'YYYY-MM-DD';
export const CLOCK_FORMAT = 'HH:mm';

/** A day as a local dayjs at its midnight; `null` for anything that is not a real `YYYY-MM-DD` day. */
export function dayToDayjs(day: string | undefined): Dayjs | null {
  if (!isDate(day)) return null;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const local = dayjs(new Date(year, month - 1, date));
  // `Date` rolls 30 February over into March; such a day is no day at all.
  return local.format(DAY_FORMAT) === day ? local : null;
}

/**
 * A clock time on a fixed winter day: no zone changes its clocks on 1 January, so every `HH:mm` exists
 * there (on a daylight-saving spring day 02:30 would not).
 */
export function clockToDayjs(clock: string | undefined): Dayjs | null {
  if (!isClock(clock)) return null;
  const [hours, minutes] = clock.split(':').map(Number) as [number, number];
  return dayjs(new Date(2000, 0, 1, hours, minutes));
}

/** The digits a picker shows, back as wall-clock strings. */
export const dayOf = (value: Dayjs): string => value.format(DAY_FORMAT);
export const clockOf = (value: Dayjs): string => value.format(CLOCK_FORMAT);

/** The hours and minutes a time picker offers no choice of, to keep picks within `[min, max]`. */
export function clockLimits(min: string, max: string) {
  const [minHour, minMinute] = min.split(':').map(Number) as [number, number];
  const [maxHour, maxMinute] = max.split(':').map(Number) as [number, number];
  const range = (from: number, to: number) =>
    Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  return {
    disabledHours: () => [...range(0, minHour), ...range(maxHour + 1, 24)],
    disabledMinutes: (hour: number) => [
      ...(hour === minHour ? range(0, minMinute) : []),
      ...(hour === maxHour ? range(maxMinute + 1, 60) : []),
    ],
  };
}
