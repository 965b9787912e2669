import { t } from '../i18n';
import type { StaffAlert } from './alertRules';

/** The browser's notification permission, or `unsupported` where there is no Notification API. */
export type PermissionState = 'granted' | 'denied' | 'default' | 'unsupported';

export interface AlertText {
  title: string;
  body: string;
}

export function alertText(alert: StaffAlert): AlertText {
  const title = t(`alerts.kind.${alert.kind}`);
  const params = { subject: alert.subject, place: alert.place };
  if (alert.kind === 'smoke_alarm')
    return { title, body: t(alert.place ? 'alerts.body.smoke' : 'alerts.body.smokeNoPlace', params) };
  return { title, body: t(alert.place ? 'alerts.body.ticket' : 'alerts.body.ticketNoPlace', params) };
}

/**
 * Where an alert shows: as a system notification when the person turned them on and the browser
 * allows them (it then reaches them in another tab or window too); in the page otherwise, which is
 * also the fallback when the browser refused.
 */
export function alertChannel(permission: PermissionState, wanted: boolean): 'system' | 'page' {
  return wanted && permission === 'granted' ? 'system' : 'page';
}

export interface AlertDeliveryDeps {
  permission(): PermissionState;
  wanted(): boolean;
  soundOn(): boolean;
  /** Shows a system notification; false when the browser would not (then the page shows it). */
  showSystem(alert: StaffAlert, text: AlertText): boolean;
  showInPage(alert: StaffAlert, text: AlertText): void;
  playSound(urgent: boolean): void;
}

/** Shows each alert once on its channel, with the sound when it is on. */
export function createAlertDelivery(deps: AlertDeliveryDeps) {
  return {
    deliver(alert: StaffAlert): 'system' | 'page' {
      const text = alertText(alert);
      let channel = alertChannel(deps.permission(), deps.wanted());
      if (channel === 'system' && !deps.showSystem(alert, text)) channel = 'page';
      if (channel === 'page') deps.showInPage(alert, text);
      if (deps.soundOn()) deps.playSound(alert.urgent);
      return channel;
    },
  };
}
