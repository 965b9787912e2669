import { useSyncExternalStore } from 'react';
import { createFlagStore } from './largeText';

export const ALERT_SOUND_MUTED_KEY = 'jiefang.admin.alertSoundMuted';
export const BROWSER_ALERTS_KEY = 'jiefang.admin.browserAlerts';

function browserStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/** 提醒声音: on unless turned off (stored as "muted", so the default is a sound). */
export const alertSoundMutedStore = createFlagStore(browserStorage(), ALERT_SOUND_MUTED_KEY);

/** 浏览器通知: the person asked for system notifications (the browser keeps its own permission too). */
export const browserAlertsStore = createFlagStore(browserStorage(), BROWSER_ALERTS_KEY);

export function useAlertSound(): [boolean, (on: boolean) => void] {
  const muted = useSyncExternalStore(alertSoundMutedStore.subscribe, alertSoundMutedStore.get);
  return [!muted, (on) => alertSoundMutedStore.set(!on)];
}

export function useBrowserAlerts(): [boolean, (on: boolean) => void] {
  const wanted = useSyncExternalStore(browserAlertsStore.subscribe, browserAlertsStore.get);
  return [wanted, browserAlertsStore.set];
}
