import type { StatisticsGranularity } from '@jiefang/contracts';

const dayMs = 86_400_000;
const asUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The longest range one request may ask for, in days (a year and a month, for year-on-year views). */
export const maxStatisticsDays = 400;

/** Whether a `YYYY-MM-DD` string names a real calendar day (2030-02-30 does not). */
export const isCalendarDay = (day: string): boolean => {
  const at = asUtc(day);
  return Number.isFinite(at) && dayOf(at) === day;
};

/** How many days a range spans, both ends included; null when an end is not a calendar day. */
export function rangeLength(from: string, to: string): number | null {
  if (!isCalendarDay(from) || !isCalendarDay(to)) return null;
  return Math.round((asUtc(to) - asUtc(from)) / dayMs) + 1;
}

/** Every Beijing day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = asUtc(from); at <= asUtc(to); at += dayMs) days.push(dayOf(at));
  return days;
}

export const monthOf = (day: string): string => day.slice(0, 7);

/** Every day of a month (`YYYY-MM`). */
export function daysOfMonth(month: string): string[] {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return daysBetween(`${month}-01`, `${month}-${String(last).padStart(2, '0')}`);
}

/** The day, ISO week (its Monday) or month a day belongs to. */
export function periodOf(day: string, granularity: StatisticsGranularity): string {
  if (granularity === 'day') return day;
  if (granularity === 'month') return monthOf(day);
  const at = asUtc(day);
  const weekday = (new Date(at).getUTCDay() + 6) % 7;
  return dayOf(at - weekday * dayMs);
}

/** The Monday that starts a day's ISO week. */
export const weekOf = (day: string): string => periodOf(day, 'week');

/** The seven days of the ISO week starting on `monday`. */
export const daysOfWeek = (monday: string): string[] => daysBetween(monday, dayOf(asUtc(monday) + 6 * dayMs));

/** Summaries not yet refreshed: read through their parts instead. */
export interface DirtyPeriods {
  months?: ReadonlySet<string>;
  weeks?: ReadonlySet<string>;
}

/**
 * How a range is read with the fewest summaries: whole months from their month summaries, whole ISO
 * weeks of what is left from week summaries, the rest day by day. Dirty months and weeks are read
 * through their weeks and days.
 */
export function rangePlan(
  from: string,
  to: string,
  dirty: DirtyPeriods = {},
): { months: string[]; weeks: string[]; days: string[] } {
  const months: string[] = [];
  const left = new Set<string>();
  const byMonth = new Map<string, string[]>();
  for (const day of daysBetween(from, to)) {
    const list = byMonth.get(monthOf(day));
    if (list) list.push(day);
    else byMonth.set(monthOf(day), [day]);
  }
  for (const [month, inRange] of byMonth) {
    if (inRange.length === daysOfMonth(month).length && !dirty.months?.has(month)) months.push(month);
    else for (const day of inRange) left.add(day);
  }
  const weeks = [...new Set([...left].map(weekOf))].filter(
    (monday) => !dirty.weeks?.has(monday) && daysOfWeek(monday).every((day) => left.has(day)),
  );
  for (const monday of weeks) for (const day of daysOfWeek(monday)) left.delete(day);
  return { months, weeks, days: [...left] };
}
