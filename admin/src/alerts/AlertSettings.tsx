import { BellOutlined } from '@ant-design/icons';
import { Alert, Button, Popover, Space, Switch, Typography } from 'antd';
import { useId, useState } from 'react';
import { t } from '../i18n';
import { useAlertSound, useBrowserAlerts } from '../preferences/alerts';
import { unlockAlertSound } from './alertSound';
import { notificationPermission, requestNotificationPermission, staffAlerts } from './staffAlerts';

/** Where alerts will show, in words. */
function channelHint(wanted: boolean, permission: ReturnType<typeof notificationPermission>): string {
  if (permission === 'unsupported') return t('alerts.settings.unsupported');
  if (permission === 'denied') return t('alerts.settings.denied');
  return wanted && permission === 'granted' ? t('alerts.settings.granted') : t('alerts.settings.inPage');
}

function Settings() {
  const [wanted, setWanted] = useBrowserAlerts();
  const [soundOn, setSoundOn] = useAlertSound();
  const [permission, setPermission] = useState(notificationPermission);
  const browserId = useId();
  const soundId = useId();

  const toggleBrowser = async (on: boolean) => {
    unlockAlertSound();
    if (!on) return setWanted(false);
    // Asked only here, from the person's own click.
    const answer = permission === 'granted' ? 'granted' : await requestNotificationPermission();
    setPermission(answer);
    setWanted(answer === 'granted');
  };

  return (
    <Space direction="vertical" size="middle" style={{ maxWidth: 300 }} data-testid="alert-settings">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <div>
          <Typography.Text id={browserId}>{t('alerts.settings.browser')}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{t('alerts.settings.browserHint')}</Typography.Text>
        </div>
        <Switch
          data-testid="alert-browser-toggle"
          aria-labelledby={browserId}
          checked={wanted && permission === 'granted'}
          disabled={permission === 'unsupported'}
          onChange={(on) => void toggleBrowser(on)}
        />
      </Space>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text id={soundId}>{t('alerts.settings.sound')}</Typography.Text>
        <Switch
          data-testid="alert-sound-toggle"
          aria-labelledby={soundId}
          checked={soundOn}
          onChange={(on) => {
            unlockAlertSound();
            setSoundOn(on);
          }}
        />
      </Space>
      <Alert
        type={permission === 'denied' ? 'warning' : 'info'}
        showIcon
        message={channelHint(wanted, permission)}
        data-testid="alert-channel-hint"
      />
      <Button
        data-testid="alert-try"
        onClick={() => {
          unlockAlertSound();
          staffAlerts.sample({
            key: `sample:${Date.now()}`,
            kind: 'new_assignment',
            subject: t('alerts.try.subject'),
            place: t('alerts.try.place'),
            path: '/',
            urgent: false,
          });
        }}
      >
        {t('alerts.settings.try')}
      </Button>
    </Space>
  );
}

/** The header's bell: browser notifications (asked for here, never on load) and their sound. */
export function AlertSettings() {
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('alerts.settings.title')}
      content={<Settings />}
    >
      <Button
        data-testid="alert-settings-button"
        icon={<BellOutlined />}
        aria-label={t('alerts.settings')}
        title={t('alerts.settings')}
      />
    </Popover>
  );
}
