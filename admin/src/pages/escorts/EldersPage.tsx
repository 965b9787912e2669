import { CalendarOutlined, PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { type Elder } from '@jiefang/contracts';
import {
  Alert,
  Button,
  Card,
  Empty,
  Grid,
  Input,
  Space,
  Table,
  Typography,
  theme,
  type TableColumnsType,
} from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { describeError } from '../../api/errors';
import { NeedTags } from '../../components/EscortTags';
import { contactLine, elderMatches } from '../../escorts/elderView';
import { useElders } from '../../escorts/queries';
import { t } from '../../i18n';
import { formatTime } from '../../i18n/format';
import { ElderDrawer } from './ElderDrawer';
import { ElderFormDialog } from './ElderFormDialog';

/** 长者: the elders of the worker's street, who can be booked for by phone. The open one is `?elder=`. */
export function EldersPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const list = useElders();
  const [creating, setCreating] = useState(false);
  const search = params.get('q') ?? '';
  const openId = params.get('elder');

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key !== 'elder' },
    );

  const items = useMemo(
    () => (list.data?.items ?? []).filter((elder) => elderMatches(elder, search)),
    [list.data, search],
  );

  const book = (elder: Elder) => navigate(`/escorts/book?elder=${encodeURIComponent(elder.id)}`);

  const columns: TableColumnsType<Elder> = [
    {
      title: t('elder.columnElder'),
      key: 'elder',
      render: (_, elder) => (
        <Space direction="vertical" size={2}>
          <Typography.Text strong>{elder.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {elder.phone}
          </Typography.Text>
          {narrow && <NeedTags needs={elder.needs} />}
        </Space>
      ),
    },
    {
      title: t('elder.columnAddress'),
      key: 'address',
      responsive: ['md'],
      render: (_, elder) => (
        <Space direction="vertical" size={0} style={{ maxWidth: 280 }}>
          <Typography.Text>{elder.address ?? '—'}</Typography.Text>
          {elder.streetName && (
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {elder.streetName}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('elder.columnNeeds'),
      key: 'needs',
      responsive: ['md'],
      render: (_, elder) =>
        elder.needs.length ? (
          <NeedTags needs={elder.needs} />
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('elder.columnContacts'),
      key: 'contacts',
      responsive: ['lg'],
      render: (_, elder) =>
        elder.emergencyContacts.length === 0 ? (
          <Typography.Text type="secondary">{t('elder.noContacts')}</Typography.Text>
        ) : (
          <Space direction="vertical" size={0}>
            {elder.emergencyContacts.map((contact, index) => (
              <Typography.Text key={index} style={{ whiteSpace: 'nowrap' }}>
                {contactLine(contact)}
              </Typography.Text>
            ))}
          </Space>
        ),
    },
    {
      title: t('elder.columnActions'),
      key: 'actions',
      render: (_, elder) => (
        <span onClick={(event) => event.stopPropagation()}>
          <Button
            size="small"
            type="primary"
            icon={<CalendarOutlined />}
            data-testid={`elder-book-${elder.id}`}
            onClick={() => book(elder)}
          >
            {t('elder.book')}
          </Button>
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
        data-testid="elder-load-error"
        style={{ margin: token.padding }}
        message={t('elder.loadFailed', { message: describeError(list.error) })}
        action={
          <Button size="small" onClick={() => void list.refetch()}>
            {t('escort.retry')}
          </Button>
        }
      />
    );
  } else {
    body = (
      <Table<Elder>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={list.isPending}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        onRow={(elder) =>
          ({
            'data-testid': `elder-row-${elder.id}`,
            onClick: () => setParam('elder', elder.id),
            style: { cursor: 'pointer' },
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{
          emptyText: (
            <Empty
              data-testid="elder-empty"
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t(search ? 'elder.emptySearch' : 'elder.empty')}
            />
          ),
        }}
      />
    );
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: token.marginSM, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('elder.title')}
        </Typography.Title>
        <div style={{ flex: 1 }} />
        {list.dataUpdatedAt > 0 && (
          <Typography.Text type="secondary">
            {t('escort.updatedAt', { time: formatTime(list.dataUpdatedAt) })}
          </Typography.Text>
        )}
        <Button icon={<ReloadOutlined />} loading={list.isFetching} onClick={() => void list.refetch()}>
          {t('escort.refresh')}
        </Button>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          data-testid="elder-create"
          onClick={() => setCreating(true)}
        >
          {t('elder.create')}
        </Button>
      </div>

      <Card size="small">
        <Input
          allowClear
          data-testid="elder-search"
          prefix={<SearchOutlined />}
          placeholder={t('elder.searchPlaceholder')}
          aria-label={t('elder.searchPlaceholder')}
          style={{ maxWidth: 360 }}
          value={search}
          onChange={(event) => setParam('q', event.target.value || undefined)}
        />
      </Card>

      <Card size="small" styles={{ body: { padding: 0 } }}>
        {body}
      </Card>

      <ElderFormDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(elder) => setParam('elder', elder.id)}
      />
      <ElderDrawer elderId={openId} onClose={() => setParam('elder', undefined)} onBook={book} />
    </Space>
  );
}
