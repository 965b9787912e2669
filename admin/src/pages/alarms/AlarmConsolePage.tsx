import { alarmStatuses, alarmTypes, type Alarm } from '@jiefang/contracts';
import { Card, Grid, Select, Space, Typography, theme, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { consoleOrder, openAlarmStatuses, parseAlarmFilters, statusParam } from '../../alarms/alarmCache';
import { alarmStatusLabel, alarmTypeLabel, formatDb, severityHex } from '../../alarms/labels';
import { useAlarmList } from '../../alarms/queries';
import { AlarmStatusTag, AlarmTypeTag } from '../../components/AlarmTags';
import { FilterBar, OptionFilter, StreetFilter } from '../../components/listPage/FilterBar';
import { ListPageHeader } from '../../components/listPage/ListPageHeader';
import { ListTable, truncationNotice } from '../../components/listPage/ListTable';
import { StatCards } from '../../components/listPage/StatCards';
import { useUrlState } from '../../components/listPage/useUrlState';
import { LiveIndicator } from '../../components/LiveIndicator';
import { t } from '../../i18n';
import { formatTime } from '../../i18n/format';
import { useAlarmLive } from '../../live/useAlarmLive';
import { AlarmActions } from './AlarmActions';
import { AlarmDetailDrawer } from './AlarmDetailDrawer';

/**
 * 设备告警: the live alarm console. Filters (`type`, `status` as a comma list or `all`, `street`) and the
 * open alarm (`alarm`) live in the URL; without a status it shows the open alarms.
 */
export function AlarmConsolePage() {
  const { params, setParam, clearFilters } = useUrlState({ historyKeys: ['alarm'], keepOnClear: ['alarm'] });
  const live = useAlarmLive();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;

  const paramsKey = params.toString();
  const filters = useMemo(() => parseAlarmFilters(new URLSearchParams(paramsKey)), [paramsKey]);
  const openId = params.get('alarm');
  const list = useAlarmList(filters, live);

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

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ListPageHeader
        title={t('alarm.title')}
        live={<LiveIndicator status={live} openHint="alarm.liveOpenHint" />}
        updatedAt={list.dataUpdatedAt}
        updatedAtKey="alarm.updatedAt"
        refreshKey="alarm.refresh"
        refreshing={list.isFetching}
        onRefresh={() => void list.refetch()}
      />

      <AlarmStats items={list.data?.items ?? []} />

      <FilterBar filtered={filtered} onClear={clearFilters} clearKey="alarm.clearFilters">
        <OptionFilter
          testId="alarm-filter-type"
          label={t('alarm.filterType')}
          allLabel={t('alarm.allTypes')}
          minWidth={140}
          value={filters.type}
          onChange={(value) => setParam('type', value)}
          options={alarmTypes.map((value) => ({ value, label: alarmTypeLabel(value) }))}
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
        <StreetFilter
          testId="alarm-filter-street"
          label={t('alarm.filterStreet')}
          allLabel={t('alarm.allStreets')}
          value={filters.street}
          onChange={(value) => setParam('street', value)}
        />
      </FilterBar>

      <Card size="small" styles={{ body: { padding: 0 } }}>
        <ListTable<Alarm>
          query={list}
          items={items}
          columns={columns}
          testIdPrefix="alarm"
          loadFailedKey="alarm.loadFailed"
          retryKey="alarm.retry"
          emptyText={t(filtered ? 'alarm.emptyFiltered' : filters.status ? 'alarm.emptyOpen' : 'alarm.empty')}
          truncated={truncationNotice(list.data, 'alarm.truncated')}
          scrollX={900}
          onOpen={(id) => setParam('alarm', id)}
          rowAttributes={(alarm) => ({
            'data-status': alarm.status,
            style: {
              boxShadow:
                alarm.status === 'active' ? `inset 4px 0 0 ${severityHex[alarm.severity]}` : undefined,
            },
          })}
        />
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
  return <StatCards stats={stats} testIdPrefix="alarm" />;
}
