import { type Device } from '@jiefang/contracts';
import { Skeleton, Space, Typography, theme } from 'antd';
import { useDeviceReadings } from '../../alarms/queries';
import { NoiseChart } from '../../components/NoiseChart';
import { readingView } from '../../devices/deviceView';
import { t } from '../../i18n';
import { formatTime } from '../../i18n/format';

/** The last reading in words, red when a noise level is over its limit. */
export function DeviceReadingCell({ device }: { device: Device }) {
  const { token } = theme.useToken();
  const reading = readingView(device);
  if (!reading.text) return <Typography.Text type="secondary">{t('device.noReading')}</Typography.Text>;
  return (
    <Space direction="vertical" size={0} data-testid="device-reading" data-over={reading.over}>
      <Typography.Text type={reading.over ? 'danger' : undefined} strong={reading.over}>
        {reading.text}
      </Typography.Text>
      {reading.at && (
        <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
          {t('device.readingAt', { time: formatTime(reading.at) })}
        </Typography.Text>
      )}
    </Space>
  );
}

/** The last hour of a noise meter's 1-minute levels, against its current limit. */
export function DeviceTrend({
  device,
  compact = false,
  narrow = false,
}: {
  device: Device;
  compact?: boolean;
  narrow?: boolean;
}) {
  const readings = useDeviceReadings(device.id);
  const limit = device.lastReading?.limitDb;
  const limitDb = typeof limit === 'number' ? limit : null;
  if (readings.isPending) {
    return compact ? (
      <Skeleton.Input active size="small" style={{ width: 160, minWidth: 160 }} />
    ) : (
      <Skeleton active paragraph={{ rows: 3 }} />
    );
  }
  if (readings.isError) {
    return <Typography.Text type="secondary">{t('device.trendFailed')}</Typography.Text>;
  }
  return (
    <NoiseChart
      samples={readings.data.items}
      limitDb={limitDb}
      compact={compact}
      narrow={narrow}
      testId={`device-trend-${device.id}`}
    />
  );
}
