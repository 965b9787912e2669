import { type FiguresByKey, type TicketStatistics } from '@jiefang/contracts';
import { type UseQueryResult } from '@tanstack/react-query';
import { Card, Empty, Table, Tabs } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { t, type MessageKey } from '../../i18n';
import { figureColumns } from './figureColumns';
import { QueryState } from './QueryState';

type BreakdownKey = 'byStreet' | 'bySquad' | 'byOfficer' | 'byGrid';

const tabs: readonly { key: BreakdownKey; label: MessageKey }[] = [
  { key: 'byStreet', label: 'dashboard.breakdown.byStreet' },
  { key: 'bySquad', label: 'dashboard.breakdown.bySquad' },
  { key: 'byOfficer', label: 'dashboard.breakdown.byOfficer' },
  { key: 'byGrid', label: 'dashboard.breakdown.byGrid' },
];

/** 分项统计: the same figures per street, squad, officer and grid; streets only for district-wide roles. */
export function BreakdownCard({
  query,
  showStreets,
}: {
  query: UseQueryResult<TicketStatistics>;
  showStreets: boolean;
}) {
  const shown = tabs.filter((tab) => showStreets || tab.key !== 'byStreet');
  const [active, setActive] = useState<BreakdownKey>(shown[0]!.key);
  const current = shown.some((tab) => tab.key === active) ? active : shown[0]!.key;
  return (
    <Card size="small" title={t('dashboard.breakdown.title')} data-testid="breakdown">
      <QueryState query={query} testId="breakdown" emptyText="">
        {(data) => (
          <Tabs
            activeKey={current}
            onChange={(key) => setActive(key as BreakdownKey)}
            items={shown.map((tab) => ({
              key: tab.key,
              label: <span data-testid={`breakdown-tab-${tab.key}`}>{t(tab.label)}</span>,
              children: <BreakdownTable rows={data[tab.key]} />,
            }))}
          />
        )}
      </QueryState>
    </Card>
  );
}

function BreakdownTable({ rows }: { rows: FiguresByKey[] }) {
  return (
    <Table<FiguresByKey>
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      onRow={(row) => ({ 'data-testid': `breakdown-row-${row.id}` }) as HTMLAttributes<HTMLElement>}
      locale={{
        emptyText: (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.breakdown.empty')} />
        ),
      }}
      columns={[
        { key: 'name', title: t('dashboard.col.name'), dataIndex: 'name', fixed: 'left' },
        ...figureColumns<FiguresByKey>(),
      ]}
    />
  );
}
