import { CheckOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { type Volunteer } from '@jiefang/contracts';
import { App, Button, Card, Grid, Space, Tabs, Tag, Typography, theme, type TableColumnsType } from 'antd';
import { describeError } from '../../api/errors';
import { ListPageHeader } from '../../components/listPage/ListPageHeader';
import { ListTable } from '../../components/listPage/ListTable';
import { useUrlState } from '../../components/listPage/useUrlState';
import { availabilityLines, skillLabel } from '../../escorts/labels';
import { useVerifyVolunteer, useVolunteers } from '../../escorts/queries';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useStreets } from '../../tickets/queries';
import { VolunteerHoursDrawer } from './VolunteerHoursDrawer';

type Tab = 'pending' | 'verified';

/**
 * 志愿者: the verification queue (registrations waiting for a community worker's check) and the verified
 * volunteers with their hours ledgers. `tab=verified` picks the second tab, `volunteer=<id>` opens a ledger.
 */
export function VolunteersPage() {
  const { params, setParam } = useUrlState({ historyKeys: ['volunteer'] });
  const tab: Tab = params.get('tab') === 'verified' ? 'verified' : 'pending';
  const openId = params.get('volunteer');
  const pending = useVolunteers(false);
  const verified = useVolunteers(true, tab === 'verified' || Boolean(openId));

  const query = tab === 'pending' ? pending : verified;
  const opened =
    (verified.data ?? []).find((item) => item.id === openId) ??
    (pending.data ?? []).find((item) => item.id === openId) ??
    null;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ListPageHeader
        title={t('volunteer.title')}
        updatedAt={query.dataUpdatedAt}
        updatedAtKey="escort.updatedAt"
        refreshKey="escort.refresh"
        refreshing={query.isFetching}
        onRefresh={() => void query.refetch()}
      />

      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam('tab', key === 'verified' ? 'verified' : undefined)}
          items={[
            {
              key: 'pending',
              label: (
                <span data-testid="volunteer-tab-pending">
                  {pending.data
                    ? t('volunteer.tabPendingCount', { count: pending.data.length })
                    : t('volunteer.tabPending')}
                </span>
              ),
              children: (
                <VolunteerTable kind="pending" query={pending} onOpen={(id) => setParam('volunteer', id)} />
              ),
            },
            {
              key: 'verified',
              label: <span data-testid="volunteer-tab-verified">{t('volunteer.tabVerified')}</span>,
              children: (
                <VolunteerTable kind="verified" query={verified} onOpen={(id) => setParam('volunteer', id)} />
              ),
            },
          ]}
        />
      </Card>

      <VolunteerHoursDrawer
        volunteerId={openId}
        volunteer={opened}
        onClose={() => setParam('volunteer', undefined)}
      />
    </Space>
  );
}

function VolunteerTable({
  kind,
  query,
  onOpen,
}: {
  kind: Tab;
  query: ReturnType<typeof useVolunteers>;
  onOpen: (id: string) => void;
}) {
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const { message } = App.useApp();
  const verify = useVerifyVolunteer();
  const streets = useStreets();
  const streetName = (id: string) => streets.data?.items.find((street) => street.id === id)?.name ?? id;

  const columns: TableColumnsType<Volunteer> = [
    {
      title: t('volunteer.columnName'),
      key: 'name',
      render: (_, volunteer) => (
        <Space direction="vertical" size={2}>
          <Typography.Text strong>{volunteer.realName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {volunteer.phone}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('volunteer.columnSkills'),
      key: 'skills',
      render: (_, volunteer) =>
        volunteer.skills.length === 0 ? (
          <Typography.Text type="secondary">{t('volunteer.noSkills')}</Typography.Text>
        ) : (
          <Space size={4} wrap>
            {volunteer.skills.map((skill) => (
              <Tag key={skill} color="blue" style={{ marginInlineEnd: 0 }}>
                {skillLabel(skill)}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t('volunteer.columnArea'),
      key: 'area',
      responsive: ['md'],
      render: (_, volunteer) =>
        t('volunteer.area', {
          street: streetName(volunteer.serviceArea.streetId),
          radius: volunteer.serviceArea.radiusKm,
        }),
    },
    {
      title: t('volunteer.columnAvailability'),
      key: 'availability',
      responsive: ['lg'],
      render: (_, volunteer) => (
        <Space direction="vertical" size={0} style={{ fontSize: token.fontSizeSM }}>
          {availabilityLines(volunteer.availability).map((line) => (
            <span key={line} style={{ whiteSpace: 'nowrap' }}>
              {line}
            </span>
          ))}
        </Space>
      ),
    },
    ...(kind === 'verified'
      ? [
          {
            title: t('volunteer.columnVerifiedAt'),
            key: 'verifiedAt',
            responsive: ['md' as const],
            render: (_: unknown, volunteer: Volunteer) =>
              volunteer.verifiedAt ? formatDateTime(volunteer.verifiedAt) : '—',
          },
        ]
      : []),
    {
      title: t('volunteer.columnActions'),
      key: 'actions',
      render: (_, volunteer) =>
        kind === 'pending' ? (
          <Button
            type="primary"
            size={narrow ? 'small' : 'middle'}
            icon={<CheckOutlined />}
            data-testid={`volunteer-verify-${volunteer.id}`}
            loading={verify.isPending && verify.variables === volunteer.id}
            disabled={verify.isPending && verify.variables !== volunteer.id}
            onClick={() =>
              verify.mutate(volunteer.id, {
                onSuccess: (done) => void message.success(t('volunteer.verified', { name: done.realName })),
                onError: (error) =>
                  void message.error(t('volunteer.verifyFailed', { message: describeError(error) })),
              })
            }
          >
            {t('volunteer.verify')}
          </Button>
        ) : (
          <Button
            size={narrow ? 'small' : 'middle'}
            icon={<ClockCircleOutlined />}
            data-testid={`volunteer-hours-${volunteer.id}`}
            onClick={() => onOpen(volunteer.id)}
          >
            {t('volunteer.hours')}
          </Button>
        ),
    },
  ];

  return (
    <ListTable<Volunteer>
      query={query}
      items={query.data ?? []}
      columns={columns}
      testIdPrefix="volunteer"
      loadFailedKey="volunteer.loadFailed"
      retryKey="escort.retry"
      emptyText={t(kind === 'pending' ? 'volunteer.emptyPending' : 'volunteer.emptyVerified')}
      loading={query.isPending && query.fetchStatus !== 'idle'}
      inset={false}
      warnWhenStale={false}
      rowAttributes={(volunteer) => ({ 'data-verified': volunteer.verified })}
    />
  );
}
