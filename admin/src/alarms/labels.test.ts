import { alarmSeverities, alarmTimelineActions, alarmTypes, deviceTypes } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import {
  alarmActionLabel,
  alarmActorLabel,
  alarmStatusLabel,
  alarmTimelineColor,
  alarmTypeLabel,
  deviceTypeLabel,
  formatDb,
  severityHex,
  severityLabel,
  severityTagColors,
  warningState,
  zoneClassLabel,
} from './labels';

describe('alarm labels', () => {
  it('names the four alarm types as enforcement staff know them', () => {
    expect(alarmTypes.map(alarmTypeLabel)).toEqual(['噪声超标', '室内充电', '烟感报警', '设备离线']);
  });

  it('names statuses, severities, device types and zone classes', () => {
    expect(alarmStatusLabel('active')).toBe('未处理');
    expect(alarmStatusLabel('acknowledged')).toBe('已确认');
    expect(alarmStatusLabel('cleared')).toBe('已解除');
    expect(alarmSeverities.map(severityLabel)).toEqual(['一般', '重要', '严重']);
    expect(deviceTypes.map(deviceTypeLabel)).toEqual(['噪声监测仪', '充电探测器', '烟感探测器']);
    expect(zoneClassLabel('4a')).toContain('道路');
  });

  it('colours severity critical red, major orange, minor blue', () => {
    expect(severityTagColors).toEqual({ critical: 'red', major: 'orange', minor: 'blue' });
    expect(new Set(Object.values(severityHex)).size).toBe(3);
  });

  it('labels every timeline action of the contract and shows an unknown one as sent', () => {
    for (const action of alarmTimelineActions) {
      const label = alarmActionLabel(action);
      expect(label).not.toBe(action);
      expect(label).not.toMatch(/^alarmTimeline\./);
    }
    expect(alarmActionLabel('rebooted')).toBe('rebooted');
    expect(alarmTimelineColor('opened')).toBe('red');
    expect(alarmTimelineColor('auto_cleared')).toBe('green');
    expect(alarmTimelineColor('rebooted')).toBe('blue');
  });

  it('names the actor or says 系统', () => {
    expect(alarmActorLabel({ actor: null })).toBe('系统');
    expect(alarmActorLabel({ actor: { id: 'u1', name: '李队长' } })).toBe('李队长');
  });

  it('reads a remote warning’s answer', () => {
    expect(warningState({ ackAt: null, ok: null })).toBe('pending');
    expect(warningState({ ackAt: '2030-01-01T12:00:05.000Z', ok: true })).toBe('played');
    expect(warningState({ ackAt: '2030-01-01T12:00:05.000Z', ok: false })).toBe('failed');
    expect(warningState({ ackAt: '2030-01-01T12:00:05.000Z', ok: null })).toBe('played');
  });

  it('formats decibels with one decimal', () => {
    expect(formatDb(68.24)).toBe('68.2 dB(A)');
    expect(formatDb(55)).toBe('55.0 dB(A)');
  });
});
