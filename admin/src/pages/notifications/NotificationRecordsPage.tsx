import { type NotificationRecord } from '@jiefang/contracts';
import { Card, Grid, Space, Tag, Typography, theme, type TableColumnsType } from 'antd';
import { FilterBar, OptionFilter } from '../../components/listPage/FilterBar';
import { ListPageHeader } from '../../components/listPage/ListPageHeader';
import { ListTable, truncationNotice } from '../../components/listPage/ListTable';
import { useUrlState } from '../../components/listPage/useUrlState';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import {
  isNotificationStatus,
  notificationChannelLabel,
  notificationStatusColor,
  notificationStatusLabel,
  notificationStatusOrder,
} from '../../notifications/labels';
import { useNotificationRecords } from '../../notifications/queries';

/**
 * 通知记录: every notification the system sent or is sending, newest first, with the channels that
 * delivered it, its attempts and each channel's last error. The status filter (`status`) lives in the URL.
 */
export function NotificationRecordsPage() {
  const { params, setParam, clearFilters } = useUrlState();
  const statusParam = params.get('status');
  const status = isNotificationStatus(statusParam) ? statusParam : undefined;
  const query = useNotificationRecords(status);
  const { token } = theme.useToken();
  const narrow = Grid.useBreakpoint().md === false;
  const items = query.data?.items ?? [];

  const columns: TableColumnsType<NotificationRecord> = [
    {
      title: t('notification.columnNotification'),
      key: 'notification',
      render: (_, record) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>
            {record.title ?? t('notification.unknownTemplate', { template: record.template })}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {record.template}
          </Typography.Text>
          {narrow && <StatusTag record={record} />}
        </Space>
      ),
    },
    {
      title: t('notification.columnRecipient'),
      key: 'recipient',
      render: (_, record) => (
        <Typography.Text>{record.recipientName ?? t('notification.unknownRecipient')}</Typography.Text>
      ),
    },
    {
      title: t('notification.columnStatus'),
      key: 'status',
      responsive: ['md'],
      render: (_, record) => (
        <Space direction="vertical" size={2}>
          <StatusTag record={record} />
          {record.status === 'pending' && record.nextAttemptAt && record.attempts > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {t('notification.nextAttempt', { time: formatDateTime(record.nextAttemptAt) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('notification.columnChannels'),
      key: 'channels',
      render: (_, record) =>
        record.channels.length ? (
          <Space size={4} wrap>
            {record.channels.map((channel) => (
              <Tag key={channel} style={{ marginInlineEnd: 0 }}>
                {notificationChannelLabel(channel)}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('notification.noChannel')}</Typography.Text>
        ),
    },
    {
      title: t('notification.columnAttempts'),
      key: 'attempts',
      responsive: ['lg'],
      width: 104,
      render: (_, record) => t('notification.attempts', { count: record.attempts }),
    },
    {
      title: t('notification.columnError'),
      key: 'error',
      render: (_, record) =>
        record.lastError ? (
          <Typography.Text
            data-testid={`notification-error-${record.id}`}
            type={record.status === 'sent' ? 'warning' : 'danger'}
            style={{ wordBreak: 'break-word', maxWidth: 360, display: 'inline-block' }}
          >
            {record.lastError}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('notification.columnCreatedAt'),
      key: 'createdAt',
      responsive: ['md'],
      render: (_, record) => formatDateTime(record.createdAt),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ListPageHeader
        title={t('notification.title')}
        updatedAt={query.dataUpdatedAt}
        updatedAtKey="notification.updatedAt"
        refreshKey="notification.refresh"
        refreshing={query.isFetching}
        onRefresh={() => void query.refetch()}
      />
      <FilterBar filtered={Boolean(status)} onClear={clearFilters} clearKey="notification.clearFilters">
        <OptionFilter
          testId="notification-filter-status"
          label={t('notification.filterStatus')}
          allLabel={t('notification.allStatuses')}
          minWidth={140}
          value={status}
          onChange={(value) => setParam('status', value)}
          options={notificationStatusOrder.map((value) => ({ value, label: notificationStatusLabel(value) }))}
        />
      </FilterBar>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <ListTable
          query={query}
          items={items}
          columns={columns}
          testIdPrefix="notification"
          loadFailedKey="notification.loadFailed"
          retryKey="notification.retry"
          emptyText={status ? t('notification.emptyFiltered') : t('notification.empty')}
          truncated={truncationNotice(query.data, 'notification.truncated')}
          scrollX={1000}
        />
      </Card>
    </Space>
  );
}

function StatusTag({ record }: { record: NotificationRecord }) {
  return (
    <Tag color={notificationStatusColor[record.status]} style={{ marginInlineEnd: 0 }}>
      {notificationStatusLabel(record.status)}
    </Tag>
  );
}
