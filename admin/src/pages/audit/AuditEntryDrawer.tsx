import { type AuditEntry } from '@jiefang/contracts';
import { Descriptions, Drawer, Grid, Table, Tag, Typography } from 'antd';
import {
  auditActionLabel,
  auditOutcomeColor,
  auditOutcomeLabel,
  auditTargetText,
  changeLines,
} from '../../audit/auditLog';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { roleLabels } from '../../i18n/roles';

/** One audit entry in full: who, when, what, to what, from where, and what was sent (secrets hidden). */
export function AuditEntryDrawer({
  entry,
  streetName,
  onClose,
}: {
  entry: AuditEntry | null;
  streetName: (id: string | null) => string;
  onClose: () => void;
}) {
  const narrow = Grid.useBreakpoint().md === false;
  const lines = entry ? changeLines(entry.change) : [];
  return (
    <Drawer
      open={Boolean(entry)}
      onClose={onClose}
      width={narrow ? '100%' : 560}
      title={entry ? auditActionLabel(entry.action, entry.change) : t('audit.detailTitle')}
    >
      {entry && (
        <div data-testid="audit-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('audit.detailAt')}>{formatDateTime(entry.at)}</Descriptions.Item>
            <Descriptions.Item label={t('audit.detailActor')}>
              {entry.actor.name ?? t('audit.unknownActor')}
              <Typography.Text type="secondary"> · {entry.actor.id}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.detailRoles')}>
              {roleLabels(entry.actor.roles).join('、')}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.detailAction')}>
              {auditActionLabel(entry.action, entry.change)}
              <Typography.Text type="secondary"> · {entry.action}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.detailOutcome')}>
              <Tag color={auditOutcomeColor[entry.outcome]}>{auditOutcomeLabel(entry.outcome)}</Tag>
              {entry.status !== null && (
                <Typography.Text type="secondary">HTTP {entry.status}</Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.detailTarget')}>
              {auditTargetText(entry.target)}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.detailStreet')}>
              {streetName(entry.streetId)}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.detailRequest')}>
              <Typography.Text code>
                {entry.method} {entry.path}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.detailAddress')}>{entry.clientAddress}</Descriptions.Item>
            <Descriptions.Item label={t('audit.detailUserAgent')}>
              <Typography.Text style={{ wordBreak: 'break-all' }}>{entry.userAgent || '—'}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.detailRequestId')}>
              <Typography.Text copyable>{entry.requestId}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('audit.detailChange')}
          </Typography.Title>
          {lines.length ? (
            <Table
              data-testid="audit-detail-change"
              rowKey="field"
              size="small"
              pagination={false}
              dataSource={lines}
              showHeader={false}
              columns={[
                {
                  key: 'field',
                  dataIndex: 'field',
                  width: 160,
                  render: (field: string) => <code>{field}</code>,
                },
                {
                  key: 'value',
                  dataIndex: 'value',
                  render: (value: string) => <span style={{ wordBreak: 'break-all' }}>{value}</span>,
                },
              ]}
            />
          ) : (
            <Typography.Text type="secondary">{t('audit.noChange')}</Typography.Text>
          )}
        </div>
      )}
    </Drawer>
  );
}
