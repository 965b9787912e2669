import {
  beijingClock,
  beijingDate,
  beijingWeekday,
  type ElderNeed,
  type Escort,
  type EscortServiceType,
  type EscortStatus,
  type VolunteerSkill,
  type WeeklySlot,
} from '@jiefang/contracts';
import { t, type MessageKey } from '../i18n';

/** 陪诊 / 代取药 / 电话陪聊 / 上门陪护 */
export function serviceTypeLabel(type: EscortServiceType): string {
  return t(`escortService.${type}`);
}

/** 轮椅 / 听力障碍 / 视力障碍 / 只讲粤语 / 记忆障碍 */
export function elderNeedLabel(need: ElderNeed): string {
  return t(`elderNeed.${need}`);
}

export function skillLabel(skill: VolunteerSkill): string {
  return t(`volunteerSkill.${skill}`);
}

export function escortStatusLabel(status: EscortStatus): string {
  return t(`escortStatus.${status}`);
}

export const escortStatusColors: Record<EscortStatus, string> = {
  open: 'gold',
  accepted: 'blue',
  in_progress: 'processing',
  completed: 'green',
  cancelled: 'default',
};

/** Service colours for tags, so a row's kind is seen at a glance. */
export const serviceColors: Record<EscortServiceType, string> = {
  hospital_escort: 'magenta',
  medicine_pickup: 'cyan',
  companion_call: 'purple',
  home_visit: 'geekblue',
};

const timelineKeys: Record<string, MessageKey> = {
  created: 'escortTimeline.created',
  booked: 'escortTimeline.created',
  offered: 'escortTimeline.offered',
  accepted: 'escortTimeline.accepted',
  checked_in: 'escortTimeline.checked_in',
  check_in: 'escortTimeline.checked_in',
  completed: 'escortTimeline.completed',
  complete: 'escortTimeline.completed',
  cancelled: 'escortTimeline.cancelled',
  cancel: 'escortTimeline.cancelled',
  reassigned: 'escortTimeline.reassigned',
  reassign: 'escortTimeline.reassigned',
  released: 'escortTimeline.released',
  sos: 'escortTimeline.sos',
  rated: 'escortTimeline.rated',
  rate: 'escortTimeline.rated',
  hours_reviewed: 'escortTimeline.hours_reviewed',
};

/** A timeline step in Chinese; an action this build does not know is shown as sent. */
export function escortActionLabel(action: string): string {
  const key = timelineKeys[action];
  return key ? t(key) : action;
}

export function escortTimelineColor(action: string): string {
  switch (action) {
    case 'sos':
    case 'cancelled':
    case 'cancel':
      return 'red';
    case 'reassigned':
    case 'reassign':
    case 'released':
      return 'orange';
    case 'completed':
    case 'complete':
    case 'rated':
    case 'rate':
      return 'green';
    default:
      return 'blue';
  }
}

/** 周日 … 周六 for 0 … 6. */
export function weekdayLabel(weekday: number): string {
  return t(`weekday.${((weekday % 7) + 7) % 7}` as MessageKey);
}

/** "45 分钟", "2 小时", "2 小时 30 分钟". */
export function formatMinutes(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return t('escort.minutes', { minutes: rest });
  if (rest === 0) return t('escort.hours', { hours });
  return t('escort.hoursMinutes', { hours, minutes: rest });
}

/** "12.5" hours with at most one decimal. */
export function formatHourTotal(hours: number): string {
  return String(Math.round(hours * 10) / 10);
}

/** "4.8" or "—" when nobody has rated yet. */
export function formatRating(average: number | null): string {
  return average === null ? '—' : average.toFixed(1);
}

/** The day of a window: 今天 / 明天 / 11月24日 周二, in Beijing time. */
export function dayLabel(ms: number, now: number): string {
  const day = beijingDate(ms);
  if (day === beijingDate(now)) return t('escort.today');
  if (day === beijingDate(now + 24 * 60 * 60 * 1000)) return t('escort.tomorrow');
  const [, month, date] = day.split('-').map(Number) as [number, number, number];
  return t('escort.dayOf', { month, date, weekday: weekdayLabel(beijingWeekday(ms)) });
}

/** "今天 09:00–11:00", "11月24日 周二 09:00–11:00"; the end's day is named when it differs. */
export function windowLabel(start: string, end: string, now: number): string {
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) return `${start} – ${end}`;
  const endPart =
    beijingDate(endMs) === beijingDate(startMs)
      ? beijingClock(endMs)
      : `${dayLabel(endMs, now)} ${beijingClock(endMs)}`;
  return `${dayLabel(startMs, now)} ${beijingClock(startMs)}–${endPart}`;
}

/** The place a request is about: the hospital and department, or where to go. */
export function escortPlace(escort: Pick<Escort, 'hospital' | 'department' | 'destination'>): string | null {
  if (escort.hospital) return [escort.hospital, escort.department].filter(Boolean).join(' · ');
  return escort.destination ?? null;
}

/** A volunteer's weekly hours, one line a day from Monday: "周一 09:00–12:00、14:00–17:00". */
export function availabilityLines(slots: readonly WeeklySlot[]): string[] {
  const byDay = new Map<number, WeeklySlot[]>();
  for (const slot of slots) byDay.set(slot.weekday, [...(byDay.get(slot.weekday) ?? []), slot]);
  // Monday first, Sunday last, as a Chinese week reads.
  const order = [1, 2, 3, 4, 5, 6, 0];
  return order
    .filter((day) => byDay.has(day))
    .map((day) => {
      const ranges = [...byDay.get(day)!]
        .sort((a, b) => a.start.localeCompare(b.start))
        .map((slot) => `${slot.start}–${slot.end}`);
      return `${weekdayLabel(day)} ${ranges.join('、')}`;
    });
}
