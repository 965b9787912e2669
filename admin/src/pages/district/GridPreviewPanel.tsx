import { EnvironmentOutlined } from '@ant-design/icons';
import { ticketStatuses, type GridPreview, type GridProblem, type TicketStatus } from '@jiefang/contracts';
import { Alert, Button, Collapse, List, Space, Tag, Typography } from 'antd';
import { t, type MessageKey } from '../../i18n';
import { statusLabel } from '../../tickets/labels';

/** The impact lists a ticket's status as a string: named when it is one the panel knows. */
const ticketStatusLabel = (status: string) =>
  (ticketStatuses as readonly string[]).includes(status) ? statusLabel(status as TicketStatus) : status;

const problemLabel = (problem: GridProblem) => t(`districtGrids.code.${problem.code}` as MessageKey);

/** What an upload would do: its problems (each can be shown on the map), what changes, what it affects. */
export function GridPreviewPanel({
  preview,
  selected,
  onSelect,
  publishing,
  onPublish,
}: {
  preview: GridPreview;
  selected: number | null;
  onSelect: (index: number) => void;
  publishing: boolean;
  onPublish: () => void;
}) {
  const errors = preview.problems.filter((problem) => problem.severity === 'error').length;
  const { changes, impact } = preview;
  const affected = impact.workers.length + impact.households.length + impact.tickets.length;
  const changeTags = (
    [
      ['added', 'green'],
      ['changed', 'blue'],
      ['removed', 'red'],
    ] as const
  ).flatMap(([kind, colour]) =>
    changes[kind].map((id) => (
      <Tag key={`${kind}-${id}`} color={colour} data-testid={`district-grids-change-${kind}-${id}`}>
        {t(`districtGrids.${kind}`)} {id}
      </Tag>
    )),
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="district-grids-preview">
      {preview.publishable ? (
        <Alert type="success" showIcon message={t('districtGrids.ok')} data-testid="district-grids-ok" />
      ) : (
        <Alert
          type="error"
          showIcon
          message={t('districtGrids.blocked', { count: errors })}
          data-testid="district-grids-blocked"
        />
      )}
      {preview.problems.length > 0 && (
        <List
          size="small"
          bordered
          header={<Typography.Text strong>{t('districtGrids.problems')}</Typography.Text>}
          dataSource={preview.problems.map((problem, index) => ({ problem, index }))}
          data-testid="district-grids-problems"
          renderItem={({ problem, index }) => (
            <List.Item
              data-testid={`district-grids-problem-${index}`}
              data-code={problem.code}
              style={index === selected ? { background: '#fff1f0' } : undefined}
              actions={
                problem.location
                  ? [
                      <Button
                        key="show"
                        size="small"
                        type="link"
                        icon={<EnvironmentOutlined />}
                        onClick={() => onSelect(index)}
                        data-testid={`district-grids-problem-show-${index}`}
                      >
                        {t('districtGrids.showOnMap')}
                      </Button>,
                    ]
                  : undefined
              }
            >
              <Space direction="vertical" size={0}>
                <Tag color={problem.severity === 'error' ? 'red' : 'orange'}>{problemLabel(problem)}</Tag>
                <Typography.Text>{problem.message}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      <div data-testid="district-grids-changes">
        <Typography.Text strong>{t('districtGrids.changes')}：</Typography.Text>
        {changeTags.length ? (
          <Space size={[0, 4]} wrap>
            {changeTags}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('districtGrids.noChanges')}</Typography.Text>
        )}
      </div>
      {changes.removed.length > 0 &&
        (affected === 0 ? (
          <Alert
            type="info"
            showIcon
            message={t('districtGrids.impactNone')}
            data-testid="district-grids-impact"
          />
        ) : (
          <Alert
            type="warning"
            showIcon
            data-testid="district-grids-impact"
            message={t('districtGrids.impact')}
            description={
              <>
                <Typography.Paragraph style={{ marginBottom: 8 }}>
                  {t('districtGrids.impactHint')}
                </Typography.Paragraph>
                <Collapse
                  size="small"
                  items={[
                    {
                      key: 'workers',
                      label: t('districtGrids.impactWorkers', { count: impact.workers.length }),
                      children: impact.workers.map((worker) => (
                        <div key={worker.id}>
                          {worker.name} · {worker.gridId}
                        </div>
                      )),
                    },
                    {
                      key: 'households',
                      label: t('districtGrids.impactHouseholds', { count: impact.households.length }),
                      children: impact.households.map((household) => (
                        <div key={household.id}>
                          {household.address} · {household.gridId}
                        </div>
                      )),
                    },
                    {
                      key: 'tickets',
                      label: t('districtGrids.impactTickets', { count: impact.tickets.length }),
                      children: impact.tickets.map((ticket) => (
                        <div key={ticket.id}>
                          {ticket.id} · {ticketStatusLabel(ticket.status)} · {ticket.gridId}
                        </div>
                      )),
                    },
                  ].filter((item) => item.children.length > 0)}
                />
              </>
            }
          />
        ))}
      <Button
        type="primary"
        disabled={!preview.publishable}
        loading={publishing}
        onClick={onPublish}
        data-testid="district-grids-publish"
      >
        {t('districtGrids.publish')}
      </Button>
    </Space>
  );
}
