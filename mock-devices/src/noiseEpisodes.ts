/**
 * Loud episodes a noise meter on a square picks up: 广场舞 (square dancing with a loudspeaker) and 乒乓球
 * (table tennis: steady chatter with impulsive ball hits). An episode has a source level chosen when it starts
 * and lasts minutes; each reading varies around that level.
 */
import { MINUTE_MS } from './time';
import type { HourlyRates } from './dailyProfile';
import { chance, gaussian, uniform, type Random } from './random';

export const episodeKinds = ['square_dance', 'table_tennis'] as const;
export type EpisodeKind = (typeof episodeKinds)[number];

export interface EpisodeProfile {
  /** For log lines. */
  label: string;
  /** Starts per hour by local hour, while nothing else is going on. */
  rates: HourlyRates;
  /** Range of the source level (dB(A)) picked when an episode starts. */
  level: { min: number; max: number };
  /** Range of an episode's length, ms of simulated time. */
  durationMs: { min: number; max: number };
  /** One reading of the source around its episode level. */
  reading(random: Random, level: number): number;
}

export const episodeProfiles: Record<EpisodeKind, EpisodeProfile> = {
  square_dance: {
    label: '广场舞 square dancing',
    // Mostly after dinner until the 22:00 night limit looms, a little in the early morning.
    rates: [
      [0, 0],
      [6.5, 0.15],
      [8.5, 0],
      [18.5, 0.5],
      [21.5, 0],
    ],
    level: { min: 69, max: 77 },
    durationMs: { min: 20 * MINUTE_MS, max: 60 * MINUTE_MS },
    // Music through one loudspeaker: steady, a decibel or so between songs and refrains; stays within ~68–78.
    reading: (random, level) => clamp(level + gaussian(random), level - 2, level + 2),
  },
  table_tennis: {
    label: '乒乓球 table tennis',
    rates: [
      [0, 0],
      [9, 0.06],
      [18, 0.15],
      [21.5, 0],
    ],
    level: { min: 62, max: 68 },
    durationMs: { min: 10 * MINUTE_MS, max: 40 * MINUTE_MS },
    // Voices around the table, and in about a quarter of the seconds a hard smash that lifts the Leq.
    reading: (random, level) =>
      clamp(level + 1.5 * gaussian(random), level - 3, level + 3) +
      (chance(random, 0.25) ? uniform(random, 6, 12) : 0),
  },
};

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
