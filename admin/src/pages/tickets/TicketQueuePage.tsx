import {
  categoryCodes,
  ticketStatuses,
  type CategoryCode,
  type Ticket,
  type TicketStatus,
} from '@jiefang/contracts';
import { Card, Grid, Segmented, Space, Tag, Typography, theme, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { OptionFilter, StreetFilter } from '../../components/listPage/FilterBar';
import { FilteredListPage } from '../../components/listPage/FilteredListPage';
import { ListPageHeader } from '../../components/listPage/ListPageHeader';
import { truncationNotice } from '../../components/listPage/ListTable';
import { ListTableCard } from '../../components/listPage/ListTableCard';
import { StatCards } from '../../components/listPage/StatCards';
import { useUrlState } from '../../components/listPage/useUrlState';
import { LiveIndicator } from '../../components/LiveIndicator';
import { QueueMap } from '../../components/map/QueueMap';
import { SlaCountdown } from '../../components/SlaCountdown';
import { TicketStatusTag } from '../../components/TicketStatusTag';
import { t } from '../../i18n';
import { formatTime } from '../../i18n/format';
import { useTicketLive } from '../../live/useTicketLive';
import { officerLabel, priorityColors, priorityLabel, statusLabel } from '../../tickets/labels';
import { useCategories, useTicketList } from '../../tickets/queries';
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
  const { params, setParam, clearFilters } = useUrlState({
    historyKeys: ['ticket'],
    // The list/map switch is a way of looking, not a filter.
    keepOnClear: ['ticket', 'view'],
  });
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
  const view = params.get('view') === 'map' ? 'map' : 'list';

  const list = useTicketList(filters, live);
  const categories = useCategories();
  const directory = useDirectory();

  const filtered = Object.keys(filters).length > 0;
  const openTicket = (id: string) => setParam('ticket', id);
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

  return (
    <FilteredListPage
      header={
        <ListPageHeader
          title={t('queue.title')}
          live={<LiveIndicator status={live} />}
          updatedAt={list.dataUpdatedAt}
          updatedAtKey="queue.updatedAt"
          refreshKey="queue.refresh"
          refreshing={list.isFetching}
          onRefresh={() => void list.refetch()}
        />
      }
      summary={<QueueStats items={list.data?.items ?? []} />}
      filtered={filtered}
      onClearFilters={clearFilters}
      clearFiltersKey="queue.clearFilters"
      filters={
        <>
          <OptionFilter
            testId="queue-filter-status"
            label={t('queue.filterStatus')}
            allLabel={t('queue.allStatuses')}
            minWidth={140}
            value={filters.status}
            onChange={(value) => setParam('status', value)}
            options={ticketStatuses.map((value) => ({ value, label: statusLabel(value) }))}
          />
          <OptionFilter
            testId="queue-filter-category"
            label={t('queue.filterCategory')}
            allLabel={t('queue.allCategories')}
            minWidth={160}
            value={filters.category}
            loading={categories.isPending}
            onChange={(value) => setParam('category', value)}
            options={(categories.data?.items ?? []).map((item) => ({ value: item.code, label: item.name }))}
          />
          <StreetFilter
            testId="queue-filter-street"
            label={t('queue.filterStreet')}
            allLabel={t('queue.allStreets')}
            value={filters.street}
            onChange={(value) => setParam('street', value)}
          />
        </>
      }
    >
      <Segmented
        data-testid="queue-view"
        value={view}
        onChange={(value) => setParam('view', value === 'map' ? 'map' : undefined)}
        options={[
          { value: 'list', label: t('map.queueViewList') },
          { value: 'map', label: t('map.queueViewMap') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />

      {view === 'map' ? (
        <Card size="small">
          <QueueMap tickets={items} officers={directory.officers} onOpen={openTicket} />
        </Card>
      ) : (
        <ListTableCard<Ticket>
          query={list}
          items={items}
          columns={columns}
          testIdPrefix="queue"
          loadFailedKey="queue.loadFailed"
          retryKey="queue.retry"
          emptyText={t(filtered ? 'queue.emptyFiltered' : 'queue.empty')}
          truncated={truncationNotice(list.data, 'queue.truncated')}
          scrollX={860}
          onOpen={openTicket}
        />
      )}

      <TicketDetailDrawer ticketId={openId} live={live} onClose={() => setParam('ticket', undefined)} />
    </FilteredListPage>
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
  return <StatCards stats={stats} testIdPrefix="queue" />;
}
