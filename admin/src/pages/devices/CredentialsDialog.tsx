import { CopyOutlined } from '@ant-design/icons';
import { type DeviceCredentials } from '@jiefang/contracts';
import { Alert, App, Button, Descriptions, Modal, Space, Typography } from 'antd';
import { copyText } from '../../devices/clipboard';
import { t } from '../../i18n';

/**
 * The device's secret, shown once after registering or rotating: the BFF keeps only its hash. The dialog
 * closes only by its button, so the secret is not lost to a stray click.
 */
export function CredentialsDialog({
  credentials,
  onClose,
}: {
  credentials: DeviceCredentials | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const copy = async (text: string) => {
    if (await copyText(text)) void message.success(t('device.copied'));
    else void message.error(t('device.copyFailed'));
  };

  return (
    <Modal
      open={credentials !== null}
      title={credentials ? t('device.credentialsTitle', { id: credentials.id }) : ''}
      closable={false}
      maskClosable={false}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" data-testid="device-credentials-done" onClick={onClose}>
          {t('device.credentialsDone')}
        </Button>
      }
    >
      {credentials && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="device-credentials">
          <Alert type="warning" showIcon message={t('device.credentialsWarning')} />
          <Descriptions column={1} size="small" bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label={t('device.credentialsId')}>
              <Typography.Text code>{credentials.id}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('device.credentialsSecret')}>
              <Space wrap>
                <Typography.Text code data-testid="device-secret" style={{ wordBreak: 'break-all' }}>
                  {credentials.secret}
                </Typography.Text>
                <Button
                  size="small"
                  icon={<CopyOutlined />}
                  data-testid="device-secret-copy"
                  onClick={() => void copy(credentials.secret)}
                >
                  {t('device.copy')}
                </Button>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('device.credentialsMqtt')}>
              <Space wrap>
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {credentials.mqttUrl}
                </Typography.Text>
                <Button size="small" icon={<CopyOutlined />} onClick={() => void copy(credentials.mqttUrl)}>
                  {t('device.copy')}
                </Button>
              </Space>
            </Descriptions.Item>
          </Descriptions>
        </Space>
      )}
    </Modal>
  );
}
