import type { DurationFigures } from '@jiefang/contracts';

/**
 * Durations are counted in fixed minute bands, so histograms of different days add up exactly and a
 * median or 90th percentile over any range comes out the same whether the days were merged or the
 * tickets counted at once. Band precision: 1 minute up to 30 min, 5 min up to 2 h, 15 min up to 8 h,
 * 1 h up to 1 day, 6 h up to 7 days, 1 day up to 30 days, then one open band.
 */
const bandEdges: readonly number[] = (() => {
  const edges: number[] = [];
  const run = (from: number, to: number, step: number) => {
    for (let at = from; at < to; at += step) edges.push(at);
  };
  run(0, 30, 1);
  run(30, 120, 5);
  run(120, 480, 15);
  run(480, 1440, 60);
  run(1440, 10_080, 360);
  run(10_080, 43_200, 1440);
  edges.push(43_200);
  return edges;
})();

/** Lower edge of every band, ascending; the last band has no upper end. */
export const durationBandEdges = bandEdges;

/** The band a duration (minutes, ≥ 0) falls in. */
export function bandOf(minutes: number): number {
  const value = Math.max(0, minutes);
  let low = 0;
  let high = bandEdges.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((bandEdges[middle] as number) <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Upper edge of a band in minutes (the open band reports its lower edge). */
export function bandUpperEdge(band: number): number {
  return bandEdges[band + 1] ?? (bandEdges[band] as number);
}

/** Band index → count; sparse, so an empty band costs nothing in storage. */
export type Histogram = Record<string, number>;

export function addToHistogram(histogram: Histogram, band: number, count = 1): void {
  const next = (histogram[band] ?? 0) + count;
  if (next === 0) delete histogram[band];
  else histogram[band] = next;
}

/**
 * Median and 90th percentile by the nearest-rank method, each reported as the upper edge of its band
 * ("at most this long"), so a figure is never better than the truth by more than one band.
 */
export function histogramFigures(histogram: Histogram): DurationFigures {
  const bands = Object.entries(histogram)
    .map(([band, count]) => [Number(band), count] as const)
    .filter(([, count]) => count > 0)
    .sort((a, b) => a[0] - b[0]);
  const count = bands.reduce((sum, [, n]) => sum + n, 0);
  if (!count) return null;
  const at = (share: number) => {
    const rank = Math.max(1, Math.ceil(share * count));
    let seen = 0;
    for (const [band, n] of bands) {
      seen += n;
      if (seen >= rank) return bandUpperEdge(band);
    }
    return bandUpperEdge((bands[bands.length - 1] as readonly [number, number])[0]);
  };
  return { median: at(0.5), p90: at(0.9), count };
}
