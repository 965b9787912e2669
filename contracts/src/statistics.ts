import { z } from 'zod';

/** A Beijing calendar day, YYYY-MM-DD. */
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** A Beijing calendar month, YYYY-MM. */
const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const statisticsGranularities = ['day', 'week', 'month'] as const;
export type StatisticsGranularity = (typeof statisticsGranularities)[number];

/** A date range in Beijing days (both ends included) and, for district-wide callers, a street. */
export const statisticsQuerySchema = z
  .object({
    from: daySchema,
    to: daySchema,
    street: z.string().max(40).optional(),
    granularity: z.enum(statisticsGranularities).default('day'),
  })
  .refine((query) => query.from <= query.to, { message: '开始日期不能晚于结束日期', path: ['from'] });
export type StatisticsQuery = z.infer<typeof statisticsQuerySchema>;

/** Median and 90th percentile of a duration, in minutes; null when nothing was measured. */
export const durationFiguresSchema = z
  .object({ median: z.number(), p90: z.number(), count: z.number().int() })
  .nullable();
export type DurationFigures = z.infer<typeof durationFiguresSchema>;

/** What the 15-minute promise and the work behind it look like for a set of tickets. */
export const ticketFiguresSchema = z.object({
  /** Tickets reported in the period (a joined report adds a reporter, not a ticket). */
  tickets: z.number().int(),
  /** Residents' submissions, joiners included. */
  reports: z.number().int(),
  /** Tickets whose SLA outcome is known: an officer came on site, or the deadline passed first. */
  slaMeasured: z.number().int(),
  /** Of those, an officer on site within the SLA. */
  slaMet: z.number().int(),
  /** slaMet / slaMeasured; null when nothing was measured. */
  slaAttainment: z.number().nullable(),
  breaches: z.number().int(),
  timeToAccept: durationFiguresSchema,
  timeToOnSite: durationFiguresSchema,
  timeToResolve: durationFiguresSchema,
  resolved: z.number().int(),
  reopened: z.number().int(),
  /** reopened / resolved; null when nothing was resolved. */
  reopenRate: z.number().nullable(),
  ratings: z.number().int(),
  /** Mean rating, 1–5; null without ratings. */
  satisfaction: z.number().nullable(),
  /** Tickets closed without being fixed, by why. */
  closed: z.object({ invalid: z.number().int(), duplicate: z.number().int(), not_ours: z.number().int() }),
  /** Mean ticket score by the ranking's rule; null without scored tickets. */
  score: z.number().nullable(),
});
export type TicketFigures = z.infer<typeof ticketFiguresSchema>;

/** Figures for one street, squad, officer, grid or category. */
export const figuresByKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  figures: ticketFiguresSchema,
});
export type FiguresByKey = z.infer<typeof figuresByKeySchema>;

export const ticketStatisticsSchema = z.object({
  from: daySchema,
  to: daySchema,
  /** The street the figures cover; null for the whole district. */
  streetId: z.string().nullable(),
  granularity: z.enum(statisticsGranularities),
  totals: ticketFiguresSchema,
  /** One entry per day, ISO week (its Monday) or month in the range, oldest first. */
  series: z.array(z.object({ period: z.string(), figures: ticketFiguresSchema })),
  byStreet: z.array(figuresByKeySchema),
  bySquad: z.array(figuresByKeySchema),
  byOfficer: z.array(figuresByKeySchema),
  byGrid: z.array(figuresByKeySchema),
  byCategory: z.array(figuresByKeySchema),
  /** Time from report to an officer on site, in bands (the last band has no upper end). */
  onSiteDistribution: z.array(
    z.object({ fromMinutes: z.number(), toMinutes: z.number().nullable(), tickets: z.number().int() }),
  ),
  /** Reports per map cell (about 200 m), WGS-84 cell centres, for the heat map. */
  heat: z.array(z.object({ lat: z.number(), lng: z.number(), tickets: z.number().int() })),
  generatedAt: z.string(),
});
export type TicketStatistics = z.infer<typeof ticketStatisticsSchema>;

export const rankingQuerySchema = z.object({ month: monthSchema, street: z.string().max(40).optional() });
export type RankingQuery = z.infer<typeof rankingQuerySchema>;

/** How a ticket is scored: points for the promise kept and lost (see docs/domain.md). */
export const scoringRuleSchema = z.object({
  base: z.number(),
  onSiteLate: z.number(),
  acceptLate: z.number(),
  reopened: z.number(),
  perRatingStarBelowFive: z.number(),
  unresolved: z.number(),
});
export type ScoringRule = z.infer<typeof scoringRuleSchema>;

export const rankingEntrySchema = z.object({
  rank: z.number().int(),
  id: z.string(),
  name: z.string(),
  streetId: z.string().nullable(),
  score: z.number().nullable(),
  figures: ticketFiguresSchema,
});
export type RankingEntry = z.infer<typeof rankingEntrySchema>;

export const monthlyRankingSchema = z.object({
  month: monthSchema,
  rule: scoringRuleSchema,
  squads: z.array(rankingEntrySchema),
  streets: z.array(rankingEntrySchema),
  generatedAt: z.string(),
});
export type MonthlyRanking = z.infer<typeof monthlyRankingSchema>;

export const alarmStatisticsSchema = z.object({
  from: daySchema,
  to: daySchema,
  streetId: z.string().nullable(),
  byType: z.array(z.object({ type: z.string(), alarms: z.number().int() })),
  /** Time from an alarm to its owner's acknowledgement. */
  ownerAcknowledgement: durationFiguresSchema,
  unacknowledged: z.number().int(),
  /** Households with two or more alarms in the range, most first. */
  repeatHouseholds: z.array(
    z.object({
      householdId: z.string(),
      address: z.string(),
      streetId: z.string().nullable(),
      alarms: z.number().int(),
    }),
  ),
  generatedAt: z.string(),
});
export type AlarmStatistics = z.infer<typeof alarmStatisticsSchema>;

/** Counters of the moment for the dashboard's header, in the caller's scope. */
export const liveCountersSchema = z.object({
  streetId: z.string().nullable(),
  openTickets: z.number().int(),
  overdueTickets: z.number().int(),
  waitingForDispatch: z.number().int(),
  reportsToday: z.number().int(),
  officersOnDuty: z.number().int(),
  openAlarms: z.number().int(),
  openEscorts: z.number().int(),
  generatedAt: z.string(),
});
export type LiveCounters = z.infer<typeof liveCountersSchema>;

/** The public transparency board: no personal data, overdue places rounded to about 100 m. */
export const publicBoardSchema = z.object({
  month: monthSchema,
  streets: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      openTickets: z.number().int(),
      overdueTickets: z.number().int(),
      /** This month's share of tickets with an officer on site within the SLA; null before any is measured. */
      monthSlaAttainment: z.number().nullable(),
    }),
  ),
  /** Open tickets past their on-site deadline: category and place (rounded), never who or what was said. */
  overdue: z.array(
    z.object({
      lat: z.number(),
      lng: z.number(),
      category: z.string(),
      categoryName: z.string(),
      streetId: z.string().nullable(),
      reportedAt: z.string(),
    }),
  ),
  generatedAt: z.string(),
});
export type PublicBoard = z.infer<typeof publicBoardSchema>;
