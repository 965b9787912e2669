import { type PublicBoard } from '@jiefang/contracts';
import { t } from '../i18n';

export interface OverduePlace {
  key: string;
  categoryName: string;
  streetName: string;
  reportedAt: string;
}

/** The overdue places, longest waiting first, each with its street's name (never who reported it). */
export function overduePlaces(board: PublicBoard): OverduePlace[] {
  const streetNames = new Map(board.streets.map((street) => [street.id, street.name]));
  return [...board.overdue]
    .sort((a, b) => Date.parse(a.reportedAt) - Date.parse(b.reportedAt))
    .map((place, index) => ({
      // Places have no id on purpose (nothing to look a report up by): position and content suffice.
      key: `${index}-${place.reportedAt}-${place.lat}-${place.lng}`,
      categoryName: place.categoryName,
      streetName: (place.streetId && streetNames.get(place.streetId)) || t('publicBoard.unknownStreet'),
      reportedAt: place.reportedAt,
    }));
}

/** "25 分钟", "2 小时 5 分钟", "3 天 4 小时": how long a place has waited. */
export function waitedLabel(reportedAt: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(reportedAt)) / 60_000));
  if (minutes < 60) return t('publicBoard.minutes', { value: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('publicBoard.hours', { hours, minutes: minutes % 60 });
  return t('publicBoard.days', { days: Math.floor(hours / 24), hours: hours % 24 });
}

/** "2026 年 12 月" from "2026-12". */
export function monthLabel(month: string): string {
  return t('publicBoard.month', { year: month.slice(0, 4), month: Number(month.slice(5, 7)) });
}

/** Streets with the most overdue first, then the most open, then by name. */
export function sortedStreets(board: PublicBoard): PublicBoard['streets'] {
  return [...board.streets].sort(
    (a, b) =>
      b.overdueTickets - a.overdueTickets ||
      b.openTickets - a.openTickets ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
}
