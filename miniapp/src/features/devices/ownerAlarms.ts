import type { Alarm, AlarmSeverity, AlarmStatus, AlarmType } from '@jiefang/contracts';
import { t, type MessageKey } from '../../i18n';

/** The alarms a property owner follows now; cleared ones are history. */
export const currentStatuses: readonly AlarmStatus[] = ['active', 'acknowledged'];
export const historyStatuses: readonly AlarmStatus[] = ['cleared'];

const typeKeys = {
  indoor_charging: 'alarm.type.indoor_charging',
  smoke: 'alarm.type.smoke',
  offline: 'alarm.type.offline',
  noise_exceeded: 'alarm.type.noise_exceeded',
} as const satisfies Record<AlarmType, MessageKey>;

const typeIcons: Record<AlarmType, string> = {
  indoor_charging: '🔌',
  smoke: '🔥',
  offline: '📡',
  noise_exceeded: '🔊',
};

const statusKeys = {
  active: 'alarm.status.active',
  acknowledged: 'alarm.status.acknowledged',
  cleared: 'alarm.status.cleared',
} as const satisfies Record<AlarmStatus, MessageKey>;

const severityKeys = {
  minor: 'alarm.severity.minor',
  major: 'alarm.severity.major',
  critical: 'alarm.severity.critical',
} as const satisfies Record<AlarmSeverity, MessageKey>;

export function alarmTypeLabel(type: AlarmType): string {
  return t(typeKeys[type]);
}

export function alarmTypeIcon(type: AlarmType): string {
  return typeIcons[type];
}

/** 待确认 / 已确认 / 已解除. */
export function alarmStatusLabel(status: AlarmStatus): string {
  return t(statusKeys[status]);
}

export function severityLabel(severity: AlarmSeverity): string {
  return t(severityKeys[severity]);
}

/** Smoke (and anything the BFF marks critical) must stand out and offer a 119 call. */
export function isCritical(alarm: Pick<Alarm, 'type' | 'severity'>): boolean {
  return alarm.severity === 'critical' || alarm.type === 'smoke';
}

/** Only an unacknowledged alarm can be acknowledged (the BFF answers 409 otherwise). */
export function canAcknowledge(alarm: Pick<Alarm, 'status'>): boolean {
  return alarm.status === 'active';
}

/** `识别可信度 92%`'s number: the detector's confidence in [0, 1] as a whole percent. */
export function formatConfidence(confidence: number | null): string | undefined {
  if (confidence === null || !Number.isFinite(confidence)) return undefined;
  const share = Math.min(1, Math.max(0, confidence));
  return `${Math.round(share * 100)}%`;
}

const ms = (iso: string | null): number => {
  const value = iso === null ? NaN : Date.parse(iso);
  return Number.isFinite(value) ? value : 0;
};

const severityRank: Record<AlarmSeverity, number> = { critical: 0, major: 1, minor: 2 };

/**
 * Current alarms in the order an owner must act on them: critical first, then unacknowledged before
 * acknowledged, then the more serious, then the latest detection first.
 */
export function sortCurrentAlarms(items: readonly Alarm[]): Alarm[] {
  return [...items].sort((a, b) => {
    const critical = Number(isCritical(b)) - Number(isCritical(a));
    if (critical !== 0) return critical;
    const open = Number(b.status === 'active') - Number(a.status === 'active');
    if (open !== 0) return open;
    const severity = severityRank[a.severity] - severityRank[b.severity];
    if (severity !== 0) return severity;
    return ms(b.lastDetectedAt) - ms(a.lastDetectedAt);
  });
}

/** Cleared alarms, most recently cleared first. */
export function sortHistory(items: readonly Alarm[]): Alarm[] {
  return [...items].sort((a, b) => ms(b.clearedAt ?? b.lastDetectedAt) - ms(a.clearedAt ?? a.lastDetectedAt));
}

/** Adds a further page to a list, skipping alarms already shown (the list may have shifted meanwhile). */
export function appendPage(existing: readonly Alarm[], page: readonly Alarm[]): Alarm[] {
  const known = new Set(existing.map((alarm) => alarm.id));
  return [...existing, ...page.filter((alarm) => !known.has(alarm.id))];
}

/**
 * The lists after the BFF answered an action with the updated alarm: it replaces the old one in current;
 * one that came back cleared moves to the top of history instead.
 */
export function applyUpdate(
  lists: { current: readonly Alarm[]; history: readonly Alarm[] },
  updated: Alarm,
): { current: Alarm[]; history: Alarm[] } {
  const others = lists.current.filter((alarm) => alarm.id !== updated.id);
  if (updated.status === 'cleared') {
    return {
      current: others,
      history: sortHistory([updated, ...lists.history.filter((alarm) => alarm.id !== updated.id)]),
    };
  }
  const found = lists.current.some((alarm) => alarm.id === updated.id);
  return {
    current: sortCurrentAlarms(
      found
        ? lists.current.map((alarm) => (alarm.id === updated.id ? updated : alarm))
        : [...others, updated],
    ),
    history: [...lists.history],
  };
}

export interface CurrentSummary {
  critical: number;
  unacknowledged: number;
  charging: number;
}

export function summarizeCurrent(items: readonly Alarm[]): CurrentSummary {
  return {
    critical: items.filter((alarm) => isCritical(alarm) && alarm.status !== 'cleared').length,
    unacknowledged: items.filter((alarm) => alarm.status === 'active').length,
    charging: items.filter((alarm) => alarm.type === 'indoor_charging' && alarm.status !== 'cleared').length,
  };
}

/** The 119 number dialled from a critical alarm. */
export const FIRE_NUMBER = '119';
