import { StopOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { type Ticket } from '@jiefang/contracts';
import { Button, Card, Descriptions, Empty, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '../../auth/useSession';
import { DetailDrawer } from '../../components/DetailDrawer';
import { DeviceEvidenceCard } from '../../components/DeviceEvidenceCard';
import { PlaceMap, type MapOfficer } from '../../components/map/PlaceMap';
import { PhotoGallery } from '../../components/PhotoGallery';
import { SlaCountdown } from '../../components/SlaCountdown';
import { TicketStatusTag } from '../../components/TicketStatusTag';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { type LiveStatus } from '../../live/ticketEvents';
import {
  actionLabel,
  actorLabel,
  departmentLabel,
  officerLabel,
  priorityColors,
  priorityLabel,
  timelineColor,
  timelineFacts,
  timelineReason,
  transitionLabel,
  type TimelineLookups,
} from '../../tickets/labels';
import {
  canCloseTicket,
  canManageTicket,
  closableStatuses,
  reroutableStatuses,
} from '../../tickets/permissions';
import { useTicket } from '../../tickets/queries';
import { useDirectory } from '../../tickets/useOfficerDirectory';
import { AssignDialog } from './AssignDialog';
import { CloseTicketDialog } from './CloseTicketDialog';
import { TransferDialog } from './TransferDialog';

export function TicketDetailDrawer({
  ticketId,
  live,
  onClose,
}: {
  ticketId: string | null;
  live: LiveStatus;
  onClose: () => void;
}) {
  const query = useTicket(ticketId, live);
  return (
    <DetailDrawer
      recordId={ticketId}
      query={query}
      onClose={onClose}
      width={760}
      testId="ticket-detail"
      placeholderTitle={t('detail.title')}
      notFoundKey="detail.notFound"
      loadFailedKey="detail.loadFailed"
      retryKey="queue.retry"
      title={(ticket) => (
        <Space wrap size={8}>
          <span>{ticket.categoryName}</span>
          <TicketStatusTag status={ticket.status} />
        </Space>
      )}
      extra={(ticket) => <DetailActions ticket={ticket} />}
    >
      {(ticket) => <TicketDetail ticket={ticket} />}
    </DetailDrawer>
  );
}

function DetailActions({ ticket }: { ticket: Ticket }) {
  const current = useSession();
  const [dialog, setDialog] = useState<'assign' | 'transfer' | 'close' | null>(null);
  if (!current) return null;
  const mayManage = canManageTicket(current.user, ticket);
  const open = reroutableStatuses.includes(ticket.status);
  const why = !mayManage ? t('detail.actionsNotYours') : !open ? t('detail.actionsClosed') : undefined;
  const disabled = Boolean(why);
  const whyNotClose = !canCloseTicket(current.user)
    ? t('detail.closeNotYours')
    : !closableStatuses.includes(ticket.status)
      ? t('detail.closeFinished')
      : undefined;
  return (
    <>
      <Space wrap>
        <Tooltip title={why}>
          <Button
            data-testid="ticket-assign"
            type="primary"
            icon={<UserAddOutlined />}
            disabled={disabled}
            onClick={() => setDialog('assign')}
          >
            {ticket.assigneeId ? t('detail.reassign') : t('detail.assign')}
          </Button>
        </Tooltip>
        <Tooltip title={why}>
          <Button
            data-testid="ticket-transfer"
            icon={<SwapOutlined />}
            disabled={disabled}
            onClick={() => setDialog('transfer')}
          >
            {t('detail.transfer')}
          </Button>
        </Tooltip>
        <Tooltip title={whyNotClose}>
          <Button
            data-testid="ticket-close"
            danger
            icon={<StopOutlined />}
            disabled={Boolean(whyNotClose)}
            onClick={() => setDialog('close')}
          >
            {t('detail.close')}
          </Button>
        </Tooltip>
      </Space>
      <AssignDialog ticket={ticket} open={dialog === 'assign'} onClose={() => setDialog(null)} />
      <TransferDialog ticket={ticket} open={dialog === 'transfer'} onClose={() => setDialog(null)} />
      <CloseTicketDialog ticket={ticket} open={dialog === 'close'} onClose={() => setDialog(null)} />
    </>
  );
}

function TicketDetail({ ticket }: { ticket: Ticket }) {
  const directory = useDirectory();
  const officersOnMap: MapOfficer[] = directory.officers
    .filter((officer) => officer.onDuty && officer.location && officer.squadId === ticket.squadId)
    .map((officer) => ({
      id: officer.id,
      name: officer.name,
      lat: officer.location!.lat,
      lng: officer.location!.lng,
    }));
  const squadName = ticket.squadId ? (directory.squadName?.(ticket.squadId) ?? ticket.squadId) : '—';

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <SlaCountdown ticket={ticket} />
      <Descriptions
        column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 2 }}
        size="small"
        bordered
        styles={{ label: { whiteSpace: 'nowrap', width: '6em' } }}
      >
        <Descriptions.Item label={t('detail.category')}>{ticket.categoryName}</Descriptions.Item>
        <Descriptions.Item label={t('detail.priority')}>
          <Tag color={priorityColors[ticket.priority]}>{priorityLabel(ticket.priority)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.street')}>
          {ticket.streetName ?? t('queue.noStreet')}
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.squad')}>{squadName}</Descriptions.Item>
        <Descriptions.Item label={t('detail.department')}>
          {departmentLabel(ticket.department)}
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.assignee')}>
          {ticket.assigneeId ? officerLabel(ticket.assigneeId, directory) : t('queue.unassigned')}
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.reportedAt')}>
          {formatDateTime(ticket.reportedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.reporters')}>{ticket.reporterCount}</Descriptions.Item>
        <Descriptions.Item label={t('detail.deadlines')} span={{ xs: 1, sm: 2 }}>
          <Space direction="vertical" size={0}>
            <span>{t('detail.warnAt', { time: formatDateTime(ticket.deadlines.warnAt) })}</span>
            <span>{t('detail.breachAt', { time: formatDateTime(ticket.deadlines.breachAt) })}</span>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.address')} span={{ xs: 1, sm: 2 }}>
          {ticket.address}
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.description')} span={{ xs: 1, sm: 2 }}>
          {ticket.description || (
            <Typography.Text type="secondary">{t('detail.noDescription')}</Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>

      <DeviceEvidenceCard evidence={ticket.deviceEvidence} />

      <Card size="small" title={t('detail.photos')}>
        <PhotoGallery photos={ticket.photos} />
      </Card>

      {ticket.submissions.length > 0 && (
        <Card
          size="small"
          title={t('detail.submissions', { count: ticket.submissions.length })}
          data-testid="ticket-submissions"
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            {ticket.submissions.map((submission, index) => (
              <div key={`${submission.submittedAt}-${index}`} data-testid="ticket-submission">
                <Typography.Text strong>
                  {submission.reporterId
                    ? t('detail.submissionBy', { id: submission.reporterId.slice(-6) })
                    : t('detail.submissionAnonymous')}
                </Typography.Text>{' '}
                <Typography.Text type="secondary">{formatDateTime(submission.submittedAt)}</Typography.Text>
                {submission.address && (
                  <Typography.Paragraph style={{ margin: 0 }}>{submission.address}</Typography.Paragraph>
                )}
                <Typography.Paragraph style={{ margin: 0 }}>
                  {submission.description || (
                    <Typography.Text type="secondary">{t('detail.noDescription')}</Typography.Text>
                  )}
                </Typography.Paragraph>
                {submission.photos.length > 0 && (
                  <PhotoGallery photos={submission.photos} altKey="detail.submissionPhotoAlt" size={72} />
                )}
              </div>
            ))}
          </Space>
        </Card>
      )}

      {ticket.resolution && (
        <Card size="small" title={t('detail.resolution')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph style={{ margin: 0 }}>{ticket.resolution.note}</Typography.Paragraph>
            <Typography.Text type="secondary">{formatDateTime(ticket.resolution.at)}</Typography.Text>
            <PhotoGallery photos={ticket.resolution.photos} altKey="detail.resolutionPhotoAlt" />
          </Space>
        </Card>
      )}

      {ticket.rating && (
        <Card size="small" title={t('detail.rating')}>
          <Space direction="vertical" size={0}>
            <Typography.Text strong>
              {t('detail.ratingValue', { score: ticket.rating.score })}
            </Typography.Text>
            {ticket.rating.comment && <Typography.Text>{ticket.rating.comment}</Typography.Text>}
          </Space>
        </Card>
      )}

      <Card
        size="small"
        title={t('detail.map')}
        extra={
          <Typography.Text
            type="secondary"
            copyable={{ text: `${ticket.location.lat},${ticket.location.lng}` }}
          >
            {t('detail.coordinates', {
              lat: ticket.location.lat.toFixed(5),
              lng: ticket.location.lng.toFixed(5),
            })}
          </Typography.Text>
        }
      >
        <PlaceMap point={ticket.location} streetId={ticket.streetId} officers={officersOnMap} />
      </Card>

      <Card size="small" title={t('detail.timeline')}>
        <TicketTimeline ticket={ticket} lookups={directory} />
      </Card>
    </Space>
  );
}

function TicketTimeline({ ticket, lookups }: { ticket: Ticket; lookups: TimelineLookups }) {
  if (ticket.timeline.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.timelineEmpty')} />;
  }
  // Newest first: the latest step matters most on a live ticket.
  const entries = [...ticket.timeline].reverse();
  return (
    <Timeline
      data-testid="ticket-timeline"
      items={entries.map((entry, index) => {
        const transition = transitionLabel(entry);
        const facts = timelineFacts(entry, lookups);
        const reason = timelineReason(entry);
        return {
          key: `${entry.at}-${index}`,
          color: timelineColor(entry.action),
          children: (
            <div data-testid="timeline-entry" data-action={entry.action}>
              <Space size={8} wrap>
                <Typography.Text strong>{actionLabel(entry.action)}</Typography.Text>
                {transition && <Tag style={{ marginInlineEnd: 0 }}>{transition}</Tag>}
              </Space>
              <div>
                <Typography.Text type="secondary">
                  {formatDateTime(entry.at)} · {actorLabel(entry, lookups)}
                </Typography.Text>
              </div>
              {facts.length > 0 && (
                <div>
                  <Typography.Text>{facts.join(' · ')}</Typography.Text>
                </div>
              )}
              {reason && (
                <div>
                  <Typography.Text>{reason}</Typography.Text>
                </div>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
