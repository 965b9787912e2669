import {
  alarmStatuses,
  alarmTypes,
  type Alarm,
  type AlarmList,
  type AlarmSeverity,
  type AlarmStatus,
  type AlarmType,
} from '@jiefang/contracts';

/** The console's filters, as sent to `GET /api/alarms`. `street` is a street id or name. */
export interface AlarmFilters {
  type?: AlarmType;
  /** Statuses to show, in contract order; absent means every status. */
  status?: readonly AlarmStatus[];
  street?: string;
  deviceId?: string;
}

/** What the console shows when the URL names no status: the alarms someone still has to handle. */
export const openAlarmStatuses: readonly AlarmStatus[] = ['active', 'acknowledged'];

const isAlarmType = (value: string | null): value is AlarmType =>
  value !== null && (alarmTypes as readonly string[]).includes(value);

/** Statuses in contract order without duplicates or unknown values. */
export function normaliseStatuses(values: readonly string[]): AlarmStatus[] {
  return alarmStatuses.filter((status) => values.includes(status));
}

/**
 * The filters in the console's URL: `type`, `street`, and `status` as a comma list, `all` for every status;
 * no (or no valid) `status` means the open ones.
 */
export function parseAlarmFilters(params: URLSearchParams): AlarmFilters {
  const filters: AlarmFilters = {};
  const type = params.get('type');
  if (isAlarmType(type)) filters.type = type;
  const street = params.get('street');
  if (street) filters.street = street;
  const status = params.get('status');
  if (status !== 'all') {
    const statuses = normaliseStatuses((status ?? '').split(','));
    filters.status = statuses.length > 0 ? statuses : openAlarmStatuses;
  }
  return filters;
}

/** The `status` URL value for a choice of statuses: none chosen, or all three, is `all`. */
export function statusParam(statuses: readonly string[]): string {
  const normalised = normaliseStatuses(statuses);
  if (normalised.length === 0 || normalised.length === alarmStatuses.length) return 'all';
  return normalised.join(',');
}

/** The query string of `GET /api/alarms` for these filters. */
export function alarmQuery(filters: AlarmFilters, limit: number): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (filters.deviceId) query.set('deviceId', filters.deviceId);
  if (filters.type) query.set('type', filters.type);
  if (filters.status && filters.status.length > 0) query.set('status', filters.status.join(','));
  if (filters.street) query.set('street', filters.street);
  return query.toString();
}

export function matchesAlarmFilters(alarm: Alarm, filters: AlarmFilters): boolean {
  if (filters.type && alarm.type !== filters.type) return false;
  if (filters.status && filters.status.length > 0 && !filters.status.includes(alarm.status)) return false;
  if (filters.street && alarm.streetId !== filters.street && alarm.streetName !== filters.street)
    return false;
  if (filters.deviceId && alarm.deviceId !== filters.deviceId) return false;
  return true;
}

const statusRank: Record<AlarmStatus, number> = { active: 0, acknowledged: 1, cleared: 2 };
const severityRank: Record<AlarmSeverity, number> = { critical: 0, major: 1, minor: 2 };

/** How far an alarm has got: every change moves at least one of these forward and none back. */
function progress(alarm: Alarm): number[] {
  return [
    statusRank[alarm.status],
    alarm.timeline.length,
    alarm.warnings.length,
    alarm.warnings.filter((warning) => warning.ackAt !== null || warning.ok !== null).length,
    alarm.count,
    Date.parse(alarm.lastDetectedAt) || 0,
  ];
}

/**
 * Whether `incoming` should replace `current`. Alarms carry no version, but a lifecycle only moves
 * forward (status, timeline, warnings and their answers, detections), so an older copy never wins.
 */
export function isAlarmNewer(current: Alarm | undefined, incoming: Alarm): boolean {
  if (!current) return true;
  const a = progress(current);
  const b = progress(incoming);
  for (let i = 0; i < a.length; i += 1) {
    if (b[i]! !== a[i]!) return b[i]! > a[i]!;
  }
  return true;
}

const byOpenedAtDesc = (a: Alarm, b: Alarm) => Date.parse(b.openedAt) - Date.parse(a.openedAt);

/**
 * A list page with one changed alarm merged in: replaced where it was, added (newest first) when it now
 * matches the filters, removed when it no longer does (e.g. cleared while only open ones are shown).
 * A stale copy changes nothing; the same object comes back when nothing changed.
 */
export function mergeAlarmIntoList(list: AlarmList, alarm: Alarm, filters: AlarmFilters): AlarmList {
  const index = list.items.findIndex((item) => item.id === alarm.id);
  const current = index === -1 ? undefined : list.items[index];
  if (current && !isAlarmNewer(current, alarm)) return list;
  const matches = matchesAlarmFilters(alarm, filters);
  if (current) {
    if (!matches) {
      return { items: list.items.filter((item) => item.id !== alarm.id), total: Math.max(0, list.total - 1) };
    }
    if (current === alarm) return list;
    const items = list.items.slice();
    items[index] = alarm;
    return { items, total: list.total };
  }
  if (!matches) return list;
  return { items: [...list.items, alarm].sort(byOpenedAtDesc), total: list.total + 1 };
}

/** The console's order: unhandled first, then the most severe, then the most recently detected. */
export function consoleOrder(a: Alarm, b: Alarm): number {
  return (
    statusRank[a.status] - statusRank[b.status] ||
    severityRank[a.severity] - severityRank[b.severity] ||
    Date.parse(b.lastDetectedAt) - Date.parse(a.lastDetectedAt)
  );
}

/** The most severe of some alarms, or null for none. */
export function worstSeverity(alarms: readonly Pick<Alarm, 'severity'>[]): AlarmSeverity | null {
  let worst: AlarmSeverity | null = null;
  for (const alarm of alarms) {
    if (!worst || severityRank[alarm.severity] < severityRank[worst]) worst = alarm.severity;
  }
  return worst;
}

export const canAcknowledge = (alarm: Pick<Alarm, 'status'>) => alarm.status === 'active';
export const canClear = (alarm: Pick<Alarm, 'status'>) => alarm.status !== 'cleared';
/** Remote warnings (远程喊话) go to a noise meter's speaker while its alarm is open. */
export const canSendWarning = (alarm: Pick<Alarm, 'status' | 'deviceType'>) =>
  alarm.deviceType === 'noise_meter' && alarm.status !== 'cleared';
