import { beijingDate, type Escort, type EscortStatus, type VolunteerHours } from '@jiefang/contracts';

/** Requests still going on (the family follows them; the volunteer has them on the schedule). */
export const activeStatuses: readonly EscortStatus[] = ['open', 'accepted', 'in_progress'];
/** A volunteer's own escorts that still need doing. */
export const scheduledStatuses: readonly EscortStatus[] = ['accepted', 'in_progress'];

const startOf = (escort: Pick<Escort, 'windowStart'>) => Date.parse(escort.windowStart);

function byStartAscending(a: Pick<Escort, 'windowStart'>, b: Pick<Escort, 'windowStart'>): number {
  return startOf(a) - startOf(b);
}

/** Adds a page to a list, dropping items already shown (the list may have moved between pages). */
export function appendUnique<T extends { id: string }>(shown: readonly T[], page: readonly T[]): T[] {
  const known = new Set(shown.map((item) => item.id));
  return [...shown, ...page.filter((item) => !known.has(item.id))];
}

/** Replaces one escort in a list by id (after an action answered the updated escort). */
export function replaceEscort<T extends { id: string }>(items: readonly T[], updated: T): T[] {
  return items.map((item) => (item.id === updated.id ? updated : item));
}

export interface MyBookings {
  /** Still to come or going on now: the soonest first. */
  current: Escort[];
  /** Completed or cancelled: the latest first. */
  past: Escort[];
}

/** 我的预约: bookings still going on first (soonest first), then finished ones (latest first). */
export function shapeMyBookings(items: readonly Escort[]): MyBookings {
  const current = items.filter((escort) => activeStatuses.includes(escort.status));
  const past = items.filter((escort) => !activeStatuses.includes(escort.status));
  // Going on now before waiting, then by start time.
  const rank = (escort: Escort) => (escort.status === 'in_progress' ? 0 : 1);
  current.sort((a, b) => rank(a) - rank(b) || byStartAscending(a, b));
  past.sort((a, b) => startOf(b) - startOf(a));
  return { current, past };
}

export interface OpenList {
  items: Escort[];
  urgent: number;
}

/**
 * 待接单: the BFF sends matching requests best first; that order is kept, anything no longer open (it
 * changed between pages) and duplicates are dropped, and the urgent (same-day) ones are counted.
 */
export function shapeOpenList(items: readonly Escort[]): OpenList {
  const seen = new Set<string>();
  const open = items.filter((escort) => {
    if (escort.status !== 'open' || seen.has(escort.id)) return false;
    seen.add(escort.id);
    return true;
  });
  return { items: open, urgent: open.filter((escort) => escort.urgent).length };
}

/** The ids that stand for "me" as a volunteer: the volunteer record's and the user's own. */
export type MyIds = ReadonlySet<string>;

export function isMine(escort: Pick<Escort, 'volunteer'>, me: MyIds): boolean {
  return !!escort.volunteer && me.has(escort.volunteer.id);
}

export interface Schedule {
  /** Today's escorts, going on first, then by start time. */
  today: Escort[];
  /** Accepted escorts on later days, soonest first. */
  later: Escort[];
  /** Escorts whose day has passed without a check-in (the volunteer should still act on them). */
  overdue: Escort[];
  /** Finished today. */
  doneToday: Escort[];
}

