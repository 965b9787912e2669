import { type TicketStatistics } from '@jiefang/contracts';
import { type UseQueryResult } from '@tanstack/react-query';
import { Card, Statistic, Typography, theme } from 'antd';
import { type ReactNode } from 'react';
import { t } from '../../i18n';
import { formatDuration, formatRate, formatSatisfaction } from '../../statistics/figures';
import { QueryState } from './QueryState';

/** The chosen period in six figures: tickets, attainment, time to on site, breaches, reopen rate, satisfaction. */
export function TotalsRow({ query }: { query: UseQueryResult<TicketStatistics> }) {
  const { token } = theme.useToken();
  return (
    <Card size="small" data-testid="totals">
      <QueryState query={query} testId="totals" emptyText="" rows={2}>
        {({ totals }) => {
          const items: { key: string; title: string; value: ReactNode; note: string; alarming?: boolean }[] =
            [
              {
                key: 'tickets',
                title: t('dashboard.totals.tickets'),
                value: totals.tickets,
                note: t('dashboard.totals.reports', { count: totals.reports }),
              },
              {
                key: 'attainment',
                title: t('dashboard.totals.attainment'),
                value: formatRate(totals.slaAttainment),
                note: t('dashboard.totals.measured', { met: totals.slaMet, measured: totals.slaMeasured }),
              },
              {
                key: 'onSite',
                title: t('dashboard.totals.onSite'),
                value: formatDuration(totals.timeToOnSite?.median),
                note: totals.timeToOnSite
                  ? t('dashboard.p90', { p90: formatDuration(totals.timeToOnSite.p90) })
                  : '',
              },
              {
                key: 'breaches',
                title: t('dashboard.totals.breaches'),
                value: totals.breaches,
                note: t('dashboard.totals.closed', totals.closed),
                alarming: totals.breaches > 0,
              },
              {
                key: 'reopenRate',
                title: t('dashboard.totals.reopenRate'),
                value: formatRate(totals.reopenRate),
                note: '',
              },
              {
                key: 'satisfaction',
                title: t('dashboard.totals.satisfaction'),
                value: formatSatisfaction(totals.satisfaction),
                note: t('dashboard.totals.ratings', { count: totals.ratings }),
              },
            ];
          return (
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: `repeat(auto-fit, minmax(${token.fontSize * 9}px, 1fr))`,
                gap: token.marginMD,
              }}
            >
              {items.map((item) => (
                <div key={item.key} data-testid={`total-${item.key}`}>
                  <Statistic
                    title={item.title}
                    value={typeof item.value === 'number' ? item.value : undefined}
                    formatter={typeof item.value === 'number' ? undefined : () => item.value}
                    valueStyle={{
                      color: item.alarming ? token.colorError : undefined,
                      fontWeight: 600,
                    }}
                  />
                  {item.note && (
                    <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                      {item.note}
                    </Typography.Text>
                  )}
                </div>
              ))}
            </div>
          );
        }}
      </QueryState>
    </Card>
  );
}
