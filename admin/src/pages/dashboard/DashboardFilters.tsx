import { statisticsGranularities, type StatisticsGranularity, type StreetList } from '@jiefang/contracts';
import { DatePicker, Radio, Segmented, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { t, type MessageKey } from '../../i18n';
import {
  matchingQuickRange,
  quickRange,
  quickRanges,
  type DayRange,
  type QuickRange,
} from '../../statistics/dateRange';

export interface DashboardFilterState {
  range: DayRange;
  /** Chosen by district-wide roles only; undefined is the whole district. */
  street: string | undefined;
  granularity: StatisticsGranularity;
}

const quickLabels: Record<QuickRange, MessageKey> = {
  today: 'dashboard.filter.today',
  thisWeek: 'dashboard.filter.thisWeek',
  thisMonth: 'dashboard.filter.thisMonth',
  last30Days: 'dashboard.filter.last30Days',
};

const granularityLabels: Record<StatisticsGranularity, MessageKey> = {
  day: 'dashboard.filter.day',
  week: 'dashboard.filter.week',
  month: 'dashboard.filter.month',
};

const DAY_FORMAT = 'YYYY-MM-DD';

/**
 * Street (district roles only), a range of Beijing days with the usual quick ranges, and how finely the
 * trend is cut. Dates travel as `YYYY-MM-DD` strings; the pickers only show them, so the browser's own
 * zone never shifts a day.
 */
export function DashboardFilters({
  value,
  onChange,
  streets,
  now,
}: {
  value: DashboardFilterState;
  onChange: (next: DashboardFilterState) => void;
  /** The streets to choose from; absent for people fixed to their own street. */
  streets: StreetList['items'] | undefined;
  now: number;
}) {
  const today = quickRange('today', now).to;
  const active = matchingQuickRange(value.range, now);
  const pickerValue: [Dayjs, Dayjs] = [dayjs(value.range.from), dayjs(value.range.to)];

  return (
    <Space wrap size={[16, 12]} data-testid="dashboard-filters">
      {streets && (
        <Space size={8}>
          <Typography.Text>{t('dashboard.filter.street')}</Typography.Text>
          <Select
            data-testid="street-filter"
            style={{ minWidth: '10em' }}
            value={value.street ?? ''}
            onChange={(street: string) => onChange({ ...value, street: street || undefined })}
            options={[
              { value: '', label: t('dashboard.filter.allStreets') },
              ...streets.map((street) => ({ value: street.id, label: street.name })),
            ]}
          />
        </Space>
      )}
      <Space size={8} wrap>
        <Typography.Text>{t('dashboard.filter.range')}</Typography.Text>
        <Radio.Group
          optionType="button"
          value={active}
          onChange={(event) =>
            onChange({ ...value, range: quickRange(event.target.value as QuickRange, now) })
          }
          options={quickRanges.map((range) => ({ value: range, label: t(quickLabels[range]) }))}
          data-testid="quick-ranges"
        />
        <DatePicker.RangePicker
          data-testid="range-picker"
          allowClear={false}
          format={DAY_FORMAT}
          value={pickerValue}
          disabledDate={(day) => day.format(DAY_FORMAT) > today}
          onChange={(days) => {
            const [from, to] = days ?? [];
            if (from && to)
              onChange({ ...value, range: { from: from.format(DAY_FORMAT), to: to.format(DAY_FORMAT) } });
          }}
        />
      </Space>
      <Space size={8}>
        <Typography.Text>{t('dashboard.filter.granularity')}</Typography.Text>
        <Segmented<StatisticsGranularity>
          data-testid="granularity"
          value={value.granularity}
          onChange={(granularity) => onChange({ ...value, granularity })}
          options={statisticsGranularities.map((granularity) => ({
            value: granularity,
            label: t(granularityLabels[granularity]),
          }))}
        />
      </Space>
    </Space>
  );
}
