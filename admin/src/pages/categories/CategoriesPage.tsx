import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { type Category } from '@jiefang/contracts';
import { Alert, App, Button, Card, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { type HTMLAttributes } from 'react';
import { ApiError, describeError } from '../../api/errors';
import { useSession } from '../../auth/useSession';
import { iconGlyph } from '../../categories/categoryForm';
import { editsCategories } from '../../categories/permissions';
import { useAllCategories, useUpdateCategory } from '../../categories/queries';
import { ListPageHeader } from '../../components/listPage/ListPageHeader';
import { useUrlState } from '../../components/listPage/useUrlState';
import { t } from '../../i18n';
import { departmentLabel, priorityLabel } from '../../tickets/labels';
import { CategoryEditDrawer } from './CategoryEditDrawer';
import { CategoryHistoryDrawer } from './CategoryHistoryDrawer';

const priorityColors = { urgent: 'red', high: 'orange', normal: 'default' } as const;

/**
 * 事项分类: every category residents may report under, with its icon, department, priority and on-site
 * SLA; the district's administrators switch one off, edit it (`edit=<code>`) and read its history
 * (`history=<code>`). A street's administrator reads them only.
 */
export function CategoriesPage() {
  const { params, setParam } = useUrlState({ historyKeys: ['edit', 'history'] });
  const user = useSession()?.user;
  const editable = user ? editsCategories(user) : false;
  const query = useAllCategories();
  const update = useUpdateCategory();
  const { message } = App.useApp();
  const items = query.data?.items ?? [];
  const editing = items.find((item) => item.code === params.get('edit')) ?? null;
  const historyOf = items.find((item) => item.code === params.get('history')) ?? null;

  const switchEnabled = (category: Category, enabled: boolean) =>
    update.mutate(
      { code: category.code, body: { expectedVersion: category.version, enabled } },
      {
        onSuccess: (done) =>
          void message.success(
            t(done.enabled ? 'categories.switchedOn' : 'categories.switchedOff', { name: done.name }),
          ),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) {
            void message.warning(t('categories.stale'));
            void query.refetch();
          } else void message.error(t('categories.saveFailed', { message: describeError(error) }));
        },
      },
    );

  const columns: TableColumnsType<Category> = [
    {
      title: t('categories.columnIcon'),
      key: 'icon',
      width: 64,
      align: 'center',
      render: (_, category) => (
        <span style={{ fontSize: 24, lineHeight: 1 }} aria-label={category.icon}>
          {iconGlyph(category.icon)}
        </span>
      ),
    },
    {
      title: t('categories.columnName'),
      key: 'name',
      render: (_, category) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{category.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('categories.version', { version: category.version })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('categories.columnDepartment'),
      key: 'department',
      responsive: ['md'],
      render: (_, category) => (
        <Space direction="vertical" size={0}>
          <span>{category.departmentName}</span>
          {category.departmentName !== departmentLabel(category.department) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {departmentLabel(category.department)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('categories.columnPriority'),
      key: 'priority',
      render: (_, category) => (
        <Tag color={priorityColors[category.priority]} style={{ marginInlineEnd: 0 }}>
          {priorityLabel(category.priority)}
        </Tag>
      ),
    },
    {
      title: t('categories.columnSla'),
      key: 'sla',
      render: (_, category) => (
        <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {t('categories.minutes', { minutes: category.onSiteSlaMinutes })}
        </span>
      ),
    },
    {
      title: t('categories.columnEnabled'),
      key: 'enabled',
      render: (_, category) => (
        <Switch
          checked={category.enabled}
          checkedChildren={t('categories.enabled')}
          unCheckedChildren={t('categories.disabled')}
          disabled={!editable || (update.isPending && update.variables?.code !== category.code)}
          loading={update.isPending && update.variables?.code === category.code}
          data-testid={`category-enabled-${category.code}`}
          onChange={(enabled) => switchEnabled(category, enabled)}
        />
      ),
    },
    {
      title: t('categories.columnActions'),
      key: 'actions',
      render: (_, category) => (
        <Space size="small" wrap>
          {editable && (
            <Button
              size="small"
              icon={<EditOutlined />}
              data-testid={`category-edit-${category.code}`}
              onClick={() => setParam('edit', category.code)}
            >
              {t('categories.edit')}
            </Button>
          )}
          <Button
            size="small"
            icon={<HistoryOutlined />}
            data-testid={`category-history-${category.code}`}
            onClick={() => setParam('history', category.code)}
          >
            {t('categories.history')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ListPageHeader
        title={t('categories.title')}
        updatedAt={query.dataUpdatedAt}
        updatedAtKey="categories.updatedAt"
        refreshKey="categories.refresh"
        refreshing={query.isFetching}
        onRefresh={() => void query.refetch()}
      />
      <Alert
        type={editable ? 'info' : 'warning'}
        showIcon
        message={editable ? t('categories.intro') : t('categories.readOnly')}
      />
      {query.isError && (
        <Alert
          type="error"
          showIcon
          message={t('categories.loadFailed', { message: describeError(query.error) })}
          action={
            <Button size="small" onClick={() => void query.refetch()}>
              {t('categories.retry')}
            </Button>
          }
        />
      )}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<Category>
          rowKey="code"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={query.isPending && query.fetchStatus !== 'idle'}
          pagination={false}
          locale={{ emptyText: t('categories.empty') }}
          onRow={(category) =>
            ({
              'data-testid': `category-row-${category.code}`,
              'data-enabled': category.enabled,
              style: category.enabled ? undefined : { opacity: 0.6 },
            }) as HTMLAttributes<HTMLElement>
          }
        />
      </Card>

      <CategoryEditDrawer
        category={editable ? editing : null}
        onClose={() => setParam('edit', undefined)}
        onStale={() => void query.refetch()}
      />
      <CategoryHistoryDrawer category={historyOf} onClose={() => setParam('history', undefined)} />
    </Space>
  );
}
