import { noiseTelemetrySchema } from '@jiefang/contracts';
import { shanghaiTime } from './dailyProfile';
import { episodeProfiles } from './noiseEpisodes';
import { energySum, NoiseSignal, type NoiseReading, type NoiseSignalOptions } from './noiseSignal';
import { seededRandom } from './random';
import { MINUTE_MS, SECOND_MS } from './time';

const DAY = 20_000; // a day number on the Shanghai calendar (2024-10-04)
const at = (hour: number) => shanghaiTime(DAY, hour);

function signal(options: Partial<NoiseSignalOptions> = {}, seed = 1): NoiseSignal {
  return new NoiseSignal({ random: seededRandom(seed), intervalMs: SECOND_MS, ...options });
}

/** One reading per second from `from` for `ms`. */
function run(
  noise: NoiseSignal,
  from: number,
  ms: number,
  stepMs = SECOND_MS,
): Array<NoiseReading & { t: number }> {
  const readings: Array<NoiseReading & { t: number }> = [];
  for (let t = from + stepMs; t <= from + ms; t += stepMs) readings.push({ ...noise.reading(t), t });
  return readings;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('NoiseSignal background', () => {
  const quiet = { spontaneous: false };

  it('is ~40–46 dB(A) at night and ~50–58 by day, busiest in the evening', () => {
    const night = run(signal(quiet), at(3), 30 * MINUTE_MS).map((r) => r.leq);
    const day = run(signal(quiet), at(10), 30 * MINUTE_MS).map((r) => r.leq);
    const evening = run(signal(quiet), at(19.5), 30 * MINUTE_MS).map((r) => r.leq);
    expect(mean(night)).toBeGreaterThan(40);
    expect(mean(night)).toBeLessThan(44);
    expect(Math.max(...night)).toBeLessThan(48);
    expect(mean(day)).toBeGreaterThan(52);
    expect(mean(day)).toBeLessThan(57);
    expect(Math.min(...day)).toBeGreaterThan(47);
    expect(Math.max(...day)).toBeLessThan(61);
    expect(mean(evening)).toBeGreaterThan(mean(day) + 1.5);
  });

  it('wanders instead of jumping: neighbouring seconds are close, with one decimal like a meter', () => {
    const readings = run(signal(quiet), at(10), 10 * MINUTE_MS).map((r) => r.leq);
    const steps = readings.slice(1).map((leq, i) => Math.abs(leq - readings[i]!));
    expect(mean(steps)).toBeLessThan(1.5);
    readings.forEach((leq) => expect(Math.round(leq * 10) / 10).toBe(leq));
    readings.forEach((leq) => expect(() => noiseTelemetrySchema.parse({ ts: 1, seq: 1, leq })).not.toThrow());
  });

  it('is the same for the same seed', () => {
    expect(run(signal({}, 7), at(19), MINUTE_MS)).toEqual(run(signal({}, 7), at(19), MINUTE_MS));
  });
});

describe('NoiseSignal episodes', () => {
  it('starts square dancing and table tennis in the evening, each for minutes, and none at night', () => {
    // At 60× an evening hour holds what 60 real ones would: many episodes, each 1/60 as long.
    const noise = signal({ timeScale: 60 }, 3);
    const readings = run(noise, at(19), 60 * MINUTE_MS);
    const starts = readings.filter((r) => r.started).map((r) => r.started!);
    const ends = readings.filter((r) => r.ended).map((r) => ({ ...r.ended!, t: r.t }));
    expect(new Set(starts.map((e) => e.kind))).toEqual(new Set(['square_dance', 'table_tennis']));
    for (const end of ends) {
      const { min, max } = episodeProfiles[end.episode.kind].durationMs;
      expect(end.reason).toBe('finished');
      expect(end.t - end.episode.startedAt).toBeGreaterThanOrEqual(min / 60);
      expect(end.t - end.episode.startedAt).toBeLessThanOrEqual(max / 60 + SECOND_MS);
    }
    const dance = readings.filter((r) => r.episode === 'square_dance').map((r) => r.leq);
    expect(Math.min(...dance)).toBeGreaterThanOrEqual(66.5);
    expect(Math.max(...dance)).toBeLessThanOrEqual(79.5);
    // Table tennis: ~62–70 with impulsive smashes well above.
    const tennis = readings.filter((r) => r.episode === 'table_tennis').map((r) => r.leq);
    expect(mean(tennis)).toBeGreaterThan(62);
    expect(mean(tennis)).toBeLessThan(70);
    expect(tennis.filter((leq) => leq > 72).length / tennis.length).toBeGreaterThan(0.1);

    const night = run(signal({ timeScale: 60 }, 3), at(1), 4 * 60 * MINUTE_MS, 10 * SECOND_MS);
    expect(night.filter((r) => r.episode)).toEqual([]);
  });

  it('keeps a scripted endless episode loud until a heeded warning, after the ignored ones', () => {
    const noise = signal({ spontaneous: false, compliance: 1, ignoreWarnings: 1 });
    noise.startEpisode(at(15), 'square_dance', { level: 74, durationMs: Infinity });
    const loud = run(noise, at(15), 3 * 60 * MINUTE_MS, 10 * SECOND_MS);
    expect(loud.every((r) => r.episode === 'square_dance' && r.leq > 70)).toBe(true);

    const warnedAt = at(18);
    expect(noise.warn(warnedAt)).toMatchObject({ outcome: 'ignored', why: 'scripted' });
    expect(run(noise, warnedAt, MINUTE_MS).every((r) => r.leq > 70)).toBe(true);

    const second = noise.warn(warnedAt + MINUTE_MS);
    if (second.outcome !== 'complying') throw new Error(`expected compliance, got ${second.outcome}`);
    const delay = second.stopsAt - (warnedAt + MINUTE_MS);
    expect(delay).toBeGreaterThanOrEqual(5 * SECOND_MS);
    expect(delay).toBeLessThanOrEqual(20 * SECOND_MS);
    expect(noise.warn(warnedAt + MINUTE_MS + 1)).toMatchObject({ outcome: 'already_complying' });

    const after = run(noise, warnedAt + MINUTE_MS, MINUTE_MS);
    const end = after.find((r) => r.ended)!;
    expect(end.ended).toMatchObject({ reason: 'warned' });
    expect(end.t).toBeGreaterThanOrEqual(second.stopsAt);
    expect(after.filter((r) => r.t < second.stopsAt).every((r) => r.leq > 70)).toBe(true);
    expect(after.filter((r) => r.t >= second.stopsAt).every((r) => r.leq < 64 && !r.episode)).toBe(true);
    expect(noise.warn(warnedAt + 2 * MINUTE_MS)).toEqual({ outcome: 'no_episode' });
  });

  it('does not start again right after a heeded warning', () => {
    const noise = signal({ timeScale: 60, compliance: 1 }, 5);
    noise.startEpisode(at(19), 'square_dance');
    noise.warn(at(19));
    // 30 min of quiet at 60× is 30 s; the evening rate then brings episodes back.
    const readings = run(noise, at(19), 30 * MINUTE_MS);
    const restart = readings.find((r) => r.started);
    expect(readings.find((r) => r.ended)?.ended?.reason).toBe('warned');
    expect(restart).toBeDefined();
    expect(restart!.t).toBeGreaterThanOrEqual(at(19) + 30 * SECOND_MS);
  });

  it('heeds warnings with the configured probability', () => {
    const random = seededRandom(11);
    const heeded = (compliance: number) => {
      let count = 0;
      for (let trial = 0; trial < 2_000; trial++) {
        const noise = new NoiseSignal({ random, intervalMs: SECOND_MS, spontaneous: false, compliance });
        noise.startEpisode(at(20), 'table_tennis');
        if (noise.warn(at(20)).outcome === 'complying') count += 1;
      }
      return count / 2_000;
    };
    expect(heeded(0.7)).toBeGreaterThan(0.66);
    expect(heeded(0.7)).toBeLessThan(0.74);
    expect(heeded(0)).toBe(0);
    expect(heeded(1)).toBe(1);
  });
});

describe('energySum', () => {
  it('adds levels as energies', () => {
    expect(energySum(70, 70)).toBeCloseTo(73.01, 2);
    expect(energySum(74, 55)).toBeCloseTo(74.05, 2);
  });
});
