import { type StatisticsGranularity } from '@jiefang/contracts';

/** The dashboard's filter: Beijing days (both ends included), a street for district-wide roles. */
export interface StatisticsFilters {
  from: string;
  to: string;
  /** Absent: the caller's whole scope (the district for dispatchers and admins, else their street). */
  street?: string;
  granularity: StatisticsGranularity;
}

export interface RankingFilters {
  /** YYYY-MM, Beijing. */
  month: string;
  street?: string;
}

/** Cache keys by filter, so changing a filter never shows another filter's figures. */
export const statisticsKeys = {
  all: ['statistics'] as const,
  tickets: (filters: StatisticsFilters) =>
    ['statistics', 'tickets', filters.from, filters.to, filters.street ?? '', filters.granularity] as const,
  alarms: (filters: StatisticsFilters) =>
    ['statistics', 'alarms', filters.from, filters.to, filters.street ?? ''] as const,
  ranking: (filters: RankingFilters) =>
    ['statistics', 'ranking', filters.month, filters.street ?? ''] as const,
  live: ['statistics', 'live'] as const,
  escorts: (street: string | undefined) => ['statistics', 'escorts', street ?? ''] as const,
  publicBoard: ['public', 'board'] as const,
};
