import distance from '@turf/distance';
import {
  beijingDayNumber,
  beijingDayStart,
  beijingMinutes,
  beijingWeekday,
  escortServiceHours,
  type ElderNeed,
  type EscortServiceType,
  type VolunteerSkill,
  type WeeklySlot,
} from '@jiefang/contracts';

/** The four services, their usual length and whether a volunteer goes in person. */
export const escortServices: Record<
  EscortServiceType,
  { name: string; defaultMinutes: number; inPerson: boolean }
> = {
  hospital_escort: { name: '陪诊', defaultMinutes: 180, inPerson: true },
  medicine_pickup: { name: '代取药', defaultMinutes: 90, inPerson: true },
  companion_call: { name: '电话陪聊', defaultMinutes: 30, inPerson: false },
  home_visit: { name: '上门陪护', defaultMinutes: 120, inPerson: true },
};

/** Minutes after midnight of an `HH:MM` clock time. */
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const escortPolicy = {
  /** Local service hours in Asia/Shanghai: windows must lie inside them. */
  serviceHours: { start: minutesOf(escortServiceHours.start), end: minutesOf(escortServiceHours.end) },
  maxWindowMs: 12 * 3600_000,
  /** A volunteer who withdraws later than this before the window is a late withdrawal. */
  lateWithdrawalMs: 24 * 3600_000,
  checkInRadiusMeters: 300,
  /** Service time counts from this long before the window at the earliest. */
  countBeforeWindowMs: 30 * 60_000,
  /** Unaccepted this long before the window: the community worker takes over (same-day: 2 h). */
  escalateBeforeMs: 24 * 3600_000,
  escalateSameDayBeforeMs: 2 * 3600_000,
  remindDayBeforeMs: 24 * 3600_000,
  remindHourBeforeMs: 3600_000,
  /** Same-day requests are offered to this many matching volunteers at once. */
  urgentOfferCount: 5,
  /** A volunteer may move their service area (base or radius) this often per Beijing day. */
  serviceAreaMovesPerDay: 3,
} as const;

const localMinutes = (at: Date) => beijingMinutes(at.getTime());
const localDay = (at: Date) => beijingDayNumber(at.getTime());
const localWeekday = (at: Date) => beijingWeekday(at.getTime());

/** The Beijing calendar day of an instant (days since the epoch), and when the next one starts. */
export const beijingDay = (at: Date) => localDay(at);
export const nextBeijingDayStart = (at: Date) => new Date(beijingDayStart(localDay(at) + 1));

/** Same calendar day in Beijing time: such requests are urgent. */
export const isSameDay = (a: Date, b: Date) => localDay(a) === localDay(b);

/** Field errors of a booking window, as of `now`. */
export function windowProblems(start: Date, end: Date, now: Date): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (start.getTime() <= now.getTime()) problems.push({ path: 'windowStart', message: '开始时间必须在将来' });
  if (end.getTime() - start.getTime() > escortPolicy.maxWindowMs) {
    problems.push({ path: 'windowEnd', message: '一次预约不超过 12 小时' });
  }
  const { start: open, end: close } = escortPolicy.serviceHours;
  if (!isSameDay(start, end) || localMinutes(start) < open || localMinutes(end) > close) {
    problems.push({
      path: 'windowStart',
      message: `服务时间为每天 ${escortServiceHours.start}–${escortServiceHours.end}（北京时间）`,
    });
  }
  return problems;
}

export const overlaps = (a: { start: Date; end: Date }, b: { start: Date; end: Date }) =>
  a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();

/** 13812345678 → 138****5678; landlines keep the area code and the last four digits. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return phone.replace(/\d(?=\d{2})/g, '*');
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** Skills a volunteer needs for an elder's needs; needs without a matching skill only lower the score. */
const skillFor: Partial<Record<ElderNeed, VolunteerSkill>> = {
  wheelchair: 'wheelchair',
  cantonese_only: 'cantonese',
  hearing_impaired: 'sign_language',
};

export interface MatchCandidate {
  skills: readonly VolunteerSkill[];
  availability: readonly WeeklySlot[];
  home: { lat: number; lng: number };
  radiusKm: number;
}

export interface MatchRequest {
  start: Date;
  end: Date;
  needs: readonly ElderNeed[];
  location: { lat: number; lng: number };
  inPerson: boolean;
}

/** Does a weekly availability cover the whole window (Beijing time)? */
export function availableFor(availability: readonly WeeklySlot[], start: Date, end: Date): boolean {
  const weekday = localWeekday(start);
  const from = localMinutes(start);
  const to = localMinutes(end);
  return availability.some(
    (slot) => slot.weekday === weekday && minutesOf(slot.start) <= from && minutesOf(slot.end) >= to,
  );
}

/**
 * How well a volunteer fits a request, or null when they cannot take it (not available then, too far,
 * or missing a skill the elder depends on). Higher is better: close, and covering every need.
 */
