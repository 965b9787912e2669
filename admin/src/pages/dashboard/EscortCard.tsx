import { Card, Statistic, Typography, theme } from 'antd';
import { formatHourTotal, formatRating } from '../../escorts/labels';
import { t } from '../../i18n';
import { useDashboardEscortStatistics } from '../../statistics/queries';
import { QueryState } from './QueryState';

/** 陪依(医)计划 totals for the chosen street (or the caller's scope), for the roles that run it. */
export function EscortCard({ street }: { street: string | undefined }) {
  const query = useDashboardEscortStatistics(street);
  const { token } = theme.useToken();
  return (
    <Card
      size="small"
      title={t('dashboard.escorts.title')}
      data-testid="escort-stats"
      style={{ height: '100%' }}
    >
      <QueryState query={query} testId="escort-stats" emptyText="" rows={2}>
        {(stats) => (
          <>
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: `repeat(auto-fit, minmax(${token.fontSize * 8}px, 1fr))`,
                gap: token.marginMD,
              }}
            >
              <div data-testid="escort-stat-services">
                <Statistic
                  title={t('escortStats.services')}
                  value={stats.servicesDone}
                  suffix={t('escortStats.times')}
                />
              </div>
              <div data-testid="escort-stat-turns">
                <Statistic
                  title={t('escortStats.turns')}
                  value={stats.volunteerTurns}
                  suffix={t('escortStats.times')}
                />
              </div>
              <div data-testid="escort-stat-hours">
                <Statistic
                  title={t('escortStats.hours')}
                  value={formatHourTotal(stats.hours)}
                  suffix={t('escortStats.hourUnit')}
                />
              </div>
              <div data-testid="escort-stat-rating">
                <Statistic title={t('escortStats.rating')} value={formatRating(stats.averageRating)} />
                {/* The count under the mean, not beside it: beside it wraps in a narrow card. */}
                {stats.ratings > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                    {t('dashboard.escorts.ratings', { count: stats.ratings })}
                  </Typography.Text>
                )}
              </div>
            </div>
            <Typography.Text type="secondary" data-testid="escort-stat-summary">
              {t('escortStats.summary', { volunteers: stats.volunteers, open: stats.open })}
            </Typography.Text>
          </>
        )}
      </QueryState>
    </Card>
  );
}
