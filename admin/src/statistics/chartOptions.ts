import { type StatisticsGranularity, type TicketStatistics } from '@jiefang/contracts';
import { type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption } from 'echarts/core';
import { t } from '../i18n';
import { formatDuration, formatRate } from './figures';

/** Only the parts of ECharts the dashboard registers (see echarts.ts): the options can use no others. */
export type DashboardChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | MarkLineComponentOption
>;

/** What every chart needs from the page: the type (大字模式 scales it) and the SLA in minutes. */
export interface ChartContext {
  fontSize: number;
  /** The page's font stack: ECharts measures labels with it, so they fit where they are drawn. */
  fontFamily: string;
  slaMinutes: number;
}

export const chartColors = {
  attainment: '#1668dc',
  median: '#13a8a8',
  p90: '#9254de',
  target: '#fa541c',
  withinSla: '#52c41a',
  late: '#ff4d4f',
  tickets: '#1668dc',
  breaches: '#ff4d4f',
} as const;

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** The x-axis label of a period: "12-01" for a day, "11-30 周" for a week from Monday, "2026-11" for a month. */
export function periodLabel(period: string, granularity: StatisticsGranularity): string {
  if (granularity === 'month') return period.slice(0, 7);
  const day = period.slice(5, 10);
  return granularity === 'week' ? t('dashboard.weekOf', { day }) : day;
}

function baseText(context: ChartContext) {
  return { fontSize: context.fontSize, fontFamily: context.fontFamily };
}

/**
 * 到场达标率 over time on the left axis, with the median and 90th percentile of time to on site on the
 * right axis and the promise (15 minutes) drawn across it, so a falling rate can be read against how late
 * officers were. Periods with nothing measured are gaps, not zeros.
 */
export function slaTrendOption(
  series: TicketStatistics['series'],
  granularity: StatisticsGranularity,
  context: ChartContext,
): DashboardChartOption {
  const labels = series.map((entry) => periodLabel(entry.period, granularity));
  const textStyle = baseText(context);
  return {
    textStyle,
    color: [chartColors.attainment, chartColors.median, chartColors.p90],
    grid: { left: 8, right: 8, top: context.fontSize * 3, bottom: 8 },
    legend: { top: 0, textStyle },
    tooltip: { trigger: 'axis', textStyle },
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel: { fontSize: context.fontSize - 2, hideOverlap: true },
    },
    yAxis: [
      {
        type: 'value',
        name: t('dashboard.axisRate'),
        min: 0,
        max: 100,
        axisLabel: { formatter: '{value}%', fontSize: context.fontSize - 2 },
        nameTextStyle: textStyle,
      },
      {
        type: 'value',
        name: t('dashboard.axisMinutes'),
        min: 0,
        splitLine: { show: false },
        axisLabel: { fontSize: context.fontSize - 2 },
        nameTextStyle: textStyle,
      },
    ],
    series: [
      {
        type: 'line',
        name: t('dashboard.seriesAttainment'),
        yAxisIndex: 0,
        data: series.map((entry) => percent(entry.figures.slaAttainment)),
        connectNulls: false,
        symbolSize: 6,
        lineStyle: { width: 3 },
        tooltip: {
          valueFormatter: (value) => (typeof value === 'number' ? `${value}%` : t('dashboard.none')),
        },
      },
      {
        type: 'line',
        name: t('dashboard.seriesMedian'),
        yAxisIndex: 1,
        data: series.map((entry) => entry.figures.timeToOnSite?.median ?? null),
        connectNulls: false,
        symbolSize: 4,
        tooltip: { valueFormatter: minutesFormatter },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: chartColors.target, type: 'dashed', width: 2 },
          label: {
            formatter: t('dashboard.slaTarget', { minutes: context.slaMinutes }),
            position: 'insideEndTop',
            color: chartColors.target,
            fontSize: context.fontSize - 2,
          },
          data: [{ yAxis: context.slaMinutes }],
        },
      },
      {
        type: 'line',
        name: t('dashboard.seriesP90'),
        yAxisIndex: 1,
        data: series.map((entry) => entry.figures.timeToOnSite?.p90 ?? null),
        connectNulls: false,
        symbolSize: 4,
        lineStyle: { type: 'dotted' },
        tooltip: { valueFormatter: minutesFormatter },
      },
    ],
  };
}

