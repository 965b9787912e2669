import { ReloadOutlined } from '@ant-design/icons';
import {
  categoryCodes,
  ticketStatuses,
  type CategoryCode,
  type Ticket,
  type TicketStatus,
} from '@jiefang/contracts';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Grid,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  theme,
  type TableColumnsType,
} from 'antd';
import { type HTMLAttributes, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { describeError } from '../../api/errors';
import { LiveIndicator } from '../../components/LiveIndicator';
import { SlaCountdown } from '../../components/SlaCountdown';
import { TicketStatusTag } from '../../components/TicketStatusTag';
import { t } from '../../i18n';
import { formatTime } from '../../i18n/format';
import { useTicketLive } from '../../live/useTicketLive';
import { officerLabel, priorityColors, priorityLabel, statusLabel } from '../../tickets/labels';
import { useCategories, useStreets, useTicketList } from '../../tickets/queries';
import { queueOrder, slaState } from '../../tickets/sla';
import { type TicketFilters } from '../../tickets/ticketCache';
import { useDirectory } from '../../tickets/useOfficerDirectory';
import { useNow } from '../../tickets/useNow';
import { TicketDetailDrawer } from './TicketDetailDrawer';

const isStatus = (value: string | null): value is TicketStatus =>
  value !== null && (ticketStatuses as readonly string[]).includes(value);
const isCategory = (value: string | null): value is CategoryCode =>
  value !== null && (categoryCodes as readonly string[]).includes(value);

/** 工单队列: the enforcement console's live queue with SLA clocks. Filters and the open ticket live in the URL. */
export function TicketQueuePage() {
  const [params, setParams] = useSearchParams();
  const live = useTicketLive();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  // On a phone the table keeps three columns; the street and address move under the category.
  const narrow = screens.md === false;

  const status = params.get('status');
  const category = params.get('category');
  const street = params.get('street');
  const filters: TicketFilters = useMemo(
    () => ({
      ...(isStatus(status) ? { status } : {}),
      ...(isCategory(category) ? { category } : {}),
      ...(street ? { street } : {}),
    }),
    [status, category, street],
  );
  const openId = params.get('ticket');

  const list = useTicketList(filters, live);
  const categories = useCategories();
  const streets = useStreets();
  const directory = useDirectory();

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key !== 'ticket' },
    );

  const filtered = Object.keys(filters).length > 0;
  const items = useMemo(() => [...(list.data?.items ?? [])].sort(queueOrder), [list.data]);

  const columns: TableColumnsType<Ticket> = [
    {
      title: t('queue.columnTicket'),
      key: 'ticket',
      render: (_, ticket) => (
        <Space direction="vertical" size={0}>
          <Space size={6} wrap>
            <Typography.Text strong>{ticket.categoryName}</Typography.Text>
            {narrow && <TicketStatusTag status={ticket.status} />}
            {ticket.priority !== 'normal' && (
              <Tag color={priorityColors[ticket.priority]} style={{ marginInlineEnd: 0 }}>
                {priorityLabel(ticket.priority)}
              </Tag>
            )}
          </Space>
          {narrow && (
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {`${ticket.streetName ?? t('queue.noStreet')} · ${ticket.address}`}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {ticket.id.slice(-8)}
            {ticket.reporterCount > 1 ? ` · ${t('queue.reporters', { count: ticket.reporterCount })}` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('queue.columnStatus'),
      key: 'status',
      width: 110,
      responsive: ['md'],
      render: (_, ticket) => <TicketStatusTag status={ticket.status} />,
    },
    {
      title: t('queue.columnSla'),
      key: 'sla',
      render: (_, ticket) => <SlaCountdown ticket={ticket} />,
    },
    {
      title: t('queue.columnStreet'),
      key: 'street',
      responsive: ['md'],
      render: (_, ticket) => (
        <Space direction="vertical" size={0} style={{ maxWidth: 260 }}>
          <Typography.Text>{ticket.streetName ?? t('queue.noStreet')}</Typography.Text>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
            {ticket.address}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('queue.columnAssignee'),
      key: 'assignee',
      responsive: ['md'],
      render: (_, ticket) =>
        ticket.assigneeId ? (
          officerLabel(ticket.assigneeId, directory)
        ) : (
          <Typography.Text type="secondary">{t('queue.unassigned')}</Typography.Text>
        ),
    },
    {
      title: t('queue.columnReported'),
      key: 'reportedAt',
      responsive: ['md'],
      render: (_, ticket) => (
        <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
          {formatTime(ticket.reportedAt)}
        </span>
      ),
    },
  ];

  let body;
  if (list.isError && !list.data) {
    body = (
      <Alert
        type="error"
        showIcon
        message={t('queue.loadFailed', { message: describeError(list.error) })}
        action={
          <Button size="small" onClick={() => void list.refetch()}>
            {t('queue.retry')}
          </Button>
        }
      />
    );
  } else {
    body = (
      <>
        {list.isError && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: token.margin }}
            message={t('queue.loadFailed', { message: describeError(list.error) })}
          />
        )}
        {list.data && list.data.total > list.data.items.length && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: token.margin }}
            message={t('queue.truncated', { total: list.data.total, shown: list.data.items.length })}
          />
        )}
        <Table<Ticket>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.isPending}
          scroll={narrow ? undefined : { x: 860 }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t(filtered ? 'queue.emptyFiltered' : 'queue.empty')}
              />
            ),
          }}
          onRow={(ticket) =>
            ({
              'data-testid': `queue-row-${ticket.id}`,
              onClick: () => setParam('ticket', ticket.id),
              style: { cursor: 'pointer' },
            }) as HTMLAttributes<HTMLElement>
          }
        />
      </>
    );
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: token.marginSM, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('queue.title')}
        </Typography.Title>
        <LiveIndicator status={live} />
        <div style={{ flex: 1 }} />
        {list.dataUpdatedAt > 0 && (
          <Typography.Text type="secondary">
            {t('queue.updatedAt', { time: formatTime(list.dataUpdatedAt) })}
          </Typography.Text>
        )}
        <Button icon={<ReloadOutlined />} loading={list.isFetching} onClick={() => void list.refetch()}>
          {t('queue.refresh')}
        </Button>
      </div>

      <QueueStats items={list.data?.items ?? []} />

      <Card size="small">
        <Space wrap size="middle">
          <Select<string>
            data-testid="queue-filter-status"
            aria-label={t('queue.filterStatus')}
            style={{ minWidth: 140 }}
            value={filters.status ?? ''}
            onChange={(value) => setParam('status', value || undefined)}
            options={[
              { value: '', label: t('queue.allStatuses') },
              ...ticketStatuses.map((value) => ({ value, label: statusLabel(value) })),
            ]}
          />
          <Select<string>
            data-testid="queue-filter-category"
            aria-label={t('queue.filterCategory')}
            style={{ minWidth: 160 }}
            value={filters.category ?? ''}
            loading={categories.isPending}
            onChange={(value) => setParam('category', value || undefined)}
            options={[
              { value: '', label: t('queue.allCategories') },
              ...(categories.data?.items ?? []).map((item) => ({ value: item.code, label: item.name })),
            ]}
          />
          <Select<string>
            data-testid="queue-filter-street"
            aria-label={t('queue.filterStreet')}
            style={{ minWidth: 160 }}
            value={filters.street ?? ''}
            loading={streets.isPending}
            onChange={(value) => setParam('street', value || undefined)}
            options={[
              { value: '', label: t('queue.allStreets') },
              ...(streets.data?.items ?? []).map((item) => ({ value: item.id, label: item.name })),
            ]}
          />
          {filtered && (
            <Button
              type="link"
              onClick={() =>
                setParams(
                  (prev) => {
                    const next = new URLSearchParams();
                    const open = prev.get('ticket');
                    if (open) next.set('ticket', open);
                    return next;
                  },
                  { replace: true },
                )
              }
            >
              {t('queue.clearFilters')}
            </Button>
          )}
        </Space>
      </Card>

      <Card size="small" styles={{ body: { padding: 0 } }}>
        <div style={{ padding: list.isError && !list.data ? token.padding : 0 }}>{body}</div>
      </Card>

      <TicketDetailDrawer ticketId={openId} live={live} onClose={() => setParam('ticket', undefined)} />
    </Space>
  );
}

