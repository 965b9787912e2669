import { QuestionCircleOutlined } from '@ant-design/icons';
import { type MonthlyRanking, type RankingEntry } from '@jiefang/contracts';
import { Button, Card, DatePicker, Empty, Popover, Space, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { t } from '../../i18n';
import { formatTime } from '../../i18n/format';
import { beijingMonth } from '../../statistics/dateRange';
import { formatScore } from '../../statistics/figures';
import { useMonthlyRanking } from '../../statistics/queries';
import { scoringRuleLines } from '../../statistics/ranking';
import { figureColumns } from './figureColumns';
import { QueryState } from './QueryState';

const MONTH_FORMAT = 'YYYY-MM';

/** 月度排名 of squads and streets by the scoring rule, for a chosen month (this month by default). */
export function RankingCard({ street, now }: { street: string | undefined; now: number }) {
  const thisMonth = beijingMonth(now);
  const [month, setMonth] = useState(thisMonth);
  // Left on this month, the card follows into the next one; a month someone picked stays.
  const previousMonth = useRef(thisMonth);
  useEffect(() => {
    const before = previousMonth.current;
    previousMonth.current = thisMonth;
    setMonth((current) => (current === before ? thisMonth : current));
  }, [thisMonth]);
  const [tab, setTab] = useState<'squads' | 'streets'>('squads');
  const query = useMonthlyRanking({ month, street });

  return (
    <Card
      size="small"
      data-testid="ranking"
      title={
        <Space size={8}>
          {t('dashboard.ranking.title')}
          {query.data && <ScoringRule rule={query.data.rule} />}
        </Space>
      }
      extra={
        <DatePicker
          picker="month"
          data-testid="ranking-month"
          allowClear={false}
          format="YYYY年M月"
          aria-label={t('dashboard.ranking.month')}
          value={dayjs(`${month}-01`)}
          disabledDate={(day) => day.format(MONTH_FORMAT) > thisMonth}
          onChange={(day) => {
            if (day) setMonth(day.format(MONTH_FORMAT));
          }}
        />
      }
    >
      <QueryState query={query} testId="ranking" emptyText="">
        {(data) => (
          <>
            <Tabs
              activeKey={tab}
              onChange={(key) => setTab(key as 'squads' | 'streets')}
              items={[
                {
                  key: 'squads',
                  label: t('dashboard.ranking.squads'),
                  children: <RankingTable rows={data.squads} />,
                },
                {
                  key: 'streets',
                  label: t('dashboard.ranking.streets'),
                  children: <RankingTable rows={data.streets} />,
                },
              ]}
            />
            <Typography.Text type="secondary">
              {t('dashboard.updatedAt', { time: formatTime(data.generatedAt) })}
            </Typography.Text>
          </>
        )}
      </QueryState>
    </Card>
  );
}

function ScoringRule({ rule }: { rule: MonthlyRanking['rule'] }) {
  return (
    <Popover
      title={t('dashboard.ranking.rule')}
      trigger={['hover', 'click']}
      content={
        <ul data-testid="scoring-rule" style={{ margin: 0, paddingInlineStart: '1.2em', maxWidth: '24em' }}>
          {scoringRuleLines(rule).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      }
    >
      <Button
        type="text"
        size="small"
        icon={<QuestionCircleOutlined />}
        aria-label={t('dashboard.ranking.rule')}
        data-testid="scoring-rule-button"
      />
    </Popover>
  );
}

function RankingTable({ rows }: { rows: RankingEntry[] }) {
  return (
    <Table<RankingEntry>
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(row) => ({ 'data-testid': `ranking-row-${row.id}` }) as HTMLAttributes<HTMLElement>}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.ranking.empty')} />,
      }}
      columns={[
        { key: 'rank', title: t('dashboard.col.rank'), dataIndex: 'rank', width: '4em', align: 'center' },
        { key: 'name', title: t('dashboard.col.name'), dataIndex: 'name' },
        {
          key: 'score',
          title: t('dashboard.col.score'),
          align: 'right',
          render: (_, row) => <Typography.Text strong>{formatScore(row.score)}</Typography.Text>,
        },
        ...figureColumns<RankingEntry>(),
      ]}
    />
  );
}
