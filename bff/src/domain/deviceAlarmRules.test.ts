import { alarmForDetectorEvent, alarmSeverityOf, deviceAlarmPolicy, silentDevices } from './deviceAlarmRules';

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
