import { ReloadOutlined } from '@ant-design/icons';
import { alarmStatuses, alarmTypes, type Alarm } from '@jiefang/contracts';
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
  Typography,
  theme,
  type TableColumnsType,
} from 'antd';
import { type HTMLAttributes, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { describeError } from '../../api/errors';
import { consoleOrder, openAlarmStatuses, parseAlarmFilters, statusParam } from '../../alarms/alarmCache';
import { alarmStatusLabel, alarmTypeLabel, formatDb, severityHex } from '../../alarms/labels';
import { useAlarmList } from '../../alarms/queries';
import { AlarmStatusTag, AlarmTypeTag } from '../../components/AlarmTags';
import { LiveIndicator } from '../../components/LiveIndicator';
import { t } from '../../i18n';
import { formatTime } from '../../i18n/format';
import { useAlarmLive } from '../../live/useAlarmLive';
import { useStreets } from '../../tickets/queries';
import { AlarmActions } from './AlarmActions';
import { AlarmDetailDrawer } from './AlarmDetailDrawer';

/**
 * 设备告警: the live alarm console. Filters (`type`, `status` as a comma list or `all`, `street`) and the
 * open alarm (`alarm`) live in the URL; without a status it shows the open alarms.
 */
export function AlarmConsolePage() {
  const [params, setParams] = useSearchParams();
  const live = useAlarmLive();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;

  const paramsKey = params.toString();
  const filters = useMemo(() => parseAlarmFilters(new URLSearchParams(paramsKey)), [paramsKey]);
  const openId = params.get('alarm');
  const list = useAlarmList(filters, live);
  const streets = useStreets();

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key !== 'alarm' },
    );

  const defaultStatuses =
    !params.get('status') ||
    (filters.status?.length === openAlarmStatuses.length &&
      openAlarmStatuses.every((status) => filters.status?.includes(status)));
  const filtered = Boolean(filters.type || filters.street || !defaultStatuses);
  const items = useMemo(() => [...(list.data?.items ?? [])].sort(consoleOrder), [list.data]);

  const columns: TableColumnsType<Alarm> = [
    {
      title: t('alarm.columnAlarm'),
      key: 'alarm',
      render: (_, alarm) => (
        <Space direction="vertical" size={2}>
          <Space size={6} wrap>
            <AlarmTypeTag type={alarm.type} severity={alarm.severity} />
            {narrow && <AlarmStatusTag status={alarm.status} />}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {alarm.deviceId}
            {alarm.count > 1 ? ` · ${t('alarm.count', { count: alarm.count })}` : ''}
          </Typography.Text>
          {narrow && (
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {placeLine(alarm)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('alarm.columnStatus'),
      key: 'status',
      width: 100,
      responsive: ['md'],
      render: (_, alarm) => <AlarmStatusTag status={alarm.status} />,
    },
    {
      title: t('alarm.columnDevice'),
      key: 'place',
      responsive: ['md'],
      render: (_, alarm) => (
        <Space direction="vertical" size={0} style={{ maxWidth: 240 }}>
          <Typography.Text>{alarm.streetName ?? t('alarm.noStreet')}</Typography.Text>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 240 }}>
            {[alarm.site, alarm.householdId].filter(Boolean).join(' · ') || alarm.deviceId}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('alarm.columnReading'),
      key: 'reading',
      responsive: ['lg'],
      render: (_, alarm) => <ReadingCell alarm={alarm} />,
    },
    {
      title: t('alarm.columnTime'),
      key: 'time',
      responsive: ['md'],
      render: (_, alarm) => (
        <Space
          direction="vertical"
          size={0}
          style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
        >
          <span>{t('alarm.openedAt', { time: formatTime(alarm.openedAt) })}</span>
          {alarm.lastDetectedAt !== alarm.openedAt && (
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {t('alarm.lastDetectedAt', { time: formatTime(alarm.lastDetectedAt) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('alarm.columnActions'),
      key: 'actions',
      render: (_, alarm) => <AlarmActions alarm={alarm} size="small" />,
    },
  ];

  let body;
  if (list.isError && !list.data) {
    body = (
      <Alert
        type="error"
        showIcon
        data-testid="alarm-load-error"
        message={t('alarm.loadFailed', { message: describeError(list.error) })}
        action={
          <Button size="small" onClick={() => void list.refetch()}>
            {t('alarm.retry')}
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
            message={t('alarm.loadFailed', { message: describeError(list.error) })}
          />
        )}
        {list.data && list.data.total > list.data.items.length && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: token.margin }}
            message={t('alarm.truncated', { total: list.data.total, shown: list.data.items.length })}
          />
        )}
        <Table<Alarm>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.isPending}
          scroll={narrow ? undefined : { x: 900 }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{
            emptyText: (
              <Empty
                data-testid="alarm-empty"
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t(
                  filtered ? 'alarm.emptyFiltered' : filters.status ? 'alarm.emptyOpen' : 'alarm.empty',
                )}
              />
            ),
          }}
          onRow={(alarm) =>
            ({
              'data-testid': `alarm-row-${alarm.id}`,
              'data-status': alarm.status,
              onClick: () => setParam('alarm', alarm.id),
              style: {
                cursor: 'pointer',
                boxShadow:
                  alarm.status === 'active' ? `inset 4px 0 0 ${severityHex[alarm.severity]}` : undefined,
              },
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
          {t('alarm.title')}
        </Typography.Title>
        <LiveIndicator status={live} openHint="alarm.liveOpenHint" />
        <div style={{ flex: 1 }} />
        {list.dataUpdatedAt > 0 && (
          <Typography.Text type="secondary">
            {t('alarm.updatedAt', { time: formatTime(list.dataUpdatedAt) })}
          </Typography.Text>
        )}
        <Button icon={<ReloadOutlined />} loading={list.isFetching} onClick={() => void list.refetch()}>
          {t('alarm.refresh')}
        </Button>
      </div>

      <AlarmStats items={list.data?.items ?? []} />

      <Card size="small">
        <Space wrap size="middle">
          <Select<string>
            data-testid="alarm-filter-type"
            aria-label={t('alarm.filterType')}
            style={{ minWidth: 140 }}
            value={filters.type ?? ''}
            onChange={(value) => setParam('type', value || undefined)}
            options={[
              { value: '', label: t('alarm.allTypes') },
              ...alarmTypes.map((value) => ({ value, label: alarmTypeLabel(value) })),
            ]}
          />
          <Select<string[]>
            data-testid="alarm-filter-status"
            aria-label={t('alarm.filterStatus')}
            mode="multiple"
            allowClear
            style={{ minWidth: 220 }}
            placeholder={t('alarm.allStatuses')}
            value={[...(filters.status ?? [])]}
            onChange={(value) => setParam('status', statusParam(value))}
            options={alarmStatuses.map((value) => ({ value, label: alarmStatusLabel(value) }))}
          />
          <Select<string>
            data-testid="alarm-filter-street"
            aria-label={t('alarm.filterStreet')}
            style={{ minWidth: 160 }}
            value={filters.street ?? ''}
            loading={streets.isPending}
            onChange={(value) => setParam('street', value || undefined)}
            options={[
              { value: '', label: t('alarm.allStreets') },
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
                    const open = prev.get('alarm');
                    if (open) next.set('alarm', open);
                    return next;
                  },
                  { replace: true },
                )
              }
            >
              {t('alarm.clearFilters')}
            </Button>
          )}
        </Space>
      </Card>

      <Card size="small" styles={{ body: { padding: 0 } }}>
        <div style={{ padding: list.isError && !list.data ? token.padding : 0 }}>{body}</div>
      </Card>

      <AlarmDetailDrawer alarmId={openId} live={live} onClose={() => setParam('alarm', undefined)} />
    </Space>
  );
}

function placeLine(alarm: Alarm): string {
  const place = [alarm.site, alarm.householdId].filter(Boolean).join(' · ');
  return `${alarm.streetName ?? t('alarm.noStreet')}${place ? ` · ${place}` : ''}`;
}

/** The noise level against the limit, or a detector's confidence. */
function ReadingCell({ alarm }: { alarm: Alarm }) {
  if (alarm.noise) {
    const over = alarm.noise.levelDb > alarm.noise.limitDb;
    return (
      <Space direction="vertical" size={0} style={{ whiteSpace: 'nowrap' }}>
        <Typography.Text type={over ? 'danger' : undefined} strong={over}>
          {t('alarm.levelOverLimit', { level: formatDb(alarm.noise.levelDb), limit: alarm.noise.limitDb })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('alarm.peak', { level: formatDb(alarm.noise.peakDb) })}
        </Typography.Text>
      </Space>
    );
  }
  if (alarm.confidence !== null) {
    return <span>{t('alarm.confidence', { percent: Math.round(alarm.confidence * 100) })}</span>;
  }
  return <Typography.Text type="secondary">—</Typography.Text>;
}

/** Counts at a glance, from the alarms on screen. */
function AlarmStats({ items }: { items: readonly Alarm[] }) {
  let active = 0;
  let acknowledged = 0;
  let critical = 0;
  let noise = 0;
  for (const alarm of items) {
    if (alarm.status === 'active') active += 1;
    if (alarm.status === 'acknowledged') acknowledged += 1;
    if (alarm.status !== 'cleared' && alarm.severity === 'critical') critical += 1;
    if (alarm.status !== 'cleared' && alarm.type === 'noise_exceeded') noise += 1;
  }
  const stats = [
    {
      key: 'active',
      label: t('alarm.statActive'),
      value: active,
      color: active ? severityHex.critical : undefined,
    },
    { key: 'acknowledged', label: t('alarm.statAcknowledged'), value: acknowledged, color: undefined },
    {
      key: 'critical',
      label: t('alarm.statCritical'),
      value: critical,
      color: critical ? severityHex.critical : undefined,
    },
    { key: 'noise', label: t('alarm.statNoise'), value: noise, color: noise ? severityHex.major : undefined },
  ];
  return (
    <Row gutter={[16, 16]}>
      {stats.map((stat) => (
        <Col key={stat.key} xs={12} md={6}>
          <Card size="small" data-testid={`alarm-stat-${stat.key}`}>
            <Statistic title={stat.label} value={stat.value} valueStyle={{ color: stat.color }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
