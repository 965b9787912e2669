import { Badge, Tooltip } from 'antd';
import { t, type MessageKey } from '../i18n';
import { type LiveStatus } from '../live/ticketEvents';

const view: Record<LiveStatus, { badge: 'success' | 'processing' | 'warning' | 'default'; key: MessageKey }> =
  {
    open: { badge: 'success', key: 'live.open' },
    connecting: { badge: 'processing', key: 'live.connecting' },
    reconnecting: { badge: 'warning', key: 'live.reconnecting' },
    stopped: { badge: 'default', key: 'live.stopped' },
  };

/** 实时 / 重连中: whether changes arrive by push or by the 10-second poll. */
export function LiveIndicator({
  status,
  openHint = 'live.openHint',
}: {
  status: LiveStatus;
  /** What the push brings, for the tooltip while connected. */
  openHint?: MessageKey;
}) {
  const { badge, key } = view[status];
  return (
    <Tooltip title={t(status === 'open' ? openHint : 'live.pollingHint')}>
      <span data-testid="live-status" data-status={status} style={{ whiteSpace: 'nowrap' }}>
        <Badge status={badge} text={t(key)} />
      </span>
    </Tooltip>
  );
}
