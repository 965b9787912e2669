/** The on-site SLA's sub-deadlines from DESIGN.md, before time scaling. */
export const slaPolicy = {
  acceptWithinMs: 3 * 60_000,
  /**
   * A new assignment neither read nor accepted this long goes to the squad leader, and as long again
   * to the dispatchers, before the accept window ends and the ticket moves on.
   */
  unreadEscalationMs: 60_000,
  /** 10 minutes of a 15-minute SLA; longer SLAs are warned at the same fraction. */
  warnAtFraction: 2 / 3,
} as const;

export interface SlaDeadlines {
  /** The assigned officer must accept by then, or the ticket goes to the next candidate. */
  acceptBy: Date;
  /** Neither read nor accepted by then: the squad leader is told. */
  escalateToLeaderAt: Date;
  /** Still nobody by then (the leader's alert unread too): the dispatchers are told. */
  escalateToDispatcherAt: Date;
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
  const assigned = input.assignedAt.getTime();
  return {
    acceptBy: new Date(assigned + slaPolicy.acceptWithinMs * scale),
    escalateToLeaderAt: new Date(assigned + slaPolicy.unreadEscalationMs * scale),
    escalateToDispatcherAt: new Date(assigned + 2 * slaPolicy.unreadEscalationMs * scale),
    warnAt: new Date(reported + warnAfterMs * scale),
    breachAt: new Date(reported + breachAfterMs * scale),
  };
}

/** What of a ticket decides which of its SLA deadlines are still to come (all stored on the ticket). */
export interface SlaClockState {
  status: string;
  assignmentSeq: number;
  slaRound: number;
  deadlines: {
    acceptBy: Date | null;
    warnAt: Date;
    breachAt: Date;
    /** Null once handled (or on tickets from before unread escalation). */
    escalateToLeaderAt?: Date | null;
    escalateToDispatcherAt?: Date | null;
  };
  slaWarned: boolean;
  slaBreached: boolean;
}

export interface SlaDeadline {
  kind: 'accept' | 'warn' | 'breach' | 'unread_leader' | 'unread_dispatcher';
  /** accept and unread: the assignment it guards; warn/breach: the SLA round. */
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
    const { escalateToLeaderAt, escalateToDispatcherAt } = ticket.deadlines;
    if (escalateToLeaderAt)
      pending.push({ kind: 'unread_leader', sequence: ticket.assignmentSeq, at: escalateToLeaderAt });
    if (escalateToDispatcherAt)
      pending.push({ kind: 'unread_dispatcher', sequence: ticket.assignmentSeq, at: escalateToDispatcherAt });
  }
  return pending;
}

/** Pending deadlines already passed at `now`, earliest first: they should fire now. */
export function overdueSlaDeadlines(ticket: SlaClockState, now: Date): SlaDeadline[] {
  return pendingSlaDeadlines(ticket)
    .filter((deadline) => deadline.at.getTime() <= now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The deadlines of the current assignment (accept, unread escalations): what a fresh assignment arms. */
export function assignmentSlaDeadlines(ticket: SlaClockState): SlaDeadline[] {
  return pendingSlaDeadlines(ticket).filter(
    (deadline) => deadline.kind !== 'warn' && deadline.kind !== 'breach',
  );
}
