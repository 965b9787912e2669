import { alarmTypes, type AlarmType, type DeviceEvidence } from '@jiefang/contracts';
import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { alarmTypeLabel, formatDb, periodLabel, warningState } from '../alarms/labels';
import { alarmRoles } from '../alarms/permissions';
import { useSession } from '../auth/useSession';
import { t } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { canSee } from '../layout/navigation';
import { NoiseChart } from './NoiseChart';

const isAlarmType = (value: string): value is AlarmType => (alarmTypes as readonly string[]).includes(value);

/** What sensors recorded for a ticket: each alarm with its noise trace, remote warnings and a link to it. */
export function DeviceEvidenceCard({ evidence }: { evidence: readonly DeviceEvidence[] }) {
  const current = useSession();
  const linked = current ? canSee({ roles: alarmRoles }, current.user.roles) : false;
  if (evidence.length === 0) return null;
  return (
    <Card size="small" title={t('detail.deviceEvidence')} data-testid="ticket-device-evidence">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        {evidence.map((item) => {
          const played = item.warnings.filter((warning) => warningState(warning) === 'played').length;
          return (
            <Space key={item.alarmId} direction="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap size={8}>
                <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                  {isAlarmType(item.alarmType) ? alarmTypeLabel(item.alarmType) : item.alarmType}
                </Tag>
                <Typography.Text>{item.site ?? item.deviceId}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('detail.evidenceOpenedAt', { time: formatDateTime(item.openedAt) })}
                </Typography.Text>
                {item.confidence !== null && (
                  <Typography.Text type="secondary">
                    {t('alarm.confidence', { percent: Math.round(item.confidence * 100) })}
                  </Typography.Text>
                )}
                {linked && (
                  <Link to={{ pathname: '/alarms', search: `?alarm=${encodeURIComponent(item.alarmId)}` }}>
                    {t('detail.evidenceOpenAlarm')}
                  </Link>
                )}
              </Space>
              {item.noise && (
                <>
                  <Typography.Text type="secondary">
                    {t('detail.evidenceNoise', {
                      period: periodLabel(item.noise.period),
                      limit: item.noise.limitDb,
                      peak: formatDb(item.noise.peakDb),
                    })}
                  </Typography.Text>
                  <NoiseChart
                    samples={item.noise.trace}
                    limitDb={item.noise.limitDb}
                    testId={`evidence-chart-${item.alarmId}`}
                  />
                </>
              )}
              {item.warnings.length > 0 && (
                <Typography.Text type="secondary">
                  {t('detail.evidenceWarnings', { sent: item.warnings.length, played })}
                </Typography.Text>
              )}
            </Space>
          );
        })}
      </Space>
    </Card>
  );
}
