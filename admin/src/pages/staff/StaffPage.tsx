import {
  EditOutlined,
  KeyOutlined,
  PlusOutlined,
  StopOutlined,
  UploadOutlined,
  CheckCircleOutlined,
} from '@ant-design/icons';
import { roles, staffRoles, type PasswordResetResponse, type User } from '@jiefang/contracts';
import {
  Alert,
  App,
  Button,
  Input,
  Space,
  Tag,
  Typography,
  theme,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { describeError } from '../../api/errors';
import { useSession } from '../../auth/useSession';
import { OptionFilter, StreetFilter } from '../../components/listPage/FilterBar';
import { FilteredListPage } from '../../components/listPage/FilteredListPage';
import { ListPageHeader } from '../../components/listPage/ListPageHeader';
import { truncationNotice } from '../../components/listPage/ListTable';
import { ListTableCard } from '../../components/listPage/ListTableCard';
import { useUrlState } from '../../components/listPage/useUrlState';
import { t } from '../../i18n';
import { roleLabel, roleLabels } from '../../i18n/roles';
import { useResetPassword, useStaffList, useUpdateStaff } from '../../staff/queries';
import { staffFiltersOf } from '../../staff/staffFilters';
import { useDistrict } from '../../tickets/queries';
import { PasswordResetModal } from './PasswordResetModal';
import { StaffFormDrawer } from './StaffFormDrawer';

/** Roles offered in the role filter: staff roles, the ones with accounts here. */
const roleOptions = roles
  .filter((role) => staffRoles.includes(role))
  .map((role) => ({ value: role, label: roleLabel(role) }));

/**
 * 人员管理: staff accounts, searched and filtered (`q`, `role`, `street`, `status` in the URL); create and
 * edit in a drawer, disable or enable after a confirmation, reset a password to a one-time one shown
 * once. A street's administrator sees and manages only their street (the BFF enforces it).
 */
export function StaffPage() {
  const { params, setParam, clearFilters } = useUrlState();
  const current = useSession();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const { token } = theme.useToken();
  const filters = useMemo(() => staffFiltersOf(params), [params]);
  const ownStreet = current?.user.streetId;
  const ownStreetName = current?.user.streetName;

  // The search box types freely; the URL (and the request) follow after a pause.
  const [search, setSearch] = useState(filters.q ?? '');
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);
  useEffect(() => {
    const next = search.trim() || undefined;
    if (next === filters.q) return;
    const timer = setTimeout(() => setParam('q', next), 300);
    return () => clearTimeout(timer);
    // setParam is a new function each render; the search text is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, filters.q]);

  const list = useStaffList(filters);
  const district = useDistrict();
  const gridName = (gridId: string) =>
    district.data?.grids.find((grid) => grid.properties.id === gridId)?.properties.name ?? gridId;
  const update = useUpdateStaff();
  const reset = useResetPassword();
  const [drawer, setDrawer] = useState<{ user: User | null } | null>(null);
  const [issued, setIssued] = useState<PasswordResetResponse | null>(null);
  const items = list.data?.items ?? [];

  function confirmStatus(user: User) {
    const disabling = !user.disabled;
    modal.confirm({
      title: t(disabling ? 'staff.disableTitle' : 'staff.enableTitle', { name: user.name }),
      content: t(disabling ? 'staff.disableContent' : 'staff.enableContent'),
      okText: t('staff.confirm'),
      okButtonProps: { danger: disabling, 'data-testid': 'staff-status-confirm' } as ButtonProps,
      cancelText: t('staff.cancel'),
      onOk: () =>
        update
          .mutateAsync({ id: user.id, change: { disabled: disabling } })
          .then(() =>
            message.success(t(disabling ? 'staff.disabledDone' : 'staff.enabledDone', { name: user.name })),
          )
          .catch((error: unknown) => {
            void message.error(t('staff.actionFailed', { message: describeError(error) }));
          }),
    });
  }

  function confirmReset(user: User) {
    modal.confirm({
      title: t('staff.resetTitle', { name: user.name }),
      content: t('staff.resetContent'),
      okText: t('staff.confirm'),
      okButtonProps: { danger: true, 'data-testid': 'staff-reset-confirm' } as ButtonProps,
      cancelText: t('staff.cancel'),
      onOk: () =>
        reset
          .mutateAsync(user.id)
          .then((response) => setIssued(response))
          .catch((error: unknown) => {
            void message.error(t('staff.actionFailed', { message: describeError(error) }));
          }),
    });
  }

  const columns: TableColumnsType<User> = [
    {
      title: t('staff.columnName'),
      key: 'name',
      render: (_, user) => (
        <Space direction="vertical" size={0}>
          <Space size={6} wrap>
            <Typography.Text strong>{user.name}</Typography.Text>
            {user.mustChangePassword && (
              <Tag color="gold" style={{ marginInlineEnd: 0 }}>
                {t('staff.mustChange')}
              </Tag>
            )}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {user.username ?? '—'}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('staff.columnRoles'),
      key: 'roles',
      render: (_, user) => (
        <Space size={4} wrap>
          {roleLabels(user.roles).map((label) => (
            <Tag key={label} style={{ marginInlineEnd: 0 }}>
              {label}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('staff.columnPlace'),
      key: 'place',
      responsive: ['md'],
      render: (_, user) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>{user.streetName ?? t('staff.noStreet')}</Typography.Text>
          {user.gridId && (
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {gridName(user.gridId)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('staff.columnPhone'),
      key: 'phone',
      responsive: ['lg'],
      render: (_, user) => user.phone ?? '—',
    },
    {
      title: t('staff.columnStatus'),
      key: 'status',
      render: (_, user) =>
        user.disabled ? (
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {t('staff.statusDisabled')}
          </Tag>
        ) : (
          <Tag color="green" style={{ marginInlineEnd: 0 }}>
            {t('staff.statusEnabled')}
          </Tag>
        ),
    },
    {
      title: t('staff.columnActions'),
      key: 'actions',
      render: (_, user) => (
        <Space wrap size={4}>
          <Button
            size="small"
            icon={<EditOutlined />}
            data-testid={`staff-edit-${user.id}`}
            onClick={() => setDrawer({ user })}
          >
            {t('staff.edit')}
          </Button>
          {user.id !== current?.user.id && (
            <Button
              size="small"
              danger={!user.disabled}
              icon={user.disabled ? <CheckCircleOutlined /> : <StopOutlined />}
              data-testid={`staff-status-${user.id}`}
              onClick={() => confirmStatus(user)}
            >
              {t(user.disabled ? 'staff.enable' : 'staff.disable')}
            </Button>
          )}
          {user.username && user.id !== current?.user.id && (
            <Button
              size="small"
              icon={<KeyOutlined />}
              data-testid={`staff-reset-${user.id}`}
              onClick={() => confirmReset(user)}
            >
              {t('staff.resetPassword')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <FilteredListPage
      header={
        <ListPageHeader
          title={t('staff.title')}
          updatedAt={list.dataUpdatedAt}
          updatedAtKey="staff.updatedAt"
          refreshKey="staff.refresh"
          refreshing={list.isFetching}
          onRefresh={() => void list.refetch()}
        >
          {/* The import page belongs to 批量导入 (staff import). */}
          <Button
            icon={<UploadOutlined />}
            data-testid="staff-import"
            onClick={() => navigate('/staff/import')}
          >
            {t('staff.import')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="staff-create"
            onClick={() => setDrawer({ user: null })}
          >
            {t('staff.create')}
          </Button>
        </ListPageHeader>
      }
      summary={
        ownStreet && (
          <Alert
            type="info"
            showIcon
            message={t('staff.scopeStreet', { street: ownStreetName ?? ownStreet })}
          />
        )
      }
      filtered={Object.keys(filters).length > 0}
      onClearFilters={clearFilters}
      clearFiltersKey="staff.clearFilters"
      filters={
        <>
          <Input.Search
            data-testid="staff-search"
            aria-label={t('staff.search')}
            placeholder={t('staff.searchPlaceholder')}
            allowClear
            style={{ width: 260 }}
            value={search}
            maxLength={40}
            onChange={(event) => setSearch(event.target.value)}
            onSearch={(value) => setParam('q', value.trim() || undefined)}
          />
          <OptionFilter
            testId="staff-filter-role"
            label={t('staff.filterRole')}
            allLabel={t('staff.allRoles')}
            minWidth={140}
            value={filters.role}
            onChange={(value) => setParam('role', value)}
            options={roleOptions}
          />
          {!ownStreet && (
            <StreetFilter
              testId="staff-filter-street"
              label={t('staff.filterStreet')}
              allLabel={t('staff.allStreets')}
              value={filters.street}
              onChange={(value) => setParam('street', value)}
            />
          )}
          <OptionFilter
            testId="staff-filter-status"
            label={t('staff.filterStatus')}
            allLabel={t('staff.allStatuses')}
            minWidth={120}
            value={filters.status}
            onChange={(value) => setParam('status', value)}
            options={[
              { value: 'enabled', label: t('staff.statusEnabled') },
              { value: 'disabled', label: t('staff.statusDisabled') },
            ]}
          />
        </>
      }
    >
      <ListTableCard<User>
        query={list}
        items={items}
        columns={columns}
        testIdPrefix="staff"
        loadFailedKey="staff.loadFailed"
        retryKey="staff.retry"
        emptyText={t('staff.empty')}
        truncated={truncationNotice(list.data, 'staff.truncated')}
        scrollX={960}
      />
      {drawer && <StaffFormDrawer user={drawer.user} ownStreet={ownStreet} onClose={() => setDrawer(null)} />}
      {issued && <PasswordResetModal issued={issued} onClose={() => setIssued(null)} />}
    </FilteredListPage>
  );
}
