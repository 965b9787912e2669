/** The on-site SLA's sub-deadlines from DESIGN.md, before time scaling. */
export const slaPolicy = {
  acceptWithinMs: 3 * 60_000,
  /** 10 minutes of a 15-minute SLA; longer SLAs are warned at the same fraction. */
  warnAtFraction: 2 / 3,
} as const;

export interface SlaDeadlines {
  /** The assigned officer must accept by then, or the ticket goes to the next candidate. */
  acceptBy: Date;
  /** The squad leader and the dispatcher are warned then if nobody is on site. */
  warnAt: Date;
  /** Not on site by then: the breach is recorded. */
  breachAt: Date;
}

/**
 * Deadlines for one assignment of a ticket. The warning and breach run from the report's submission;
 * the accept window runs from this assignment. `timeScale` (SLA_TIME_SCALE) shrinks every duration so
 * tests and demos can play the whole clock in seconds.
 */
export function slaDeadlines(input: {
  reportedAt: Date;
  assignedAt: Date;
  onSiteSlaMinutes: number;
  timeScale?: number;
}): SlaDeadlines {
  const scale = input.timeScale ?? 1;
  const reported = input.reportedAt.getTime();
  const breachAfterMs = input.onSiteSlaMinutes * 60_000;
  const warnAfterMs = Math.round(breachAfterMs * slaPolicy.warnAtFraction);
  return {
    acceptBy: new Date(input.assignedAt.getTime() + slaPolicy.acceptWithinMs * scale),
    warnAt: new Date(reported + warnAfterMs * scale),
    breachAt: new Date(reported + breachAfterMs * scale),
  };
}

/** What of a ticket decides which of its SLA deadlines are still to come (all stored on the ticket). */
export interface SlaClockState {
  status: string;
  assignmentSeq: number;
  slaRound: number;
  deadlines: { acceptBy: Date | null; warnAt: Date; breachAt: Date };
  slaWarned: boolean;
  slaBreached: boolean;
}

export interface SlaDeadline {
  kind: 'accept' | 'warn' | 'breach';
  /** accept: the assignment it guards; warn/breach: the SLA round. */
  sequence: number;
  at: Date;
}

/** Statuses in which the on-site clock runs (nobody on site yet). */
const clockRunning = new Set(['dispatch_queue', 'assigned', 'accepted', 'reopened']);

/** The ticket's deadlines that have not fired yet, so a lost timer can be armed again from the ticket. */
export function pendingSlaDeadlines(ticket: SlaClockState): SlaDeadline[] {
  const pending: SlaDeadline[] = [];
  if (clockRunning.has(ticket.status)) {
    if (!ticket.slaWarned)
      pending.push({ kind: 'warn', sequence: ticket.slaRound, at: ticket.deadlines.warnAt });
    if (!ticket.slaBreached)
      pending.push({ kind: 'breach', sequence: ticket.slaRound, at: ticket.deadlines.breachAt });
  }
  if (ticket.status === 'assigned' && ticket.deadlines.acceptBy) {
    pending.push({ kind: 'accept', sequence: ticket.assignmentSeq, at: ticket.deadlines.acceptBy });
  }
  return pending;
}

/** Pending deadlines already passed at `now`, earliest first: they should fire now. */
export function overdueSlaDeadlines(ticket: SlaClockState, now: Date): SlaDeadline[] {
  return pendingSlaDeadlines(ticket)
    .filter((deadline) => deadline.at.getTime() <= now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
