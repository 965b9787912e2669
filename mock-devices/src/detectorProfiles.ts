/**
 * How often household detectors fire and what they report. A detection comes in bursts: the first report, then
 * sometimes repeats while the condition lasts (a battery still charging, smoke still there).
 */
import type { DeviceEventType } from '@jiefang/contracts';
import type { HourlyRates } from './dailyProfile';
import { chance, uniformInt, type Random } from './random';
import { SECOND_MS } from './time';

export interface DetectorProfile {
  type: DeviceEventType;
  /** For log lines. */
  label: string;
  /** Bursts per hour by local hour. */
  rates: HourlyRates;
  /** Range of a burst's first confidence. */
  confidence: { min: number; max: number };
  /** How many further detections follow the first while the condition lasts. */
  repeats(random: Random): number;
  /** Simulated time between two detections of a burst, ms. */
  repeatGapMs: number;
  /** A repeat's confidence varies this much (±) around the first's. */
  repeatSpread: number;
}

/**
 * 电动车入户充电: about three chargings a day per household (rates sum to ~3.0), mostly after work when the
 * e-bike comes home, some at lunch, few at night. Half the time the detector reports once; otherwise it
 * reports again every minute for a few minutes while the charger keeps drawing current.
 */
export const chargingProfile: DetectorProfile = {
  type: 'charging_detected',
  label: '电动车充电 indoor e-bike charging',
  rates: [
    [0, 0.04],
    [6, 0.08],
    [12, 0.15],
    [14, 0.08],
    [18, 0.3],
    [23, 0.15],
  ],
  confidence: { min: 0.6, max: 0.99 },
  repeats: (random) => (chance(random, 0.5) ? 0 : uniformInt(random, 1, 5)),
  repeatGapMs: 60 * SECOND_MS,
  repeatSpread: 0.03,
};

/** Base smoke rate: one alarm per detector in 30 days, twice as likely in the 5 cooking hours (29 weight-hours). */
const SMOKE_PER_HOUR = 1 / (30 * 29);

/** 烟感: rare, confident, and repeated while the smoke lingers. */
export const smokeProfile: DetectorProfile = {
  type: 'smoke_detected',
  label: '烟雾 smoke',
  rates: [
    [0, SMOKE_PER_HOUR],
    [11, 2 * SMOKE_PER_HOUR],
    [13, SMOKE_PER_HOUR],
    [17, 2 * SMOKE_PER_HOUR],
    [20, SMOKE_PER_HOUR],
  ],
  confidence: { min: 0.85, max: 0.99 },
  repeats: (random) => uniformInt(random, 0, 2),
  repeatGapMs: 30 * SECOND_MS,
  repeatSpread: 0.02,
};
