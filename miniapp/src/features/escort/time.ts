/**
 * Beijing time for 陪护 bookings. Elders and families think in local days and clock times; the BFF wants
 * ISO 8601 with the +08:00 offset. The instants come from the contracts' Beijing-time helpers; here are the
 * booking rules and the labels (今天 / 明天, 周一) the mini-program adds.
 */
import {
  beijingClock,
  beijingDate,
  beijingInstant,
  beijingIso,
  beijingMinutes,
  beijingWeekday,
  escortServiceHours,
} from '@jiefang/contracts';
import { t } from '../../i18n';

const dayMs = 86_400_000;

/** Start times are offered every half hour. */
export const SLOT_STEP_MINUTES = 30;
/** A booking for today must leave a volunteer this long to get going. */
export const LEAD_MINUTES = 30;
/** How many days ahead one can book (today included). */
export const BOOKING_DAYS = 14;

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^([01]\d|2[0-4]):([0-5]\d)$/;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export function isDayKey(day: string): boolean {
  const match = dayPattern.exec(day);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `HH:MM` → minutes since midnight; `24:00` is allowed as the end of a day. */
export function parseClock(time: string): number | undefined {
  const match = timePattern.exec(time);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : undefined;
}

export function formatClock(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function serviceClock(clock: string): number {
  const minutes = parseClock(clock);
  if (minutes === undefined) throw new RangeError(`escortServiceHours holds a bad time: ${clock}`);
  return minutes;
}

/** Escorts are booked within the contracts' service hours (07:00–21:00 Beijing time; the BFF checks them). */
export const SERVICE_START_MINUTES = serviceClock(escortServiceHours.start);
export const SERVICE_END_MINUTES = serviceClock(escortServiceHours.end);

/**
 * A Beijing day and clock time as ISO 8601 with +08:00, e.g. ('2026-11-24', '09:00') →
 * `2026-11-24T09:00:00+08:00`. Minutes past 24:00 roll into the next day. Throws on a malformed input.
 */
export function toBeijingIso(day: string, time: string | number): string {
  if (!isDayKey(day)) throw new RangeError(`not a day: ${day}`);
  const minutes = typeof time === 'number' ? time : parseClock(time);
  if (minutes === undefined || !Number.isInteger(minutes) || minutes < 0) {
    throw new RangeError(`not a time: ${String(time)}`);
  }
  const instant = beijingInstant(day, minutes);
  return beijingIso(beijingDate(instant), beijingClock(instant));
}

/** The day `n` days after `day` (negative for before). */
export function addDays(day: string, n: number): string {
  return beijingDate(beijingInstant(day, 12 * 60) + n * dayMs);
}

/** 0 = Sunday … 6 = Saturday, as the contracts' weekly slots count. */
export function weekdayOf(day: string): number {
  return beijingWeekday(beijingInstant(day, 12 * 60));
}

const weekdayKeys = [
  'escort.weekday.0',
  'escort.weekday.1',
  'escort.weekday.2',
  'escort.weekday.3',
  'escort.weekday.4',
  'escort.weekday.5',
  'escort.weekday.6',
] as const;

/** 周日 … 周六. */
export function weekdayLabel(weekday: number): string {
  return t(weekdayKeys[((weekday % 7) + 7) % 7]!);
}

/** 今天 / 明天 / 后天, else undefined. */
function relativeDay(day: string, today: string): string | undefined {
  if (day === today) return t('escort.day.today');
  if (day === addDays(today, 1)) return t('escort.day.tomorrow');
  if (day === addDays(today, 2)) return t('escort.day.afterTomorrow');
  return undefined;
}

/** `11月24日` */
export function monthDay(day: string): string {
  const [, m, d] = day.split('-').map(Number) as [number, number, number];
  return t('escort.day.monthDay', { month: m, day: d });
}

/** `今天（11月24日 周一）`-style label parts for a day chip. */
export function dayLabel(day: string, now: number): { main: string; sub: string } {
  const relative = relativeDay(day, beijingDate(now));
  const weekday = weekdayLabel(weekdayOf(day));
  return relative
    ? { main: relative, sub: `${monthDay(day)} ${weekday}` }
    : { main: weekday, sub: monthDay(day) };
}

export interface StartChoice {
  time: string;
  minutes: number;
  period: 'morning' | 'afternoon' | 'evening';
}

function periodOf(minutes: number): StartChoice['period'] {
  if (minutes < 12 * 60) return 'morning';
  if (minutes < 18 * 60) return 'afternoon';
  return 'evening';
}

/**
 * The start times one can pick on `day` for a service of `durationMinutes`: every half hour from 07:00 so
 * that it ends by 21:00, and on today only those at least LEAD_MINUTES from now.
 */
export function startChoices(day: string, durationMinutes: number, now: number): StartChoice[] {
  if (!isDayKey(day) || !(durationMinutes > 0)) return [];
  const earliest = now + LEAD_MINUTES * 60_000;
  const choices: StartChoice[] = [];
  for (let m = SERVICE_START_MINUTES; m + durationMinutes <= SERVICE_END_MINUTES; m += SLOT_STEP_MINUTES) {
    if (beijingInstant(day, m) < earliest) continue;
    choices.push({ time: formatClock(m), minutes: m, period: periodOf(m) });
  }
  return choices;
}

/** The days one can book, from today (only if some time is still free today) for BOOKING_DAYS days. */
export function dayChoices(durationMinutes: number, now: number, count: number = BOOKING_DAYS): string[] {
  const today = beijingDate(now);
  const days: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const day = addDays(today, i);
    if (i === 0 && startChoices(day, durationMinutes, now).length === 0) continue;
    days.push(day);
  }
  return days;
}

/** The durations offered for a service: its usual length first, then whole hours up to 4. */
export function durationChoices(defaultMinutes: number): number[] {
  const base =
    defaultMinutes > 0 && defaultMinutes <= SERVICE_END_MINUTES - SERVICE_START_MINUTES
      ? [defaultMinutes]
      : [];
  return [...new Set([...base, 60, 120, 180, 240])].sort((a, b) => a - b);
}

/** `30 分钟`, `1 小时`, `1.5 小时`. */
export function durationLabel(minutes: number): string {
  if (minutes < 60) return t('escort.duration.minutes', { n: minutes });
  const hours = Math.round((minutes / 60) * 10) / 10;
  return t('escort.duration.hours', { n: hours });
}

export interface WindowCheck {
  ok: boolean;
  message?: string;
}

/** The BFF's window rules, checked before sending: in the future, 07:00–21:00 of one day, end after start. */
export function checkWindow(startIso: string, endIso: string, now: number): WindowCheck {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return { ok: false, message: t('escort.error.time') };
  if (end <= start) return { ok: false, message: t('escort.error.endBeforeStart') };
  if (start < now) return { ok: false, message: t('escort.error.past') };
  const sameDay = beijingDate(start) === beijingDate(end - 1);
  const startMinutes = beijingMinutes(start);
  const endMinutes = beijingMinutes(end) === 0 ? 24 * 60 : beijingMinutes(end);
  if (!sameDay || startMinutes < SERVICE_START_MINUTES || endMinutes > SERVICE_END_MINUTES) {
    return { ok: false, message: t('escort.error.serviceHours') };
  }
  return { ok: true };
}

/** `今天 09:00–11:00`, `明天 …`, `11月24日 周一 09:00–11:00` (Beijing time). */
export function formatWindow(startIso: string, endIso: string, now: number): string {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return '';
  const day = beijingDate(start);
  const relative = relativeDay(day, beijingDate(now));
  const when = relative ?? `${monthDay(day)} ${weekdayLabel(weekdayOf(day))}`;
  const endDay = beijingDate(end);
  const endText =
    endDay === day
      ? beijingClock(end)
      : endDay === addDays(day, 1) && beijingMinutes(end) === 0
        ? formatClock(24 * 60)
        : `${monthDay(endDay)} ${beijingClock(end)}`;
  return `${when} ${beijingClock(start)}–${endText}`;
}

/** Whether an instant falls on today's Beijing day. */
export function isToday(iso: string, now: number): boolean {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && beijingDate(ms) === beijingDate(now);
}
