import {
  beijingDate,
  beijingDayNumber,
  beijingDayStart,
  beijingWeekday,
  type RosterEntry,
} from '@jiefang/contracts';

export const WEEK_DAYS = 7;

/** The Monday (Beijing time) of the week holding `at`, moved by `weeks`. */
export function weekStart(at: number, weeks = 0): string {
  const monday = beijingDayNumber(at) - ((beijingWeekday(at) + 6) % 7) + weeks * WEEK_DAYS;
  return beijingDate(beijingDayStart(monday));
}

/** The dates of the week that starts on `monday`. */
export function weekDates(monday: string): string[] {
  const first = beijingDayNumber(Date.parse(`${monday}T12:00:00+08:00`));
  return Array.from({ length: WEEK_DAYS }, (_, offset) => beijingDate(beijingDayStart(first + offset)));
}

export const cellKey = (date: string, shiftId: string) => `${date}/${shiftId}`;

/** Who works each shift of each day, by `cellKey`. */
export function rosterCells(entries: readonly RosterEntry[]): Map<string, string[]> {
  return new Map(entries.map((entry) => [cellKey(entry.date, entry.shiftId), entry.officerIds]));
}

/** `12-02 周三` for a column head. */
export function dayLabel(date: string, weekdayNames: readonly string[]): string {
  const weekday = beijingWeekday(Date.parse(`${date}T12:00:00+08:00`));
  return `${date.slice(5)} ${weekdayNames[weekday] ?? ''}`;
}
