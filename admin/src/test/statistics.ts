import {
  alarmStatisticsSchema,
  escortStatisticsSchema,
  liveCountersSchema,
  monthlyRankingSchema,
  publicBoardSchema,
  ticketStatisticsSchema,
  type TicketFigures,
} from '@jiefang/contracts';

/**
 * Statistics answers for tests, each parsed by its contract's schema when built: a change to the
 * contract that these no longer satisfy fails the tests here rather than passing against stale shapes.
 */

export function figures(overrides: Partial<TicketFigures> = {}): TicketFigures {
  return {
    tickets: 40,
    reports: 52,
    slaMeasured: 36,
    slaMet: 33,
    slaAttainment: 33 / 36,
    breaches: 3,
    timeToAccept: { median: 1.5, p90: 4, count: 38 },
    timeToOnSite: { median: 9.5, p90: 14, count: 36 },
    timeToResolve: { median: 42, p90: 95, count: 30 },
    resolved: 30,
    reopened: 2,
    reopenRate: 2 / 30,
    ratings: 20,
    satisfaction: 4.6,
    closed: { invalid: 1, duplicate: 2, not_ours: 0 },
    score: 92.5,
    ...overrides,
  };
}

const empty = figures({
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
});

export function ticketStatistics(overrides: Record<string, unknown> = {}) {
  return ticketStatisticsSchema.parse({
    from: '2030-01-01',
    to: '2030-01-03',
    streetId: null,
    granularity: 'day',
    totals: figures(),
    series: [
      { period: '2030-01-01', figures: figures({ tickets: 12, slaAttainment: 0.9 }) },
      { period: '2030-01-02', figures: empty },
      { period: '2030-01-03', figures: figures({ tickets: 28, slaAttainment: 0.95 }) },
    ],
    byStreet: [
      { id: 'jiangnanzhong', name: '江南中街道', figures: figures({ tickets: 25, breaches: 2 }) },
      { id: 'huazhou', name: '华洲街道', figures: figures({ tickets: 15, breaches: 1, satisfaction: 4.2 }) },
    ],
    bySquad: [{ id: 'sq-j', name: '江南中中队', figures: figures({ tickets: 25 }) }],
    byOfficer: [{ id: 'o-1', name: '李警官', figures: figures({ tickets: 9, breaches: 0 }) }],
    byGrid: [{ id: 'jiangnanzhong-g1', name: '第一网格', figures: figures({ tickets: 7 }) }],
    byCategory: [
      { id: 'street_vending', name: '占道经营', figures: figures({ tickets: 22 }) },
      { id: 'noise', name: '噪音扰民', figures: figures({ tickets: 18, breaches: 1 }) },
    ],
    onSiteDistribution: [
      { fromMinutes: 0, toMinutes: 5, tickets: 8 },
      { fromMinutes: 5, toMinutes: 10, tickets: 14 },
      { fromMinutes: 10, toMinutes: 15, tickets: 11 },
      { fromMinutes: 15, toMinutes: 30, tickets: 2 },
      { fromMinutes: 30, toMinutes: null, tickets: 1 },
    ],
    heat: [{ lat: 23.11, lng: 113.27, tickets: 5 }],
    generatedAt: '2030-01-03T04:00:00.000Z',
    ...overrides,
  });
}

/** A period without a single ticket: every figure empty. */
export function emptyTicketStatistics() {
  return ticketStatistics({
    totals: empty,
    series: [{ period: '2030-01-01', figures: empty }],
    byStreet: [],
    bySquad: [],
    byOfficer: [],
    byGrid: [],
    byCategory: [],
    onSiteDistribution: [
      { fromMinutes: 0, toMinutes: 15, tickets: 0 },
      { fromMinutes: 15, toMinutes: null, tickets: 0 },
    ],
    heat: [],
  });
}

export function liveCounters(overrides: Record<string, unknown> = {}) {
  return liveCountersSchema.parse({
    streetId: null,
    openTickets: 17,
    overdueTickets: 2,
    waitingForDispatch: 1,
    reportsToday: 23,
    officersOnDuty: 11,
    openAlarms: 4,
    openEscorts: 3,
    generatedAt: '2030-01-03T04:00:00.000Z',
    ...overrides,
  });
}

export function monthlyRanking(overrides: Record<string, unknown> = {}) {
  return monthlyRankingSchema.parse({
    month: '2030-01',
    rule: {
      base: 100,
      onSiteLate: -20,
      acceptLate: -5,
      reopened: -10,
      perRatingStarBelowFive: -4,
      unresolved: -30,
    },
    squads: [
      { rank: 1, id: 'sq-j', name: '江南中中队', streetId: 'jiangnanzhong', score: 96.4, figures: figures() },
      {
        rank: 2,
        id: 'sq-h',
        name: '华洲中队',
        streetId: 'huazhou',
        score: 88,
        figures: figures({ breaches: 5 }),
      },
    ],
    streets: [
      {
        rank: 1,
        id: 'jiangnanzhong',
        name: '江南中街道',
        streetId: 'jiangnanzhong',
        score: 96.4,
        figures: figures(),
      },
    ],
    generatedAt: '2030-01-03T04:00:00.000Z',
    ...overrides,
  });
}

export function alarmStatistics(overrides: Record<string, unknown> = {}) {
  return alarmStatisticsSchema.parse({
    from: '2030-01-01',
    to: '2030-01-03',
    streetId: null,
    byType: [
      { type: 'noise_exceeded', alarms: 12 },
      { type: 'indoor_charging', alarms: 3 },
      { type: 'smoke', alarms: 1 },
    ],
    ownerAcknowledgement: { median: 2.5, p90: 8, count: 15 },
    unacknowledged: 1,
    repeatHouseholds: [
      { householdId: 'h-1', address: '江南中街 12 号 301', streetId: 'jiangnanzhong', alarms: 4 },
    ],
    generatedAt: '2030-01-03T04:00:00.000Z',
    ...overrides,
  });
}

export function escortStatistics(overrides: Record<string, unknown> = {}) {
  return escortStatisticsSchema.parse({
    streetId: null,
    servicesDone: 31,
    volunteerTurns: 35,
    volunteers: 12,
    hours: 64.5,
    averageRating: 4.8,
    ratings: 20,
    open: 2,
    ...overrides,
  });
}

export function publicBoard(overrides: Record<string, unknown> = {}) {
  return publicBoardSchema.parse({
    month: '2030-01',
    streets: [
      {
        id: 'jiangnanzhong',
        name: '江南中街道',
        openTickets: 5,
        overdueTickets: 0,
        monthSlaAttainment: 0.96,
      },
      { id: 'huazhou', name: '华洲街道', openTickets: 3, overdueTickets: 2, monthSlaAttainment: 0.8 },
      { id: 'ruibao', name: '瑞宝街道', openTickets: 0, overdueTickets: 0, monthSlaAttainment: null },
    ],
    overdue: [
      {
        lat: 23.101,
        lng: 113.281,
        category: 'noise',
        categoryName: '噪音扰民',
        streetId: 'huazhou',
        reportedAt: '2030-01-03T03:20:00.000Z',
      },
      {
        lat: 23.102,
        lng: 113.282,
        category: 'street_vending',
        categoryName: '占道经营',
        streetId: 'huazhou',
        reportedAt: '2030-01-03T02:00:00.000Z',
      },
    ],
    generatedAt: '2030-01-03T04:00:00.000Z',
    ...overrides,
  });
}
