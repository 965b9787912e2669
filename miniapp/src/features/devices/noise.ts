import { beijingMinutes, type AlarmStatus, type NoiseSite, type PublicNoiseAlarm } from '@jiefang/contracts';
import { t, type MessageKey } from '../../i18n';

/**
 * How a site's level reads against its limit (GB 3096-2008, the equivalent level in dB(A)):
 * `quiet` well under, `near` within 3 dB of the limit, `over` above it; `none` before the first reading,
 * `offline` when the meter is not reporting (its last value is no longer current).
 */
export type NoiseTone = 'quiet' | 'near' | 'over' | 'none' | 'offline';

/** Within this many dB under the limit a level is shown amber (接近限值). */
export const nearLimitMarginDb = 3;

/** Levels are shown with one decimal, and classified as shown, so 55.0 never reads red under a 55 limit. */
export function roundDb(value: number): number {
  return Math.round(value * 10) / 10;
}

export function formatDb(value: number): string {
  return roundDb(value).toFixed(1);
}

/** A limit as the standard writes it: whole numbers without decimals. */
export function formatLimit(value: number): string {
  return Number.isInteger(value) ? String(value) : formatDb(value);
}

export function levelTone(levelDb: number, limitDb: number): 'quiet' | 'near' | 'over' {
  const level = roundDb(levelDb);
  if (level > limitDb) return 'over';
  if (level >= limitDb - nearLimitMarginDb) return 'near';
  return 'quiet';
}

export function noiseTone(site: Pick<NoiseSite, 'online' | 'levelDb' | 'limitDb'>): NoiseTone {
  if (!site.online) return 'offline';
  if (site.levelDb === null || !Number.isFinite(site.levelDb)) return 'none';
  return levelTone(site.levelDb, site.limitDb);
}

const toneKeys = {
  quiet: 'noise.tone.quiet',
  near: 'noise.tone.near',
  over: 'noise.tone.over',
  none: 'noise.tone.none',
  offline: 'noise.tone.offline',
} as const satisfies Record<NoiseTone, MessageKey>;

export function toneLabel(tone: NoiseTone): string {
  return t(toneKeys[tone]);
}

export type NoisePeriod = NoiseSite['period'];

/** 昼间 / 夜间. */
export function periodLabel(period: NoisePeriod): string {
  return t(period === 'day' ? 'noise.period.day' : 'noise.period.night');
}

/** 06:00–22:00 / 22:00–06:00 (Beijing time). */
export function periodHours(period: NoisePeriod): string {
  return t(period === 'day' ? 'noise.period.dayHours' : 'noise.period.nightHours');
}

/** The line under a level: `昼间限值 55 dB（06:00–22:00）`. */
export function limitLine(site: Pick<NoiseSite, 'period' | 'limitDb'>): string {
  return t('noise.site.limit', {
    period: periodLabel(site.period),
    limit: formatLimit(site.limitDb),
    hours: periodHours(site.period),
  });
}

/** The period in force at an instant (day 06:00–22:00 Beijing time), for when the BFF has not said. */
export function periodAt(ms: number): NoisePeriod {
  const hour = Math.floor(beijingMinutes(ms) / 60);
  return hour >= 6 && hour < 22 ? 'day' : 'night';
}

/** `约 350 米`, `1.2 公里`; undefined without a distance (no position was sent). */
export function formatDistance(metres: number | null | undefined): string | undefined {
  if (metres === null || metres === undefined || !Number.isFinite(metres) || metres < 0) return undefined;
  if (metres < 1000) return t('noise.distance.m', { m: Math.max(10, Math.round(metres / 10) * 10) });
  const km = metres / 1000;
  return t('noise.distance.km', { km: km < 10 ? km.toFixed(1) : String(Math.round(km)) });
}

/** `3 公里`, the radius as the summary names it. */
export function formatRadius(metres: number): string {
  return metres >= 1000 ? t('noise.radius.km', { km: metres / 1000 }) : t('noise.radius.m', { m: metres });
}

