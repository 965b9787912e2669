import { CheckOutlined, CloseCircleOutlined, SoundOutlined } from '@ant-design/icons';
import { type Alarm } from '@jiefang/contracts';
import { Button, Space, Tooltip } from 'antd';
import { useState, type MouseEvent } from 'react';
import { canAcknowledge, canClear } from '../../alarms/alarmCache';
import { warningAvailability } from '../../devices/deviceView';
import { useDevicePresence } from '../../devices/useDevicePresence';
import { formatTime } from '../../i18n/format';
import { t } from '../../i18n';
import { AlarmActionDialog, type AlarmAction } from './AlarmActionDialog';

/** 确认 / 解除 / 远程喊话 for one alarm, each offered only where its status allows. */
export function AlarmActions({ alarm, size = 'middle' }: { alarm: Alarm; size?: 'small' | 'middle' }) {
  const [action, setAction] = useState<AlarmAction | null>(null);
  // In a table row the buttons must not also open the drawer.
  const open = (next: AlarmAction) => (event: MouseEvent) => {
    event.stopPropagation();
    setAction(next);
  };
  const warning = warningAvailability(alarm, useDevicePresence(alarm.deviceId), formatTime);
  const any = canAcknowledge(alarm) || canClear(alarm) || warning.offered;
  if (!any) return null;
  return (
    <span onClick={(event) => event.stopPropagation()}>
      <Space wrap size={size === 'small' ? 4 : 8}>
        {warning.offered && (
          <Tooltip title={warning.disabledReason}>
            <Button
              size={size}
              icon={<SoundOutlined />}
              data-testid={`alarm-warning-${alarm.id}`}
              data-disabled-reason={warning.disabledReason ?? undefined}
              disabled={warning.disabledReason !== null}
              onClick={open('warning')}
            >
              {t('alarm.sendWarning')}
            </Button>
          </Tooltip>
        )}
        {canAcknowledge(alarm) && (
          <Button
            size={size}
            type="primary"
            icon={<CheckOutlined />}
            data-testid={`alarm-acknowledge-${alarm.id}`}
            onClick={open('acknowledge')}
          >
            {t('alarm.acknowledge')}
          </Button>
        )}
        {canClear(alarm) && (
          <Button
            size={size}
            icon={<CloseCircleOutlined />}
            data-testid={`alarm-clear-${alarm.id}`}
            onClick={open('clear')}
          >
            {t('alarm.clear')}
          </Button>
        )}
      </Space>
      <AlarmActionDialog alarm={alarm} action={action} onClose={() => setAction(null)} />
    </span>
  );
}
