import { ReloadOutlined } from '@ant-design/icons';
import {
  dependencyNames,
  type DependencyCheck,
  type DependencyName,
  type Readiness,
} from '@jiefang/contracts';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { describeError } from '../api/errors';
import { useMe, useReadiness } from '../api/queries';
import { useSession } from '../auth/useSession';
import { EscortStatsCard } from '../components/EscortStatsCard';
import { escortRoles } from '../escorts/permissions';
import { currentLocale, t, type MessageKey } from '../i18n';
import { roleLabels } from '../i18n/roles';

export function OverviewPage() {
  const current = useSession();
  const escorts = current ? current.user.roles.some((role) => escortRoles.includes(role)) : false;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('overview.title')}
      </Typography.Title>
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={12}>
          <CurrentUserCard />
        </Col>
        <Col xs={24} xl={12}>
          <ReadinessCard />
        </Col>
        {escorts && (
          <Col xs={24}>
            <EscortStatsCard />
          </Col>
        )}
      </Row>
    </Space>
  );
}

function CurrentUserCard() {
  const me = useMe();

  let body;
  if (me.isPending) {
    body = <Skeleton active paragraph={{ rows: 3 }} />;
  } else if (me.isError) {
    body = (
      <Alert
        type="error"
        showIcon
        message={describeError(me.error)}
        action={
          <Button size="small" onClick={() => void me.refetch()}>
            {t('overview.retry')}
          </Button>
        }
      />
    );
  } else if (!me.data) {
    body = <Empty description={t('overview.userEmpty')} />;
  } else {
    const user = me.data;
    body = (
      <Descriptions column={1} bordered size="middle" styles={{ label: { width: '8em' } }}>
        <Descriptions.Item label={t('overview.userName')}>
          <span data-testid="current-user-name">{user.name}</span>
        </Descriptions.Item>
        {user.username && (
          <Descriptions.Item label={t('overview.userUsername')}>{user.username}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('overview.userRoles')}>
          <Space size={4} wrap>
            {roleLabels(user.roles).map((label) => (
              <Tag key={label} color="blue">
                {label}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('overview.userStreet')}>
          {user.streetName ?? t('overview.noStreet')}
        </Descriptions.Item>
      </Descriptions>
    );
  }

  return <Card title={t('overview.userCard')}>{body}</Card>;
}

type OverallStatus = 'checking' | 'ready' | 'starting' | 'unavailable' | 'unreachable';

const overallTag: Record<OverallStatus, { color: string; key: MessageKey }> = {
  checking: { color: 'default', key: 'overview.readinessChecking' },
  ready: { color: 'success', key: 'overview.readinessReady' },
  starting: { color: 'processing', key: 'overview.readinessStarting' },
  unavailable: { color: 'error', key: 'overview.readinessUnavailable' },
  unreachable: { color: 'error', key: 'overview.readinessUnreachable' },
};

function ReadinessCard() {
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
      <Alert
        type="error"
        showIcon
        message={describeError(readiness.error)}
        action={
          <Button size="small" onClick={() => void readiness.refetch()}>
            {t('overview.retry')}
          </Button>
        }
      />
    );
  } else if (readiness.isPending) {
    body = <Skeleton active paragraph={{ rows: 3 }} />;
  } else {
    body = <DependencyList checks={readiness.data.checks} updatedAt={readiness.dataUpdatedAt} />;
  }

  return (
    <Card
      title={t('overview.readinessCard')}
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
            {t('overview.refresh')}
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
  if (Object.keys(reported).length === 0) return <Empty description={t('overview.readinessEmpty')} />;

  const time = new Intl.DateTimeFormat(currentLocale().intl, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(updatedAt);

  return (
    <>
      <List
        dataSource={[...dependencyNames]}
        renderItem={(name) => <DependencyRow name={name} check={reported[name]} />}
      />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
        {t('overview.readinessUpdatedAt', { time })}
      </Typography.Text>
    </>
  );
}

function DependencyRow({ name, check }: { name: DependencyName; check: DependencyCheck | undefined }) {
  let tag;
  if (!check) tag = <Tag>{t('overview.dependencyMissing')}</Tag>;
  else if (check.ok) tag = <Tag color="success">{t('overview.dependencyOk')}</Tag>;
  else tag = <Tag color="error">{t('overview.dependencyFailed')}</Tag>;

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
            {formatLatency(check.latencyMs)}
          </Typography.Text>
        )}
        {tag}
      </Space>
    </List.Item>
  );
}

function formatLatency(ms: number): string {
  return ms < 1 ? t('overview.latencyUnder1') : t('overview.latency', { ms: Math.round(ms) });
}
