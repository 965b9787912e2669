import type { Ticket, TicketStatus } from '@jiefang/contracts';

/** How pressing a deadline is: time enough, close (the squad is about to be warned), or passed. */
export type Urgency = 'calm' | 'soon' | 'late';

export interface Countdown {
  kind: 'accept' | 'onSite';
  /** The deadline (ms since the epoch). */
  at: number;
  /** Negative once passed. */
  remainingMs: number;
  urgency: Urgency;
}

/** An accept window is 3 minutes; its last minute is urgent. */
export const acceptSoonMs = 60_000;

/** Nobody on site yet: the on-site clock runs (as the BFF's ticket transitions say). */
const clockRunning: readonly TicketStatus[] = ['dispatch_queue', 'assigned', 'accepted', 'reopened'];

/** `4:05`, `12:00`, `1:02:03` of a duration, whatever its sign (the caller says 剩余 or 已超时). */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/**
 * The two clocks an officer races on a ticket: accepting it (while it is only assigned) and being on site
 * (while the SLA clock runs). The on-site one turns 'soon' at the ticket's warning time (when the squad
 * leader and the dispatcher are told), and 'late' at its breach or once the BFF recorded one.
 */
export function ticketCountdowns(
  ticket: Pick<Ticket, 'status' | 'deadlines' | 'slaBreached'>,
  now: number,
): Countdown[] {
  const clocks: Countdown[] = [];
  const acceptBy = ticket.deadlines.acceptBy ? Date.parse(ticket.deadlines.acceptBy) : NaN;
  if (ticket.status === 'assigned' && Number.isFinite(acceptBy)) {
    const remainingMs = acceptBy - now;
    clocks.push({
      kind: 'accept',
      at: acceptBy,
      remainingMs,
      urgency: remainingMs < 0 ? 'late' : remainingMs <= acceptSoonMs ? 'soon' : 'calm',
    });
  }
  const breachAt = Date.parse(ticket.deadlines.breachAt);
  if (clockRunning.includes(ticket.status) && Number.isFinite(breachAt)) {
    const remainingMs = breachAt - now;
    const warnAt = Date.parse(ticket.deadlines.warnAt);
    const urgency: Urgency = remainingMs < 0 || ticket.slaBreached ? 'late' : now >= warnAt ? 'soon' : 'calm';
    clocks.push({ kind: 'onSite', at: breachAt, remainingMs, urgency });
  }
  return clocks;
}

/** The most pressing of a ticket's clocks (for a list row's colour). */
export function worstUrgency(clocks: readonly Countdown[]): Urgency | undefined {
  if (clocks.some((clock) => clock.urgency === 'late')) return 'late';
  if (clocks.some((clock) => clock.urgency === 'soon')) return 'soon';
  return clocks.length > 0 ? 'calm' : undefined;
}
