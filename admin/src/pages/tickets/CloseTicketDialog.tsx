import { closureKinds, type CloseTicketRequest, type ClosureKind, type Ticket } from '@jiefang/contracts';
import { App, Form, Input, Radio, Space, Typography } from 'antd';
import { t } from '../../i18n';
import { closureKindLabel } from '../../tickets/labels';
import { useCloseTicket } from '../../tickets/queries';
import { ReasonedActionDialog } from './ReasonedActionDialog';

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
    <ReasonedActionDialog<CloseForm>
      form={form}
      open={open}
      title={t('closure.title')}
      submitText={t('closure.submit')}
      testId="close"
      danger
      width={560}
      intro={<Typography.Paragraph type="secondary">{t('closure.intro')}</Typography.Paragraph>}
      initialValues={{ kind: 'invalid' }}
      action={closeTicket}
      reason={{
        label: t('closure.reason'),
        required: t('closure.reasonRequired'),
        placeholder: t('closure.reasonPlaceholder'),
      }}
      onSubmit={submit}
      onCancel={close}
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
    </ReasonedActionDialog>
  );
}
