import type {
  FiguresByKey,
  MonthlyRanking,
  RankingQuery,
  ScoringRule,
  StatisticsQuery,
  TicketStatistics,
} from '@jiefang/contracts';
import type { Caller } from '../../http/appState';
import { assertStatisticsRange } from './statisticsRange';
import type { Clock } from '../../infra/clock';
import { durationBandEdges } from '../../domain/durationBands';
import { rankByScore } from '../../domain/ticketScoring';
import {
  emptyCounts,
  figuresFrom,
  mergeCounts,
  type Counts,
  type Summary,
} from '../../domain/ticketStatistics';
import { daysBetween, daysOfMonth, periodOf } from '../../domain/ticketStatisticsPeriods';
import type { StatisticsNames } from './statisticsNames';
import type { StatisticsScopes } from './statisticsScope';
import type { StatisticsSummaries } from './statisticsSummaries';

/** The bands of the on-site distribution (minutes), each a union of whole duration bands. */
const onSiteBands = [0, 5, 10, 15, 20, 30, 60, 120];

function onSiteDistribution(counts: Counts): TicketStatistics['onSiteDistribution'] {
  const tickets = onSiteBands.map(() => 0);
  for (const [band, count] of Object.entries(counts.onSite)) {
    const lower = durationBandEdges[Number(band)] ?? 0;
    let index = onSiteBands.length - 1;
    while (index > 0 && (onSiteBands[index] as number) > lower) index -= 1;
    tickets[index] = (tickets[index] ?? 0) + count;
  }
  return onSiteBands.map((fromMinutes, index) => ({
    fromMinutes,
    toMinutes: onSiteBands[index + 1] ?? null,
    tickets: tickets[index] ?? 0,
  }));
}

/**
 * The ticket figures and the monthly ranking. Every answer is merged from stored summaries read by
 * `_id` (at most a dozen months and a few dozen days for a year), never from the tickets themselves.
 */
export function ticketStatisticsService(deps: {
  summaries: StatisticsSummaries;
  scopes: StatisticsScopes;
  names: StatisticsNames;
  /** Projects what this instance has queued, so a caller sees their own changes counted. */
  flush: () => Promise<void>;
  rule: ScoringRule;
  clock: Clock;
}) {
  const { rule } = deps;

  const byKey = (entries: Record<string, Counts>, nameOf: (id: string) => string): FiguresByKey[] =>
    Object.entries(entries)
      .map(([id, counts]) => ({ id, name: nameOf(id), figures: figuresFrom(counts, rule) }))
      .sort((a, b) => b.figures.tickets - a.figures.tickets || (a.id < b.id ? -1 : 1));

  const read = async (from: string, to: string, streetId: string | null): Promise<Summary> => {
    await deps.flush();
    return deps.summaries.range(from, to, streetId ?? 'all');
  };

  return {
    async tickets(caller: Caller, query: StatisticsQuery): Promise<TicketStatistics> {
      const { streetId } = await deps.scopes.scopeOf(caller, query.street);
      assertStatisticsRange(query.from, query.to);
      const days = daysBetween(query.from, query.to);
      const summary = await read(query.from, query.to, streetId);

      const periods = new Map<string, Counts[]>();
      for (const day of days) {
        const period = periodOf(day, query.granularity);
        const list = periods.get(period) ?? [];
        const counts = summary.by.day[day];
        if (counts) list.push(counts);
        periods.set(period, list);
      }
      const officerNames = await deps.names.officers(Object.keys(summary.by.officer));
      return {
        from: query.from,
        to: query.to,
        streetId,
        granularity: query.granularity,
        totals: figuresFrom(summary.totals, rule),
        series: [...periods].map(([period, list]) => ({
          period,
          figures: figuresFrom(list.length ? mergeCounts(list) : emptyCounts(), rule),
        })),
        byStreet: byKey(summary.by.street, deps.names.street),
        bySquad: byKey(summary.by.squad, deps.names.squad),
        byOfficer: byKey(summary.by.officer, (id) => officerNames.get(id) ?? id),
        byGrid: byKey(summary.by.grid, deps.names.grid),
        byCategory: byKey(summary.by.category, deps.names.category),
        onSiteDistribution: onSiteDistribution(summary.totals),
        heat: Object.entries(summary.heat)
          .map(([cell, tickets]) => {
            const [lat, lng] = cell.split(',').map(Number) as [number, number];
            return { lat, lng, tickets };
          })
          .sort((a, b) => b.tickets - a.tickets || a.lat - b.lat || a.lng - b.lng),
        generatedAt: deps.clock.now().toISOString(),
      };
    },

    /** Squads and streets of a month by mean ticket score (tickets reported that month). */
    async ranking(caller: Caller, query: RankingQuery): Promise<MonthlyRanking> {
      const { streetId } = await deps.scopes.scopeOf(caller, query.street);
      const days = daysOfMonth(query.month);
      const summary = await read(days[0] as string, days[days.length - 1] as string, streetId);
      const squads = deps.names
        .squads()
        .filter((squad) => streetId === null || squad.streetId === streetId)
        .map((squad) => ({
          id: squad.id,
          name: squad.name,
          streetId: squad.streetId,
          figures: figuresFrom(summary.by.squad[squad.id] ?? emptyCounts(), rule),
        }));
      const streets = deps.names
        .streets()
        .filter((street) => streetId === null || street.id === streetId)
        .map((street) => ({
          id: street.id,
          name: street.name,
          streetId: street.id,
          figures: figuresFrom(summary.by.street[street.id] ?? emptyCounts(), rule),
        }));
      return {
        month: query.month,
        rule,
        squads: rankByScore(squads),
        streets: rankByScore(streets),
        generatedAt: deps.clock.now().toISOString(),
      };
    },
  };
}

export type TicketStatisticsService = ReturnType<typeof ticketStatisticsService>;
