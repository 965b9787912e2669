import { type Alarm, type Device } from '@jiefang/contracts';
import { Badge, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { consoleOrder } from '../../alarms/alarmCache';
import { deviceTypeLabel, zoneClassLabel } from '../../alarms/labels';
import { AlarmStatusTag, AlarmTypeTag } from '../../components/AlarmTags';
import { devicePlace } from '../../devices/deviceView';
import { t } from '../../i18n';
import { formatTime } from '../../i18n/format';
import { DeviceReadingCell, DeviceTrend } from './DeviceReading';

/** The device picked on the map: where it is, its state, its open alarms (each a link into the console). */
export function SelectedDeviceCard({ device, alarms }: { device: Device; alarms: readonly Alarm[] }) {
  const sorted = [...alarms].sort(consoleOrder);
  return (
    <Card
      size="small"
      data-testid="device-selected"
      title={
        <Space wrap size={6}>
          <span>{deviceTypeLabel(device.type)}</span>
          {device.disabled && <Tag>{t('device.disabled')}</Tag>}
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('device.credentialsId')}>
            <Typography.Text copyable>{device.id}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('device.fieldStreet')}>
            {device.streetName ?? t('alarm.noStreet')}
          </Descriptions.Item>
          {devicePlace(device) && (
            <Descriptions.Item label={t('device.fieldSite')}>{devicePlace(device)}</Descriptions.Item>
          )}
          {device.zoneClass && (
            <Descriptions.Item label={t('device.fieldZoneClass')}>
              {zoneClassLabel(device.zoneClass)}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('device.columnState')}>
            <Space direction="vertical" size={0}>
              <Badge
                status={device.online ? 'success' : 'default'}
                text={t(device.online ? 'device.online' : 'device.offline')}
              />
              <Typography.Text type="secondary">
                {device.lastSeenAt
                  ? t('device.lastSeen', { time: formatTime(device.lastSeenAt) })
                  : t('device.neverSeen')}
              </Typography.Text>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('device.columnReading')}>
            <DeviceReadingCell device={device} />
          </Descriptions.Item>
        </Descriptions>
        {device.type === 'noise_meter' && <DeviceTrend device={device} narrow />}
        {sorted.length > 0 && (
          <List
            size="small"
            header={
              <Typography.Text strong>{t('device.mapOpenAlarms', { count: sorted.length })}</Typography.Text>
            }
            dataSource={sorted}
            rowKey="id"
            renderItem={(alarm) => (
              <List.Item
                actions={[
                  <Link
                    key="open"
                    to={{ pathname: '/alarms', search: `?alarm=${encodeURIComponent(alarm.id)}` }}
                  >
                    {t('device.mapViewAlarm')}
                  </Link>,
                ]}
              >
                <Space wrap size={6}>
                  <AlarmTypeTag type={alarm.type} severity={alarm.severity} />
                  <AlarmStatusTag status={alarm.status} />
                </Space>
              </List.Item>
            )}
          />
        )}
      </Space>
    </Card>
  );
}
