import { CalendarOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { type Elder } from '@jiefang/contracts';
import { Button, Card, Grid, Input, Space, Typography, theme, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { NeedTags } from '../../components/EscortTags';
import { ListPageHeader } from '../../components/listPage/ListPageHeader';
import { ListTable } from '../../components/listPage/ListTable';
import { useUrlState } from '../../components/listPage/useUrlState';
import { contactLine, elderMatches } from '../../escorts/elderView';
import { useElders } from '../../escorts/queries';
import { t } from '../../i18n';
import { ElderDrawer } from './ElderDrawer';
import { ElderFormDialog } from './ElderFormDialog';

/** 长者: the elders of the worker's street, who can be booked for by phone. The open one is `?elder=`. */
export function EldersPage() {
  const { params, setParam } = useUrlState({ historyKeys: ['elder'] });
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const list = useElders();
  const [creating, setCreating] = useState(false);
  const search = params.get('q') ?? '';
  const openId = params.get('elder');

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

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ListPageHeader
        title={t('elder.title')}
        updatedAt={list.dataUpdatedAt}
        updatedAtKey="escort.updatedAt"
        refreshKey="escort.refresh"
        refreshing={list.isFetching}
        onRefresh={() => void list.refetch()}
      >
        <Button
          type="primary"
          icon={<PlusOutlined />}
          data-testid="elder-create"
          onClick={() => setCreating(true)}
        >
          {t('elder.create')}
        </Button>
      </ListPageHeader>

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
        <ListTable<Elder>
          query={list}
          items={items}
          columns={columns}
          testIdPrefix="elder"
          loadFailedKey="elder.loadFailed"
          retryKey="escort.retry"
          emptyText={t(search ? 'elder.emptySearch' : 'elder.empty')}
          onOpen={(id) => setParam('elder', id)}
          warnWhenStale={false}
        />
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
