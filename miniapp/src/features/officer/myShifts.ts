import {
  beijingDate,
  beijingDayNumber,
  beijingDayStart,
  beijingInstant,
  beijingWeekday,
  type RosterQuery,
  type SquadRoster,
} from '@jiefang/contracts';
import { t } from '../../i18n';

/** How many days ahead 我的排班 lists, today included. */
export const MY_SHIFTS_DAYS = 7;

/** One shift the officer is rostered on. */
export interface MyShift {
  /** The Beijing date the shift starts on (a night shift belongs to the evening it starts). */
  date: string;
  shiftId: string;
  name: string;
  /** `HH:MM`, Beijing time. */
  start: string;
  startsAt: number;
}

export interface MyShifts {
  /** The shift on now, when the officer is rostered on it. */
  current: MyShift | undefined;
  /** Their shifts after the one on now, up to the last of the coming days, soonest first. */
  upcoming: MyShift[];
  /** The squad offers automatic dispatch only to the officers of the shift on now. */
  rosterDispatch: boolean;
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const dayAfter = (ms: number, days: number) => beijingDate(beijingDayStart(beijingDayNumber(ms) + days));

/**
 * From yesterday: the shift on now may be last night's, whose roster is yesterday's. Through the last
 * of the coming days.
 */
export function myShiftsQuery(now: number): RosterQuery {
  return { from: dayAfter(now, -1), days: MY_SHIFTS_DAYS + 1 };
}

/**
 * Which of the roster's entries are the officer's: the shift on now (as the BFF says) and the later ones
 * starting by the last of the coming days. Entries of shifts the schedule no longer has are left out
 * (they have no start, and dispatch no longer follows them).
 */
export function myShifts(roster: SquadRoster, officerId: string, now: number): MyShifts {
  const shifts = new Map(roster.schedule.shifts.map((shift) => [shift.id, shift]));
  const lastDate = dayAfter(now, MY_SHIFTS_DAYS - 1);
  const currentEndsAt = Date.parse(roster.current.endsAt);
  const mine: MyShift[] = roster.entries.flatMap((entry) => {
    const shift = shifts.get(entry.shiftId);
    if (!shift || !entry.officerIds.includes(officerId)) return [];
    const startsAt = beijingInstant(entry.date, minutesOf(shift.start));
    return [{ date: entry.date, shiftId: shift.id, name: shift.name, start: shift.start, startsAt }];
  });
  return {
    current: mine.find(
      (shift) => shift.date === roster.current.date && shift.shiftId === roster.current.shiftId,
    ),
    upcoming: mine
      .filter((shift) => shift.startsAt >= currentEndsAt && shift.date <= lastDate)
      .sort((a, b) => a.startsAt - b.startsAt),
    rosterDispatch: roster.schedule.rosterDispatch,
  };
}

/** Nothing to show: not on the shift on now, and none ahead. */
export function hasNoShifts(shifts: MyShifts): boolean {
  return !shifts.current && shifts.upcoming.length === 0;
}

/** `当班：夜班 20:00 起`, or `当前不在班`. */
export function currentShiftLabel(shifts: MyShifts): string {
  const { current } = shifts;
  return current
    ? t('officer.shifts.onNow', { shift: current.name, start: current.start })
    : t('officer.shifts.offNow');
}

const weekdayKeys = [
  'officer.shifts.weekday.0',
  'officer.shifts.weekday.1',
  'officer.shifts.weekday.2',
  'officer.shifts.weekday.3',
  'officer.shifts.weekday.4',
  'officer.shifts.weekday.5',
  'officer.shifts.weekday.6',
] as const;

/** `12月3日 周四 白班 08:00 起` (Beijing time, whatever the phone's zone). */
export function shiftLabel(shift: MyShift): string {
  const [, month, day] = shift.date.split('-').map(Number) as [number, number, number];
  return t('officer.shifts.slot', {
    date: t('officer.shifts.monthDay', { month, day }),
    weekday: t(weekdayKeys[beijingWeekday(shift.startsAt)]!),
    shift: shift.name,
    start: shift.start,
  });
}
