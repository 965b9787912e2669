import { CalendarOutlined } from '@ant-design/icons';
import { type Elder } from '@jiefang/contracts';
import { Alert, Button, Card, Descriptions, Empty, List, Skeleton, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { describeError } from '../../api/errors';
import { DetailDrawer } from '../../components/DetailDrawer';
import { EscortStatusTag, NeedTags, ServiceTag } from '../../components/EscortTags';
import { contactLine } from '../../escorts/elderView';
import { windowLabel } from '../../escorts/labels';
import { useElder, useEscortList } from '../../escorts/queries';
import { t } from '../../i18n';

/** One elder: details, contacts, and their bookings (newest window first). */
export function ElderDrawer({
  elderId,
  onClose,
  onBook,
}: {
  elderId: string | null;
  onClose: () => void;
  onBook: (elder: Elder) => void;
}) {
  const query = useElder(elderId);
  return (
    <DetailDrawer
      recordId={elderId}
      query={query}
      onClose={onClose}
      width={640}
      testId="elder-detail"
      skeletonRows={6}
      placeholderTitle={t('elder.detailTitle')}
      notFoundKey="elder.notFound"
      loadFailedKey="elder.loadFailed"
      retryKey="escort.retry"
      title={(elder) => elder.name}
      extra={(elder) => (
        <Button type="primary" icon={<CalendarOutlined />} onClick={() => onBook(elder)}>
          {t('elder.book')}
        </Button>
      )}
    >
      {(elder) => <ElderDetail elder={elder} />}
    </DetailDrawer>
  );
}

function ElderDetail({ elder }: { elder: Elder }) {
  const escorts = useEscortList({ elderId: elder.id });
  const items = [...(escorts.data?.items ?? [])].sort(
    (a, b) => Date.parse(b.windowStart) - Date.parse(a.windowStart),
  );
  const now = Date.now();

  let bookings;
  if (escorts.isPending) {
    bookings = <Skeleton active paragraph={{ rows: 2 }} title={false} />;
  } else if (escorts.isError && !escorts.data) {
    bookings = (
      <Alert
        type="error"
        showIcon
        message={t('escort.loadFailed', { message: describeError(escorts.error) })}
      />
    );
  } else if (items.length === 0) {
    bookings = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('elder.noBookings')} />;
  } else {
    bookings = (
      <List
        size="small"
        dataSource={items}
        rowKey="id"
        renderItem={(escort) => (
          <List.Item data-testid={`elder-booking-${escort.id}`}>
            <Space wrap size={8}>
              <ServiceTag type={escort.serviceType} />
              <EscortStatusTag status={escort.status} />
              <Link to={`/escorts?escort=${encodeURIComponent(escort.id)}`}>
                {windowLabel(escort.windowStart, escort.windowEnd, now)}
              </Link>
              {escort.volunteer && (
                <Typography.Text type="secondary">{escort.volunteer.name}</Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    );
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions
        column={1}
        size="small"
        bordered
        styles={{ label: { whiteSpace: 'nowrap', width: '7em' } }}
      >
        <Descriptions.Item label={t('elder.fieldPhone')}>{elder.phone}</Descriptions.Item>
        <Descriptions.Item label={t('elder.fieldAddress')}>{elder.address ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('elder.street')}>{elder.streetName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('elder.fieldNeeds')}>
          {elder.needs.length ? <NeedTags needs={elder.needs} /> : t('elder.noNeeds')}
        </Descriptions.Item>
        <Descriptions.Item label={t('elder.fieldContacts')}>
          {elder.emergencyContacts.length === 0 ? (
            t('elder.noContacts')
          ) : (
            <Space direction="vertical" size={0}>
              {elder.emergencyContacts.map((contact, index) => (
                <span key={index}>{contactLine(contact)}</span>
              ))}
            </Space>
          )}
        </Descriptions.Item>
        {elder.familyUserIds.length > 0 && (
          <Descriptions.Item label={t('elder.fieldFamily')}>
            {elder.familyUserIds.join('、')}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Card size="small" title={t('elder.bookings')}>
        {bookings}
      </Card>
    </Space>
  );
}
