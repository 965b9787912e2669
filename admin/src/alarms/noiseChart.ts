/** One point of a noise trace: a 1-minute equivalent level, null where the device sent nothing. */
export interface LevelSample {
  at: string;
  levelDb: number | null;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Space kept free on each side (axis labels sit in the left one). */
  padding: { top: number; right: number; bottom: number; left: number };
}

export interface ChartPoint {
  x: number;
  y: number;
  at: string;
  levelDb: number;
  over: boolean;
}

export interface NoiseChartGeometry {
  /** SVG path of the levels; a gap (null sample) starts a new segment. */
  line: string;
  points: ChartPoint[];
  /** y of the limit line, or null without a limit. */
  limitY: number | null;
  /** The dB range drawn, in whole 5 dB steps with room above and below. */
  domain: [number, number];
  /** Horizontal guide lines with their dB value. */
  ticks: { y: number; db: number }[];
  /** Times at the ends of the x axis. */
  start: string | null;
  end: string | null;
}

const STEP = 5;

/**
 * Lays out a small line chart of noise levels against the limit: x by time (oldest left), y by level,
 * the range widened to whole 5 dB steps so the limit and every level sit inside with a little room.
 */
export function noiseChartGeometry(
  samples: readonly LevelSample[],
  limitDb: number | null | undefined,
  box: ChartBox,
): NoiseChartGeometry {
  const timed = samples
    .map((sample) => ({ ...sample, ms: Date.parse(sample.at) }))
    .filter((sample) => Number.isFinite(sample.ms))
    .sort((a, b) => a.ms - b.ms);
  const levels = timed.flatMap((sample) => (sample.levelDb === null ? [] : [sample.levelDb]));
  const values = limitDb === null || limitDb === undefined ? levels : [...levels, limitDb];
  const low = values.length > 0 ? Math.min(...values) : 40;
  const high = values.length > 0 ? Math.max(...values) : 70;
  let min = Math.floor((low - 2) / STEP) * STEP;
  let max = Math.ceil((high + 2) / STEP) * STEP;
  if (max - min < 2 * STEP) {
    const mid = (min + max) / 2;
    min = Math.floor((mid - STEP) / STEP) * STEP;
    max = min + 2 * STEP;
  }

  const { width, height, padding } = box;
  const plotW = Math.max(1, width - padding.left - padding.right);
  const plotH = Math.max(1, height - padding.top - padding.bottom);
  const first = timed[0]?.ms ?? 0;
  const last = timed.at(-1)?.ms ?? 0;
  const span = last - first;
  const xOf = (ms: number) =>
    span > 0 ? padding.left + ((ms - first) / span) * plotW : padding.left + plotW / 2;
  const yOf = (db: number) => padding.top + ((max - db) / (max - min)) * plotH;

  const points: ChartPoint[] = [];
  let line = '';
  let penDown = false;
  for (const sample of timed) {
    if (sample.levelDb === null) {
      penDown = false;
      continue;
    }
    const x = xOf(sample.ms);
    const y = yOf(sample.levelDb);
    line += `${penDown ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    penDown = true;
    points.push({
      x,
      y,
      at: sample.at,
      levelDb: sample.levelDb,
      over: limitDb !== null && limitDb !== undefined && sample.levelDb > limitDb,
    });
  }

  // Three to five guides: every 5 dB, or every 10 when the range is wide.
  const tickStep = max - min > 4 * STEP ? 2 * STEP : STEP;
  const ticks: { y: number; db: number }[] = [];
  for (let db = Math.ceil(min / tickStep) * tickStep; db <= max; db += tickStep)
    ticks.push({ y: yOf(db), db });

  return {
    line,
    points,
    limitY: limitDb === null || limitDb === undefined ? null : yOf(limitDb),
    domain: [min, max],
    ticks,
    start: timed[0]?.at ?? null,
    end: timed.at(-1)?.at ?? null,
  };
}
