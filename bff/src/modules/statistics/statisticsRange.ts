import { badRequest } from '../../http/httpError';
import { maxStatisticsDays, rangeLength } from '../../domain/ticketStatisticsPeriods';

/** Refuses a range with an impossible day or longer than the statistics answer for (400), before any work. */
export function assertStatisticsRange(from: string, to: string): void {
  const days = rangeLength(from, to);
  if (days === null) throw badRequest([{ path: 'from', message: '日期不存在' }]);
  if (days > maxStatisticsDays)
    throw badRequest([{ path: 'to', message: `统计范围不能超过 ${maxStatisticsDays} 天` }]);
}