function minutesFormatter(value: unknown): string {
  return typeof value === 'number' ? formatDuration(value) : t('dashboard.none');
}

/** "0–5 分钟", "60 分钟以上". */
export function bandLabel(band: { fromMinutes: number; toMinutes: number | null }): string {
  return band.toMinutes === null
    ? t('dashboard.bandOpen', { from: band.fromMinutes })
    : t('dashboard.band', { from: band.fromMinutes, to: band.toMinutes });
}

/** Time from report to on site in bands: green up to the promise, red past it. */
export function onSiteDistributionOption(
  bands: TicketStatistics['onSiteDistribution'],
  context: ChartContext,
): DashboardChartOption {
  const textStyle = baseText(context);
  return {
    textStyle,
    grid: { left: 8, right: 8, top: context.fontSize * 2, bottom: 8 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, textStyle },
    xAxis: {
      type: 'category',
      data: bands.map(bandLabel),
      axisLabel: { fontSize: context.fontSize - 2, interval: 0, rotate: bands.length > 6 ? 30 : 0 },
    },
    yAxis: {
      type: 'value',
      name: t('dashboard.axisTickets'),
      minInterval: 1,
      nameTextStyle: textStyle,
      axisLabel: { fontSize: context.fontSize - 2 },
    },
    series: [
      {
        type: 'bar',
        name: t('dashboard.axisTickets'),
        barMaxWidth: 48,
        label: { show: true, position: 'top', fontSize: context.fontSize - 2 },
        data: bands.map((band) => ({
          value: band.tickets,
          itemStyle: {
            color:
              band.toMinutes !== null && band.toMinutes <= context.slaMinutes
                ? chartColors.withinSla
                : chartColors.late,
          },
        })),
      },
    ],
  };
}

/**
 * Tickets per category, most first, with the breaches beside them; horizontal bars so long category
 * names stay readable.
 */
export function categoryOption(
  byCategory: TicketStatistics['byCategory'],
  context: ChartContext,
): DashboardChartOption {
  const rows = [...byCategory].sort((a, b) => b.figures.tickets - a.figures.tickets);
  // ECharts draws the first category at the bottom: reverse so the largest is on top.
  const shown = [...rows].reverse();
  const textStyle = baseText(context);
  return {
    textStyle,
    color: [chartColors.tickets, chartColors.breaches],
    grid: { left: 8, right: context.fontSize * 3, top: context.fontSize * 3, bottom: 8 },
    legend: { top: 0, textStyle },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      textStyle,
      formatter: (params: unknown) => {
        const first = Array.isArray(params) ? (params[0] as { dataIndex: number } | undefined) : undefined;
        const row = first ? shown[first.dataIndex] : undefined;
        if (!row) return '';
        return [
          row.name,
          t('dashboard.tooltipTickets', { count: row.figures.tickets }),
          t('dashboard.tooltipBreaches', { count: row.figures.breaches }),
          t('dashboard.tooltipAttainment', { rate: formatRate(row.figures.slaAttainment) }),
        ].join('<br/>');
      },
    },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: context.fontSize - 2 } },
    yAxis: {
      type: 'category',
      data: shown.map((row) => row.name),
      axisLabel: { fontSize: context.fontSize - 2 },
    },
    series: [
      {
        type: 'bar',
        name: t('dashboard.seriesTickets'),
        data: shown.map((row) => row.figures.tickets),
        barMaxWidth: 18,
        label: { show: true, position: 'right', fontSize: context.fontSize - 2 },
      },
      {
        type: 'bar',
        name: t('dashboard.seriesBreaches'),
        data: shown.map((row) => row.figures.breaches),
        barMaxWidth: 18,
      },
    ],
  };
}

/** Height that fits a horizontal bar chart of this many rows (so ten categories are not squeezed). */
export function categoryChartHeight(rows: number, fontSize: number): number {
  return Math.max(220, rows * fontSize * 3 + fontSize * 5);
}
