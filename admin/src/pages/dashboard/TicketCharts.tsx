import { type StatisticsGranularity, type TicketStatistics } from '@jiefang/contracts';
import { type UseQueryResult } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import { useMemo } from 'react';
import { t } from '../../i18n';
import {
  categoryChartHeight,
  categoryOption,
  onSiteDistributionOption,
  slaTrendOption,
  type ChartContext,
} from '../../statistics/chartOptions';
import { EChart } from './EChart';
import { QueryState } from './QueryState';

export type TicketQuery = UseQueryResult<TicketStatistics>;

const chartHeight = (context: ChartContext) => Math.round(context.fontSize * 22);

/** 到场达标率 over the chosen periods, with time to on site against the promise. */
export function SlaTrendCard({ query, context }: { query: TicketQuery; context: ChartContext }) {
  return (
    <Card size="small" title={t('dashboard.trend.title')} data-testid="sla-trend" style={{ height: '100%' }}>
      <QueryState
        query={query}
        testId="sla-trend"
        emptyText={t('dashboard.trend.empty')}
        isEmpty={(data) => data.totals.tickets === 0}
      >
        {(data) => <SlaTrendChart series={data.series} granularity={data.granularity} context={context} />}
      </QueryState>
    </Card>
  );
}

function SlaTrendChart({
  series,
  granularity,
  context,
}: {
  series: TicketStatistics['series'];
  granularity: StatisticsGranularity;
  context: ChartContext;
}) {
  const option = useMemo(() => slaTrendOption(series, granularity, context), [series, granularity, context]);
  return (
    <EChart
      option={option}
      height={chartHeight(context)}
      label={t('dashboard.trend.title')}
      testId="sla-trend-chart"
    />
  );
}

/** How long residents waited for an officer, in bands, green within the promise and red past it. */
export function OnSiteDistributionCard({ query, context }: { query: TicketQuery; context: ChartContext }) {
  return (
    <Card
      size="small"
      title={t('dashboard.distribution.title')}
      data-testid="onsite-distribution"
      style={{ height: '100%' }}
    >
      <QueryState
        query={query}
        testId="onsite-distribution"
        emptyText={t('dashboard.distribution.empty')}
        isEmpty={(data) => data.onSiteDistribution.every((band) => band.tickets === 0)}
      >
        {(data) => <DistributionChart bands={data.onSiteDistribution} context={context} />}
      </QueryState>
    </Card>
  );
}

function DistributionChart({
  bands,
  context,
}: {
  bands: TicketStatistics['onSiteDistribution'];
  context: ChartContext;
}) {
  const option = useMemo(() => onSiteDistributionOption(bands, context), [bands, context]);
  return (
    <>
      <EChart
        option={option}
        height={chartHeight(context) - context.fontSize * 2}
        label={t('dashboard.distribution.title')}
        testId="onsite-distribution-chart"
      />
      <Typography.Text type="secondary">
        {t('dashboard.distribution.hint', { minutes: context.slaMinutes })}
      </Typography.Text>
    </>
  );
}

/** Tickets and breaches per category. */
export function CategoryCard({ query, context }: { query: TicketQuery; context: ChartContext }) {
  return (
    <Card
      size="small"
      title={t('dashboard.categories.title')}
      data-testid="categories"
      style={{ height: '100%' }}
    >
      <QueryState
        query={query}
        testId="categories"
        emptyText={t('dashboard.categories.empty')}
        isEmpty={(data) => data.byCategory.every((row) => row.figures.tickets === 0)}
      >
        {(data) => <CategoryChart rows={data.byCategory} context={context} />}
      </QueryState>
    </Card>
  );
}

function CategoryChart({ rows, context }: { rows: TicketStatistics['byCategory']; context: ChartContext }) {
  const option = useMemo(() => categoryOption(rows, context), [rows, context]);
  return (
    <EChart
      option={option}
      height={categoryChartHeight(rows.length, context.fontSize)}
      label={t('dashboard.categories.title')}
      testId="categories-chart"
    />
  );
}
