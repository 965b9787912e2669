import { beijingDate, type Escort, type EscortStatus } from '@jiefang/contracts';

/** What the 待接单 page asks for: requests still to be served (SOS is raised while one is under way). */
export const activeEscortStatuses: readonly EscortStatus[] = ['open', 'accepted', 'in_progress'];

const finished = (escort: Pick<Escort, 'status'>) =>
  escort.status === 'completed' || escort.status === 'cancelled';

/** Same-day requests: flagged by the BFF when booked, or today by now in Beijing. */
export function isUrgent(escort: Pick<Escort, 'urgent' | 'windowStart'>, now: number): boolean {
  if (escort.urgent) return true;
  const start = Date.parse(escort.windowStart);
  return Number.isFinite(start) && beijingDate(start) === beijingDate(now);
}

/** An SOS still to be dealt with: raised during an escort that has not finished. */
export function hasOpenSos(escort: Pick<Escort, 'sos' | 'status'>): boolean {
  return escort.sos.length > 0 && !finished(escort);
}

/** Nobody has taken it, and its window has already begun. */
export function isLate(escort: Pick<Escort, 'status' | 'windowStart'>, now: number): boolean {
  return escort.status === 'open' && Date.parse(escort.windowStart) <= now;
}

const time = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY;
};

/** SOS first, then urgent (same day), then the soonest window, then the oldest request. */
export function urgencyOrder(now: number) {
  return (a: Escort, b: Escort): number =>
    Number(hasOpenSos(b)) - Number(hasOpenSos(a)) ||
    Number(isUrgent(b, now)) - Number(isUrgent(a, now)) ||
    time(a.windowStart) - time(b.windowStart) ||
    time(a.createdAt) - time(b.createdAt) ||
    a.id.localeCompare(b.id);
}

export function sortByUrgency(items: readonly Escort[], now: number): Escort[] {
  return [...items].sort(urgencyOrder(now));
}

export interface SosAlert {
  escort: Escort;
  sos: Escort['sos'][number];
}

/** Every open SOS, the latest first: one banner each at the top of the page. */
export function sosAlerts(items: readonly Escort[]): SosAlert[] {
  return items
    .filter(hasOpenSos)
    .flatMap((escort) => escort.sos.map((sos) => ({ escort, sos })))
    .sort((a, b) => time(b.sos.at) - time(a.sos.at));
}

/** Cancelling: before the escort has started. */
export function canCancel(escort: Pick<Escort, 'status'>): boolean {
  return escort.status === 'open' || escort.status === 'accepted';
}

/** Reassigning: an accepted request back to open or to another volunteer, or an open one to a volunteer. */
export function canReassign(escort: Pick<Escort, 'status'>): boolean {
  return escort.status === 'open' || escort.status === 'accepted';
}

/** An open request has nobody to take it from: handing it on needs a volunteer. */
export function reassignNeedsVolunteer(escort: Pick<Escort, 'status'>): boolean {
  return escort.status === 'open';
}

/** Replaces one escort in a list (after an action answered with it); a finished one leaves the active list. */
export function replaceEscort(items: readonly Escort[], escort: Escort, statuses?: readonly EscortStatus[]) {
  const next = items.map((item) => (item.id === escort.id ? escort : item));
  return statuses ? next.filter((item) => statuses.includes(item.status)) : next;
}
