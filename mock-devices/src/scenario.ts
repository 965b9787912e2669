/**
 * What each scenario makes each type of device do, and the factory that gives every simulated device its
 * behaviour accordingly.
 */
import type { BehaviourFactory } from './behaviour';
import type { Clock } from './clock';
import { detectorBehaviour } from './detectorBehaviour';
import { chargingProfile, smokeProfile } from './detectorProfiles';
import { DetectorSignal } from './detectorSignal';
import type { Logger } from './logger';
import { noiseMeterBehaviour } from './noiseMeterBehaviour';
import { defaultCompliance, NoiseSignal } from './noiseSignal';
import type { Random } from './random';

export const scenarios = ['normal', 'quiet', 'noise-episode', 'charging', 'smoke'] as const;
export type Scenario = (typeof scenarios)[number];

export const scenarioDescriptions: Record<Scenario, string> = {
  normal: 'day/night background; random loud episodes and detections',
  quiet: 'background noise only; detectors stay silent',
  'noise-episode': 'noise meters loud (~74 dB(A)) from the start until warned',
  charging: 'each charging detector reports once at connect (confidence 0.9)',
  smoke: 'each smoke detector alarms once at connect (confidence 0.95)',
};

export interface SignalSettings {
  scenario: Scenario;
  /** Noise meters' telemetry interval, ms. */
  intervalMs: number;
  /** Episodes and detections come this many times as often and last 1/timeScale as long. */
  timeScale: number;
  /** Probability that a played warning (after the ignored ones) ends a noise episode. */
  compliance: number;
  /** Warnings every noise episode ignores before compliance is considered. */
  ignoreWarnings: number;
}

export const defaultSignalSettings: SignalSettings = {
  scenario: 'normal',
  intervalMs: 1_000,
  timeScale: 1,
  compliance: defaultCompliance,
  ignoreWarnings: 0,
};

/**
 * `noise-episode` ignores the first warning unless told otherwise, so a demo shows the whole escalation:
 * automatic warning, still loud, then a ticket or a second warning.
 */
export function defaultIgnoreWarnings(scenario: Scenario): number {
  return scenario === 'noise-episode' ? 1 : 0;
}

/** Loud enough to break every zone's day limit (70 dB(A) at most, GB 3096-2008). */
export const scriptedEpisodeLevel = 74;
export const scriptedChargingConfidence = 0.9;
export const scriptedSmokeConfidence = 0.95;

export interface BehaviourDeps {
  clock: Clock;
  logger: Logger;
  random: Random;
}

export function createBehaviourFactory(settings: SignalSettings, deps: BehaviourDeps): BehaviourFactory {
  const { clock, logger, random } = deps;
  const { scenario, timeScale } = settings;
  const spontaneous = scenario === 'normal';
  return (device) => {
    switch (device.type) {
      case 'noise_meter':
        return noiseMeterBehaviour(device, {
          clock,
          logger,
          intervalMs: settings.intervalMs,
          signal: new NoiseSignal({
            random,
            intervalMs: settings.intervalMs,
            timeScale,
            spontaneous,
            compliance: settings.compliance,
            ignoreWarnings: settings.ignoreWarnings,
          }),
          ...(scenario === 'noise-episode'
            ? { scriptedEpisode: { kind: 'square_dance', level: scriptedEpisodeLevel } }
            : {}),
        });
      case 'charging_detector':
        if (!spontaneous && scenario !== 'charging') return undefined;
        return detectorBehaviour(device, {
          clock,
          logger,
          signal: new DetectorSignal({
            profile: chargingProfile,
            random,
            now: clock.now(),
            timeScale,
            spontaneous,
          }),
          ...(scenario === 'charging' ? { scriptedConfidence: scriptedChargingConfidence } : {}),
        });
      case 'smoke_detector':
        if (!spontaneous && scenario !== 'smoke') return undefined;
        return detectorBehaviour(device, {
          clock,
          logger,
          signal: new DetectorSignal({
            profile: smokeProfile,
            random,
            now: clock.now(),
            timeScale,
            spontaneous,
          }),
          ...(scenario === 'smoke' ? { scriptedConfidence: scriptedSmokeConfidence } : {}),
        });
    }
  };
}
