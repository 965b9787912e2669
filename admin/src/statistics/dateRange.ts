import { beijingDate, beijingDayNumber, beijingDayStart, beijingWeekday } from '@jiefang/contracts';

/** A range of Beijing days, both ends included, as `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

export const quickRanges = ['today', 'thisWeek', 'thisMonth', 'last30Days'] as const;
export type QuickRange = (typeof quickRanges)[number];

const dayOf = (dayNumber: number) => beijingDate(beijingDayStart(dayNumber));

/**
 * 今日 / 本周 / 本月 / 近30天 in Beijing days, whatever the browser's zone: a week starts on Monday as it
 * does on Chinese calendars, and every range ends today.
 */
export function quickRange(range: QuickRange, now: number): DayRange {
  const today = beijingDayNumber(now);
  const to = dayOf(today);
  switch (range) {
    case 'today':
      return { from: to, to };
    case 'thisWeek': {
      const sinceMonday = (beijingWeekday(now) + 6) % 7;
      return { from: dayOf(today - sinceMonday), to };
    }
    case 'thisMonth':
      return { from: `${to.slice(0, 8)}01`, to };
    case 'last30Days':
      return { from: dayOf(today - 29), to };
  }
}

/** This Beijing month, `YYYY-MM`. */
export function beijingMonth(now: number): string {
  return beijingDate(now).slice(0, 7);
}

/** Which quick range a range is, if any (to highlight its button). */
export function matchingQuickRange(range: DayRange, now: number): QuickRange | undefined {
  return quickRanges.find((name) => {
    const candidate = quickRange(name, now);
    return candidate.from === range.from && candidate.to === range.to;
  });
}

/**
 * A range carried over a Beijing midnight: a quick range of the old day becomes the same quick range of
 * the new one (a wall display left on 今日 shows the new day); a range someone picked stays as it was.
 */
export function rolledOver(range: DayRange, before: number, now: number): DayRange {
  const quick = matchingQuickRange(range, before);
  return quick ? quickRange(quick, now) : range;
}