export function matchScore(
  volunteer: MatchCandidate,
  request: MatchRequest,
): { score: number; distanceM: number } | null {
  if (!availableFor(volunteer.availability, request.start, request.end)) return null;
  const distanceM = Math.round(
    distance([volunteer.home.lng, volunteer.home.lat], [request.location.lng, request.location.lat], {
      units: 'meters',
    }),
  );
  if (request.inPerson && distanceM > volunteer.radiusKm * 1000) return null;
  if (request.needs.includes('wheelchair') && request.inPerson && !volunteer.skills.includes('wheelchair'))
    return null;
  let score = 100 - (request.inPerson ? distanceM / 100 : 0);
  for (const need of request.needs) {
    const skill = skillFor[need];
    if (skill && volunteer.skills.includes(skill)) score += 20;
  }
  if (volunteer.skills.includes('first_aid')) score += 5;
  return { score, distanceM };
}

/** When reminders and the escalation of an unaccepted request fall due. */
export function escortDeadlines(start: Date, createdAt: Date) {
  const urgent = isSameDay(start, createdAt);
  const before = (ms: number) => new Date(start.getTime() - ms);
  return {
    urgent,
    remindDayBefore: before(escortPolicy.remindDayBeforeMs),
    remindHourBefore: before(escortPolicy.remindHourBeforeMs),
    escalateIfOpen: before(urgent ? escortPolicy.escalateSameDayBeforeMs : escortPolicy.escalateBeforeMs),
  };
}

export const isLateWithdrawal = (start: Date, now: Date) =>
  start.getTime() - now.getTime() < escortPolicy.lateWithdrawalMs;

/**
 * Served minutes for the ledger: from check-in to completion, but counted from half an hour before the
 * window at the earliest, so checking in hours (or a day) early does not inflate anyone's hours.
 */
export function servedMinutes(checkedInAt: Date, completedAt: Date, windowStart?: Date): number {
  const earliest = windowStart ? windowStart.getTime() - escortPolicy.countBeforeWindowMs : -Infinity;
  const from = Math.max(checkedInAt.getTime(), earliest);
  return Math.max(0, Math.round((completedAt.getTime() - from) / 60_000));
}

export type EscortReminderKind = 'remind_day_before' | 'remind_hour_before';

/** A reminder owed to the volunteer who holds an escort, stored on the escort with its due time. */
export interface EscortReminder {
  kind: EscortReminderKind;
  volunteerId: string;
  at: Date;
  sentAt: Date | null;
}

/**
 * The reminders of one acceptance: the day-before one only if it is still ahead when the volunteer
 * accepts, and the hour-before one always (at once when accepted within the hour).
 */
export function reminderPlan(
  escort: { windowStart: Date; createdAt: Date },
  volunteerId: string,
  acceptedAt: Date,
): EscortReminder[] {
  const due = escortDeadlines(escort.windowStart, escort.createdAt);
  const plan: EscortReminder[] = [];
  if (due.remindDayBefore.getTime() > acceptedAt.getTime())
    plan.push({ kind: 'remind_day_before', volunteerId, at: due.remindDayBefore, sentAt: null });
  plan.push({
    kind: 'remind_hour_before',
    volunteerId,
    at: new Date(Math.max(acceptedAt.getTime(), due.remindHourBefore.getTime())),
    sentAt: null,
  });
  return plan;
}

/** What of an escort decides which of its deadlines are still to come (all stored on the escort). */
export interface EscortTimerState {
  status: string;
  volunteerId: string | null;
  windowStart: Date;
  createdAt: Date;
  /** Escorts booked before these fields existed derive the escalation from the window. */
  escalateAt?: Date | null;
  escalatedAt?: Date | null;
  reminders?: EscortReminder[];
}

export interface EscortDeadline {
  kind: 'escalate_unaccepted' | EscortReminderKind;
  volunteerId?: string;
  at: Date;
}

/** The escalation of an open request not yet escalated, and the unsent reminders of its current volunteer. */
export function pendingEscortDeadlines(escort: EscortTimerState): EscortDeadline[] {
  if (escort.status === 'open' && !escort.escalatedAt) {
    const at = escort.escalateAt ?? escortDeadlines(escort.windowStart, escort.createdAt).escalateIfOpen;
    return [{ kind: 'escalate_unaccepted', at }];
  }
  if (escort.status !== 'accepted' || !escort.volunteerId) return [];
  return (escort.reminders ?? [])
    .filter((reminder) => reminder.volunteerId === escort.volunteerId && !reminder.sentAt)
    .map((reminder) => ({ kind: reminder.kind, volunteerId: reminder.volunteerId, at: reminder.at }));
}

export const overdueEscortDeadlines = (escort: EscortTimerState, now: Date): EscortDeadline[] =>
  pendingEscortDeadlines(escort).filter((deadline) => deadline.at.getTime() <= now.getTime());

/** A day-before reminder is pointless once the hour-before one is due: it is dropped, not sent. */
export const reminderOutdated = (kind: EscortReminderKind, windowStart: Date, now: Date) =>
  kind === 'remind_day_before' && now.getTime() >= windowStart.getTime() - escortPolicy.remindHourBeforeMs;
