/**
 * What a noise meter measures, one reading per interval: the background of its site plus, now and then, a
 * loud episode that lasts minutes and that a played warning may end. Pure: time comes in as arguments and
 * randomness from the injected `random`, so a test can run a simulated week in milliseconds.
 */
import { rateAt, shanghaiHour } from './dailyProfile';
import { NoiseBaseline } from './noiseBaseline';
import { episodeKinds, episodeProfiles, type EpisodeKind } from './noiseEpisodes';
import { chance, uniform, type Random } from './random';
import { HOUR_MS, MINUTE_MS, SECOND_MS } from './time';

export interface NoiseSignalOptions {
  random: Random;
  /** Length of one reading, ms: the chance that an episode starts is per interval. */
  intervalMs: number;
  /**
   * Speeds up simulated life for demos: episodes start `timeScale` times as often and last 1/`timeScale` as
   * long, and so do the delays below. The day/night baseline keeps following the clock. Default 1.
   */
  timeScale?: number;
  /** Whether episodes start by themselves; scripted scenarios turn this off. Default true. */
  spontaneous?: boolean;
  /** Probability that a warning (after the ignored ones) ends the episode. Default 0.7. */
  compliance?: number;
  /** Warnings each episode shrugs off before compliance is even considered. Default 0. */
  ignoreWarnings?: number;
  /** Time between a heeded warning and the quiet: people finish the song, pack the speaker. Default 5–20 s. */
  complianceDelayMs?: { min: number; max: number };
  /** After a heeded warning the group does not start again at once. Default 30 min. */
  quietAfterWarningMs?: number;
}

export interface Episode {
  readonly kind: EpisodeKind;
  /** Source level in dB(A), around which the readings vary. */
  readonly level: number;
  readonly startedAt: number;
  /** When it ends by itself; Infinity for a scripted episode that only a warning stops. */
  readonly endsAt: number;
  /** Warnings received so far. */
  readonly warnings: number;
  /** Set once a warning was heeded: when the source falls silent. */
  readonly stopsAt?: number;
}

export interface EpisodeEnd {
  episode: Episode;
  reason: 'finished' | 'warned';
}

export interface NoiseReading {
  /** A-weighted equivalent level over the interval, dB(A), one decimal like a real meter. */
  leq: number;
  /** The episode heard in this reading, if any. */
  episode?: EpisodeKind;
  /** Set on the reading where an episode began or ended. */
  started?: Episode;
  ended?: EpisodeEnd;
}

export type WarningResponse =
  | { outcome: 'no_episode' }
  | { outcome: 'ignored'; episode: Episode; why: 'scripted' | 'chance' }
  | { outcome: 'complying'; episode: Episode; stopsAt: number }
  | { outcome: 'already_complying'; episode: Episode; stopsAt: number };

export const defaultCompliance = 0.7;
const defaultComplianceDelayMs = { min: 5 * SECOND_MS, max: 20 * SECOND_MS };
const defaultQuietAfterWarningMs = 30 * MINUTE_MS;

type MutableEpisode = { -readonly [K in keyof Episode]: Episode[K] };

export class NoiseSignal {
  private readonly random: Random;
  private readonly baseline: NoiseBaseline;
  private readonly options: Required<NoiseSignalOptions>;
  private current: MutableEpisode | undefined;
  private quietUntil = -Infinity;

  constructor(options: NoiseSignalOptions) {
    this.random = options.random;
    this.baseline = new NoiseBaseline(options.random);
    // `??` rather than a spread of defaults: an option passed as `undefined` must still get its default.
    this.options = {
      random: options.random,
      intervalMs: options.intervalMs,
      timeScale: options.timeScale ?? 1,
      spontaneous: options.spontaneous ?? true,
      compliance: options.compliance ?? defaultCompliance,
      ignoreWarnings: options.ignoreWarnings ?? 0,
      complianceDelayMs: options.complianceDelayMs ?? defaultComplianceDelayMs,
      quietAfterWarningMs: options.quietAfterWarningMs ?? defaultQuietAfterWarningMs,
    };
  }

  get episode(): Episode | undefined {
    return this.current;
  }

  /** The reading for the interval ending at `now`; moves the episode state forward. */
  reading(now: number): NoiseReading {
    const hour = shanghaiHour(now);
    const ended = this.endIfOver(now);
    const started = this.current || ended ? undefined : this.maybeStart(now, hour);
    const background = this.baseline.next(hour);
    const episode = this.current;
    const level = episode
      ? energySum(background, episodeProfiles[episode.kind].reading(this.random, episode.level))
      : background;
    return {
      leq: Math.round(Math.min(160, Math.max(0, level)) * 10) / 10,
      ...(episode ? { episode: episode.kind } : {}),
      ...(started ? { started } : {}),
      ...(ended ? { ended } : {}),
    };
  }

  /**
   * Starts an episode now, replacing any other. Without `durationMs` it lasts a random time of its profile;
   * `Infinity` makes it go on until a warning is heeded.
   */
  startEpisode(
    now: number,
    kind: EpisodeKind,
    choose: { level?: number; durationMs?: number } = {},
  ): Episode {
    const profile = episodeProfiles[kind];
    const durationMs =
      choose.durationMs ??
      uniform(this.random, profile.durationMs.min, profile.durationMs.max) / this.options.timeScale;
    this.current = {
      kind,
      level: choose.level ?? uniform(this.random, profile.level.min, profile.level.max),
      startedAt: now,
      endsAt: now + durationMs,
      warnings: 0,
    };
    return this.current;
  }

  /** A warning was played through the meter's loudspeaker at `now`: the people may or may not listen. */
  warn(now: number): WarningResponse {
    const episode = this.current;
    if (!episode) return { outcome: 'no_episode' };
    if (episode.stopsAt !== undefined)
      return { outcome: 'already_complying', episode, stopsAt: episode.stopsAt };
    episode.warnings += 1;
    if (episode.warnings <= this.options.ignoreWarnings)
      return { outcome: 'ignored', episode, why: 'scripted' };
    if (!chance(this.random, this.options.compliance)) return { outcome: 'ignored', episode, why: 'chance' };
    const { min, max } = this.options.complianceDelayMs;
    episode.stopsAt = now + uniform(this.random, min, max) / this.options.timeScale;
    return { outcome: 'complying', episode, stopsAt: episode.stopsAt };
  }

  private endIfOver(now: number): EpisodeEnd | undefined {
    const episode = this.current;
    if (!episode) return undefined;
    if (episode.stopsAt !== undefined && now >= episode.stopsAt) {
      this.current = undefined;
      this.quietUntil = now + this.options.quietAfterWarningMs / this.options.timeScale;
      return { episode, reason: 'warned' };
    }
    if (now >= episode.endsAt) {
      this.current = undefined;
      return { episode, reason: 'finished' };
    }
    return undefined;
  }

  private maybeStart(now: number, hour: number): Episode | undefined {
    if (!this.options.spontaneous || now < this.quietUntil) return undefined;
    const hours = (this.options.intervalMs * this.options.timeScale) / HOUR_MS;
    for (const kind of episodeKinds) {
      const perHour = rateAt(episodeProfiles[kind].rates, hour);
      if (perHour > 0 && chance(this.random, 1 - Math.exp(-perHour * hours)))
        return this.startEpisode(now, kind);
    }
    return undefined;
  }
}

/** Two sources heard together add up as energies, not as decibels: 70 dB + 55 dB is 70.1 dB. */
export function energySum(a: number, b: number): number {
  return 10 * Math.log10(10 ** (a / 10) + 10 ** (b / 10));
}
