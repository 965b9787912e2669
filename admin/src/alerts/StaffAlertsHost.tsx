import type { User } from '@jiefang/contracts';
import { App as AntdApp, Button } from 'antd';
import { useEffect } from 'react';
import { t } from '../i18n';
import { useAlarmLive } from '../live/useAlarmLive';
import { useTicketLive } from '../live/useTicketLive';
import { watchesAlerts } from './alertRules';
import { staffAlerts } from './staffAlerts';

/** Keeps the ticket and alarm streams open on every page, so alerts arrive wherever the person is. */
function LiveForAlerts() {
  useTicketLive();
  useAlarmLive();
  return null;
}

/**
 * Shows alerts in the page (antd notifications, inside the app's theme) when the browser's own are off
 * or refused, and keeps the live streams open for the people alerts are for.
 */
export function StaffAlertsHost({ user }: { user: User }) {
  const { notification } = AntdApp.useApp();
  useEffect(
    () =>
      staffAlerts.showInPageWith((alert, text) => {
        notification.open({
          key: alert.key,
          type: alert.urgent ? 'error' : 'warning',
          message: text.title,
          description: text.body,
          placement: 'topRight',
          duration: alert.urgent ? 0 : 10,
          props: { 'data-testid': 'staff-alert', role: 'alert' } as Record<string, string>,
          btn: (
            <Button
              type="primary"
              size="small"
              onClick={() => {
                notification.destroy(alert.key);
                staffAlerts.openInPanel(alert.path);
              }}
            >
              {t('alerts.open')}
            </Button>
          ),
        });
      }),
    [notification],
  );
  return watchesAlerts({ userId: user.id, roles: user.roles }) ? <LiveForAlerts /> : null;
}
