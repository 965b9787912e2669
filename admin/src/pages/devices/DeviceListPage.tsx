import { EditOutlined, KeyOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  deviceTypes,
  type Alarm,
  type Device,
  type DeviceCredentials,
  type DeviceType,
} from '@jiefang/contracts';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Grid,
  Row,
  Space,
  Tabs,
  Tag,
  Typography,
  theme,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { describeError } from '../../api/errors';
import { openAlarmStatuses } from '../../alarms/alarmCache';
import { deviceTypeLabel } from '../../alarms/labels';
import { canManageDevices } from '../../alarms/permissions';
import { useAlarmList, useDevices, useRotateDeviceSecret } from '../../alarms/queries';
import { type DeviceFilters } from '../../alarms/queryKeys';
import { useSession } from '../../auth/useSession';
import { AlarmTypeTag } from '../../components/AlarmTags';
import { DeviceMap } from '../../components/map/DeviceMap';
import { OptionFilter, StreetFilter } from '../../components/listPage/FilterBar';
import { FilteredListPage } from '../../components/listPage/FilteredListPage';
import { ListPageHeader } from '../../components/listPage/ListPageHeader';
import { ListTable } from '../../components/listPage/ListTable';
import { StatCards } from '../../components/listPage/StatCards';
import { useUrlState } from '../../components/listPage/useUrlState';
import { LiveIndicator } from '../../components/LiveIndicator';
import { alarmsByDevice, devicePlace } from '../../devices/deviceView';
import { t } from '../../i18n';
import { formatTime } from '../../i18n/format';
import { useAlarmLive } from '../../live/useAlarmLive';
import { CredentialsDialog } from './CredentialsDialog';
import { DeviceFormDialog } from './DeviceFormDialog';
import { DeviceReadingCell, DeviceTrend } from './DeviceReading';
import { SelectedDeviceCard } from './SelectedDeviceCard';

const isDeviceType = (value: string | null): value is DeviceType =>
  value !== null && (deviceTypes as readonly string[]).includes(value);

/** The open alarms that colour the map and flag rows: one query, shared with the console's default view. */
const openAlarmFilters = { status: openAlarmStatuses };

/**
 * 设备管理: the device registry as a list and as a map. Filters (`type`, `street`, `online`), the tab
 * (`view=map`) and the device picked on the map (`device`) live in the URL.
 */
