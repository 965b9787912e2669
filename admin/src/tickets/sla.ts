import { type Ticket, type TicketStatus } from '@jiefang/contracts';

/** The on-site clock stops once an officer has checked in (the same rule as the BFF). */
export function slaClockRunning(status: TicketStatus): boolean {
  return (
    status === 'dispatch_queue' || status === 'assigned' || status === 'accepted' || status === 'reopened'
  );
}

/** Green with more than this left; orange at or under it; red once overdue. */
export const SLA_WARNING_MS = 5 * 60_000;
/** The accept countdown turns orange in its last minute. */
export const ACCEPT_WARNING_MS = 60_000;

export type SlaTone = 'ok' | 'warning' | 'overdue' | 'met' | 'missed' | 'closed';

export interface SlaState {
  tone: SlaTone;
  /** Milliseconds until `breachAt` (negative once overdue); null once the clock has stopped. */
  remainingMs: number | null;
  /** Minutes from report to check-in, when the timeline says so. */
  arrivedAfterMinutes: number | null;
}

/**
 * Where a ticket stands against its on-site deadline at `now`. While the clock runs: `ok` (more than
 * 5 minutes left), `warning` (5 minutes or less), `overdue` (past `breachAt` or marked breached).
 * After check-in: `met` or `missed`.
 */
export function slaState(
  ticket: Pick<Ticket, 'status' | 'slaBreached' | 'deadlines' | 'timeline'>,
  now: number,
): SlaState {
  if (!slaClockRunning(ticket.status)) {
    const arrived = arrivalMinutes(ticket.timeline);
    // Closed before anyone came and before the deadline: the clock stopped without a verdict.
    const closedUnmeasured = ticket.status === 'closed' && !ticket.slaBreached && arrived === null;
    return {
      tone: closedUnmeasured ? 'closed' : ticket.slaBreached ? 'missed' : 'met',
      remainingMs: null,
      arrivedAfterMinutes: arrived,
    };
  }
  const breachAt = Date.parse(ticket.deadlines.breachAt);
  const remainingMs = Number.isFinite(breachAt) ? breachAt - now : 0;
  let tone: SlaTone = 'ok';
  if (ticket.slaBreached || remainingMs <= 0) tone = 'overdue';
  else if (remainingMs <= SLA_WARNING_MS) tone = 'warning';
  return { tone, remainingMs, arrivedAfterMinutes: null };
}

export interface AcceptState {
  tone: 'ok' | 'warning' | 'overdue';
  remainingMs: number;
}

/** The accept countdown, only while the ticket waits for its assignee to accept. */
export function acceptState(ticket: Pick<Ticket, 'status' | 'deadlines'>, now: number): AcceptState | null {
  if (ticket.status !== 'assigned' || !ticket.deadlines.acceptBy) return null;
  const acceptBy = Date.parse(ticket.deadlines.acceptBy);
  if (!Number.isFinite(acceptBy)) return null;
  const remainingMs = acceptBy - now;
  const tone = remainingMs <= 0 ? 'overdue' : remainingMs <= ACCEPT_WARNING_MS ? 'warning' : 'ok';
  return { tone, remainingMs };
}

/**
 * A countdown as `mm:ss`, or `h:mm:ss` from an hour, of the magnitude of `ms`. Time left rounds up
 * (00:01 until the deadline is really reached); time overdue rounds down.
 */
export function formatDuration(ms: number): string {
  const seconds = ms > 0 ? Math.ceil(ms / 1000) : Math.floor(-ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

function arrivalMinutes(timeline: Ticket['timeline']): number | null {
  for (let i = timeline.length - 1; i >= 0; i -= 1) {
    const entry = timeline[i]!;
    if (entry.action !== 'check_in') continue;
    const minutes = entry.details?.minutesSinceReport;
    return typeof minutes === 'number' && Number.isFinite(minutes) ? minutes : null;
  }
  return null;
}

/** Sort key for the queue: running clocks first, the least time left on top; then the rest, newest first. */
export function queueOrder(
  a: Pick<Ticket, 'status' | 'deadlines' | 'reportedAt'>,
  b: Pick<Ticket, 'status' | 'deadlines' | 'reportedAt'>,
): number {
  const aRunning = slaClockRunning(a.status);
  const bRunning = slaClockRunning(b.status);
  if (aRunning !== bRunning) return aRunning ? -1 : 1;
  if (aRunning) {
    const diff = Date.parse(a.deadlines.breachAt) - Date.parse(b.deadlines.breachAt);
    if (diff !== 0) return diff;
  }
  return Date.parse(b.reportedAt) - Date.parse(a.reportedAt);
}
