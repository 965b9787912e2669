import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { type OfficerSummary, type ShiftDefinition } from '@jiefang/contracts';
import {
  Alert,
  Button,
  Card,
  Empty,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  theme,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { describeError } from '../../api/errors';
import { useSession } from '../../auth/useSession';
import { ListPageHeader } from '../../components/listPage/ListPageHeader';
import { t } from '../../i18n';
import { plansEverySquad } from '../../rosters/permissions';
import { useSquadRoster } from '../../rosters/queries';
import { cellKey, dayLabel, rosterCells, weekDates, weekStart } from '../../rosters/week';
import { useOfficers, useStreets } from '../../tickets/queries';
import { useNow } from '../../tickets/useNow';
import { RosterCellDialog, type RosterCell } from './RosterCellDialog';
import { ShiftSettingsCard } from './ShiftSettingsCard';

const weekdayNames = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * 排班: a squad's week, shift by shift, with who works each; the shift on now is marked. Squad leaders
 * plan their own squad; dispatchers and admins pick any squad.
 */
export function RosterPage() {
  const user = useSession()?.user;
  const everySquad = user ? plansEverySquad(user) : false;
  const streets = useStreets();
  const [pickedSquad, setPickedSquad] = useState<string | null>(null);
  const squadId = everySquad
    ? (pickedSquad ?? streets.data?.items[0]?.squadId ?? null)
    : (user?.squadId ?? null);
  const now = useNow();
  const [weekOffset, setWeekOffset] = useState(0);
  const monday = weekStart(now, weekOffset);
  const dates = useMemo(() => weekDates(monday), [monday]);
  const roster = useSquadRoster(squadId, monday);
  const officers = useOfficers(Boolean(squadId), 60_000);
  const [editing, setEditing] = useState<RosterCell | null>(null);
  const { token } = theme.useToken();

  const squadOfficers = useMemo(
    () => (officers.data?.items ?? []).filter((officer) => officer.squadId === squadId),
    [officers.data, squadId],
  );
  const nameOf = (id: string) =>
    squadOfficers.find((officer: OfficerSummary) => officer.id === id)?.name ?? t('rosters.unknownOfficer');
  const cells = rosterCells(roster.data?.entries ?? []);
  const current = roster.data?.current;

  const squadOptions = [
    ...new Map((streets.data?.items ?? []).map((street) => [street.squadId, street])).values(),
  ].map((street) => ({ value: street.squadId, label: street.squadName }));

  const columns: TableColumnsType<ShiftDefinition> = [
    {
      title: t('rosters.shift'),
      key: 'shift',
      fixed: 'left',
      width: 110,
      render: (_, shift) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{shift.name}</Typography.Text>
          <Typography.Text type="secondary">{t('rosters.shiftTime', { start: shift.start })}</Typography.Text>
        </Space>
      ),
    },
    ...dates.map((date) => ({
      title: dayLabel(date, weekdayNames),
      key: date,
      width: 150,
      render: (_: unknown, shift: ShiftDefinition) => {
        const officerIds = cells.get(cellKey(date, shift.id)) ?? [];
        const isNow = current?.date === date && current.shiftId === shift.id;
        return (
          <div
            data-testid={`roster-cell-${date}-${shift.id}`}
            style={{
              minHeight: 56,
              padding: 6,
              borderRadius: token.borderRadius,
              background: isNow ? token.colorPrimaryBg : undefined,
            }}
          >
            <Space size={[4, 4]} wrap>
              {isNow && <Tag color="processing">{t('rosters.now')}</Tag>}
              {officerIds.length ? (
                officerIds.map((id) => <Tag key={id}>{nameOf(id)}</Tag>)
              ) : (
                <Typography.Text type="secondary">{t('rosters.nobody')}</Typography.Text>
              )}
            </Space>
            <div>
              <Button
                size="small"
                type="link"
                style={{ padding: 0 }}
                data-testid={`roster-edit-${date}-${shift.id}`}
                onClick={() => setEditing({ date, shiftId: shift.id, shiftName: shift.name, officerIds })}
              >
                {t('rosters.edit')}
              </Button>
            </div>
          </div>
        );
      },
    })),
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ListPageHeader
        title={t('rosters.title')}
        updatedAt={roster.dataUpdatedAt}
        updatedAtKey="escort.updatedAt"
        refreshKey="escort.refresh"
        refreshing={roster.isFetching}
        onRefresh={() => void roster.refetch()}
      />
      <Space wrap>
        {everySquad && (
          <Select
            data-testid="roster-squad"
            style={{ minWidth: 180 }}
            placeholder={t('rosters.squadPlaceholder')}
            value={squadId ?? undefined}
            onChange={setPickedSquad}
            options={squadOptions}
            loading={streets.isPending}
          />
        )}
        <Button icon={<LeftOutlined />} onClick={() => setWeekOffset((offset) => offset - 1)}>
          {t('rosters.previousWeek')}
        </Button>
        <Button onClick={() => setWeekOffset(0)} disabled={weekOffset === 0}>
          {t('rosters.thisWeek')}
        </Button>
        <Button onClick={() => setWeekOffset((offset) => offset + 1)}>
          {t('rosters.nextWeek')} <RightOutlined />
        </Button>
        <Typography.Text type="secondary">
          {t('rosters.weekOf', { from: dates[0] ?? '', to: dates[dates.length - 1] ?? '' })}
        </Typography.Text>
      </Space>

      {!squadId ? (
        <Empty description={t('rosters.pickSquad')} />
      ) : roster.isError ? (
        <Alert
          type="error"
          showIcon
          message={t('rosters.loadFailed', { message: describeError(roster.error) })}
          action={<Button onClick={() => void roster.refetch()}>{t('rosters.retry')}</Button>}
        />
      ) : (
        <>
          <Card size="small" styles={{ body: { padding: 0 } }}>
            <Table<ShiftDefinition>
              rowKey="id"
              size="small"
              pagination={false}
              loading={roster.isPending}
              columns={columns}
              dataSource={roster.data?.schedule.shifts ?? []}
              scroll={{ x: 110 + 150 * dates.length }}
            />
          </Card>
          {roster.data && <ShiftSettingsCard schedule={roster.data.schedule} />}
        </>
      )}
      {squadId && (
        <RosterCellDialog
          squadId={squadId}
          cell={editing}
          officers={squadOfficers}
          onClose={() => setEditing(null)}
        />
      )}
    </Space>
  );
}
