/** Checks and arithmetic on the booking form's `YYYY-MM-DD` and `HH:MM` fields (Beijing wall-clock). */
const pad = (value: number) => String(value).padStart(2, '0');

export const isDate = (value: string | undefined): value is string =>
  value !== undefined && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value);

export const isClock = (value: string | undefined): value is string =>
  value !== undefined && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

/** `HH:MM` plus some minutes on the same day; `null` when that passes midnight. */
export function addMinutes(clock: string, minutes: number): string | null {
  if (!isClock(clock)) return null;
  const [hours, mins] = clock.split(':').map(Number) as [number, number];
  const total = hours * 60 + mins + minutes;
  if (total < 0 || total >= 24 * 60) return null;
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}
