import { t } from '../i18n';

/** "180 米" under a kilometre (to 10 m), "2.4 公里" from there. */
export function formatDistance(meters: number): string {
  if (meters < 1000) return t('assign.distanceM', { meters: Math.max(0, Math.round(meters / 10) * 10) });
  return t('assign.distanceKm', { km: (meters / 1000).toFixed(meters < 10_000 ? 1 : 0) });
}

/** The average of a ring's vertices (without the closing one): a label point for convex-ish streets. */
export function ringCenter(ring: readonly (readonly [number, number])[]): [number, number] {
  const open =
    ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1]
      ? ring.slice(0, -1)
      : ring;
  const sum = open.reduce<[number, number]>((acc, [lng, lat]) => [acc[0] + lng, acc[1] + lat], [0, 0]);
  return [sum[0] / Math.max(1, open.length), sum[1] / Math.max(1, open.length)];
}
