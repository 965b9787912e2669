import {
  alarmTimelineActions,
  type AlarmSeverity,
  type AlarmStatus,
  type AlarmTimelineEntry,
  type AlarmType,
  type DeviceType,
  type NoiseZoneClass,
  type RemoteWarning,
} from '@jiefang/contracts';
import { t, type MessageKey } from '../i18n';

/** 噪声超标 / 室内充电 / 烟感报警 / 设备离线 */
export function alarmTypeLabel(type: AlarmType): string {
  return t(`alarmType.${type}`);
}

export function alarmStatusLabel(status: AlarmStatus): string {
  return t(`alarmStatus.${status}`);
}

export function severityLabel(severity: AlarmSeverity): string {
  return t(`alarmSeverity.${severity}`);
}

export function deviceTypeLabel(type: DeviceType): string {
  return t(`deviceType.${type}`);
}

export function zoneClassLabel(zoneClass: NoiseZoneClass): string {
  return t(`zoneClass.${zoneClass}`);
}

export function periodLabel(period: 'day' | 'night'): string {
  return t(period === 'day' ? 'alarm.periodDay' : 'alarm.periodNight');
}

/** Severity as antd tag colours: critical red, major orange, minor blue. */
export const severityTagColors: Record<AlarmSeverity, string> = {
  critical: 'red',
  major: 'orange',
  minor: 'blue',
};

/** The same three colours for drawings (map dots, chart marks). */
export const severityHex: Record<AlarmSeverity, string> = {
  critical: '#cf1322',
  major: '#d46b08',
  minor: '#1677ff',
};

export const alarmStatusColors: Record<AlarmStatus, string> = {
  active: 'volcano',
  acknowledged: 'gold',
  cleared: 'green',
};

const isKnownAction = (action: string): action is (typeof alarmTimelineActions)[number] =>
  (alarmTimelineActions as readonly string[]).includes(action);

/** An alarm's timeline step in Chinese; an action this build does not know is shown as sent. */
export function alarmActionLabel(action: string): string {
  return isKnownAction(action) ? t(`alarmTimeline.${action}` as MessageKey) : action;
}

/** Who did it: the named person, or 系统 for automatic steps. */
export function alarmActorLabel(entry: Pick<AlarmTimelineEntry, 'actor'>): string {
  return entry.actor?.name || t('timeline.actor.system');
}

export function alarmTimelineColor(action: string): string {
  switch (action) {
    case 'opened':
    case 'escalated':
    case 'warning_failed':
      return 'red';
    case 'repeated':
    case 'ticket_opened':
    case 'owners_notified':
    case 'staff_notified':
      return 'orange';
    case 'warning_acked':
    case 'cleared':
    case 'auto_cleared':
      return 'green';
    default:
      return 'blue';
  }
}

/** pending: sent, no answer yet; played: the device confirmed; failed: the device could not play it. */
export type WarningState = 'pending' | 'played' | 'failed';

export function warningState(warning: Pick<RemoteWarning, 'ackAt' | 'ok'>): WarningState {
  if (warning.ok === true) return 'played';
  if (warning.ok === false) return 'failed';
  return warning.ackAt ? 'played' : 'pending';
}

export const warningStateView: Record<WarningState, { color: string; key: MessageKey }> = {
  pending: { color: 'processing', key: 'alarm.warningPending' },
  played: { color: 'success', key: 'alarm.warningPlayed' },
  failed: { color: 'error', key: 'alarm.warningFailed' },
};

/** "68.2 dB(A)", one decimal. */
export function formatDb(value: number): string {
  return t('alarm.db', { value: value.toFixed(1) });
}
