import { describe, expect, it } from 'vitest';
import { emptyTicketStatistics, ticketStatistics } from '../test/statistics';
import {
  bandLabel,
  categoryChartHeight,
  categoryOption,
  chartColors,
  onSiteDistributionOption,
  periodLabel,
  slaTrendOption,
} from './chartOptions';

const context = { fontSize: 14, fontFamily: 'sans-serif', slaMinutes: 15 };

type Series = {
  type: string;
  name: string;
  data: unknown[];
  yAxisIndex?: number;
  markLine?: { data: unknown[]; label: { formatter: string } };
};
const seriesOf = (option: { series?: unknown }) => option.series as Series[];

describe('periodLabel', () => {
  it('names days, weeks (by their Monday) and months', () => {
    expect(periodLabel('2030-01-07', 'day')).toBe('01-07');
    expect(periodLabel('2030-01-07', 'week')).toBe('01-07 周');
    expect(periodLabel('2030-01', 'month')).toBe('2030-01');
    expect(periodLabel('2030-01-01', 'month')).toBe('2030-01');
  });
});

describe('slaTrendOption', () => {
  const stats = ticketStatistics();
  const option = slaTrendOption(stats.series, 'day', context);

  it('plots attainment in percent with gaps where nothing was measured', () => {
    const [attainment] = seriesOf(option);
    expect(attainment).toMatchObject({ type: 'line', name: '达标率', yAxisIndex: 0 });
    expect(attainment!.data).toEqual([90, null, 95]);
    expect(option.xAxis).toMatchObject({ data: ['01-01', '01-02', '01-03'] });
  });

  it('draws time to on site on the minutes axis with the promise across it', () => {
    const [, median, p90] = seriesOf(option);
    expect(median).toMatchObject({ name: '到场用时中位数', yAxisIndex: 1, data: [9.5, null, 9.5] });
    expect(p90).toMatchObject({ name: '到场用时 P90', yAxisIndex: 1, data: [14, null, 14] });
    expect(median!.markLine!.data).toEqual([{ yAxis: 15 }]);
    expect(median!.markLine!.label.formatter).toBe('15 分钟承诺');
  });

  it('follows the promise and the type size it is given', () => {
    const large = slaTrendOption(stats.series, 'week', { fontSize: 18, fontFamily: 'serif', slaMinutes: 20 });
    expect(seriesOf(large)[1]!.markLine!.data).toEqual([{ yAxis: 20 }]);
    expect(large.textStyle).toMatchObject({ fontSize: 18, fontFamily: 'serif' });
    expect(large.xAxis).toMatchObject({ data: ['01-01 周', '01-02 周', '01-03 周'] });
  });

  it('keeps the rate axis at 0–100 %', () => {
    expect(option.yAxis).toEqual(
      expect.arrayContaining([expect.objectContaining({ min: 0, max: 100, name: '达标率' })]),
    );
  });
});

describe('onSiteDistributionOption', () => {
  it('labels the bands and colours them by the promise', () => {
    const option = onSiteDistributionOption(ticketStatistics().onSiteDistribution, context);
    expect(option.xAxis).toMatchObject({
      data: ['0–5 分钟', '5–10 分钟', '10–15 分钟', '15–30 分钟', '30 分钟以上'],
    });
    const bars = seriesOf(option)[0]!.data as { value: number; itemStyle: { color: string } }[];
    expect(bars.map((bar) => bar.value)).toEqual([8, 14, 11, 2, 1]);
    expect(bars.map((bar) => bar.itemStyle.color)).toEqual([
      chartColors.withinSla,
      chartColors.withinSla,
      chartColors.withinSla,
      chartColors.late,
      chartColors.late,
    ]);
  });

  it('counts a band that ends past the promise as late', () => {
    const option = onSiteDistributionOption([{ fromMinutes: 10, toMinutes: 20, tickets: 3 }], context);
    const [bar] = seriesOf(option)[0]!.data as { itemStyle: { color: string } }[];
    expect(bar!.itemStyle.color).toBe(chartColors.late);
  });

  it('names an open-ended band', () => {
    expect(bandLabel({ fromMinutes: 60, toMinutes: null })).toBe('60 分钟以上');
  });
});

describe('categoryOption', () => {
  it('puts the category with the most tickets on top, with its breaches beside it', () => {
    const option = categoryOption(ticketStatistics().byCategory, context);
    // ECharts draws a category axis bottom-up: the last entry is the top row.
    expect(option.yAxis).toMatchObject({ data: ['噪音扰民', '占道经营'] });
    const [tickets, breaches] = seriesOf(option);
    expect(tickets).toMatchObject({ name: '工单', data: [18, 22] });
    expect(breaches).toMatchObject({ name: '超时', data: [1, 3] });
  });

  it('explains a bar in its tooltip with the attainment', () => {
    const option = categoryOption(ticketStatistics().byCategory, context);
    const formatter = (option.tooltip as { formatter: (params: unknown) => string }).formatter;
    expect(formatter([{ dataIndex: 1 }])).toBe('占道经营<br/>工单 22<br/>超时 3<br/>达标率 91.7%');
  });

  it('draws nothing for a period without tickets', () => {
    const option = categoryOption(emptyTicketStatistics().byCategory, context);
    expect(seriesOf(option)[0]!.data).toEqual([]);
  });

  it('grows with the number of categories and the type size', () => {
    expect(categoryChartHeight(2, 14)).toBe(220);
    expect(categoryChartHeight(10, 14)).toBe(10 * 42 + 70);
    expect(categoryChartHeight(10, 18)).toBeGreaterThan(categoryChartHeight(10, 14));
  });
});
