import { type AuditEntry } from '@jiefang/contracts';
import { Card, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router-dom';
import { describeError } from '../../api/errors';
import { useSession } from '../../auth/useSession';
import { LoadFailed } from '../../components/LoadFailed';
import { FilterBar, OptionFilter, StreetFilter } from '../../components/listPage/FilterBar';
import { ListPageHeader } from '../../components/listPage/ListPageHeader';
import { DayRangePicker } from '../../components/pickers/WallClockPickers';
import {
  AUDIT_PAGE_SIZE,
  auditActionLabel,
  auditActions,
  auditFiltersFrom,
  auditOutcomeColor,
  auditOutcomeLabel,
  auditTargetText,
  isFiltered,
} from '../../audit/auditLog';
import { useAuditLog } from '../../audit/queries';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useStreets } from '../../tickets/queries';
import { AuditEntryDrawer } from './AuditEntryDrawer';

/**
 * 审计日志: every recorded staff action, newest first, searched by actor, action, target, street and
 * Beijing days (all in the URL, so a search can be shared). A street's administrator sees only their
 * street's entries, so the street filter is theirs alone. A row opens what was recorded in full.
 */
export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const ownStreet = useSession()?.user.streetId;
  // A street's administrator sees their street only: a street in the URL (a shared link) is ignored.
  const filters = { ...auditFiltersFrom(params), ...(ownStreet ? { street: undefined } : {}) };
  const query = useAuditLog(filters);
  const streets = useStreets();
  const streetName = (id: string | null) =>
    id ? (streets.data?.items.find((street) => street.id === id)?.name ?? id) : t('audit.districtWide');
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const items = query.data?.items ?? [];

  /** Sets some keys of the URL's query at once; a filter's change goes back to the first page. */
  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (!('page' in changes)) next.delete('page');
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const setFilter = (key: string, value: string | undefined) => update({ [key]: value });

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.columnAt'),
      key: 'at',
      width: 180,
      render: (_, entry) => formatDateTime(entry.at),
    },
    {
      title: t('audit.columnActor'),
      key: 'actor',
      render: (_, entry) => entry.actor.name ?? t('audit.unknownActor'),
    },
    {
      title: t('audit.columnAction'),
      key: 'action',
      render: (_, entry) => (
        <Space size={4} wrap>
          <Typography.Text>{auditActionLabel(entry.action, entry.change)}</Typography.Text>
          {entry.outcome !== 'done' && (
            <Tag color={auditOutcomeColor[entry.outcome]} style={{ marginInlineEnd: 0 }}>
              {auditOutcomeLabel(entry.outcome)}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('audit.columnTarget'),
      key: 'target',
      render: (_, entry) => (
        <Typography.Text style={{ wordBreak: 'break-all' }}>{auditTargetText(entry.target)}</Typography.Text>
      ),
    },
    {
      title: t('audit.columnStreet'),
      key: 'street',
      responsive: ['md'],
      render: (_, entry) => streetName(entry.streetId),
    },
    {
      title: t('audit.columnAddress'),
      key: 'address',
      responsive: ['md'],
      render: (_, entry) => <Typography.Text code>{entry.clientAddress}</Typography.Text>,
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ListPageHeader
        title={t('audit.title')}
        updatedAt={query.dataUpdatedAt}
        updatedAtKey="audit.updatedAt"
        refreshKey="audit.refresh"
        refreshing={query.isFetching}
        onRefresh={() => void query.refetch()}
      />
      <FilterBar
        filtered={isFiltered(filters)}
        onClear={() => setParams(new URLSearchParams(), { replace: true })}
        clearKey="audit.clearFilters"
      >
        <TextFilter
          testId="audit-filter-actor"
          label={t('audit.filterActor')}
          placeholder={t('audit.filterActorPlaceholder')}
          value={filters.actor}
          onChange={(value) => setFilter('actor', value)}
        />
        <OptionFilter
          testId="audit-filter-action"
          label={t('audit.filterAction')}
          allLabel={t('audit.allActions')}
          minWidth={150}
          value={filters.action}
          onChange={(value) => setFilter('action', value)}
          options={auditActions.map((action) => ({ value: action, label: auditActionLabel(action) }))}
        />
        <TextFilter
          testId="audit-filter-target"
          label={t('audit.filterTarget')}
          placeholder={t('audit.filterTargetPlaceholder')}
          value={filters.target}
          onChange={(value) => setFilter('target', value)}
        />
        {ownStreet ? (
          <Tag data-testid="audit-own-street">{streetName(ownStreet)}</Tag>
        ) : (
          <StreetFilter
            testId="audit-filter-street"
            label={t('audit.filterStreet')}
            allLabel={t('audit.allStreets')}
            value={filters.street}
            onChange={(value) => setFilter('street', value)}
          />
        )}
        <DayRangePicker
          data-testid="audit-filter-days"
          aria-label={t('audit.filterDays')}
          placeholder={[t('audit.from'), t('audit.to')]}
          value={filters.from && filters.to ? [filters.from, filters.to] : undefined}
          onChange={(range) => update({ from: range?.[0], to: range?.[1] })}
        />
      </FilterBar>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        {query.isError && !query.data ? (
          <LoadFailed
            testId="audit-load-error"
            style={{ margin: 16 }}
            message={t('audit.loadFailed', { message: describeError(query.error) })}
            retryLabel={t('audit.retry')}
            onRetry={() => void query.refetch()}
          />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={query.isPending}
            scroll={{ x: 900 }}
            locale={{
              emptyText: isFiltered(filters) ? t('audit.emptyFiltered') : t('audit.empty'),
            }}
            pagination={{
              current: filters.page,
              pageSize: AUDIT_PAGE_SIZE,
              total: query.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              showTotal: (total) => t('audit.total', { total }),
              onChange: (page) => update({ page: page > 1 ? String(page) : undefined }),
            }}
            onRow={(entry) =>
              ({
                'data-testid': `audit-row-${entry.id}`,
                onClick: () => setOpen(entry),
                style: { cursor: 'pointer' },
              }) as HTMLAttributes<HTMLElement>
            }
          />
        )}
      </Card>
      <AuditEntryDrawer entry={open} streetName={streetName} onClose={() => setOpen(null)} />
    </Space>
  );
}

/** A free-text filter, applied on Enter or on leaving the field (not on every keystroke). */
function TextFilter({
  testId,
  label,
  placeholder,
  value,
  onChange,
}: {
  testId: string;
  label: string;
  placeholder: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const apply = () => {
    const next = text.trim() || undefined;
    if (next !== value) onChange(next);
  };
  return (
    <Input
      data-testid={testId}
      aria-label={label}
      placeholder={placeholder}
      allowClear
      style={{ width: 200 }}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        // The clear button empties the field: that applies at once.
        if (event.target.value === '' && value) onChange(undefined);
      }}
      onPressEnter={apply}
      onBlur={apply}
    />
  );
}
