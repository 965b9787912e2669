import type { Redis } from 'ioredis';
import { beijingDate, type LiveCounters, type PublicBoard } from '@jiefang/contracts';
import type { Caller } from '../../http/appState';
import type { Clock } from '../../infra/clock';
import {
  figuresFrom,
  isOverdue,
  publicCoordinate,
  type OpenTicketEntry,
} from '../../domain/ticketStatistics';
import { daysOfMonth } from '../../domain/ticketStatisticsPeriods';
import { defaultScoringRule } from '../../domain/ticketScoring';
import { statisticsKeys } from './statisticsKeys';
import type { StatisticsNames } from './statisticsNames';
import type { StatisticsScopes } from './statisticsScope';
import type { StatisticsSummaries } from './statisticsSummaries';

/** What the counters read of other modules: each answers for one street, or the district for null. */
export interface LiveSources {
  officersOnDuty(streetId: string | null): Promise<number>;
  openAlarms(streetId: string | null): Promise<number>;
  openEscorts(streetId: string | null): Promise<number>;
}

/** Counters are remembered this long per scope, the public board this long for everyone. */
export const liveCacheMs = 5_000;
export const publicBoardCacheMs = 30_000;
/** The board shows at most this many overdue places, the longest overdue first. */
export const publicBoardMaxPoints = 500;

/**
 * Counters of the moment and the public board. Open and overdue tickets come from the open-ticket
 * registry the projection keeps in Redis (one hash, no database read); today's reports and this
 * month's attainment from the summaries. Answers are cached briefly, so many dashboards or anonymous
 * visitors cost one computation per interval.
 */
export function liveStatistics(deps: {
  redis: Redis;
  summaries: StatisticsSummaries;
  scopes: StatisticsScopes;
  names: StatisticsNames;
  sources: LiveSources;
  flush: () => Promise<void>;
  clock: Clock;
}) {
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();
  const cached = <T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> => {
    const now = deps.clock.now().getTime();
    const known = cache.get(key);
    if (known && now - known.at < ttlMs) return known.value as Promise<T>;
    const value = compute();
    cache.set(key, { at: now, value });
    value.catch(() => cache.delete(key));
    return value;
  };

  const openTickets = async (): Promise<Array<OpenTicketEntry & { id: string }>> => {
    const all = await deps.redis.hgetall(statisticsKeys.open);
    return Object.entries(all).map(([id, json]) => ({ id, ...(JSON.parse(json) as OpenTicketEntry) }));
  };

  const counters = async (streetId: string | null): Promise<LiveCounters> => {
    await deps.flush();
    const now = deps.clock.now();
    const today = beijingDate(now.getTime());
    const [open, summary, officersOnDuty, openAlarms, openEscorts] = await Promise.all([
      openTickets(),
      deps.summaries.range(today, today, streetId ?? 'all'),
      deps.sources.officersOnDuty(streetId),
      deps.sources.openAlarms(streetId),
      deps.sources.openEscorts(streetId),
    ]);
    const inScope = open.filter((entry) => streetId === null || entry.street === streetId);
    return {
      streetId,
      openTickets: inScope.length,
      overdueTickets: inScope.filter((entry) => isOverdue(entry, now.getTime())).length,
      waitingForDispatch: inScope.filter((entry) => entry.waiting).length,
      reportsToday: summary.totals.reports,
      officersOnDuty,
      openAlarms,
      openEscorts,
      generatedAt: now.toISOString(),
    };
  };

  const board = async (): Promise<PublicBoard> => {
    await deps.flush();
    const now = deps.clock.now();
    const today = beijingDate(now.getTime());
    const month = today.slice(0, 7);
    const days = daysOfMonth(month);
    const [open, summary] = await Promise.all([
      openTickets(),
      deps.summaries.range(days[0] as string, today, 'all'),
    ]);
    const overdue = open
      .filter((entry) => isOverdue(entry, now.getTime()))
      .sort((a, b) => a.reportedAt - b.reportedAt);
    return {
      month,
      streets: deps.names.streets().map((street) => {
        const counts = summary.by.street[street.id];
        return {
          id: street.id,
          name: street.name,
          openTickets: open.filter((entry) => entry.street === street.id).length,
          overdueTickets: overdue.filter((entry) => entry.street === street.id).length,
          monthSlaAttainment: counts ? figuresFrom(counts, defaultScoringRule).slaAttainment : null,
        };
      }),
      // Category, rounded place and the minute of the report: nothing that names or quotes anyone.
      overdue: overdue.slice(0, publicBoardMaxPoints).map((entry) => ({
        lat: publicCoordinate(entry.lat),
        lng: publicCoordinate(entry.lng),
        category: entry.category,
        categoryName: deps.names.category(entry.category),
        streetId: entry.street,
        reportedAt: new Date(Math.floor(entry.reportedAt / 60_000) * 60_000).toISOString(),
      })),
      generatedAt: now.toISOString(),
    };
  };

  return {
    async live(caller: Caller): Promise<LiveCounters> {
      const { streetId } = await deps.scopes.scopeOf(caller);
      return cached(`live:${streetId ?? 'all'}`, liveCacheMs, () => counters(streetId));
    },
    publicBoard: (): Promise<PublicBoard> => cached('board', publicBoardCacheMs, board),
  };
}

export type LiveStatistics = ReturnType<typeof liveStatistics>;
