import { EnvironmentOutlined, FieldTimeOutlined } from '@ant-design/icons';
import { type PublicBoard } from '@jiefang/contracts';
import { Card, Empty, List, Progress, Skeleton, Space, Statistic, Tag, Typography, theme } from 'antd';
import { describeError } from '../../api/errors';
import { LoadFailed } from '../../components/LoadFailed';
import { t } from '../../i18n';
import { formatTime } from '../../i18n/format';
import { formatRate } from '../../statistics/figures';
import { monthLabel, overduePlaces, sortedStreets, waitedLabel } from '../../statistics/publicBoard';
import { usePublicBoard } from '../../statistics/queries';
import { useNow } from '../../tickets/useNow';
import { OverdueMap } from './OverdueMap';

/**
 * 街道办理公示, for anyone without signing in: each street's open and overdue reports and this month's
 * on-site attainment, and the overdue places (category, street, when). Nothing personal: the board
 * carries no reporter, description or photo, and its places are rounded to about 100 m. Refreshes itself
 * every minute; laid out for phones first.
 */
export function PublicBoardPage() {
  const query = usePublicBoard();
  const { token } = theme.useToken();

  let body;
  if (query.data) {
    body = <Board board={query.data} />;
  } else if (query.isError) {
    body = (
      <LoadFailed
        testId="public-board-error"
        message={t('publicBoard.loadFailed', { message: describeError(query.error) })}
        retryLabel={t('publicBoard.retry')}
        onRetry={() => void query.refetch()}
      />
    );
  } else {
    body = (
      <Card data-testid="public-board-loading">
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }

  return (
    <div style={{ minHeight: '100vh', background: token.colorBgLayout }} data-testid="public-board">
      <header
        style={{
          background: token.colorPrimary,
          color: '#fff',
          padding: `${token.paddingLG}px ${token.padding}px`,
        }}
      >
        <div style={{ maxWidth: 960, margin: '0 auto' }}>
          <Typography.Title level={3} style={{ color: '#fff', margin: 0 }}>
            {t('publicBoard.title')}
          </Typography.Title>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }}>
            {query.data
              ? `${monthLabel(query.data.month)} · ${t('publicBoard.subtitle')}`
              : t('publicBoard.subtitle')}
          </Typography.Text>
        </div>
      </header>
      <main style={{ maxWidth: 960, margin: '0 auto', padding: token.padding }}>{body}</main>
    </div>
  );
}

function Board({ board }: { board: PublicBoard }) {
  const { token } = theme.useToken();
  const streets = sortedStreets(board);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary" data-testid="public-board-updated">
        {t('publicBoard.updatedAt', { time: formatTime(board.generatedAt) })}
      </Typography.Text>

      <section>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('publicBoard.streets')}
        </Typography.Title>
        {streets.length === 0 ? (
          <Card>
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('publicBoard.noStreets')} />
          </Card>
        ) : (
          <div
            style={{
              display: 'grid',
              gridTemplateColumns: `repeat(auto-fill, minmax(min(100%, ${token.fontSize * 20}px), 1fr))`,
              gap: token.margin,
            }}
          >
            {streets.map((street) => (
              <Card
                key={street.id}
                size="small"
                data-testid={`public-street-${street.id}`}
                title={street.name}
              >
                {/* Three figures side by side, even on a phone, so five streets fit on two screens. */}
                <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: token.marginSM }}>
                  <div data-testid="street-open">
                    <Statistic title={t('publicBoard.open')} value={street.openTickets} />
                  </div>
                  <div data-testid="street-overdue">
                    <Statistic
                      title={t('publicBoard.overdue')}
                      value={street.overdueTickets}
                      valueStyle={{ color: street.overdueTickets > 0 ? token.colorError : undefined }}
                    />
                  </div>
                  <div data-testid="street-attainment">
                    <Statistic
                      title={t('publicBoard.attainment')}
                      value={
                        street.monthSlaAttainment === null ? undefined : formatRate(street.monthSlaAttainment)
                      }
                      formatter={
                        street.monthSlaAttainment === null
                          ? () => (
                              <Typography.Text type="secondary" style={{ fontSize: token.fontSize }}>
                                {t('publicBoard.notMeasured')}
                              </Typography.Text>
                            )
                          : undefined
                      }
                    />
                  </div>
                </div>
                {street.monthSlaAttainment !== null && (
                  <Progress
                    percent={Math.round(street.monthSlaAttainment * 1000) / 10}
                    showInfo={false}
                    size="small"
                    style={{ marginBottom: 0 }}
                  />
                )}
              </Card>
            ))}
          </div>
        )}
      </section>

      {board.overdue.length > 0 && <OverdueMap board={board} />}
      <OverdueList board={board} />

      <Typography.Paragraph type="secondary" style={{ fontSize: token.fontSizeSM }}>
        {t('publicBoard.privacy')}
      </Typography.Paragraph>
    </Space>
  );
}

function OverdueList({ board }: { board: PublicBoard }) {
  const now = useNow();
  const places = overduePlaces(board);
  return (
    <Card
      size="small"
      data-testid="public-overdue"
      title={t('publicBoard.overdueList')}
      extra={
        places.length > 0 && <Tag color="red">{t('publicBoard.overdueCount', { count: places.length })}</Tag>
      }
    >
      <List
        dataSource={places}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('publicBoard.noOverdue')} />,
        }}
        renderItem={(place) => (
          <List.Item data-testid="public-overdue-place">
            <List.Item.Meta
              title={
                <Space size={8} wrap>
                  <span>{place.categoryName}</span>
                  <Tag icon={<EnvironmentOutlined />}>{place.streetName}</Tag>
                </Space>
              }
              description={
                <Space size={[12, 0]} wrap>
                  <span>{t('publicBoard.reportedAt', { time: formatTime(place.reportedAt, now) })}</span>
                  <Typography.Text type="danger">
                    <FieldTimeOutlined />{' '}
                    {t('publicBoard.waited', { duration: waitedLabel(place.reportedAt, now) })}
                  </Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
