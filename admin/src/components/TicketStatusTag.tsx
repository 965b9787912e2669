import { type TicketStatus } from '@jiefang/contracts';
import { Tag } from 'antd';
import { statusColors, statusLabel } from '../tickets/labels';

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  return (
    <Tag
      data-testid="ticket-status"
      data-status={status}
      color={statusColors[status]}
      style={{ marginInlineEnd: 0 }}
    >
      {statusLabel(status)}
    </Tag>
  );
}
