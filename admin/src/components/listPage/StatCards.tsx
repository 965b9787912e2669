import { Card, Col, Row, Statistic } from 'antd';

export interface Stat {
  key: string;
  label: string;
  value: number;
  /** The number's colour, usually only when it is not zero. */
  color: string | undefined;
}

/** Counts at a glance above a list, four to a row (two on a phone). */
export function StatCards({ stats, testIdPrefix }: { stats: readonly Stat[]; testIdPrefix: string }) {
  return (
    <Row gutter={[16, 16]}>
      {stats.map((stat) => (
        <Col key={stat.key} xs={12} md={6}>
          <Card size="small" data-testid={`${testIdPrefix}-stat-${stat.key}`}>
            <Statistic title={stat.label} value={stat.value} valueStyle={{ color: stat.color }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