/** 今日安排: the volunteer's own escorts by day (Beijing time). */
export function shapeSchedule(items: readonly Escort[], me: MyIds, now: number): Schedule {
  const today = beijingDate(now);
  const schedule: Schedule = { today: [], later: [], overdue: [], doneToday: [] };
  const seen = new Set<string>();
  for (const escort of items) {
    if (seen.has(escort.id) || !isMine(escort, me)) continue;
    seen.add(escort.id);
    const day = beijingDate(startOf(escort));
    if (escort.status === 'completed') {
      if (escort.completedAt && beijingDate(Date.parse(escort.completedAt)) === today) {
        schedule.doneToday.push(escort);
      }
      continue;
    }
    if (!scheduledStatuses.includes(escort.status)) continue;
    if (escort.status === 'in_progress' || day === today) schedule.today.push(escort);
    else if (day > today) schedule.later.push(escort);
    else schedule.overdue.push(escort);
  }
  const rank = (escort: Escort) => (escort.status === 'in_progress' ? 0 : 1);
  schedule.today.sort((a, b) => rank(a) - rank(b) || byStartAscending(a, b));
  schedule.later.sort(byStartAscending);
  schedule.overdue.sort(byStartAscending);
  schedule.doneToday.sort((a, b) => Date.parse(b.completedAt ?? '') - Date.parse(a.completedAt ?? ''));
  return schedule;
}

export interface FamilyAffordances {
  cancel: boolean;
  rate: boolean;
  sos: boolean;
  /** The volunteer's number may be dialled (accepted, and the BFF sent it unmasked). */
  callVolunteer: boolean;
}

/** How long before the start an escort counts as "going on" for SOS, and after the end. */
const sosLeadMs = 30 * 60_000;
const sosTailMs = 2 * 3600_000;

/** What a family member may do with a booking now (the BFF enforces the same). */
export function familyAffordances(
  escort: Pick<Escort, 'status' | 'rating' | 'windowStart' | 'windowEnd' | 'volunteer'>,
  now: number,
): FamilyAffordances {
  const start = Date.parse(escort.windowStart);
  const end = Date.parse(escort.windowEnd);
  const duringWindow = now >= start - sosLeadMs && now <= end + sosTailMs;
  const withVolunteer = escort.status === 'accepted' || escort.status === 'in_progress';
  return {
    cancel: escort.status === 'open' || escort.status === 'accepted',
    rate: escort.status === 'completed' && escort.rating === null,
    sos: escort.status === 'in_progress' || (escort.status === 'accepted' && duringWindow),
    callVolunteer: withVolunteer && !!escort.volunteer && !/[*＊•]/.test(escort.volunteer.phone),
  };
}

export interface VolunteerAffordances {
  accept: boolean;
  withdraw: boolean;
  checkIn: boolean;
  /** Accepted for a later day: the check-in is offered with a reminder that it is early (the BFF decides). */
  early: boolean;
  complete: boolean;
  sos: boolean;
}

/** What a volunteer may do with an escort now (the BFF enforces the same). */
export function volunteerAffordances(
  escort: Pick<Escort, 'status' | 'volunteer' | 'windowStart'>,
  me: MyIds,
  now: number,
): VolunteerAffordances {
  const mine = isMine(escort, me);
  const accepted = mine && escort.status === 'accepted';
  const onOrAfterDay = beijingDate(Date.parse(escort.windowStart)) <= beijingDate(now);
  return {
    accept: escort.status === 'open' && !escort.volunteer,
    withdraw: accepted,
    checkIn: accepted,
    early: accepted && !onOrAfterDay,
    complete: mine && escort.status === 'in_progress',
    sos: mine && escort.status === 'in_progress',
  };
}

export interface HoursSummary {
  totalMinutes: number;
  reviewedMinutes: number;
  /** Service time not yet reviewed by the community worker. */
  pendingMinutes: number;
  turns: number;
  entries: VolunteerHours['entries'];
}

/** 我的时长: totals as the BFF counts them, entries newest first. */
export function summarizeHours(hours: VolunteerHours): HoursSummary {
  const entries = [...hours.entries].sort((a, b) => Date.parse(b.completedAt) - Date.parse(a.completedAt));
  return {
    totalMinutes: hours.totalMinutes,
    reviewedMinutes: hours.reviewedMinutes,
    pendingMinutes: Math.max(0, hours.totalMinutes - hours.reviewedMinutes),
    turns: hours.turns,
    entries,
  };
}
