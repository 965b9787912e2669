import { CheckOutlined } from '@ant-design/icons';
import { type Volunteer, type VolunteerHours } from '@jiefang/contracts';
import {
  Alert,
  App,
  Button,
  Col,
  Empty,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { type HTMLAttributes } from 'react';
import { describeError } from '../../api/errors';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ServiceTag } from '../../components/EscortTags';
import { formatMinutes } from '../../escorts/labels';
import { useReviewHours, useVolunteerHours } from '../../escorts/queries';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';

type Entry = VolunteerHours['entries'][number];

/** A volunteer's hours ledger: each completed escort's minutes, reviewed one by one by the worker. */
export function VolunteerHoursDrawer({
  volunteerId,
  volunteer,
  onClose,
}: {
  volunteerId: string | null;
  volunteer: Volunteer | null;
  onClose: () => void;
}) {
  const query = useVolunteerHours(volunteerId);
  return (
    <DetailDrawer
      recordId={volunteerId}
      query={query}
      onClose={onClose}
      width={720}
      testId="volunteer-hours"
      skeletonRows={6}
      placeholderTitle={volunteer ? t('hours.titleOf', { name: volunteer.realName }) : t('hours.title')}
      notFoundKey="hours.notFound"
      loadFailedKey="hours.loadFailed"
      retryKey="escort.retry"
      loadErrorTestId="hours-load-error"
    >
      {(hours) => <Ledger hours={hours} />}
    </DetailDrawer>
  );
}

function Ledger({ hours }: { hours: VolunteerHours }) {
  const { message } = App.useApp();
  const review = useReviewHours();
  const entries = [...hours.entries].sort((a, b) => Date.parse(b.completedAt) - Date.parse(a.completedAt));
  const pending = hours.entries.filter((entry) => !entry.reviewed).length;

  const columns: TableColumnsType<Entry> = [
    {
      title: t('hours.columnService'),
      key: 'service',
      render: (_, entry) => <ServiceTag type={entry.serviceType} />,
    },
    {
      title: t('hours.columnTime'),
      key: 'time',
      render: (_, entry) => (
        <Space direction="vertical" size={0} style={{ fontVariantNumeric: 'tabular-nums' }}>
          <span>{formatDateTime(entry.checkedInAt)}</span>
          <Typography.Text type="secondary">
            {t('hours.until', { time: formatDateTime(entry.completedAt) })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('hours.columnMinutes'),
      key: 'minutes',
      render: (_, entry) => <span style={{ whiteSpace: 'nowrap' }}>{formatMinutes(entry.minutes)}</span>,
    },
    {
      title: t('hours.columnReview'),
      key: 'review',
      render: (_, entry) =>
        entry.reviewed ? (
          <Tag color="green" style={{ marginInlineEnd: 0 }}>
            {t('hours.reviewed')}
          </Tag>
        ) : (
          <Button
            size="small"
            type="primary"
            icon={<CheckOutlined />}
            data-testid={`hours-review-${entry.escortId}`}
            loading={review.isPending && review.variables?.escortId === entry.escortId}
            onClick={() =>
              review.mutate(
                { volunteerId: hours.volunteerId, escortId: entry.escortId },
                {
                  onSuccess: () => void message.success(t('hours.reviewDone')),
                  onError: (error) =>
                    void message.error(t('hours.reviewFailed', { message: describeError(error) })),
                },
              )
            }
          >
            {t('hours.review')}
          </Button>
        ),
    },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={8}>
          <div data-testid="hours-total">
            <Statistic title={t('hours.total')} value={formatMinutes(hours.totalMinutes)} />
          </div>
        </Col>
        <Col xs={8}>
          <div data-testid="hours-reviewed">
            <Statistic title={t('hours.reviewedTotal')} value={formatMinutes(hours.reviewedMinutes)} />
          </div>
        </Col>
        <Col xs={8}>
          <div data-testid="hours-turns">
            <Statistic title={t('hours.turns')} value={hours.turns} suffix={t('escortStats.times')} />
          </div>
        </Col>
      </Row>
      {pending > 0 && <Alert type="info" showIcon message={t('hours.pendingHint', { count: pending })} />}
      <Table<Entry>
        rowKey="escortId"
        size="small"
        columns={columns}
        dataSource={entries}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        onRow={(entry) =>
          ({
            'data-testid': `hours-entry-${entry.escortId}`,
            'data-reviewed': entry.reviewed,
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{
          emptyText: (
            <Empty
              data-testid="hours-empty"
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('hours.empty')}
            />
          ),
        }}
      />
    </Space>
  );
}
