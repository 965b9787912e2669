import { currentLocale } from './index';

/** Staff work in Guangzhou: times are shown in China Standard Time whatever the device says. */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, options: Intl.DateTimeFormatOptions) {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(currentLocale().intl, {
      timeZone: DISPLAY_TIME_ZONE,
      hourCycle: 'h23',
      ...options,
    });
    cache.set(key, f);
  }
  return f;
}

const dayOf = (ms: number) =>
  formatter('day', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

/** "08:05:12" today, "01-31 08:05" on another day. */
export function formatTime(iso: string | number, now: number = Date.now()): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  if (!Number.isFinite(ms)) return String(iso);
  if (dayOf(ms) === dayOf(now)) {
    return formatter('time', { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ms);
  }
  const parts = formatter('dayTime', {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** "2030-01-31 08:05:12" for the detail view. */
export function formatDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const parts = formatter('full', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}
