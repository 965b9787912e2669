import { type PasswordResetResponse } from '@jiefang/contracts';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { t } from '../../i18n';

/**
 * The one-time password of a reset, shown once: the BFF keeps only its hash, so closing this is the
 * last anyone sees of it.
 */
export function PasswordResetModal({
  issued,
  onClose,
}: {
  issued: PasswordResetResponse;
  onClose: () => void;
}) {
  return (
    <Modal
      open
      title={t('staff.resetDoneTitle', { name: issued.user.name })}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" data-testid="staff-reset-close" onClick={onClose}>
          {t('staff.close')}
        </Button>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="warning" showIcon message={t('staff.resetDoneNotice')} />
        <Typography.Paragraph
          data-testid="staff-temporary-password"
          code
          copyable={{ text: issued.temporaryPassword, tooltips: [t('staff.copy'), t('staff.copied')] }}
          style={{ fontSize: 22, letterSpacing: 2, margin: 0 }}
        >
          {issued.temporaryPassword}
        </Typography.Paragraph>
        <Typography.Text type="secondary">{issued.user.username}</Typography.Text>
      </Space>
    </Modal>
  );
}
