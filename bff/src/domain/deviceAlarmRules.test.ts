import {
  alarmForDetectorEvent,
  alarmSeverityOf,
  deviceAlarmPolicy,
  pendingChargingEscalation,
  silentDevices,
} from './deviceAlarmRules';

describe('alarmForDetectorEvent', () => {
  it('opens indoor charging only at or above the configured confidence', () => {
    expect(alarmForDetectorEvent({ type: 'charging_detected', confidence: 0.79 }, 0.8)).toBeNull();
    expect(alarmForDetectorEvent({ type: 'charging_detected', confidence: 0.8 }, 0.8)).toBe(
      'indoor_charging',
    );
    expect(alarmForDetectorEvent({ type: 'charging_detected', confidence: 0.6 }, 0.5)).toBe(
      'indoor_charging',
    );
  });

  it('treats a low-confidence smoke reading as a fault, not a fire', () => {
    expect(alarmForDetectorEvent({ type: 'smoke_detected', confidence: 0.49 }, 0.8)).toBeNull();
    expect(alarmForDetectorEvent({ type: 'smoke_detected', confidence: 0.5 }, 0.99)).toBe('smoke');
    expect(alarmSeverityOf.smoke).toBe('critical');
  });
});

describe('silentDevices', () => {
  const now = Date.UTC(2026, 10, 23, 12);
  it('uses each type’s own silence limit', () => {
    const limits = deviceAlarmPolicy.silentAfterMs;
    expect(
      silentDevices(
        [
          { deviceId: 'meter-late', type: 'noise_meter', at: now - limits.noise_meter },
          { deviceId: 'meter-fine', type: 'noise_meter', at: now - limits.noise_meter + 1 },
          { deviceId: 'detector-fine', type: 'charging_detector', at: now - limits.noise_meter * 2 },
          { deviceId: 'smoke-late', type: 'smoke_detector', at: now - limits.smoke_detector - 1 },
        ],
        now,
      ),
    ).toEqual(['meter-late', 'smoke-late']);
  });
});

describe('pendingChargingEscalation', () => {
  const openedAt = new Date('2026-11-23T20:00:00+08:00');
  const active = { type: 'indoor_charging' as const, status: 'active', ticketId: null, openedAt };

  it('is due at the stored time, or 10 minutes (scaled) after opening for older alarms', () => {
    const stored = new Date(openedAt.getTime() + 123_000);
    expect(pendingChargingEscalation({ ...active, escalateAt: stored })).toEqual(stored);
    expect(pendingChargingEscalation(active)?.getTime()).toBe(openedAt.getTime() + 10 * 60_000);
    expect(pendingChargingEscalation(active, 0.01)?.getTime()).toBe(openedAt.getTime() + 6_000);
  });

  it('is not pending once acknowledged, escalated to a ticket, or for other alarm types', () => {
    expect(pendingChargingEscalation({ ...active, status: 'acknowledged' })).toBeNull();
    expect(pendingChargingEscalation({ ...active, ticketId: 't-1' })).toBeNull();
    expect(pendingChargingEscalation({ ...active, type: 'smoke' })).toBeNull();
  });
});