export function DeviceListPage() {
  const { params, setParam, clearFilters } = useUrlState({ keepOnClear: ['view', 'device'] });
  const current = useSession();
  const admin = current ? canManageDevices(current.user) : false;
  const navigate = useNavigate();
  const live = useAlarmLive();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const { modal, message } = App.useApp();

  const type = params.get('type');
  const street = params.get('street');
  const online = params.get('online');
  const filters: DeviceFilters = useMemo(
    () => ({
      ...(isDeviceType(type) ? { type } : {}),
      ...(street ? { street } : {}),
      ...(online === 'true' || online === 'false' ? { online } : {}),
    }),
    [type, street, online],
  );
  const view = params.get('view') === 'map' ? 'map' : 'list';
  const selectedId = params.get('device');

  const list = useDevices(filters);
  const alarms = useAlarmList(openAlarmFilters, live);
  const rotate = useRotateDeviceSecret();
  const [form, setForm] = useState<{ device: Device | null } | null>(null);
  const [credentials, setCredentials] = useState<DeviceCredentials | null>(null);

  const devices = list.data?.items ?? [];
  const openAlarms = useMemo(() => alarms.data?.items ?? [], [alarms.data]);
  const byDevice = useMemo(() => alarmsByDevice(openAlarms), [openAlarms]);
  const filtered = Object.keys(filters).length > 0;
  const selected = devices.find((device) => device.id === selectedId) ?? null;

  function confirmRotate(device: Device) {
    modal.confirm({
      title: t('device.rotateConfirmTitle', { id: device.id }),
      content: t('device.rotateConfirm'),
      okText: t('device.rotateOk'),
      okButtonProps: { danger: true, 'data-testid': 'device-rotate-confirm' } as ButtonProps,
      cancelText: t('device.cancel'),
      onOk: () =>
        rotate
          .mutateAsync(device.id)
          .then((issued) => setCredentials(issued))
          .catch((error: unknown) => {
            void message.error(t('device.rotateFailed', { message: describeError(error) }));
          }),
    });
  }

  const columns: TableColumnsType<Device> = [
    {
      title: t('device.columnDevice'),
      key: 'device',
      render: (_, device) => (
        <Space direction="vertical" size={0}>
          <Space size={6} wrap>
            <Typography.Text strong>{deviceTypeLabel(device.type)}</Typography.Text>
            {device.disabled && <Tag style={{ marginInlineEnd: 0 }}>{t('device.disabled')}</Tag>}
            {narrow && <OnlineBadge device={device} />}
          </Space>
          <Typography.Text
            type="secondary"
            style={{ fontSize: token.fontSizeSM }}
            copyable={{ text: device.id }}
          >
            {device.id}
          </Typography.Text>
          <DeviceAlarmTags alarms={byDevice.get(device.id)} />
        </Space>
      ),
    },
    {
      title: t('device.columnPlace'),
      key: 'place',
      responsive: ['md'],
      render: (_, device) => (
        <Space direction="vertical" size={0} style={{ maxWidth: 240 }}>
          <Typography.Text>{device.streetName ?? t('alarm.noStreet')}</Typography.Text>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 240 }}>
            {devicePlace(device) ?? '—'}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('device.columnState'),
      key: 'state',
      responsive: ['md'],
      render: (_, device) => (
        <Space direction="vertical" size={0} style={{ whiteSpace: 'nowrap' }}>
          <OnlineBadge device={device} />
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {device.lastSeenAt
              ? t('device.lastSeen', { time: formatTime(device.lastSeenAt) })
              : t('device.neverSeen')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('device.columnReading'),
      key: 'reading',
      render: (_, device) => <DeviceReadingCell device={device} />,
    },
    {
      title: t('device.columnTrend'),
      key: 'trend',
      responsive: ['lg'],
      render: (_, device) => (device.type === 'noise_meter' ? <DeviceTrend device={device} compact /> : null),
    },
    ...(admin
      ? [
          {
            title: t('device.columnActions'),
            key: 'actions',
            render: (_: unknown, device: Device) => (
              <Space wrap size={4}>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  data-testid={`device-edit-${device.id}`}
                  onClick={() => setForm({ device })}
                >
                  {t('device.edit')}
                </Button>
                <Button
                  size="small"
                  icon={<KeyOutlined />}
                  data-testid={`device-rotate-${device.id}`}
                  onClick={() => confirmRotate(device)}
                >
                  {t('device.rotate')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const listBody = (
    <ListTable<Device>
      query={list}
      items={devices}
      columns={columns}
      testIdPrefix="device"
      loadFailedKey="device.loadFailed"
      retryKey="device.retry"
      emptyText={t(filtered ? 'device.emptyFiltered' : 'device.empty')}
      scrollX={960}
      warnWhenStale={false}
    />
  );

  let mapBody;
  if (list.isError && !list.data) {
    mapBody = listBody;
  } else if (list.isPending) {
    mapBody = <DeviceMap devices={[]} alarms={[]} />;
  } else {
    mapBody = (
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          {alarms.isError && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: token.margin }}
              message={t('device.alarmsLoadFailed', { message: describeError(alarms.error) })}
            />
          )}
          {devices.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('device.mapEmpty')} />
          ) : (
            <DeviceMap
              devices={devices}
              alarms={openAlarms}
              selectedId={selectedId}
              onSelect={(id) => setParam('device', id === selectedId ? undefined : id)}
            />
          )}
        </Col>
        <Col xs={24} lg={8}>
          {selected ? (
            <SelectedDeviceCard device={selected} alarms={byDevice.get(selected.id) ?? []} />
          ) : (
            <Typography.Text type="secondary">{t('device.mapHint')}</Typography.Text>
          )}
        </Col>
      </Row>
    );
  }

  return (
    <FilteredListPage
      header={
        <ListPageHeader
          title={t('device.title')}
          live={<LiveIndicator status={live} openHint="alarm.liveOpenHint" />}
          updatedAt={list.dataUpdatedAt}
          updatedAtKey="alarm.updatedAt"
          refreshKey="device.refresh"
          refreshing={list.isFetching}
          onRefresh={() => {
            void list.refetch();
            void alarms.refetch();
          }}
        >
          {admin && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="device-register"
              onClick={() => setForm({ device: null })}
            >
              {t('device.register')}
            </Button>
          )}
          {admin && (
            <Button
              icon={<UploadOutlined />}
              data-testid="device-import"
              onClick={() => navigate('/devices/import')}
            >
              {t('device.import')}
            </Button>
          )}
        </ListPageHeader>
      }
      summary={<DeviceStats devices={devices} alarmed={byDevice} />}
      filtered={filtered}
      onClearFilters={clearFilters}
      clearFiltersKey="device.clearFilters"
      filters={
        <>
          <OptionFilter
            testId="device-filter-type"
            label={t('device.filterType')}
            allLabel={t('device.allTypes')}
            minWidth={150}
            value={filters.type}
            onChange={(value) => setParam('type', value)}
            options={deviceTypes.map((value) => ({ value, label: deviceTypeLabel(value) }))}
          />
          <StreetFilter
            testId="device-filter-street"
            label={t('device.filterStreet')}
            allLabel={t('device.allStreets')}
            value={filters.street}
            onChange={(value) => setParam('street', value)}
          />
          <OptionFilter
            testId="device-filter-online"
            label={t('device.filterOnline')}
            allLabel={t('device.allOnline')}
            minWidth={120}
            value={filters.online}
            onChange={(value) => setParam('online', value)}
            options={[
              { value: 'true', label: t('device.online') },
              { value: 'false', label: t('device.offline') },
            ]}
          />
        </>
      }
    >
      {list.data && list.data.total > list.data.items.length && (
        <Alert
          type="info"
          showIcon
          message={t('device.truncated', { total: list.data.total, shown: list.data.items.length })}
        />
      )}

      <Card size="small" styles={{ body: { padding: view === 'list' ? 0 : token.padding } }}>
        <Tabs
          activeKey={view}
          onChange={(key) => setParam('view', key === 'map' ? 'map' : undefined)}
          tabBarStyle={{
            paddingInline: view === 'list' ? token.padding : 0,
            marginBottom: view === 'list' ? 0 : undefined,
          }}
          items={[
            { key: 'list', label: t('device.tabList'), children: listBody },
            { key: 'map', label: t('device.tabMap'), children: mapBody },
          ]}
        />
      </Card>

      {admin && (
        <DeviceFormDialog
          open={form !== null}
          device={form?.device ?? null}
          onClose={() => setForm(null)}
          onRegistered={setCredentials}
        />
      )}
      <CredentialsDialog
        credentials={credentials}
        onClose={() => {
          setCredentials(null);
          rotate.reset();
        }}
      />
    </FilteredListPage>
  );
}

function OnlineBadge({ device }: { device: Device }) {
  return (
    <span data-testid="device-online" data-online={device.online}>
      <Badge
        status={device.online ? 'success' : 'default'}
        text={t(device.online ? 'device.online' : 'device.offline')}
      />
    </span>
  );
}

function DeviceAlarmTags({ alarms }: { alarms?: readonly Alarm[] }) {
  if (!alarms || alarms.length === 0) return null;
  return (
    <Space size={4} wrap>
      {alarms.map((alarm) => (
        <AlarmTypeTag key={alarm.id} type={alarm.type} severity={alarm.severity} />
      ))}
    </Space>
  );
}

function DeviceStats({ devices, alarmed }: { devices: readonly Device[]; alarmed: Map<string, Alarm[]> }) {
  const onlineCount = devices.filter((device) => device.online).length;
  const withAlarm = devices.filter((device) => alarmed.has(device.id)).length;
  const stats = [
    { key: 'total', label: t('device.statTotal'), value: devices.length, color: undefined },
    {
      key: 'online',
      label: t('device.statOnline'),
      value: onlineCount,
      color: onlineCount ? '#389e0d' : undefined,
    },
    {
      key: 'offline',
      label: t('device.statOffline'),
      value: devices.length - onlineCount,
      color: devices.length - onlineCount ? '#8c8c8c' : undefined,
    },
    {
      key: 'alarm',
      label: t('device.statAlarm'),
      value: withAlarm,
      color: withAlarm ? '#cf1322' : undefined,
    },
  ];
  return <StatCards stats={stats} testIdPrefix="device" />;
}
