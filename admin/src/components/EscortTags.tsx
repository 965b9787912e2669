import { type ElderNeed, type EscortServiceType, type EscortStatus } from '@jiefang/contracts';
import { Space, Tag } from 'antd';
import {
  elderNeedLabel,
  escortStatusColors,
  escortStatusLabel,
  serviceColors,
  serviceTypeLabel,
} from '../escorts/labels';

export function ServiceTag({ type }: { type: EscortServiceType }) {
  return (
    <Tag
      color={serviceColors[type]}
      data-testid="escort-service"
      data-type={type}
      style={{ marginInlineEnd: 0 }}
    >
      {serviceTypeLabel(type)}
    </Tag>
  );
}

export function EscortStatusTag({ status }: { status: EscortStatus }) {
  return (
    <Tag
      color={escortStatusColors[status]}
      data-testid="escort-status"
      data-status={status}
      style={{ marginInlineEnd: 0 }}
    >
      {escortStatusLabel(status)}
    </Tag>
  );
}

/** What whoever goes must know: wheelchair, hearing, sight, Cantonese only, memory. */
export function NeedTags({ needs }: { needs: readonly ElderNeed[] }) {
  if (needs.length === 0) return null;
  return (
    <Space size={4} wrap>
      {needs.map((need) => (
        <Tag
          key={need}
          color="orange"
          data-testid="elder-need-tag"
          data-need={need}
          style={{ marginInlineEnd: 0 }}
        >
          {elderNeedLabel(need)}
        </Tag>
      ))}
    </Space>
  );
}
