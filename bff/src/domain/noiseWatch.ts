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
  /** Readings of the last minute, oldest first. */
  window: NoiseReading[];
  /** Σ tᵢ·10^(Lᵢ/10) and Σ tᵢ over the window, kept as readings come and go (a meter sends one a second). */
  energy: number;
  coveredMs: number;
  alarm: { openedAt: number; escalated: boolean; quietSince: number | null } | null;
}

export type NoiseWatchEvent =
  | { type: 'alarm_opened'; at: number; levelDb: number; limitDb: number }
  | { type: 'escalate'; at: number; levelDb: number; limitDb: number }
  | { type: 'alarm_cleared'; at: number; levelDb: number; limitDb: number };

export const emptyNoiseWatch: NoiseWatchState = { window: [], energy: 0, coveredMs: 0, alarm: null };

const energyOf = (reading: NoiseReading) => reading.intervalMs * 10 ** (reading.leq / 10);

/** The window after adding a reading and dropping what is older than a minute before the newest. */
function slide(state: NoiseWatchState, reading: NoiseReading, windowMs: number) {
  const window = state.window.slice();
  let energy = state.energy;
  let coveredMs = state.coveredMs;
  // Readings arrive in order; a late one is put in its place.
  let index = window.length;
  while (index > 0 && (window[index - 1] as NoiseReading).ts > reading.ts) index -= 1;
  window.splice(index, 0, reading);
  energy += energyOf(reading);
  coveredMs += reading.intervalMs;
  const newest = (window[window.length - 1] as NoiseReading).ts;
  let drop = 0;
  while (drop < window.length && (window[drop] as NoiseReading).ts <= newest - windowMs) {
    energy -= energyOf(window[drop] as NoiseReading);
    coveredMs -= (window[drop] as NoiseReading).intervalMs;
    drop += 1;
  }
  if (drop) window.splice(0, drop);
  // Sums drift by rounding over days of readings; an emptied window starts them afresh.
  if (!window.length) return { window, energy: 0, coveredMs: 0 };
  return { window, energy: Math.max(energy, 0), coveredMs };
}

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
): { state: NoiseWatchState; events: NoiseWatchEvent[]; levelDb: number | null } {
  const slid = slide(state, reading, policy.windowMs);
  const next: NoiseWatchState = { ...slid, alarm: state.alarm && { ...state.alarm } };
  if (slid.coveredMs < policy.minCoverageMs) return { state: next, events: [], levelDb: null };

  const levelDb = Math.round(10 * Math.log10(slid.energy / slid.coveredMs) * 10) / 10;
  const limitDb = limitDbAt(reading.ts);
  const events: NoiseWatchEvent[] = [];
  const alarm = next.alarm;

  if (!alarm) {
    if (levelDb > limitDb) {
      next.alarm = { openedAt: reading.ts, escalated: false, quietSince: null };
      events.push({ type: 'alarm_opened', at: reading.ts, levelDb, limitDb });
    }
    return { state: next, events, levelDb };
  }

  if (levelDb <= limitDb - policy.clearMarginDb) {
    alarm.quietSince ??= reading.ts;
    if (reading.ts - alarm.quietSince >= policy.clearAfterMs) {
      next.alarm = null;
      events.push({ type: 'alarm_cleared', at: reading.ts, levelDb, limitDb });
    }
    return { state: next, events, levelDb };
  }
  alarm.quietSince = null;
  if (!alarm.escalated && levelDb > limitDb && reading.ts - alarm.openedAt >= policy.escalateAfterMs) {
    alarm.escalated = true;
    events.push({ type: 'escalate', at: reading.ts, levelDb, limitDb });
  }
  return { state: next, events, levelDb };
}
