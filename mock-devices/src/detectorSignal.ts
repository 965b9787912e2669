/**
 * When a household detector reports, as a schedule the plumbing can sleep on: `nextAt()` says when the next
 * detection is due, `take(now)` hands out the ones due. Pure: time comes in as arguments and randomness from
 * the injected `random`, so a test can run a simulated year in milliseconds.
 */
import type { DeviceEventType } from '@jiefang/contracts';
import { maxRate, rateAt, shanghaiHour, type HourlyRates } from './dailyProfile';
import type { DetectorProfile } from './detectorProfiles';
import { exponential, uniform, type Random } from './random';
import { HOUR_MS } from './time';

export interface Detection {
  /** When it is due, ms. */
  at: number;
  type: DeviceEventType;
  confidence: number;
  /** 0 for the first detection of a burst, then 1, 2, … for the repeats. */
  repeat: number;
}

export interface DetectorSignalOptions {
  profile: DetectorProfile;
  random: Random;
  /** Start of the simulation, ms. */
  now: number;
  /** Bursts come `timeScale` times as often and repeats `timeScale` times as close (for demos). Default 1. */
  timeScale?: number;
  /** Whether bursts happen by themselves; scripted scenarios turn this off. Default true. */
  spontaneous?: boolean;
}

export class DetectorSignal {
  private readonly profile: DetectorProfile;
  private readonly random: Random;
  private readonly timeScale: number;
  private readonly spontaneous: boolean;
  /** Detections of bursts already begun, by time. */
  private pending: Detection[] = [];
  private nextBurstAt: number;

  constructor(options: DetectorSignalOptions) {
    this.profile = options.profile;
    this.random = options.random;
    this.timeScale = options.timeScale ?? 1;
    this.spontaneous = options.spontaneous ?? true;
    this.nextBurstAt = this.sampleBurstAfter(options.now);
  }

  /** When the next detection is due (Infinity when none will come). */
  nextAt(): number {
    return Math.min(this.pending[0]?.at ?? Infinity, this.nextBurstAt);
  }

  /** The detections due at `now` or before, oldest first. */
  take(now: number): Detection[] {
    while (this.nextBurstAt <= now) {
      const burst = this.burstAt(this.nextBurstAt);
      // The next burst is drawn from the end of this one: a household does not start a second charge mid-charge.
      this.nextBurstAt = this.sampleBurstAfter(burst.at(-1)?.at ?? this.nextBurstAt);
    }
    const due = this.pending.filter((detection) => detection.at <= now);
    this.pending = this.pending.filter((detection) => detection.at > now);
    return due;
  }

  /** A scripted burst starting at `now`, with this first confidence and number of repeats. */
  trigger(now: number, confidence: number, repeats = 0): void {
    this.schedule(this.detections(now, confidence, repeats));
  }

  private burstAt(at: number): Detection[] {
    const { min, max } = this.profile.confidence;
    const detections = this.detections(at, uniform(this.random, min, max), this.profile.repeats(this.random));
    this.schedule(detections);
    return detections;
  }

  private detections(at: number, confidence: number, repeats: number): Detection[] {
    const { min, max } = this.profile.confidence;
    const gap = this.profile.repeatGapMs / this.timeScale;
    return Array.from({ length: repeats + 1 }, (_, repeat) => {
      // A scripted first confidence is kept as given; repeats wander around it within the profile's range.
      const value =
        repeat === 0
          ? confidence
          : Math.min(
              max,
              Math.max(min, confidence + uniform(this.random, -1, 1) * this.profile.repeatSpread),
            );
      return { at: at + repeat * gap, type: this.profile.type, confidence: round2(value), repeat };
    });
  }

  private schedule(detections: Detection[]): void {
    this.pending = [...this.pending, ...detections].sort((a, b) => a.at - b.at);
  }

  private sampleBurstAfter(from: number): number {
    return this.spontaneous
      ? nextEventAfter(from, this.profile.rates, this.timeScale, this.random)
      : Infinity;
  }
}

/**
 * Time of the next event after `from` of a Poisson process whose rate follows the hour of day (thinning:
 * draw at the peak rate, keep each candidate with probability rate / peak).
 */
export function nextEventAfter(from: number, rates: HourlyRates, timeScale: number, random: Random): number {
  const peakPerMs = (maxRate(rates) * timeScale) / HOUR_MS;
  if (peakPerMs <= 0) return Infinity;
  let t = from;
  for (;;) {
    t += exponential(random, peakPerMs);
    const perMs = (rateAt(rates, shanghaiHour(t)) * timeScale) / HOUR_MS;
    if (random() * peakPerMs < perMs) return t;
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
