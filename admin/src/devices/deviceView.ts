import { type Alarm, type AlarmSeverity, type Device } from '@jiefang/contracts';
import { canSendWarning, worstSeverity } from '../alarms/alarmCache';
import { formatDb, periodLabel } from '../alarms/labels';
import { t, type MessageKey } from '../i18n';

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

export interface ReadingView {
  /** The reading in words, e.g. "62.3 dB(A) · 限值 55"; null when the device has sent nothing yet. */
  text: string | null;
  /** A noise level above its limit. */
  over: boolean;
  /** When it was taken, if the reading says. */
  at: string | null;
}

/** `at` as the BFF keeps it (ms since the epoch) or as an ISO string; null when absent or unreadable. */
function readingTime(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  if (typeof value === 'string' && Number.isFinite(Date.parse(value))) return value;
  return null;
}

const detectionKeys: Record<string, MessageKey> = {
  charging_detected: 'device.readingCharging',
  smoke_detected: 'device.readingSmoke',
};

/**
 * A device's last reading for the list. Noise meters send `{ at, leq, levelDb, limitDb, period }`
 * (levelDb the 1-minute equivalent level, leq the latest instant one); detectors `{ at, event, confidence }`.
 * Anything else is shown as `key: value` pairs, so nothing new is hidden.
 */
export function readingView(device: Pick<Device, 'type' | 'lastReading'>): ReadingView {
  const reading = device.lastReading;
  if (!reading) return { text: null, over: false, at: null };
  const at = readingTime(reading.at);
  const level = num(reading.levelDb) ?? num(reading.leq);
  if (device.type === 'noise_meter' && level !== undefined) {
    const limit = num(reading.limitDb);
    const period = reading.period === 'day' || reading.period === 'night' ? reading.period : null;
    const text =
      limit === undefined
        ? formatDb(level)
        : t(period ? 'device.readingWithPeriodLimit' : 'device.readingWithLimit', {
            level: formatDb(level),
            limit,
            period: period ? periodLabel(period) : '',
          });
    return { text, over: limit !== undefined && level > limit, at };
  }
  if (typeof reading.event === 'string') {
    const key = detectionKeys[reading.event];
    const confidence = num(reading.confidence);
    const what = key ? t(key) : reading.event;
    const text =
      confidence === undefined
        ? what
        : t('device.readingDetection', { what, percent: Math.round(confidence * 100) });
    return { text, over: false, at };
  }
  const parts = Object.entries(reading)
    .filter(([key, value]) => key !== 'at' && ['string', 'number', 'boolean'].includes(typeof value))
    .slice(0, 4)
    .map(
      ([key, value]) =>
        `${key}: ${typeof value === 'number' ? String(Math.round(value * 100) / 100) : String(value)}`,
    );
  return { text: parts.length > 0 ? parts.join(' · ') : null, over: false, at };
}

/** How a device shows on the map: its worst open alarm first, then whether it is connected. */
export type DeviceTone = 'alarm' | 'online' | 'offline' | 'disabled';

export interface DeviceMapState {
  tone: DeviceTone;
  /** The worst open alarm's severity when `tone` is alarm. */
  severity: AlarmSeverity | null;
  /** The device's open alarms, worst first as the console orders them. */
  alarms: Alarm[];
}

export function deviceMapState(
  device: Pick<Device, 'id' | 'online' | 'disabled'>,
  alarms: readonly Alarm[],
): DeviceMapState {
  const open = alarms.filter((alarm) => alarm.deviceId === device.id && alarm.status !== 'cleared');
  const severity = worstSeverity(open);
  if (severity) return { tone: 'alarm', severity, alarms: open };
  if (device.disabled) return { tone: 'disabled', severity: null, alarms: [] };
  return { tone: device.online ? 'online' : 'offline', severity: null, alarms: [] };
}

/** Open alarms grouped by device id. */
export function alarmsByDevice(alarms: readonly Alarm[]): Map<string, Alarm[]> {
  const map = new Map<string, Alarm[]>();
  for (const alarm of alarms) {
    if (alarm.status === 'cleared') continue;
    const list = map.get(alarm.deviceId);
    if (list) list.push(alarm);
    else map.set(alarm.deviceId, [alarm]);
  }
  return map;
}

export const toneColors: Record<Exclude<DeviceTone, 'alarm'>, string> = {
  online: '#389e0d',
  offline: '#8c8c8c',
  disabled: '#d9d9d9',
};

/** "华洲街道 · 12 栋 · H-1203" or the site's name: where the device is. */
export function devicePlace(device: Pick<Device, 'site' | 'building' | 'householdId'>): string | null {
  const parts = [device.site, device.building, device.householdId].filter(
    (part): part is string => typeof part === 'string' && part.length > 0,
  );
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** Whether a device can be reached now, as the device registry says. */
export type DevicePresence = Pick<Device, 'online' | 'disabled' | 'lastSeenAt'>;

export interface WarningAvailability {
  /** The alarm's device can play a warning at all: a noise meter's open alarm. */
  offered: boolean;
  /** Why the button is disabled, in words; null when it may be sent. */
  disabledReason: string | null;
}

/**
 * 远程喊话 for an alarm: only noise meters speak, only while the alarm is open, and only a device that is
 * online hears it. Presence unknown (a role that may not list devices, or not loaded yet) leaves the
 * button on: the BFF refuses a warning to an offline device with the same reason.
 */
export function warningAvailability(
  alarm: Pick<Alarm, 'status' | 'deviceType'>,
  presence: DevicePresence | null | undefined,
  formatTime: (iso: string) => string,
): WarningAvailability {
  if (!canSendWarning(alarm)) return { offered: false, disabledReason: null };
  if (!presence) return { offered: true, disabledReason: null };
  if (presence.disabled) return { offered: true, disabledReason: t('device.warningDisabled') };
  if (!presence.online) {
    return {
      offered: true,
      disabledReason: presence.lastSeenAt
        ? t('device.warningOfflineSince', { time: formatTime(presence.lastSeenAt) })
        : t('device.warningOffline'),
    };
  }
  return { offered: true, disabledReason: null };
}