/** Counts for the shift at a glance, from the tickets on screen. */
function QueueStats({ items }: { items: readonly Ticket[] }) {
  const now = useNow();
  let open = 0;
  let queued = 0;
  let warning = 0;
  let overdue = 0;
  for (const ticket of items) {
    const state = slaState(ticket, now);
    if (state.remainingMs !== null) open += 1;
    if (ticket.status === 'dispatch_queue') queued += 1;
    if (state.tone === 'warning') warning += 1;
    if (state.tone === 'overdue') overdue += 1;
  }
  const stats = [
    { key: 'open', label: t('queue.statOpen'), value: open, color: undefined },
    { key: 'queue', label: t('queue.statQueue'), value: queued, color: queued ? '#c41d7f' : undefined },
    { key: 'warning', label: t('queue.statWarning'), value: warning, color: warning ? '#d46b08' : undefined },
    { key: 'overdue', label: t('queue.statOverdue'), value: overdue, color: overdue ? '#cf1322' : undefined },
  ];
  return (
    <Row gutter={[16, 16]}>
      {stats.map((stat) => (
        <Col key={stat.key} xs={12} md={6}>
          <Card size="small" data-testid={`queue-stat-${stat.key}`}>
            <Statistic title={stat.label} value={stat.value} valueStyle={{ color: stat.color }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
