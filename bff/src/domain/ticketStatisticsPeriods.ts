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

/**
 * How a range is read: whole months from their month summaries, the rest day by day. `dirtyMonths`
 * (summaries not yet refreshed) are read day by day as well.
 */
export function rangePlan(
  from: string,
  to: string,
  dirtyMonths: ReadonlySet<string> = new Set(),
): { months: string[]; days: string[] } {
  const days = daysBetween(from, to);
  const months: string[] = [];
  const single: string[] = [];
  const byMonth = new Map<string, string[]>();
  for (const day of days) byMonth.set(monthOf(day), [...(byMonth.get(monthOf(day)) ?? []), day]);
  for (const [month, inRange] of byMonth) {
    if (inRange.length === daysOfMonth(month).length && !dirtyMonths.has(month)) months.push(month);
    else single.push(...inRange);
  }
  return { months, days: single };
}
