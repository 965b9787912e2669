import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { type Household } from '@jiefang/contracts';
import { Alert, Button, Card, Input, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSession } from '../../auth/useSession';
import { canKeepHouseholds } from '../../households/permissions';
import { useHouseholds } from '../../households/queries';
import { t } from '../../i18n';
import { HouseholdDrawer } from './HouseholdDrawer';
import { HouseholdImportDialog } from './HouseholdImportDialog';

/** 住户管理: the households of the caller's street (or all, for the district), searched by address. */
export function HouseholdsPage() {
  const current = useSession();
  const keeper = current ? canKeepHouseholds(current.user) : false;
  const [search, setSearch] = useState('');
  const list = useHouseholds(search);
  /** The open household's id, 'new' for the create drawer, null when closed. */
  const [openId, setOpenId] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  /** The household just created, shown until the refreshed list has it. */
  const [created, setCreated] = useState<Household | null>(null);
  const open =
    openId && openId !== 'new'
      ? (list.data?.items.find((item) => item.id === openId) ?? (created?.id === openId ? created : null))
      : null;

  const columns: TableColumnsType<Household> = [
    { title: t('household.columnAddress'), dataIndex: 'address', key: 'address' },
    {
      title: t('household.columnPlace'),
      key: 'place',
      render: (_, household) => (
        <Space direction="vertical" size={0}>
          <span>{household.streetName ?? household.streetId}</span>
          <Typography.Text type="secondary">
            {household.gridName ?? t('household.noLocation')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('household.columnOwners'),
      key: 'owners',
      render: (_, household) => t('household.ownerCount', { count: household.owners.length }),
    },
    {
      title: t('household.columnContacts'),
      key: 'contacts',
      render: (_, household) =>
        household.contacts.map((contact) => `${contact.name} ${contact.phone}`).join('；'),
    },
    { title: t('household.columnAlarms'), dataIndex: 'chargingAlarmCount', key: 'alarms', width: 120 },
  ];

  return (
    <Card
      title={t('household.title')}
      extra={
        keeper && (
          <Space>
            <Button
              icon={<UploadOutlined />}
              data-testid="household-import"
              onClick={() => setImporting(true)}
            >
              {t('household.import')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="household-create"
              onClick={() => setOpenId('new')}
            >
              {t('household.create')}
            </Button>
          </Space>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {!keeper && <Alert type="info" showIcon message={t('household.readOnly')} />}
        <Input.Search
          allowClear
          data-testid="household-search"
          placeholder={t('household.searchPlaceholder')}
          onSearch={(value) => setSearch(value.trim())}
          style={{ maxWidth: 360 }}
        />
        {list.isError && (
          <Alert type="error" showIcon message={t('household.loadFailed', { message: list.error.message })} />
        )}
        <Table<Household>
          rowKey="id"
          size="middle"
          data-testid="household-table"
          loading={list.isPending}
          columns={columns}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: search ? t('household.emptySearch') : t('household.empty') }}
          onRow={(household) => ({
            onClick: () => setOpenId(household.id),
            style: { cursor: 'pointer' },
            'data-testid': `household-row-${household.id}`,
          })}
        />
      </Space>
      <HouseholdImportDialog open={importing} onClose={() => setImporting(false)} />
      <HouseholdDrawer
        open={openId !== null}
        household={open}
        readOnly={!keeper}
        onClose={() => setOpenId(null)}
        onCreated={(household) => {
          setCreated(household);
          setOpenId(household.id);
        }}
      />
    </Card>
  );
}
