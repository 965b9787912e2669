/** One reading: the equivalent level over the device's interval ending at ts (event time, ms). */
export interface NoiseReading {
  ts: number;
  leq: number;
  intervalMs: number;
}

export const noisePolicy = {
  windowMs: 60_000,
  /** The window must be this full before its level counts (a missing second or two is tolerated). */
  minCoverageMs: 50_000,
  /** Hysteresis: an open alarm clears only once the level has stayed this far below the limit… */
  clearMarginDb: 3,
  /** …for this long. */
  clearAfterMs: 120_000,
  /** Still over the limit this long after the warning: enforcement gets a ticket. */
  escalateAfterMs: 5 * 60_000,
} as const;

export interface NoiseWatchState {
  window: NoiseReading[];
  alarm: { openedAt: number; escalated: boolean; quietSince: number | null } | null;
}

export type NoiseWatchEvent =
  | { type: 'alarm_opened'; at: number; levelDb: number; limitDb: number }
  | { type: 'escalate'; at: number; levelDb: number; limitDb: number }
  | { type: 'alarm_cleared'; at: number; levelDb: number; limitDb: number };

export const emptyNoiseWatch: NoiseWatchState = { window: [], alarm: null };

/** Energy average of readings weighted by their intervals: LAeq = 10·log10(Σ tᵢ·10^(Lᵢ/10) / Σ tᵢ). */
export function equivalentLevel(readings: readonly NoiseReading[]): number {
  const total = readings.reduce((sum, reading) => sum + reading.intervalMs, 0);
  if (!total) return Number.NaN;
  const energy = readings.reduce((sum, reading) => sum + reading.intervalMs * 10 ** (reading.leq / 10), 0);
  return 10 * Math.log10(energy / total);
}

/**
 * Feeds one reading to a device's noise watch and says what happened. Everything runs on the
 * readings' own timestamps, so a replayed stream behaves exactly like a live one.
 */
export function observeNoise(
  state: NoiseWatchState,
  reading: NoiseReading,
  limitDbAt: (at: number) => number,
  policy = noisePolicy,
): { state: NoiseWatchState; events: NoiseWatchEvent[] } {
  const window = [...state.window, reading]
    .filter((item) => item.ts > reading.ts - policy.windowMs)
    .sort((a, b) => a.ts - b.ts);
  const covered = window.reduce((sum, item) => sum + item.intervalMs, 0);
  const next: NoiseWatchState = { window, alarm: state.alarm && { ...state.alarm } };
  if (covered < policy.minCoverageMs) return { state: next, events: [] };

  const levelDb = Math.round(equivalentLevel(window) * 10) / 10;
  const limitDb = limitDbAt(reading.ts);
  const events: NoiseWatchEvent[] = [];
  const alarm = next.alarm;

  if (!alarm) {
    if (levelDb > limitDb) {
      next.alarm = { openedAt: reading.ts, escalated: false, quietSince: null };
      events.push({ type: 'alarm_opened', at: reading.ts, levelDb, limitDb });
    }
    return { state: next, events };
  }

  if (levelDb <= limitDb - policy.clearMarginDb) {
    alarm.quietSince ??= reading.ts;
    if (reading.ts - alarm.quietSince >= policy.clearAfterMs) {
      next.alarm = null;
      events.push({ type: 'alarm_cleared', at: reading.ts, levelDb, limitDb });
    }
    return { state: next, events };
  }
  alarm.quietSince = null;
  if (!alarm.escalated && levelDb > limitDb && reading.ts - alarm.openedAt >= policy.escalateAfterMs) {
    alarm.escalated = true;
    events.push({ type: 'escalate', at: reading.ts, levelDb, limitDb });
  }
  return { state: next, events };
}
