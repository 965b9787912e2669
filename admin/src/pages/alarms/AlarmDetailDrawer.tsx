import { type Alarm } from '@jiefang/contracts';
import { Card, Descriptions, Empty, List, Space, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import {
  alarmActionLabel,
  alarmActorLabel,
  alarmTimelineColor,
  deviceTypeLabel,
  formatDb,
  periodLabel,
  severityLabel,
  severityTagColors,
  warningState,
  warningStateView,
} from '../../alarms/labels';
import { canOpenTicketQueue } from '../../alarms/permissions';
import { useAlarm } from '../../alarms/queries';
import { useSession } from '../../auth/useSession';
import { AlarmStatusTag, AlarmTypeTag } from '../../components/AlarmTags';
import { DetailDrawer } from '../../components/DetailDrawer';
import { PlaceMap } from '../../components/map/PlaceMap';
import { NoiseChart } from '../../components/NoiseChart';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { type LiveStatus } from '../../live/eventStream';
import { AlarmActions } from './AlarmActions';

export function AlarmDetailDrawer({
  alarmId,
  live,
  onClose,
}: {
  alarmId: string | null;
  live: LiveStatus;
  onClose: () => void;
}) {
  const query = useAlarm(alarmId, live);
  return (
    <DetailDrawer
      recordId={alarmId}
      query={query}
      onClose={onClose}
      width={760}
      testId="alarm-detail"
      placeholderTitle={t('alarmDetail.title')}
      notFoundKey="alarmDetail.notFound"
      loadFailedKey="alarmDetail.loadFailed"
      retryKey="alarm.retry"
      title={(alarm) => (
        <Space wrap size={8}>
          <AlarmTypeTag type={alarm.type} severity={alarm.severity} />
          <AlarmStatusTag status={alarm.status} />
        </Space>
      )}
      extra={(alarm) => <AlarmActions alarm={alarm} />}
    >
      {(alarm) => <AlarmDetail alarm={alarm} />}
    </DetailDrawer>
  );
}

function AlarmDetail({ alarm }: { alarm: Alarm }) {
  const current = useSession();
  const ticketLinked = current ? canOpenTicketQueue(current.user) : false;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions
        column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 2 }}
        size="small"
        bordered
        styles={{ label: { whiteSpace: 'nowrap', width: '6em' } }}
      >
        <Descriptions.Item label={t('alarmDetail.severity')}>
          <Tag color={severityTagColors[alarm.severity]}>{severityLabel(alarm.severity)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('alarmDetail.status')}>
          <AlarmStatusTag status={alarm.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('alarmDetail.device')}>
          <Typography.Text copyable>{alarm.deviceId}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('alarmDetail.deviceType')}>
          {deviceTypeLabel(alarm.deviceType)}
        </Descriptions.Item>
        <Descriptions.Item label={t('alarmDetail.street')}>
          {alarm.streetName ?? t('alarm.noStreet')}
        </Descriptions.Item>
        <Descriptions.Item label={alarm.householdId ? t('alarmDetail.household') : t('alarmDetail.site')}>
          {[alarm.site, alarm.householdId].filter(Boolean).join(' · ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('alarmDetail.openedAt')}>
          {formatDateTime(alarm.openedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('alarmDetail.lastDetectedAt')}>
          {formatDateTime(alarm.lastDetectedAt)}
        </Descriptions.Item>
        {alarm.acknowledgedAt && (
          <Descriptions.Item label={t('alarmDetail.acknowledgedAt')}>
            {formatDateTime(alarm.acknowledgedAt)}
          </Descriptions.Item>
        )}
        {alarm.clearedAt && (
          <Descriptions.Item label={t('alarmDetail.clearedAt')}>
            {formatDateTime(alarm.clearedAt)}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('alarmDetail.count')}>{alarm.count}</Descriptions.Item>
        {alarm.confidence !== null && (
          <Descriptions.Item label={t('alarmDetail.confidence')}>
            {`${Math.round(alarm.confidence * 100)}%`}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('alarmDetail.ticket')} span="filled">
          {alarm.ticketId ? (
            ticketLinked ? (
              <Link
                data-testid="alarm-ticket-link"
                to={{ pathname: '/tickets', search: `?ticket=${encodeURIComponent(alarm.ticketId)}` }}
              >
                {t('alarmDetail.openTicket', { id: alarm.ticketId.slice(-8) })}
              </Link>
            ) : (
              <Typography.Text data-testid="alarm-ticket-id" copyable>
                {alarm.ticketId}
              </Typography.Text>
            )
          ) : (
            <Typography.Text type="secondary">{t('alarmDetail.noTicket')}</Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>

      {alarm.noise && (
        <Card
          size="small"
          title={t('alarmDetail.noise')}
          extra={
            <Typography.Text type="secondary">
              {t('alarmDetail.noiseSummary', {
                period: periodLabel(alarm.noise.period),
                limit: alarm.noise.limitDb,
                level: formatDb(alarm.noise.levelDb),
                peak: formatDb(alarm.noise.peakDb),
              })}
            </Typography.Text>
          }
        >
          <NoiseChart samples={alarm.noise.trace} limitDb={alarm.noise.limitDb} testId="alarm-noise-chart" />
        </Card>
      )}

      {(alarm.deviceType === 'noise_meter' || alarm.warnings.length > 0) && (
        <Card size="small" title={t('alarmDetail.warnings')}>
          <WarningList alarm={alarm} />
        </Card>
      )}

      <Card size="small" title={t('alarmDetail.map')}>
        <PlaceMap point={alarm.location} streetId={alarm.streetId} pointLabel={t('map.device')} />
      </Card>

      <Card size="small" title={t('alarmDetail.timeline')}>
        <AlarmTimeline alarm={alarm} />
      </Card>
    </Space>
  );
}

function WarningList({ alarm }: { alarm: Alarm }) {
  if (alarm.warnings.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alarmDetail.noWarnings')} />;
  }
  const warnings = [...alarm.warnings].sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt));
  return (
    <List
      data-testid="alarm-warnings"
      size="small"
      dataSource={warnings}
      rowKey="messageId"
      renderItem={(warning) => {
        const state = warningState(warning);
        const stateView = warningStateView[state];
        return (
          <List.Item data-testid="alarm-warning" data-state={state}>
            <Space direction="vertical" size={0} style={{ width: '100%' }}>
              <Space wrap size={8}>
                <Tag style={{ marginInlineEnd: 0 }}>
                  {t(warning.automatic ? 'alarmDetail.warningAuto' : 'alarmDetail.warningManual')}
                </Tag>
                <Tag color={stateView.color} style={{ marginInlineEnd: 0 }}>
                  {t(stateView.key)}
                </Tag>
                <Typography.Text>{warning.text ?? t('alarmDetail.warningDefaultText')}</Typography.Text>
              </Space>
              <Typography.Text type="secondary">
                {t('alarmDetail.warningSentAt', { time: formatDateTime(warning.sentAt) })}
                {warning.ackAt
                  ? ` · ${t('alarmDetail.warningAckAt', { time: formatDateTime(warning.ackAt) })}`
                  : ''}
              </Typography.Text>
            </Space>
          </List.Item>
        );
      }}
    />
  );
}

function AlarmTimeline({ alarm }: { alarm: Alarm }) {
  if (alarm.timeline.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alarmDetail.timelineEmpty')} />;
  }
  // Newest first, as on tickets.
  const entries = [...alarm.timeline].reverse();
  return (
    <Timeline
      data-testid="alarm-timeline"
      items={entries.map((entry, index) => ({
        key: `${entry.at}-${index}`,
        color: alarmTimelineColor(entry.action),
        children: (
          <div data-testid="alarm-timeline-entry" data-action={entry.action}>
            <Typography.Text strong>{alarmActionLabel(entry.action)}</Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {formatDateTime(entry.at)} · {alarmActorLabel(entry)}
              </Typography.Text>
            </div>
            {entry.note && (
              <div>
                <Typography.Text>{t('alarmDetail.note', { note: entry.note })}</Typography.Text>
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
