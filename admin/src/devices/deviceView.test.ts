import { describe, expect, it } from 'vitest';
import { makeAlarm, makeChargingAlarm, makeDevice } from '../test/alarms';
import { alarmsByDevice, deviceMapState, devicePlace, readingView, warningAvailability } from './deviceView';

describe('readingView', () => {
  it('shows a noise level against its limit and flags it when over', () => {
    const view = readingView(makeDevice());
    expect(view).toEqual({ text: '62.3 dB(A) · 限值 55', over: true, at: '2030-01-01T12:00:00.000Z' });
    const quiet = readingView(makeDevice({ lastReading: { leq: 48, limitDb: 55 } }));
    expect(quiet).toEqual({ text: '48.0 dB(A) · 限值 55', over: false, at: null });
    expect(readingView(makeDevice({ lastReading: { levelDb: 50 } })).text).toBe('50.0 dB(A)');
  });

  it('reads the BFF’s latest reading: time in ms, the period’s limit, a detector’s detection', () => {
    const at = Date.parse('2030-01-01T14:00:00.000Z');
    const night = readingView(
      makeDevice({ lastReading: { at, leq: 49.8, levelDb: 47.2, limitDb: 45, period: 'night' } }),
    );
    expect(night).toEqual({ text: '47.2 dB(A) · 夜间限值 45', over: true, at: '2030-01-01T14:00:00.000Z' });
    const charging = makeDevice({
      type: 'charging_detector',
      lastReading: { at, event: 'charging_detected', confidence: 0.91 },
    });
    expect(readingView(charging).text).toBe('检测到室内充电 · 置信度 91%');
    const smoke = makeDevice({ type: 'smoke_detector', lastReading: { at, event: 'smoke_detected' } });
    expect(readingView(smoke).text).toBe('检测到烟雾');
  });

  it('shows other readings as they come, and nothing before the first', () => {
    expect(readingView(makeDevice({ lastReading: null }))).toEqual({ text: null, over: false, at: null });
    const detector = makeDevice({
      type: 'charging_detector',
      lastReading: { charging: true, confidence: 0.934, nested: { a: 1 }, at: '2030-01-01T12:00:00.000Z' },
    });
    expect(readingView(detector).text).toBe('charging: true · confidence: 0.93');
  });
});

describe('deviceMapState', () => {
  const device = makeDevice();

  it('shows the worst open alarm first', () => {
    const major = makeAlarm();
    const critical = makeAlarm({ id: 'A-9', type: 'offline', severity: 'critical', noise: null });
    const state = deviceMapState(device, [major, critical]);
    expect(state.tone).toBe('alarm');
    expect(state.severity).toBe('critical');
    expect(state.alarms).toHaveLength(2);
  });

  it('ignores cleared alarms and other devices’ alarms, then shows online, offline or disabled', () => {
    const clearedAlarm = makeAlarm({ status: 'cleared', clearedAt: '2030-01-01T13:00:00.000Z' });
    const elsewhere = makeChargingAlarm();
    expect(deviceMapState(device, [clearedAlarm, elsewhere]).tone).toBe('online');
    expect(deviceMapState({ ...device, online: false }, []).tone).toBe('offline');
    expect(deviceMapState({ ...device, disabled: true }, []).tone).toBe('disabled');
    // An offline alarm on a disabled device still shows: it is open until someone clears it.
    expect(deviceMapState({ ...device, disabled: true }, [makeAlarm()]).tone).toBe('alarm');
  });

  it('groups open alarms by device', () => {
    const grouped = alarmsByDevice([
      makeAlarm(),
      makeAlarm({ id: 'A-3' }),
      makeChargingAlarm(),
      makeChargingAlarm({ id: 'A-4', status: 'cleared' }),
    ]);
    expect([...grouped.keys()]).toEqual(['noise-qingzhu-01', 'charge-hz-1203']);
    expect(grouped.get('noise-qingzhu-01')).toHaveLength(2);
    expect(grouped.get('charge-hz-1203')).toHaveLength(1);
  });

  it('names the place from site, building and household', () => {
    expect(devicePlace({ site: '庆祝广场', building: null, householdId: null })).toBe('庆祝广场');
    expect(devicePlace({ site: null, building: '12 栋', householdId: 'HZ-12-1203' })).toBe(
      '12 栋 · HZ-12-1203',
    );
    expect(devicePlace({ site: '', building: null, householdId: null })).toBeNull();
  });
});

describe('warningAvailability', () => {
  const time = (iso: string) => iso.slice(11, 16);
  const noise = makeAlarm();

  it('offers 远程喊话 on an online noise meter', () => {
    expect(warningAvailability(noise, makeDevice({ online: true }), time)).toEqual({
      offered: true,
      disabledReason: null,
    });
  });

  it('disables it for an offline or disabled meter, saying why', () => {
    const offline = makeDevice({ online: false, lastSeenAt: '2030-01-01T11:21:00.000Z' });
    expect(warningAvailability(noise, offline, time)).toEqual({
      offered: true,
      disabledReason: '设备离线（最后在线 11:21），无法远程喊话',
    });
    expect(
      warningAvailability(noise, makeDevice({ online: false, lastSeenAt: null }), time).disabledReason,
    ).toBe('设备离线，无法远程喊话');
    expect(
      warningAvailability(noise, makeDevice({ online: true, disabled: true }), time).disabledReason,
    ).toBe('设备已停用，无法远程喊话');
  });

  it('does not offer it where no device could speak: detectors and cleared alarms', () => {
    expect(warningAvailability(makeChargingAlarm(), makeDevice({ online: true }), time).offered).toBe(false);
    expect(
      warningAvailability(makeAlarm({ status: 'cleared' }), makeDevice({ online: true }), time).offered,
    ).toBe(false);
  });

  it('leaves it on while presence is unknown: the BFF refuses an offline device itself', () => {
    expect(warningAvailability(noise, undefined, time)).toEqual({ offered: true, disabledReason: null });
  });
});
