import { addToMinute, type MinuteAccumulator } from './minuteLevels';

describe('addToMinute', () => {
  const minute = Date.UTC(2026, 10, 23, 12, 0, 0);

  it('energy-averages a minute and hands it over when the next minute starts', () => {
    let current: MinuteAccumulator | null = null;
    for (let second = 0; second < 60; second += 1) {
      const leq = second < 30 ? 60 : 70;
      const result = addToMinute(current, { ts: minute + second * 1000, leq, intervalMs: 1000 });
      expect(result.finished).toBeNull();
      current = result.current;
    }
    const next = addToMinute(current, { ts: minute + 60_000, leq: 50, intervalMs: 1000 });
    // Half the minute at 60 and half at 70 dB(A): 10·log10((10^6 + 10^7)/2) ≈ 67.4, not the mean 65.
    expect(next.finished).toEqual({ start: minute, levelDb: 67.4, maxDb: 70, coveredMs: 60_000 });
    expect(next.current).toMatchObject({ start: minute + 60_000, coveredMs: 1000, maxDb: 50 });
  });

  it('ignores a late reading for a minute already handed over', () => {
    const { current } = addToMinute(null, { ts: minute + 61_000, leq: 55, intervalMs: 1000 });
    const late = addToMinute(current, { ts: minute + 59_000, leq: 90, intervalMs: 1000 });
    expect(late).toEqual({ current, finished: null });
  });
});
