import { AlertFilled } from '@ant-design/icons';
import { type Escort, type EscortStatus } from '@jiefang/contracts';
import {
  Alert,
  Button,
  Card,
  Grid,
  Segmented,
  Space,
  Tag,
  Typography,
  theme,
  type TableColumnsType,
} from 'antd';
import { useMemo } from 'react';
import { EscortStatsCard } from '../../components/EscortStatsCard';
import { EscortStatusTag, NeedTags, ServiceTag } from '../../components/EscortTags';
import { ListPageHeader } from '../../components/listPage/ListPageHeader';
import { ListTable, truncationNotice } from '../../components/listPage/ListTable';
import { useUrlState } from '../../components/listPage/useUrlState';
import { escortPlace, windowLabel } from '../../escorts/labels';
import { useEscortList } from '../../escorts/queries';
import {
  activeEscortStatuses,
  hasOpenSos,
  isLate,
  isUrgent,
  sortByUrgency,
  sosAlerts,
} from '../../escorts/queue';
import { useMinute } from '../../escorts/useMinute';
import { t, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { EscortActions } from './EscortActions';
import { EscortDetailDrawer } from './EscortDetailDrawer';

type View = 'open' | 'accepted' | 'in_progress' | 'active';
const views: { value: View; label: MessageKey; statuses: readonly EscortStatus[] }[] = [
  { value: 'open', label: 'escortQueue.viewOpen', statuses: ['open'] },
  { value: 'accepted', label: 'escortQueue.viewAccepted', statuses: ['accepted'] },
  { value: 'in_progress', label: 'escortQueue.viewInProgress', statuses: ['in_progress'] },
  { value: 'active', label: 'escortQueue.viewActive', statuses: activeEscortStatuses },
];
const activeFilters = { status: activeEscortStatuses };

/**
 * 待接单: the street's requests still to be served, SOS on top in red, then urgent (same day), then the
 * soonest window. `status` picks the view (open by default), `escort` the open request.
 */
export function OpenEscortsPage() {
  const { params, setParam } = useUrlState({ historyKeys: ['escort'] });
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const now = useMinute();
  const list = useEscortList(activeFilters);

  const view = views.find((item) => item.value === params.get('status')) ?? views[0]!;
  const openId = params.get('escort');

  const all = useMemo(() => list.data?.items ?? [], [list.data]);
  const alerts = useMemo(() => sosAlerts(all), [all]);
  const items = useMemo(
    () =>
      sortByUrgency(
        all.filter((escort) => view.statuses.includes(escort.status)),
        now,
      ),
    [all, view, now],
  );
  const counts = useMemo(() => {
    const byStatus = new Map<EscortStatus, number>();
    for (const escort of all) byStatus.set(escort.status, (byStatus.get(escort.status) ?? 0) + 1);
    return byStatus;
  }, [all]);

  const columns: TableColumnsType<Escort> = [
    {
      title: t('escortQueue.columnElder'),
      key: 'elder',
      render: (_, escort) => (
        <Space direction="vertical" size={2}>
          <Space size={6} wrap>
            {hasOpenSos(escort) && (
              <Tag color="red" icon={<AlertFilled />} style={{ marginInlineEnd: 0 }}>
                SOS
              </Tag>
            )}
            <Typography.Text strong>{escort.elderName}</Typography.Text>
          </Space>
          <NeedTags needs={escort.elderNeeds} />
          {narrow && <ServiceTag type={escort.serviceType} />}
        </Space>
      ),
    },
    {
      title: t('escortQueue.columnService'),
      key: 'service',
      responsive: ['md'],
      render: (_, escort) => {
        const place = escortPlace(escort);
        return (
          <Space direction="vertical" size={2} style={{ maxWidth: 260 }}>
            <ServiceTag type={escort.serviceType} />
            {place && (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
                {place}
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
    {
      title: t('escortQueue.columnWindow'),
      key: 'window',
      render: (_, escort) => (
        <Space direction="vertical" size={2} style={{ fontVariantNumeric: 'tabular-nums' }}>
          <span style={{ whiteSpace: 'nowrap' }}>
            {windowLabel(escort.windowStart, escort.windowEnd, now)}
          </span>
          <Space size={4} wrap>
            {isUrgent(escort, now) && (
              <Tag color="red" data-testid="escort-urgent" style={{ marginInlineEnd: 0 }}>
                {t('escortQueue.urgent')}
              </Tag>
            )}
            {isLate(escort, now) && (
              <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
                {t('escortQueue.late')}
              </Tag>
            )}
          </Space>
        </Space>
      ),
    },
    {
      title: t('escortQueue.columnStatus'),
      key: 'status',
      responsive: ['md'],
      render: (_, escort) => (
        <Space direction="vertical" size={2}>
          <EscortStatusTag status={escort.status} />
          {escort.volunteer && (
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: token.fontSizeSM }}>
              {t('escort.volunteerLine', escort.volunteer)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('escortQueue.columnActions'),
      key: 'actions',
      render: (_, escort) => <EscortActions escort={escort} size="small" />,
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ListPageHeader
        title={t('escortQueue.title')}
        updatedAt={list.dataUpdatedAt}
        updatedAtKey="escort.updatedAt"
        refreshKey="escort.refresh"
        refreshing={list.isFetching}
        onRefresh={() => void list.refetch()}
      />

      {alerts.length > 0 && (
        <Space direction="vertical" size="small" style={{ width: '100%' }} data-testid="escort-sos-list">
          {alerts.map(({ escort, sos }, index) => (
            <Alert
              key={`${escort.id}-${sos.at}-${index}`}
              type="error"
              showIcon
              icon={<AlertFilled />}
              data-testid={`escort-sos-${escort.id}`}
              style={{ borderWidth: 2, borderColor: token.colorError }}
              message={
                <Typography.Text strong style={{ color: token.colorError, fontSize: token.fontSizeLG }}>
                  {t('escortQueue.sosTitle', { elder: escort.elderName, time: formatDateTime(sos.at) })}
                </Typography.Text>
              }
              description={
                <Space direction="vertical" size={0}>
                  <span>
                    {escort.volunteer
                      ? t('escortQueue.sosVolunteer', escort.volunteer)
                      : t('escortQueue.sosBy', { by: sos.by })}
                  </span>
                  {sos.note && <span>{t('escortQueue.sosNote', { note: sos.note })}</span>}
                  <span>{t('escortQueue.sosElderPhone', { phone: escort.elderPhone })}</span>
                  {sos.lat !== null && sos.lng !== null && (
                    <Typography.Text type="secondary">
                      {t('escortQueue.sosPlace', { lat: sos.lat.toFixed(5), lng: sos.lng.toFixed(5) })}
                    </Typography.Text>
                  )}
                </Space>
              }
              action={
                <Button danger type="primary" onClick={() => setParam('escort', escort.id)}>
                  {t('escortQueue.sosOpen')}
                </Button>
              }
            />
          ))}
        </Space>
      )}

      <EscortStatsCard />

      <Card size="small">
        <Segmented<View>
          data-testid="escort-filter-status"
          value={view.value}
          onChange={(value) => setParam('status', value === 'open' ? undefined : value)}
          options={views.map((item) => {
            const count =
              item.value === 'active'
                ? all.length
                : item.statuses.reduce((sum, status) => sum + (counts.get(status) ?? 0), 0);
            return {
              value: item.value,
              label: <span data-testid={`escort-view-${item.value}`}>{`${t(item.label)}（${count}）`}</span>,
            };
          })}
        />
      </Card>

      <Card size="small" styles={{ body: { padding: 0 } }}>
        <ListTable<Escort>
          query={list}
          items={items}
          columns={columns}
          testIdPrefix="escort"
          loadFailedKey="escort.loadFailed"
          retryKey="escort.retry"
          emptyText={t(view.value === 'open' ? 'escortQueue.emptyOpen' : 'escortQueue.empty')}
          truncated={truncationNotice(list.data, 'escortQueue.truncated')}
          scrollX={900}
          onOpen={(id) => setParam('escort', id)}
          rowAttributes={(escort) => {
            const sos = hasOpenSos(escort);
            const urgent = isUrgent(escort, now);
            return {
              'data-status': escort.status,
              'data-urgent': urgent,
              'data-sos': sos,
              style: {
                background: sos ? token.colorErrorBg : undefined,
                boxShadow: sos
                  ? `inset 4px 0 0 ${token.colorError}`
                  : urgent
                    ? `inset 4px 0 0 ${token.colorWarning}`
                    : undefined,
              },
            };
          }}
        />
      </Card>

      <EscortDetailDrawer escortId={openId} onClose={() => setParam('escort', undefined)} />
    </Space>
  );
}
