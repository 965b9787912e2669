import { type LiveCounters } from '@jiefang/contracts';
import { Card, Statistic, Typography, theme } from 'antd';
import { formatTime } from '../../i18n/format';
import { t, type MessageKey } from '../../i18n';
import { useLiveCounters } from '../../statistics/queries';
import { QueryState } from './QueryState';

type CounterKey = Exclude<keyof LiveCounters, 'streetId' | 'generatedAt'>;

const counters: readonly { key: CounterKey; label: MessageKey; alarming?: boolean }[] = [
  { key: 'openTickets', label: 'dashboard.live.openTickets' },
  { key: 'overdueTickets', label: 'dashboard.live.overdueTickets', alarming: true },
  { key: 'waitingForDispatch', label: 'dashboard.live.waitingForDispatch', alarming: true },
  { key: 'reportsToday', label: 'dashboard.live.reportsToday' },
  { key: 'officersOnDuty', label: 'dashboard.live.officersOnDuty' },
  { key: 'openAlarms', label: 'dashboard.live.openAlarms', alarming: true },
  { key: 'openEscorts', label: 'dashboard.live.openEscorts' },
];

/** The counters of the moment in the caller's scope, asked for every 15 seconds. */
export function LiveCountersBar({ showEscorts }: { showEscorts: boolean }) {
  const query = useLiveCounters();
  const { token } = theme.useToken();
  const shown = counters.filter((counter) => showEscorts || counter.key !== 'openEscorts');
  return (
    <Card
      size="small"
      data-testid="live-counters"
      title={t('dashboard.live.title')}
      extra={
        <Typography.Text type="secondary">
          {query.data
            ? `${t('dashboard.updatedAt', { time: formatTime(query.data.generatedAt) })} · ${t('dashboard.live.hint')}`
            : t('dashboard.live.hint')}
        </Typography.Text>
      }
    >
      <QueryState query={query} emptyText="" testId="live-counters" rows={1}>
        {(data) => (
          // As many to a row as fit (seven on a wide screen, two on a phone); 大字模式 widens each.
          <div
            style={{
              display: 'grid',
              gridTemplateColumns: `repeat(auto-fit, minmax(${token.fontSize * 8}px, 1fr))`,
              gap: token.marginMD,
            }}
          >
            {shown.map((counter) => {
              const value = data[counter.key];
              return (
                <div key={counter.key} data-testid={`live-counter-${counter.key}`}>
                  <Statistic
                    title={t(counter.label)}
                    value={value}
                    valueStyle={{
                      color: counter.alarming && value > 0 ? token.colorError : undefined,
                      fontWeight: 600,
                    }}
                  />
                </div>
              );
            })}
          </div>
        )}
      </QueryState>
    </Card>
  );
}
