import type { Alarm, Ticket, User } from '@jiefang/contracts';
import { alertSoundMutedStore, browserAlertsStore } from '../preferences/alerts';
import { createAlertDelivery, type AlertText, type PermissionState } from './alertDelivery';
import { createAlertTracker, watchesAlerts, type StaffAlert, type Watcher } from './alertRules';
import { playAlertSound } from './alertSound';

export type InPageAlert = (alert: StaffAlert, text: AlertText) => void;

const notificationApi = (): typeof Notification | undefined =>
  typeof window !== 'undefined' && 'Notification' in window ? window.Notification : undefined;

export function notificationPermission(): PermissionState {
  return notificationApi()?.permission ?? 'unsupported';
}

/** Asks the browser for permission: call it from a click (browsers ignore or punish asking on load). */
export async function requestNotificationPermission(): Promise<PermissionState> {
  const api = notificationApi();
  if (!api) return 'unsupported';
  try {
    return await api.requestPermission();
  } catch {
    return api.permission;
  }
}

const openInPanel = (path: string) => {
  window.focus();
  window.location.hash = `#${path}`;
};

let inPage: InPageAlert | null = null;
// Alerts raised before the page's notifier mounted (rare: the stream answered first) wait for it.
const waiting: Array<[StaffAlert, AlertText]> = [];

const tracker = createAlertTracker();
const delivery = createAlertDelivery({
  permission: notificationPermission,
  wanted: browserAlertsStore.get,
  soundOn: () => !alertSoundMutedStore.get(),
  showSystem(alert, text) {
    const Api = notificationApi();
    if (!Api) return false;
    try {
      const shown = new Api(text.title, {
        body: text.body,
        tag: alert.key,
        requireInteraction: alert.urgent,
        lang: 'zh-CN',
      });
      shown.onclick = () => {
        openInPanel(alert.path);
        shown.close();
      };
      return true;
    } catch {
      // Some browsers allow notifications only from a service worker.
      return false;
    }
  },
  showInPage(alert, text) {
    if (inPage) inPage(alert, text);
    else waiting.push([alert, text]);
  },
  playSound: playAlertSound,
});

const watcherOf = (user: User): Watcher => ({ userId: user.id, roles: user.roles, squadId: user.squadId });

/** The panel's alerts: the live streams hand every pushed ticket and alarm here. */
export const staffAlerts = {
  ticket(ticket: Ticket, user: User): void {
    const watcher = watcherOf(user);
    if (!watchesAlerts(watcher)) return;
    for (const alert of tracker.ticket(ticket, watcher)) delivery.deliver(alert);
  },
  alarm(alarm: Alarm, user: User): void {
    const watcher = watcherOf(user);
    if (!watchesAlerts(watcher)) return;
    for (const alert of tracker.alarm(alarm, watcher)) delivery.deliver(alert);
  },
  /** A sample alert from the settings, so the person sees and hears what one is like. */
  sample(alert: StaffAlert): void {
    delivery.deliver(alert);
  },
  /** The page's in-page notifier (antd's, inside the app's theme); returns its removal. */
  showInPageWith(show: InPageAlert): () => void {
    inPage = show;
    for (const [alert, text] of waiting.splice(0)) show(alert, text);
    return () => {
      if (inPage === show) inPage = null;
    };
  },
  openInPanel,
};
