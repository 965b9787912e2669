import {
  alarmStatisticsSchema,
  escortStatisticsSchema,
  liveCountersSchema,
  monthlyRankingSchema,
  publicBoardSchema,
  ticketStatisticsSchema,
  type AlarmStatistics,
  type EscortStatistics,
  type LiveCounters,
  type MonthlyRanking,
  type PublicBoard,
  type TicketStatistics,
} from '@jiefang/contracts';
import { type z } from 'zod';
import { type ApiClient } from '../api/client';
import { bffRoute, withQuery, type RouteTarget } from '../api/routes';
import { type RankingFilters, type StatisticsFilters } from './queryKeys';

/** The statistics routes, looked up in the contracts' descriptors when this module loads. */
const routes = {
  tickets: bffRoute('GET', '/api/statistics/tickets'),
  ranking: bffRoute('GET', '/api/statistics/ranking'),
  alarms: bffRoute('GET', '/api/statistics/alarms'),
  live: bffRoute('GET', '/api/statistics/live'),
  escorts: bffRoute('GET', '/api/escorts/statistics'),
  publicBoard: bffRoute('GET', '/api/public/board'),
} as const;

/** Which roles may call a route, as the contracts say (the dashboard hides what the BFF would refuse). */
export const statisticsRouteAccess = {
  escorts: routes.escorts.descriptor.access,
} as const;

function rangeQuery(filters: StatisticsFilters): URLSearchParams {
  const query = new URLSearchParams({ from: filters.from, to: filters.to, granularity: filters.granularity });
  // Without a street the BFF answers for the caller's whole scope (the district, or their own street).
  if (filters.street) query.set('street', filters.street);
  return query;
}

/** The dashboard's endpoints, over the signed-in client. */
export function createStatisticsEndpoints(client: ApiClient) {
  const get = <T>({ url }: RouteTarget, schema: z.ZodType<T>, signal?: AbortSignal) =>
    client.request(url, { method: 'GET', schema, signal });
  return {
    tickets: (filters: StatisticsFilters, signal?: AbortSignal): Promise<TicketStatistics> =>
      get(withQuery(routes.tickets.at(), rangeQuery(filters)), ticketStatisticsSchema, signal),

    alarms: (filters: StatisticsFilters, signal?: AbortSignal): Promise<AlarmStatistics> => {
      const query = rangeQuery(filters);
      // Alarm figures have no series: the granularity would only split the cache.
      query.delete('granularity');
      return get(withQuery(routes.alarms.at(), query), alarmStatisticsSchema, signal);
    },

    ranking: (filters: RankingFilters, signal?: AbortSignal): Promise<MonthlyRanking> => {
      const query = new URLSearchParams({ month: filters.month });
      if (filters.street) query.set('street', filters.street);
      return get(withQuery(routes.ranking.at(), query), monthlyRankingSchema, signal);
    },

    live: (signal?: AbortSignal): Promise<LiveCounters> => get(routes.live.at(), liveCountersSchema, signal),

    escorts: (street: string | undefined, signal?: AbortSignal): Promise<EscortStatistics> =>
      get(
        withQuery(routes.escorts.at(), street ? new URLSearchParams({ street }) : ''),
        escortStatisticsSchema,
        signal,
      ),
  };
}

/** The public board, over a client that never sends a token (a stale one must not make it fail). */
export function createPublicBoardEndpoint(client: ApiClient) {
  return (signal?: AbortSignal): Promise<PublicBoard> =>
    client.request(routes.publicBoard.at().url, { method: 'GET', schema: publicBoardSchema, signal });
}

export type StatisticsEndpoints = ReturnType<typeof createStatisticsEndpoints>;