const toneRank: Record<NoiseTone, number> = { over: 0, near: 1, quiet: 2, none: 3, offline: 4 };

/**
 * The order residents read sites in: nearest first when distances are known; otherwise (all sites, no
 * position) the loudest problems first: an active alarm, then by tone, then the server's order.
 */
export function sortSites(items: readonly NoiseSite[]): NoiseSite[] {
  const indexed = items.map((site, index) => ({ site, index }));
  indexed.sort((a, b) => {
    const da = a.site.distanceM;
    const db = b.site.distanceM;
    if (da !== null && db !== null && da !== db) return da - db;
    if (da !== null && db === null) return -1;
    if (da === null && db !== null) return 1;
    if (da === null && db === null) {
      if (a.site.alarmActive !== b.site.alarmActive) return a.site.alarmActive ? -1 : 1;
      const rank = toneRank[noiseTone(a.site)] - toneRank[noiseTone(b.site)];
      if (rank !== 0) return rank;
    }
    return a.index - b.index;
  });
  return indexed.map((entry) => entry.site);
}

export interface NoiseSummary {
  total: number;
  over: number;
  offline: number;
}

export function summarizeSites(items: readonly NoiseSite[]): NoiseSummary {
  return {
    total: items.length,
    over: items.filter((site) => site.alarmActive || noiseTone(site) === 'over').length,
    offline: items.filter((site) => !site.online).length,
  };
}

/** A site's name for people: its place name, else the street, else the device id. */
export function siteName(site: Pick<NoiseSite, 'site' | 'streetName' | 'deviceId'>): string {
  return site.site ?? site.streetName ?? site.deviceId;
}

const publicStatusKeys = {
  active: 'noise.alarm.status.active',
  acknowledged: 'noise.alarm.status.acknowledged',
  cleared: 'noise.alarm.status.cleared',
} as const satisfies Record<AlarmStatus, MessageKey>;

/** A noise alarm's status as residents read it: 超标中 / 处理中 / 已恢复. */
export function publicAlarmStatusLabel(status: AlarmStatus): string {
  return t(publicStatusKeys[status]);
}

export interface RecentAlarmView {
  alarm: PublicNoiseAlarm;
  /** How far the peak went over the limit, in dB (one decimal). */
  excessDb: number;
  ongoing: boolean;
}

/** Ongoing alarms first, then newest first; at most `limit`. */
export function recentAlarmsView(alarms: readonly PublicNoiseAlarm[], limit = 10): RecentAlarmView[] {
  const opened = (alarm: PublicNoiseAlarm) => {
    const ms = Date.parse(alarm.openedAt);
    return Number.isFinite(ms) ? ms : 0;
  };
  return [...alarms]
    .sort((a, b) => {
      const ongoing = Number(b.status !== 'cleared') - Number(a.status !== 'cleared');
      return ongoing !== 0 ? ongoing : opened(b) - opened(a);
    })
    .slice(0, limit)
    .map((alarm) => ({
      alarm,
      excessDb: Math.max(0, roundDb(alarm.peakDb - alarm.limitDb)),
      ongoing: alarm.status !== 'cleared',
    }));
}

/** The level meter's scale: from 30 dB(A) (a quiet room) to 20 dB over the limit. */
export const meterFloorDb = 30;
export const meterHeadroomDb = 20;

/**
 * The level bar under a reading, in percent of its width: how far the level fills it and where the
 * limit's mark sits. Both are clamped to the bar.
 */
export function meterView(levelDb: number | null, limitDb: number): { fill: number; mark: number } {
  const top = limitDb + meterHeadroomDb;
  const span = Math.max(1, top - meterFloorDb);
  const percent = (value: number) =>
    Math.round(Math.min(100, Math.max(0, ((value - meterFloorDb) / span) * 100)) * 10) / 10;
  return {
    fill: levelDb === null || !Number.isFinite(levelDb) ? 0 : percent(levelDb),
    mark: percent(limitDb),
  };
}
