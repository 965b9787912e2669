/** Redis keys of the statistics (under the client's prefix). */
export const statisticsKeys = {
  /** Tickets about to be written and not yet projected: member `${id}|${version}`, score when marked. */
  pending: 'stats:pending',
  /**
   * Days whose summaries lag their facts (day → a counter raised by every mark). A refresh removes the
   * day only if the counter did not move while it ran, so a day stays dirty until its summary is written.
   */
  dirtyDays: 'stats:dirty-days',
  /** Months whose summaries lag their days, likewise. */
  dirtyMonths: 'stats:dirty-months',
  /** ISO weeks (by their Monday) whose summaries lag their days, likewise. */
  dirtyWeeks: 'stats:dirty-weeks',
  /**
   * Each stored summary's current token (summary id → token), set after its document is written: a
   * process reads again only the summaries whose token moved since it parsed them.
   */
  summaryTokens: 'stats:summary-tokens',
  /** Open tickets (id → OpenTicketEntry JSON), for the live counters and the public board. */
  open: 'stats:open',
} as const;
