import type { CategoryCode, DistanceBand, NearbyReport } from '@jiefang/contracts';
import { t } from '../../i18n';

/** One row of 附近已有人反映 as the create page shows it. */
export interface NearbyRow {
  id: string;
  title: string;
  category: CategoryCode;
  distance: string;
  detail: string;
  /** 我也遇到 is offered; a ticket the resident is already on shows 你已反映 instead. */
  canJoin: boolean;
  sameCategory: boolean;
}

const bandText: Record<DistanceBand, () => string> = {
  within_50m: () => t('report.nearby.within50'),
  within_100m: () => t('report.nearby.within100'),
  within_150m: () => t('report.nearby.within150'),
};

/** How long ago, in words: 刚刚, N 分钟前, N 小时前. */
export function agoText(reportedAt: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - Date.parse(reportedAt)) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 1) return t('report.nearby.justNow');
  if (minutes < 60) return t('report.nearby.minutesAgo', { n: minutes });
  return t('report.nearby.hoursAgo', { n: Math.floor(minutes / 60) });
}

/**
 * The nearby tickets to show: the chosen category first (that is what the resident is about to report),
 * then by distance as the BFF sent them.
 */
export function nearbyRows(
  items: readonly NearbyReport[],
  category: CategoryCode | null,
  now: Date,
): NearbyRow[] {
  const ranked = items
    .map((item, index) => ({ item, index, same: item.category === category }))
    .sort((a, b) => Number(b.same) - Number(a.same) || a.index - b.index);
  return ranked.map(({ item, same }) => ({
    id: item.id,
    title: item.categoryName,
    category: item.category,
    distance: bandText[item.distance](),
    detail: `${agoText(item.reportedAt, now)} · ${t('report.nearby.reporters', { n: item.reporterCount })}`,
    canJoin: !item.mine,
    sameCategory: same,
  }));
}
