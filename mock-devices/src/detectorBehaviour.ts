/** A household detector's plumbing: sleeps until its DetectorSignal has a detection due, then reports it. */
import type { DeviceBehaviour, DeviceUplink } from './behaviour';
import type { Clock } from './clock';
import type { DetectorSignal } from './detectorSignal';
import type { Logger } from './logger';
import { HOUR_MS } from './time';

export interface DetectorBehaviourOptions {
  clock: Clock;
  logger: Logger;
  signal: DetectorSignal;
  /** Scripted: one detection with this confidence at the first connect. */
  scriptedConfidence?: number;
}

/**
 * Node's timers overflow past ~24.8 days and a smoke detector may sleep longer, so long waits are taken in
 * steps and re-checked.
 */
const MAX_SLEEP_MS = HOUR_MS;

export function detectorBehaviour(device: DeviceUplink, options: DetectorBehaviourOptions): DeviceBehaviour {
  const { clock, logger, signal } = options;
  let cancel: (() => void) | undefined;
  let started = false;
  let stopped = false;

  const arm = (): void => {
    if (stopped) return;
    const wait = signal.nextAt() - clock.now();
    if (wait === Infinity) return;
    cancel = clock.setTimeout(fire, Math.min(Math.max(0, wait), MAX_SLEEP_MS));
  };

  const fire = (): void => {
    cancel = undefined;
    for (const detection of signal.take(clock.now())) {
      const repeat = detection.repeat > 0 ? `, repeat ${detection.repeat}` : '';
      logger.info(`${device.id} → ${detection.type} (confidence ${detection.confidence}${repeat})`);
      // Sent even while offline: the MQTT client keeps QoS 1 messages and delivers them after the reconnect,
      // as a real detector stores an alarm until it can report it.
      void device.sendEvent({ type: detection.type, confidence: detection.confidence });
    }
    arm();
  };

  return {
    start() {
      if (started || stopped) return;
      started = true;
      if (options.scriptedConfidence !== undefined) signal.trigger(clock.now(), options.scriptedConfidence);
      fire();
    },
    stop() {
      stopped = true;
      cancel?.();
      cancel = undefined;
    },
    onCommand: () => undefined,
  };
}
