/** Energy sums of one minute of a meter's readings, for the downsampled history. */
export interface MinuteAccumulator {
  /** Start of the minute, ms (event time). */
  start: number;
  /** Σ tᵢ·10^(Lᵢ/10) over the readings. */
  energy: number;
  coveredMs: number;
  maxDb: number;
}

export interface MinuteLevel {
  start: number;
  levelDb: number;
  maxDb: number;
  coveredMs: number;
}

const minuteMs = 60_000;
const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Adds a reading to the current minute; when the reading belongs to a later minute, the finished
 * one is returned as its equivalent level. A late reading for an earlier minute is ignored here.
 */
export function addToMinute(
  current: MinuteAccumulator | null,
  reading: { ts: number; leq: number; intervalMs: number },
): { current: MinuteAccumulator | null; finished: MinuteLevel | null } {
  const start = Math.floor(reading.ts / minuteMs) * minuteMs;
  if (current && start < current.start) return { current, finished: null };
  const fresh = !current || start > current.start;
  const base: MinuteAccumulator = fresh ? { start, energy: 0, coveredMs: 0, maxDb: 0 } : current;
  const next: MinuteAccumulator = {
    start,
    energy: base.energy + reading.intervalMs * 10 ** (reading.leq / 10),
    coveredMs: base.coveredMs + reading.intervalMs,
    maxDb: Math.max(base.maxDb, reading.leq),
  };
  return { current: next, finished: fresh && current ? minuteLevel(current) : null };
}

export function minuteLevel(accumulator: MinuteAccumulator): MinuteLevel {
  return {
    start: accumulator.start,
    levelDb: round1(10 * Math.log10(accumulator.energy / accumulator.coveredMs)),
    maxDb: round1(accumulator.maxDb),
    coveredMs: accumulator.coveredMs,
  };
}
