import { ReloadOutlined } from '@ant-design/icons';
import {
  dependencyNames,
  type DependencyCheck,
  type DependencyName,
  type Readiness,
} from '@jiefang/contracts';
import { Button, Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { describeError } from '../../api/errors';
import { useReadiness } from '../../api/queries';
import { LoadFailed } from '../../components/LoadFailed';
import { t, type MessageKey } from '../../i18n';
import { formatTime } from '../../i18n/format';

type OverallStatus = 'checking' | 'ready' | 'starting' | 'unavailable' | 'unreachable';

const overallTag: Record<OverallStatus, { color: string; key: MessageKey }> = {
  checking: { color: 'default', key: 'health.checking' },
  ready: { color: 'success', key: 'health.ready' },
  starting: { color: 'processing', key: 'health.starting' },
  unavailable: { color: 'error', key: 'health.unavailable' },
  unreachable: { color: 'error', key: 'health.unreachable' },
};

/** 系统状态: the BFF's dependencies as `/readyz` reports them, every 10 seconds (admins and dispatchers). */
export function SystemHealthCard() {
  const readiness = useReadiness();

  // A failed latest check outranks older data: do not keep showing "正常" while the BFF is unreachable.
  const overall: OverallStatus = readiness.isError
    ? 'unreachable'
    : readiness.data
      ? readiness.data.status
      : 'checking';

  let body;
  if (readiness.isError) {
    body = (
      <LoadFailed
        message={describeError(readiness.error)}
        retryLabel={t('dashboard.retry')}
        onRetry={() => void readiness.refetch()}
      />
    );
  } else if (readiness.isPending) {
    body = <Skeleton active paragraph={{ rows: 3 }} title={false} />;
  } else {
    body = <DependencyList checks={readiness.data.checks} updatedAt={readiness.dataUpdatedAt} />;
  }

  return (
    <Card
      size="small"
      data-testid="system-health"
      title={t('health.title')}
      style={{ height: '100%' }}
      extra={
        <Space>
          <Tag
            data-testid="readiness-status"
            color={overallTag[overall].color}
            style={{ marginInlineEnd: 0 }}
          >
            {t(overallTag[overall].key)}
          </Tag>
          <Button
            size="small"
            icon={<ReloadOutlined />}
            loading={readiness.isFetching}
            onClick={() => void readiness.refetch()}
          >
            {t('dashboard.refresh')}
          </Button>
        </Space>
      }
    >
      {body}
    </Card>
  );
}

function DependencyList({ checks, updatedAt }: { checks: Readiness['checks']; updatedAt: number }) {
  const reported: Partial<Record<DependencyName, DependencyCheck>> = checks;
  if (Object.keys(reported).length === 0) return <Empty description={t('health.empty')} />;
  return (
    <>
      <List
        size="small"
        dataSource={[...dependencyNames]}
        renderItem={(name) => <DependencyRow name={name} check={reported[name]} />}
      />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        {/* Beijing time like every other page, not the browser's zone. */}
        {t('health.updatedAt', { time: formatTime(updatedAt) })}
      </Typography.Text>
    </>
  );
}

function DependencyRow({ name, check }: { name: DependencyName; check: DependencyCheck | undefined }) {
  let tag;
  if (!check) tag = <Tag>{t('health.missing')}</Tag>;
  else if (check.ok) tag = <Tag color="success">{t('health.ok')}</Tag>;
  else tag = <Tag color="error">{t('health.failed')}</Tag>;

  return (
    <List.Item data-testid={`readiness-${name}`}>
      <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
        <Typography.Text strong>{t(`dependency.${name}`)}</Typography.Text>
        {check?.error && (
          <Typography.Text type="danger" style={{ wordBreak: 'break-word' }}>
            {check.error}
          </Typography.Text>
        )}
      </Space>
      <Space size="middle" style={{ flexShrink: 0 }}>
        {check?.latencyMs !== undefined && (
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {check.latencyMs < 1
              ? t('health.latencyUnder1')
              : t('health.latency', { ms: Math.round(check.latencyMs) })}
          </Typography.Text>
        )}
        {tag}
      </Space>
    </List.Item>
  );
}
