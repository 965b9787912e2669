import { EnvironmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { type Ticket, travelModes } from '@jiefang/contracts';
import { Alert, Button, Card, Empty, Segmented, Skeleton, Space, Switch, Typography, theme } from 'antd';
import { describeError } from '../../api/errors';
import { ActionFailed } from '../../components/ActionFailed';
import { LiveIndicator } from '../../components/LiveIndicator';
import { t } from '../../i18n';
import { formatTime } from '../../i18n/format';
import { useTicketLive } from '../../live/useTicketLive';
import { phaseMessage, useLocationSharing, type LocationSharing } from '../../officer/useLocationSharing';
import { useMyTickets, useOfficerStatus, useSetDuty } from '../../tickets/queries';
import { OfficerTicketCard } from './OfficerTicketCard';

type TravelMode = (typeof travelModes)[number];

/** 我的任务: the officer's phone view — duty, location sharing and their assignments. */
export function OfficerPage() {
  const live = useTicketLive();
  const status = useOfficerStatus();
  const onDuty = status.data?.onDuty ?? false;
  const location = useLocationSharing(onDuty);
  const tickets = useMyTickets();
  const { token } = theme.useToken();

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: token.marginSM }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('officer.title')}
          </Typography.Title>
          <LiveIndicator status={live} />
        </div>

        <DutyCard status={status} location={location} />

        <Card
          size="small"
          title={t('officer.tickets')}
          extra={
            <Button
              size="small"
              type="text"
              icon={<ReloadOutlined />}
              loading={tickets.isFetching}
              aria-label={t('queue.refresh')}
              onClick={() => void tickets.refetch()}
            />
          }
          styles={{ body: { padding: tickets.data?.length ? token.paddingSM : token.padding } }}
        >
          <TicketList tickets={tickets} onDuty={onDuty} location={location} />
        </Card>
      </Space>
    </div>
  );
}

function DutyCard({
  status,
  location,
}: {
  status: ReturnType<typeof useOfficerStatus>;
  location: LocationSharing;
}) {
  const setDuty = useSetDuty();
  const { token } = theme.useToken();

  if (status.isPending) {
    return (
      <Card size="small">
        <Skeleton active paragraph={{ rows: 2 }} />
      </Card>
    );
  }
  if (status.isError) {
    return (
      <Alert
        type="error"
        showIcon
        message={t('officer.statusFailed', { message: describeError(status.error) })}
        action={
          <Button size="small" onClick={() => void status.refetch()}>
            {t('officer.retry')}
          </Button>
        }
      />
    );
  }

  const { onDuty, travelMode } = status.data;
  const toggle = (next: boolean) => setDuty.mutate({ onDuty: next, travelMode });
  const changeMode = (mode: TravelMode) => setDuty.mutate({ onDuty, travelMode: mode });

  return (
    <Card size="small">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: token.marginSM }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: token.fontSizeLG }}>
              {onDuty ? t('officer.onDuty') : t('officer.offDuty')}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {onDuty ? t('officer.dutyHintOn') : t('officer.dutyHintOff')}
              </Typography.Text>
            </div>
          </div>
          <Switch
            data-testid="officer-duty-toggle"
            checked={onDuty}
            loading={setDuty.isPending}
            onChange={toggle}
            aria-label={t('officer.duty')}
            style={{ transform: 'scale(1.25)', transformOrigin: 'right center' }}
          />
        </div>
        <div style={{ display: 'flex', alignItems: 'center', gap: token.marginSM, flexWrap: 'wrap' }}>
          <Typography.Text type="secondary">{t('officer.travelMode')}</Typography.Text>
          <Segmented<TravelMode>
            data-testid="officer-travel-mode"
            value={travelMode}
            disabled={setDuty.isPending}
            onChange={changeMode}
            options={travelModes.map((mode) => ({ value: mode, label: t(`travelMode.${mode}`) }))}
          />
        </div>
        <ActionFailed mutation={setDuty} messageKey="officer.dutyFailed" />
        <LocationStatus location={location} />
      </Space>
    </Card>
  );
}

function LocationStatus({ location }: { location: LocationSharing }) {
  const { phase, fix, lastSentAt, sendError, retry } = location;
  const problem = phaseMessage[phase];
  if (phase === 'off') {
    return (
      <Typography.Text type="secondary" data-testid="officer-location" data-phase={phase}>
        <EnvironmentOutlined /> {t('officer.locationOff')}
      </Typography.Text>
    );
  }
  if (problem) {
    return (
      <Alert
        data-testid="officer-location"
        data-phase={phase}
        type={phase === 'denied' || phase === 'insecure' || phase === 'unsupported' ? 'error' : 'warning'}
        showIcon
        message={t(problem)}
        action={
          phase === 'denied' ? (
            <Button size="small" onClick={retry}>
              {t('officer.locationRetry')}
            </Button>
          ) : undefined
        }
      />
    );
  }
  return (
    <div data-testid="officer-location" data-phase={phase}>
      <Typography.Text type={phase === 'sharing' ? 'success' : 'secondary'}>
        <EnvironmentOutlined />{' '}
        {fix
          ? t('officer.locationSharing', { accuracy: Math.round(fix.accuracy) })
          : t('officer.locationWaiting')}
      </Typography.Text>
      {lastSentAt !== null && (
        <Typography.Text type="secondary">
          {' · '}
          {t('officer.locationSent', { time: formatTime(lastSentAt) })}
        </Typography.Text>
      )}
      {sendError !== null && (
        <div>
          <Typography.Text type="danger">
            {t('officer.locationSendFailed', { message: describeError(sendError) })}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

function TicketList({
  tickets,
  onDuty,
  location,
}: {
  tickets: ReturnType<typeof useMyTickets>;
  onDuty: boolean;
  location: LocationSharing;
}) {
  if (tickets.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (tickets.isError && !tickets.data) {
    return (
      <Alert
        type="error"
        showIcon
        message={t('officer.ticketsFailed', { message: describeError(tickets.error) })}
        action={
          <Button size="small" onClick={() => void tickets.refetch()}>
            {t('officer.retry')}
          </Button>
        }
      />
    );
  }
  const items: Ticket[] = tickets.data ?? [];
  if (items.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t(onDuty ? 'officer.ticketsEmpty' : 'officer.ticketsEmptyOff')}
      />
    );
  }
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {items.map((ticket) => (
        <OfficerTicketCard key={ticket.id} ticket={ticket} location={location} />
      ))}
    </Space>
  );
}
