import { AlertFilled } from '@ant-design/icons';
import { roleSchema, type Escort } from '@jiefang/contracts';
import { Alert, Card, Descriptions, Empty, Rate, Space, Tag, Timeline, Typography } from 'antd';
import { DetailDrawer } from '../../components/DetailDrawer';
import { EscortStatusTag, NeedTags, ServiceTag } from '../../components/EscortTags';
import { escortActionLabel, escortTimelineColor, windowLabel } from '../../escorts/labels';
import { useEscort } from '../../escorts/queries';
import { isUrgent } from '../../escorts/queue';
import { useMinute } from '../../escorts/useMinute';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { roleLabel } from '../../i18n/roles';
import { EscortActions } from './EscortActions';

export function EscortDetailDrawer({ escortId, onClose }: { escortId: string | null; onClose: () => void }) {
  const query = useEscort(escortId);
  return (
    <DetailDrawer
      recordId={escortId}
      query={query}
      onClose={onClose}
      width={720}
      testId="escort-detail"
      placeholderTitle={t('escortDetail.title')}
      notFoundKey="escortDetail.notFound"
      loadFailedKey="escort.loadFailed"
      retryKey="escort.retry"
      title={(escort) => (
        <Space wrap size={8}>
          <span>{escort.elderName}</span>
          <ServiceTag type={escort.serviceType} />
          <EscortStatusTag status={escort.status} />
        </Space>
      )}
      extra={(escort) => <EscortActions escort={escort} />}
    >
      {(escort) => <EscortDetail escort={escort} />}
    </DetailDrawer>
  );
}

function actorName(actor: Escort['timeline'][number]['actor']): string {
  if (!actor) return t('timeline.actor.system');
  const role = roleSchema.safeParse(actor.role);
  const name = actor.name ?? actor.id;
  return role.success ? `${name}（${roleLabel(role.data)}）` : name;
}

function EscortDetail({ escort }: { escort: Escort }) {
  const now = useMinute();
  const entries = [...escort.timeline].reverse();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {escort.sos.map((sos, index) => (
        <Alert
          key={`${sos.at}-${index}`}
          type="error"
          showIcon
          icon={<AlertFilled />}
          data-testid="escort-detail-sos"
          message={t('escortDetail.sos', { time: formatDateTime(sos.at), by: sos.by })}
          description={sos.note ?? undefined}
        />
      ))}
      <Descriptions
        column={1}
        size="small"
        bordered
        styles={{ label: { whiteSpace: 'nowrap', width: '7em' } }}
      >
        <Descriptions.Item label={t('escortDetail.window')}>
          <Space wrap size={6}>
            <span>{windowLabel(escort.windowStart, escort.windowEnd, now)}</span>
            {isUrgent(escort, now) && <Tag color="red">{t('escortQueue.urgent')}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('escortDetail.elder')}>
          <Space direction="vertical" size={2}>
            <span>{`${escort.elderName} · ${escort.elderPhone}`}</span>
            <NeedTags needs={escort.elderNeeds} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('escortDetail.address')}>
          {escort.elderAddress ?? escort.area ?? '—'}
        </Descriptions.Item>
        {escort.hospital && (
          <Descriptions.Item label={t('escortDetail.hospital')}>
            {[escort.hospital, escort.department].filter(Boolean).join(' · ')}
          </Descriptions.Item>
        )}
        {escort.pickupAddress && (
          <Descriptions.Item label={t('booking.fieldPickup')}>{escort.pickupAddress}</Descriptions.Item>
        )}
        {escort.destination && (
          <Descriptions.Item label={t('booking.fieldDestination')}>{escort.destination}</Descriptions.Item>
        )}
        {escort.notes && (
          <Descriptions.Item label={t('booking.fieldNotes')}>{escort.notes}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('escortDetail.volunteer')}>
          {escort.volunteer ? t('escort.volunteerLine', escort.volunteer) : t('escortDetail.noVolunteer')}
        </Descriptions.Item>
        {escort.checkedInAt && (
          <Descriptions.Item label={t('escortDetail.checkedInAt')}>
            {formatDateTime(escort.checkedInAt)}
          </Descriptions.Item>
        )}
        {escort.completedAt && (
          <Descriptions.Item label={t('escortDetail.completedAt')}>
            {formatDateTime(escort.completedAt)}
          </Descriptions.Item>
        )}
        {escort.completionNotes && (
          <Descriptions.Item label={t('escortDetail.completionNotes')}>
            {escort.completionNotes}
          </Descriptions.Item>
        )}
        {escort.rating && (
          <Descriptions.Item label={t('escortDetail.rating')}>
            <Space direction="vertical" size={0} data-testid="escort-rating">
              <Rate disabled value={escort.rating.score} />
              {escort.rating.comment && <span>{escort.rating.comment}</span>}
            </Space>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('escortDetail.createdAt')}>
          {formatDateTime(escort.createdAt)}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t('escortDetail.timeline')}>
        {entries.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('escortDetail.timelineEmpty')} />
        ) : (
          <Timeline
            data-testid="escort-timeline"
            items={entries.map((entry, index) => ({
              key: `${entry.at}-${index}`,
              color: escortTimelineColor(entry.action),
              children: (
                <div data-testid="escort-timeline-entry" data-action={entry.action}>
                  <Typography.Text strong>{escortActionLabel(entry.action)}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary">
                      {formatDateTime(entry.at)} · {actorName(entry.actor)}
                    </Typography.Text>
                  </div>
                  {entry.note && <div>{t('timeline.note', { note: entry.note })}</div>}
                </div>
              ),
            }))}
          />
        )}
      </Card>
    </Space>
  );
}
