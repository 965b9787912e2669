import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { describeError } from '../api/errors';
import { formatHourTotal, formatRating } from '../escorts/labels';
import { useEscortStatistics } from '../escorts/queries';
import { t } from '../i18n';

/** 陪依(医)计划 at a glance: services done, volunteer turns, hours served, average rating. */
export function EscortStatsCard() {
  const query = useEscortStatistics();
  const stats = query.data;

  let body;
  if (query.isPending) {
    body = <Skeleton active paragraph={{ rows: 1 }} title={false} />;
  } else if (query.isError && !stats) {
    body = (
      <Alert
        type="error"
        showIcon
        data-testid="escort-stats-error"
        message={t('escortStats.loadFailed', { message: describeError(query.error) })}
        action={
          <Button size="small" onClick={() => void query.refetch()}>
            {t('escort.retry')}
          </Button>
        }
      />
    );
  } else if (stats) {
    const items = [
      {
        key: 'services',
        title: t('escortStats.services'),
        value: stats.servicesDone,
        suffix: t('escortStats.times'),
      },
      {
        key: 'turns',
        title: t('escortStats.turns'),
        value: stats.volunteerTurns,
        suffix: t('escortStats.times'),
      },
      {
        key: 'hours',
        title: t('escortStats.hours'),
        value: formatHourTotal(stats.hours),
        suffix: t('escortStats.hourUnit'),
      },
      {
        key: 'rating',
        title: t('escortStats.rating'),
        value: formatRating(stats.averageRating),
        suffix: stats.ratings > 0 ? t('escortStats.ratingCount', { count: stats.ratings }) : undefined,
      },
    ];
    body = (
      <Space direction="vertical" size="small" style={{ width: '100%' }}>
        <Row gutter={[16, 16]}>
          {items.map((item) => (
            <Col key={item.key} xs={12} md={6}>
              <div data-testid={`escort-stat-${item.key}`}>
                <Statistic title={item.title} value={item.value} suffix={item.suffix} />
              </div>
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary" data-testid="escort-stat-summary">
          {t('escortStats.summary', { volunteers: stats.volunteers, open: stats.open })}
        </Typography.Text>
      </Space>
    );
  }

  return (
    <Card
      size="small"
      data-testid="escort-stats"
      title={t('escortStats.title')}
      extra={
        <Button
          type="text"
          size="small"
          aria-label={t('escort.refresh')}
          icon={<ReloadOutlined />}
          loading={query.isFetching && !query.isPending}
          onClick={() => void query.refetch()}
        />
      }
    >
      {body}
    </Card>
  );
}
