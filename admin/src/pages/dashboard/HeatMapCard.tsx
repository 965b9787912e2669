import { Card } from 'antd';
import { HeatMap } from '../../components/map/HeatMap';
import { t } from '../../i18n';
import { QueryState } from './QueryState';
import type { TicketQuery } from './TicketCharts';

/** Where the period's reports came from, on the district map (cells of about 200 m). */
export function HeatMapCard({ query }: { query: TicketQuery }) {
  return (
    <Card size="small" title={t('dashboard.heat.title')} data-testid="heat" style={{ height: '100%' }}>
      <QueryState
        query={query}
        testId="heat"
        emptyText={t('dashboard.heat.empty')}
        isEmpty={(data) => !data.heat.length}
      >
        {(data) => <HeatMap points={data.heat} height={360} />}
      </QueryState>
    </Card>
  );
}
