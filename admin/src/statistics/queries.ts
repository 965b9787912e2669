import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { publicBoard, statisticsApi } from '../app/services';
import { statisticsKeys, type RankingFilters, type StatisticsFilters } from './queryKeys';

/** The header's counters are of the moment: ask again every 15 s (they cover more than tickets). */
export const LIVE_COUNTERS_REFRESH_MS = 15_000;
/** Figures over days move slowly; a minute keeps the charts current without loading the BFF. */
export const STATISTICS_REFRESH_MS = 60_000;
/** The public board refreshes itself every minute. */
export const PUBLIC_BOARD_REFRESH_MS = 60_000;

export function useLiveCounters() {
  return useQuery({
    queryKey: statisticsKeys.live,
    queryFn: ({ signal }) => statisticsApi.live(signal),
    refetchInterval: LIVE_COUNTERS_REFRESH_MS,
  });
}

// Keep the previous filter's figures on screen (dimmed by the card) while the new ones load.
export function useTicketStatistics(filters: StatisticsFilters) {
  return useQuery({
    queryKey: statisticsKeys.tickets(filters),
    queryFn: ({ signal }) => statisticsApi.tickets(filters, signal),
    refetchInterval: STATISTICS_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useAlarmStatistics(filters: StatisticsFilters) {
  return useQuery({
    queryKey: statisticsKeys.alarms(filters),
    queryFn: ({ signal }) => statisticsApi.alarms(filters, signal),
    refetchInterval: STATISTICS_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useMonthlyRanking(filters: RankingFilters) {
  return useQuery({
    queryKey: statisticsKeys.ranking(filters),
    queryFn: ({ signal }) => statisticsApi.ranking(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDashboardEscortStatistics(street: string | undefined) {
  return useQuery({
    queryKey: statisticsKeys.escorts(street),
    queryFn: ({ signal }) => statisticsApi.escorts(street, signal),
    refetchInterval: STATISTICS_REFRESH_MS,
  });
}

export function usePublicBoard() {
  return useQuery({
    queryKey: statisticsKeys.publicBoard,
    queryFn: ({ signal }) => publicBoard(signal),
    refetchInterval: PUBLIC_BOARD_REFRESH_MS,
    // A phone left open on the board keeps it current in the background too.
    refetchIntervalInBackground: true,
  });
}
