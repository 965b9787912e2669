import { t } from '../i18n';

/** 0.934 → "93.4%"; "—" when nothing was measured. */
export function formatRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return t('dashboard.none');
  const percent = Math.round(rate * 1000) / 10;
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** Minutes as staff say them: "45 秒", "12.5 分钟", "2.3 小时". */
export function formatDuration(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return t('dashboard.none');
  if (minutes < 1) return t('dashboard.seconds', { value: Math.round(minutes * 60) });
  if (minutes < 120) return t('dashboard.minutes', { value: trim(minutes) });
  return t('dashboard.hours', { value: trim(minutes / 60) });
}

/** Mean rating out of 5: "4.6"; "—" without ratings. */
export function formatSatisfaction(mean: number | null): string {
  return mean === null ? t('dashboard.none') : mean.toFixed(1);
}

export function formatScore(score: number | null): string {
  return score === null ? t('dashboard.none') : trim(score);
}

function trim(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1);
}

/** Every category promises an officer on site within minutes (15 in the district's catalogue). */
export const DEFAULT_SLA_MINUTES = 15;

/**
 * The promise to draw on the charts: the on-site SLA most categories share; the default until the
 * catalogue has loaded.
 */
export function promisedMinutes(categories: readonly { onSiteSlaMinutes: number }[] | undefined): number {
  if (!categories || categories.length === 0) return DEFAULT_SLA_MINUTES;
  const counts = new Map<number, number>();
  for (const category of categories) {
    counts.set(category.onSiteSlaMinutes, (counts.get(category.onSiteSlaMinutes) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}
