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
