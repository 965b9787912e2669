import { ClockCircleOutlined, FieldTimeOutlined } from '@ant-design/icons';
import { type Ticket } from '@jiefang/contracts';
import { Space, Tag, Tooltip } from 'antd';
import { t } from '../i18n';
import { formatTime } from '../i18n/format';
import { acceptState, formatDuration, slaState, type SlaTone } from '../tickets/sla';
import { useNow } from '../tickets/useNow';

const toneColor: Record<SlaTone, string> = {
  ok: 'green',
  warning: 'orange',
  overdue: 'red',
  met: 'default',
  missed: 'red',
  closed: 'default',
};

function slaText(ticket: Ticket, now: number): string {
  const state = slaState(ticket, now);
  if (state.remainingMs === null) {
    const minutes = state.arrivedAfterMinutes;
    if (state.tone === 'closed') return t('sla.closed');
    if (state.tone === 'missed')
      return minutes === null ? t('sla.missed') : t('sla.missedAfter', { minutes });
    return minutes === null ? t('sla.met') : t('sla.metAfter', { minutes });
  }
  if (state.remainingMs > 0 && state.tone !== 'overdue') {
    return t('sla.remaining', { time: formatDuration(state.remainingMs) });
  }
  return t('sla.overdue', { time: formatDuration(Math.min(0, state.remainingMs)) });
}

/**
 * The on-site clock as a coloured tag (green > 5 min left, orange ≤ 5 min, red overdue), with the accept
 * countdown under it while the ticket waits for its officer.
 */
export function SlaCountdown({ ticket, showAccept = true }: { ticket: Ticket; showAccept?: boolean }) {
  const now = useNow();
  const state = slaState(ticket, now);
  const accept = showAccept ? acceptState(ticket, now) : null;
  return (
    <Space direction="vertical" size={2}>
      <Tooltip title={t('sla.title', { time: formatTime(ticket.deadlines.breachAt, now) })}>
        <Tag
          data-testid="sla-countdown"
          data-tone={state.tone}
          color={toneColor[state.tone]}
          icon={<ClockCircleOutlined />}
          style={{
            marginInlineEnd: 0,
            fontVariantNumeric: 'tabular-nums',
            whiteSpace: 'nowrap',
            fontWeight: state.tone === 'overdue' ? 600 : undefined,
          }}
        >
          {slaText(ticket, now)}
        </Tag>
      </Tooltip>
      {accept && (
        <Tag
          data-testid="accept-countdown"
          data-tone={accept.tone}
          bordered={false}
          color={accept.tone === 'ok' ? 'blue' : accept.tone === 'warning' ? 'orange' : 'red'}
          icon={<FieldTimeOutlined />}
          style={{ marginInlineEnd: 0, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
        >
          {accept.remainingMs > 0
            ? t('sla.acceptRemaining', { time: formatDuration(accept.remainingMs) })
            : t('sla.acceptOverdue', { time: formatDuration(accept.remainingMs) })}
        </Tag>
      )}
    </Space>
  );
}
