import type { TicketFigures } from '@jiefang/contracts';

/** Figures for ranking tests: empty but for what a test sets. */
export const ticketFigures = (overrides: Partial<TicketFigures>): TicketFigures => ({
  tickets: 0,
  reports: 0,
  slaMeasured: 0,
  slaMet: 0,
  slaAttainment: null,
  breaches: 0,
  timeToAccept: null,
  timeToOnSite: null,
  timeToResolve: null,
  resolved: 0,
  reopened: 0,
  reopenRate: null,
  ratings: 0,
  satisfaction: null,
  closed: { invalid: 0, duplicate: 0, not_ours: 0 },
  score: null,
  ...overrides,
});
