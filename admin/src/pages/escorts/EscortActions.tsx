import { CloseCircleOutlined, SwapOutlined } from '@ant-design/icons';
import { type Escort } from '@jiefang/contracts';
import { Button, Space } from 'antd';
import { useState, type MouseEvent } from 'react';
import { canCancel, canReassign } from '../../escorts/queue';
import { t } from '../../i18n';
import { EscortActionDialog, type EscortAction } from './EscortActionDialog';

/** 改派 / 取消 for one request, each offered only where its status allows. */
export function EscortActions({ escort, size = 'middle' }: { escort: Escort; size?: 'small' | 'middle' }) {
  const [action, setAction] = useState<EscortAction | null>(null);
  // In a table row the buttons must not also open the drawer.
  const open = (next: EscortAction) => (event: MouseEvent) => {
    event.stopPropagation();
    setAction(next);
  };
  if (!canCancel(escort) && !canReassign(escort)) return null;
  return (
    <span onClick={(event) => event.stopPropagation()}>
      <Space wrap size={size === 'small' ? 4 : 8}>
        {canReassign(escort) && (
          <Button
            size={size}
            icon={<SwapOutlined />}
            data-testid={`escort-reassign-${escort.id}`}
            onClick={open('reassign')}
          >
            {t('escort.reassign')}
          </Button>
        )}
        {canCancel(escort) && (
          <Button
            size={size}
            danger
            icon={<CloseCircleOutlined />}
            data-testid={`escort-cancel-${escort.id}`}
            onClick={open('cancel')}
          >
            {t('escort.cancel')}
          </Button>
        )}
      </Space>
      <EscortActionDialog escort={escort} action={action} onClose={() => setAction(null)} />
    </span>
  );
}
