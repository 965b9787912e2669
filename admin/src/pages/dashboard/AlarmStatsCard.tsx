import { alarmTypes, type AlarmStatistics, type AlarmType } from '@jiefang/contracts';
import { type UseQueryResult } from '@tanstack/react-query';
import { Card, Col, Empty, List, Progress, Row, Statistic, Typography, theme } from 'antd';
import { alarmTypeLabel } from '../../alarms/labels';
import { t } from '../../i18n';
import { formatDuration } from '../../statistics/figures';
import { QueryState } from './QueryState';

const isAlarmType = (type: string): type is AlarmType => (alarmTypes as readonly string[]).includes(type);
/** The BFF may count a type the panel does not know yet: show its code rather than hide it. */
const typeLabel = (type: string) => (isAlarmType(type) ? alarmTypeLabel(type) : type);

/** 设备告警统计: alarms by type, how fast owners acknowledge, and households that alarm again and again. */
export function AlarmStatsCard({ query }: { query: UseQueryResult<AlarmStatistics> }) {
  const { token } = theme.useToken();
  return (
    <Card
      size="small"
      title={t('dashboard.alarms.title')}
      data-testid="alarm-stats"
      style={{ height: '100%' }}
    >
      <QueryState
        query={query}
        testId="alarm-stats"
        emptyText={t('dashboard.alarms.empty')}
        isEmpty={(data) => data.byType.every((row) => row.alarms === 0)}
      >
        {(data) => {
          const most = Math.max(1, ...data.byType.map((row) => row.alarms));
          const byType = [...data.byType].sort((a, b) => b.alarms - a.alarms);
          return (
            <Row gutter={[24, 16]}>
              <Col xs={24} md={12}>
                <Typography.Text strong>{t('dashboard.alarms.byType')}</Typography.Text>
                {byType.map((row) => (
                  <div
                    key={row.type}
                    data-testid={`alarm-type-${row.type}`}
                    style={{ marginTop: token.marginXS }}
                  >
                    <div style={{ display: 'flex', justifyContent: 'space-between' }}>
                      <span>{typeLabel(row.type)}</span>
                      <span>{row.alarms}</span>
                    </div>
                    <Progress percent={(row.alarms / most) * 100} showInfo={false} size="small" />
                  </div>
                ))}
                <Row gutter={16} style={{ marginTop: token.marginMD }}>
                  <Col span={14}>
                    <Statistic
                      title={t('dashboard.alarms.acknowledgement')}
                      value={formatDuration(data.ownerAcknowledgement?.median)}
                      valueStyle={{ fontSize: token.fontSizeLG }}
                    />
                    {data.ownerAcknowledgement && (
                      <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                        {t('dashboard.p90', { p90: formatDuration(data.ownerAcknowledgement.p90) })}
                      </Typography.Text>
                    )}
                  </Col>
                  <Col span={10} data-testid="alarm-unacknowledged">
                    <Statistic
                      title={t('dashboard.alarms.unacknowledged')}
                      value={data.unacknowledged}
                      valueStyle={{
                        fontSize: token.fontSizeLG,
                        color: data.unacknowledged > 0 ? token.colorError : undefined,
                      }}
                    />
                  </Col>
                </Row>
              </Col>
              <Col xs={24} md={12}>
                <Typography.Text strong>{t('dashboard.alarms.repeat')}</Typography.Text>
                <List
                  size="small"
                  dataSource={data.repeatHouseholds}
                  locale={{
                    emptyText: (
                      <Empty
                        image={Empty.PRESENTED_IMAGE_SIMPLE}
                        description={t('dashboard.alarms.noRepeat')}
                      />
                    ),
                  }}
                  renderItem={(household) => (
                    <List.Item
                      data-testid={`repeat-household-${household.householdId}`}
                      extra={
                        <Typography.Text type="danger" style={{ whiteSpace: 'nowrap' }}>
                          {t('dashboard.alarms.repeatCount', { count: household.alarms })}
                        </Typography.Text>
                      }
                    >
                      <Typography.Text style={{ wordBreak: 'break-word' }}>
                        {household.address}
                      </Typography.Text>
                    </List.Item>
                  )}
                />
              </Col>
            </Row>
          );
        }}
      </QueryState>
    </Card>
  );
}
