import { closureKinds, type CloseTicketRequest, type ClosureKind, type Ticket } from '@jiefang/contracts';
import { Alert, App, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { describeError } from '../../api/errors';
import { t } from '../../i18n';
import { closureKindLabel } from '../../tickets/labels';
import { useCloseTicket } from '../../tickets/queries';

interface CloseForm {
  kind: ClosureKind;
  reason: string;
  duplicateOfId?: string;
  passedTo?: string;
}

/** The request the form makes: only the field its kind needs, trimmed. */
export function closeRequestOf(values: CloseForm): CloseTicketRequest {
  const reason = values.reason.trim();
  if (values.kind === 'duplicate')
    return { kind: 'duplicate', reason, duplicateOfId: (values.duplicateOfId ?? '').trim() };
  if (values.kind === 'not_ours')
    return { kind: 'not_ours', reason, passedTo: (values.passedTo ?? '').trim() };
  return { kind: 'invalid', reason };
}

/** 关闭工单: invalid, a duplicate of another ticket, or not ours (passed to an outside body), with a reason. */
export function CloseTicketDialog({
  ticket,
  open,
  onClose,
}: {
  ticket: Ticket;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<CloseForm>();
  const kind = Form.useWatch('kind', form) ?? 'invalid';
  const { message } = App.useApp();
  const closeTicket = useCloseTicket();

  function submit(values: CloseForm) {
    closeTicket.mutate(
      { id: ticket.id, request: closeRequestOf(values) },
      {
        onSuccess: () => {
          void message.success(t('closure.success'));
          close();
        },
      },
    );
  }

  function close() {
    form.resetFields();
    closeTicket.reset();
    onClose();
  }

  return (
    <Modal
      open={open}
      title={t('closure.title')}
      onCancel={close}
      okText={t('closure.submit')}
      okButtonProps={{ danger: true, 'data-testid': 'close-submit', loading: closeTicket.isPending }}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary">{t('closure.intro')}</Typography.Paragraph>
      <Form<CloseForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'invalid' }}
        onFinish={submit}
        disabled={closeTicket.isPending}
      >
        <Form.Item name="kind" label={t('closure.kind')}>
          <Radio.Group data-testid="close-kind">
            <Space direction="vertical">
              {closureKinds.map((value) => (
                <Radio key={value} value={value} data-testid={`close-kind-${value}`}>
                  {closureKindLabel(value)}
                  <Typography.Text type="secondary"> · {t(`closure.kindHelp.${value}`)}</Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        {kind === 'duplicate' && (
          <Form.Item
            name="duplicateOfId"
            label={t('closure.duplicateOf')}
            rules={[
              { required: true, whitespace: true, message: t('closure.duplicateOfRequired') },
              {
                validator: (_, value: string | undefined) =>
                  value?.trim() === ticket.id
                    ? Promise.reject(new Error(t('closure.duplicateOfSelf')))
                    : Promise.resolve(),
              },
            ]}
          >
            <Input
              data-testid="close-duplicate-of"
              maxLength={80}
              placeholder={t('closure.duplicateOfPlaceholder')}
            />
          </Form.Item>
        )}
        {kind === 'not_ours' && (
          <Form.Item
            name="passedTo"
            label={t('closure.passedTo')}
            rules={[{ required: true, whitespace: true, message: t('closure.passedToRequired') }]}
          >
            <Input
              data-testid="close-passed-to"
              maxLength={60}
              placeholder={t('closure.passedToPlaceholder')}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('closure.reason')}
          rules={[{ required: true, whitespace: true, message: t('closure.reasonRequired') }]}
        >
          <Input.TextArea
            data-testid="close-reason"
            rows={3}
            maxLength={200}
            showCount
            placeholder={t('closure.reasonPlaceholder')}
          />
        </Form.Item>
        {closeTicket.isError && <Alert type="error" showIcon message={describeError(closeTicket.error)} />}
      </Form>
    </Modal>
  );
}
