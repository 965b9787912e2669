import { type Household, type OwnerInvitation } from '@jiefang/contracts';
import { Alert, App, Button, Empty, Form, Input, List, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { ActionFailed } from '../../components/ActionFailed';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useInviteOwner, useRemoveOwner } from '../../households/queries';

const deliveryKey = {
  sms: 'household.inviteSms',
  sms_failed: 'household.inviteSmsFailed',
  in_person: 'household.inviteInPerson',
} as const;

/** A household's owners: who they are (by the phone they were invited by), removing one, inviting one. */
export function OwnerSection({ household, readOnly }: { household: Household; readOnly: boolean }) {
  const { message } = App.useApp();
  const invite = useInviteOwner();
  const remove = useRemoveOwner();
  const [invitation, setInvitation] = useState<OwnerInvitation | null>(null);
  const [form] = Form.useForm<{ phone: string }>();

  return (
    <div data-testid="household-owners">
      <Typography.Title level={5}>{t('household.owners')}</Typography.Title>
      {household.owners.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('household.noOwners')} />
      ) : (
        <List
          size="small"
          dataSource={household.owners}
          renderItem={(owner) => (
            <List.Item
              data-testid={`household-owner-${owner.id}`}
              actions={
                readOnly
                  ? []
                  : [
                      <Popconfirm
                        key="remove"
                        title={t('household.removeOwnerConfirm')}
                        onConfirm={() =>
                          remove.mutate(
                            { id: household.id, userId: owner.id },
                            { onSuccess: () => void message.success(t('household.ownerRemoved')) },
                          )
                        }
                      >
                        <Button size="small" danger type="link">
                          {t('household.removeOwner')}
                        </Button>
                      </Popconfirm>,
                    ]
              }
            >
              <Space direction="vertical" size={0}>
                <span>
                  {owner.phone
                    ? t('household.ownerByPhone', { phone: owner.phone })
                    : t('household.ownerById')}
                </span>
                {owner.linkedAt && (
                  <Typography.Text type="secondary">{formatDateTime(owner.linkedAt)}</Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      {!readOnly && (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 12 }}
          onFinish={({ phone }) =>
            invite.mutate(
              { id: household.id, phone: phone.trim() },
              {
                onSuccess: (created) => {
                  setInvitation(created);
                  form.resetFields();
                },
              },
            )
          }
        >
          <Form.Item
            name="phone"
            rules={[
              { required: true, pattern: /^\s*1[3-9]\d{9}\s*$/, message: t('household.invitePhoneInvalid') },
            ]}
          >
            <Input data-testid="invite-phone" placeholder={t('household.invitePhone')} maxLength={13} />
          </Form.Item>
          <Form.Item>
            <Button data-testid="invite-submit" htmlType="submit" loading={invite.isPending}>
              {t('household.invite')}
            </Button>
          </Form.Item>
        </Form>
      )}
      <ActionFailed mutation={invite} messageKey="household.inviteFailed" testId="invite-error" />
      <ActionFailed mutation={remove} messageKey="household.saveFailed" />
      {invitation && (
        <Alert
          data-testid="invite-code"
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          closable
          onClose={() => setInvitation(null)}
          message={
            <Space size="large" wrap>
              <span>
                {t('household.inviteCode')}：
                <Typography.Text strong copyable style={{ fontSize: 20, letterSpacing: 4 }}>
                  {invitation.code}
                </Typography.Text>
              </span>
              <span>{invitation.phone}</span>
            </Space>
          }
          description={
            <Space direction="vertical" size={0}>
              <span>{t('household.inviteOnce')}</span>
              <span>{t('household.inviteExpires', { time: formatDateTime(invitation.expiresAt) })}</span>
              <span>{t(deliveryKey[invitation.delivery])}</span>
            </Space>
          }
        />
      )}
    </div>
  );
}
