import type { AlarmSeverity, AlarmType, DeviceEvent, DeviceType } from '@jiefang/contracts';

export const deviceAlarmPolicy = {
  /** Smoke detectors report their own certainty; below this it is treated as a fault, not a fire. */
  smokeConfidence: 0.5,
  /** An indoor-charging alarm nobody acknowledged this long goes to the grid worker and the squad. */
  chargingEscalateAfterMs: 10 * 60_000,
  /** Silent this long (no message of any kind) → offline, per type: meters report every second. */
  silentAfterMs: { noise_meter: 2 * 60_000, charging_detector: 15 * 60_000, smoke_detector: 15 * 60_000 },
} as const;

export const alarmSeverityOf: Record<AlarmType, AlarmSeverity> = {
  noise_exceeded: 'major',
  indoor_charging: 'major',
  smoke: 'critical',
  offline: 'minor',
};

/** The alarm a detector event opens (or repeats), or null when it does not reach the threshold. */
export function alarmForDetectorEvent(
  event: Pick<DeviceEvent, 'type' | 'confidence'>,
  chargingThreshold: number,
): Extract<AlarmType, 'indoor_charging' | 'smoke'> | null {
  if (event.type === 'charging_detected')
    return event.confidence >= chargingThreshold ? 'indoor_charging' : null;
  return event.confidence >= deviceAlarmPolicy.smokeConfidence ? 'smoke' : null;
}

/** Devices last heard from before their type's silence limit, as of `now` (arrival time). */
export function silentDevices(
  lastHeard: ReadonlyArray<{ deviceId: string; type: DeviceType; at: number }>,
  now: number,
): string[] {
  return lastHeard
    .filter((device) => now - device.at >= deviceAlarmPolicy.silentAfterMs[device.type])
    .map((device) => device.deviceId);
}

/** What of an alarm decides whether its "nobody acknowledged" escalation is still to come. */
export interface ChargingEscalationState {
  type: AlarmType;
  status: string;
  ticketId: string | null;
  openedAt: Date;
  /** Stored when the alarm's reactions ran; alarms from before that field fall back to openedAt. */
  escalateAt?: Date | null;
}

/**
 * When an indoor-charging alarm nobody acknowledged goes to the grid worker and the squad, or null
 * when that is no longer pending (acknowledged, cleared, or its ticket is open already).
 */
export function pendingChargingEscalation(alarm: ChargingEscalationState, timeScale = 1): Date | null {
  if (alarm.type !== 'indoor_charging' || alarm.status !== 'active' || alarm.ticketId) return null;
  return (
    alarm.escalateAt ??
    new Date(alarm.openedAt.getTime() + deviceAlarmPolicy.chargingEscalateAfterMs * timeScale)
  );
}
