import { Col, Row, Space, Tag, Typography, theme } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMe } from '../../api/queries';
import { useSession } from '../../auth/useSession';
import { t } from '../../i18n';
import { type ChartContext } from '../../statistics/chartOptions';
import { quickRange, rolledOver } from '../../statistics/dateRange';
import { useBeijingToday } from '../../statistics/useBeijingToday';
import { promisedMinutes } from '../../statistics/figures';
import { useAlarmStatistics, useTicketStatistics } from '../../statistics/queries';
import { type StatisticsFilters } from '../../statistics/queryKeys';
import {
  canSeeEscortStatistics,
  canSeeSystemHealth,
  dashboardScope,
  streetToAsk,
  type DashboardScope,
} from '../../statistics/scope';
import { useCategories, useStreets } from '../../tickets/queries';
import { AlarmStatsCard } from './AlarmStatsCard';
import { HeatMapCard } from './HeatMapCard';
import { BreakdownCard } from './BreakdownCard';
import { DashboardFilters, type DashboardFilterState } from './DashboardFilters';
import { EscortCard } from './EscortCard';
import { LiveCountersBar } from './LiveCountersBar';
import { RankingCard } from './RankingCard';
import { SystemHealthCard } from './SystemHealthCard';
import { CategoryCard, OnSiteDistributionCard, SlaTrendCard } from './TicketCharts';
import { TotalsRow } from './TotalsRow';

/**
 * 指挥看板: the counters of the moment, then the chosen days' figures (the 15-minute promise over time,
 * how long residents waited, categories, breakdowns), the month's ranking, alarms and escorts, and for
 * admins and dispatchers the system's health. Each person sees their scope: district roles choose a
 * street or the whole district, everyone else sees their own street (the BFF enforces it either way).
 */
export function DashboardPage() {
  const session = useSession();
  // Keeps the session's copy of the account (street, roles) in step with the server.
  const me = useMe();
  const user = me.data ?? session?.user;
  const roles = user?.roles ?? [];
  const scope: DashboardScope = user
    ? dashboardScope(user)
    : { kind: 'street', streetId: null, streetName: null };
  const districtWide = scope.kind === 'district';

  const now = useBeijingToday();
  const [filters, setFilters] = useState<DashboardFilterState>(() => ({
    range: quickRange('last30Days', now),
    street: undefined,
    granularity: 'day',
  }));
  const previousNow = useRef(now);
  useEffect(() => {
    const before = previousNow.current;
    previousNow.current = now;
    if (before !== now)
      setFilters((current) => ({ ...current, range: rolledOver(current.range, before, now) }));
  }, [now]);
  const street = streetToAsk(scope, filters.street);
  const statisticsFilters: StatisticsFilters = {
    from: filters.range.from,
    to: filters.range.to,
    street,
    granularity: filters.granularity,
  };

  const streets = useStreets();
  const categories = useCategories();
  const tickets = useTicketStatistics(statisticsFilters);
  const alarms = useAlarmStatistics(statisticsFilters);

  const { token } = theme.useToken();
  const slaMinutes = promisedMinutes(categories.data?.items);
  // One object per size and promise, so the charts redraw only when one of them changes.
  const chartContext = useMemo<ChartContext>(
    () => ({ fontSize: token.fontSize, fontFamily: token.fontFamily, slaMinutes }),
    [token.fontSize, token.fontFamily, slaMinutes],
  );
  const showEscorts = canSeeEscortStatistics(roles);
  const showHealth = canSeeSystemHealth(roles);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard">
      <Space wrap align="baseline" size={[16, 4]}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dashboard.title')}
        </Typography.Title>
        <Tag color="blue" data-testid="dashboard-scope" style={{ fontSize: token.fontSize }}>
          {scopeLabel(scope, filters.street, streets.data?.items)}
        </Tag>
        {user && (
          <Typography.Text type="secondary" data-testid="current-user-name">
            {user.name}
          </Typography.Text>
        )}
      </Space>

      <LiveCountersBar showEscorts={showEscorts} />

      <DashboardFilters
        value={filters}
        onChange={setFilters}
        streets={districtWide ? (streets.data?.items ?? []) : undefined}
        now={now}
      />

      <TotalsRow query={tickets} />

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <SlaTrendCard query={tickets} context={chartContext} />
        </Col>
        <Col xs={24} xl={9}>
          <OnSiteDistributionCard query={tickets} context={chartContext} />
        </Col>
        <Col xs={24} xl={10}>
          <CategoryCard query={tickets} context={chartContext} />
        </Col>
        <Col xs={24} xl={14}>
          <HeatMapCard query={tickets} />
        </Col>
        <Col xs={24}>
          <AlarmStatsCard query={alarms} />
        </Col>
        <Col xs={24}>
          <BreakdownCard query={tickets} showStreets={districtWide && !street} />
        </Col>
        <Col xs={24}>
          <RankingCard street={street} now={now} />
        </Col>
        {showEscorts && (
          <Col xs={24} xl={showHealth ? 12 : 24}>
            <EscortCard street={street} />
          </Col>
        )}
        {showHealth && (
          <Col xs={24} xl={showEscorts ? 12 : 24}>
            <SystemHealthCard />
          </Col>
        )}
      </Row>
    </Space>
  );
}

function scopeLabel(
  scope: DashboardScope,
  chosen: string | undefined,
  streets: readonly { id: string; name: string }[] | undefined,
): string {
  if (scope.kind === 'street') {
    return scope.streetName
      ? t('dashboard.scopeStreet', { street: scope.streetName })
      : t('dashboard.scopeNoStreet');
  }
  if (!chosen) return t('dashboard.scopeDistrict');
  const name = streets?.find((street) => street.id === chosen)?.name ?? chosen;
  return t('dashboard.scopeStreet', { street: name });
}
