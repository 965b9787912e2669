import { type TicketFigures } from '@jiefang/contracts';
import { Typography } from 'antd';
import { type ColumnsType } from 'antd/es/table';
import { t } from '../../i18n';
import { formatDuration, formatRate, formatSatisfaction } from '../../statistics/figures';

/** Columns every table of figures shares (breakdowns and the ranking), after its own first columns. */
export function figureColumns<Row extends { figures: TicketFigures }>(): ColumnsType<Row> {
  const nullsLast = (value: number | null) => (value === null ? -Infinity : value);
  return [
    {
      key: 'tickets',
      title: t('dashboard.col.tickets'),
      align: 'right',
      sorter: (a, b) => a.figures.tickets - b.figures.tickets,
      render: (_, row) => row.figures.tickets,
    },
    {
      key: 'attainment',
      title: t('dashboard.col.attainment'),
      align: 'right',
      sorter: (a, b) => nullsLast(a.figures.slaAttainment) - nullsLast(b.figures.slaAttainment),
      render: (_, row) => (
        <span
          title={t('dashboard.totals.measured', {
            met: row.figures.slaMet,
            measured: row.figures.slaMeasured,
          })}
        >
          {formatRate(row.figures.slaAttainment)}
        </span>
      ),
    },
    {
      key: 'onSiteMedian',
      title: t('dashboard.col.onSiteMedian'),
      align: 'right',
      render: (_, row) => formatDuration(row.figures.timeToOnSite?.median),
    },
    {
      key: 'onSiteP90',
      title: t('dashboard.col.onSiteP90'),
      align: 'right',
      render: (_, row) => formatDuration(row.figures.timeToOnSite?.p90),
    },
    {
      key: 'breaches',
      title: t('dashboard.col.breaches'),
      align: 'right',
      sorter: (a, b) => a.figures.breaches - b.figures.breaches,
      render: (_, row) =>
        row.figures.breaches > 0 ? (
          <Typography.Text type="danger">{row.figures.breaches}</Typography.Text>
        ) : (
          row.figures.breaches
        ),
    },
    {
      key: 'reopenRate',
      title: t('dashboard.col.reopenRate'),
      align: 'right',
      sorter: (a, b) => nullsLast(a.figures.reopenRate) - nullsLast(b.figures.reopenRate),
      render: (_, row) => formatRate(row.figures.reopenRate),
    },
    {
      key: 'satisfaction',
      title: t('dashboard.col.satisfaction'),
      align: 'right',
      sorter: (a, b) => nullsLast(a.figures.satisfaction) - nullsLast(b.figures.satisfaction),
      render: (_, row) => formatSatisfaction(row.figures.satisfaction),
    },
  ];
}
