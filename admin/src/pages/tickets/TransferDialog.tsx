import { departments, type Department, type Ticket, type TransferRequest } from '@jiefang/contracts';
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { describeError } from '../../api/errors';
import { t } from '../../i18n';
import { departmentLabel } from '../../tickets/labels';
import { useStreets, useTransfer } from '../../tickets/queries';

interface TransferForm {
  target: 'squad' | 'department';
  toSquad?: string;
  toDepartment?: Department;
  reason: string;
}

/** Transfer to another street's squad or to another department, always with a reason (插花地带, wrong owner). */
export function TransferDialog({
  ticket,
  open,
  onClose,
}: {
  ticket: Ticket;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<TransferForm>();
  const target = Form.useWatch('target', form) ?? 'squad';
  const { message } = App.useApp();
  const transfer = useTransfer();
  const streets = useStreets();

  function submit(values: TransferForm) {
    const request: TransferRequest =
      values.target === 'squad'
        ? { toSquad: values.toSquad, reason: values.reason.trim() }
        : { toDepartment: values.toDepartment, reason: values.reason.trim() };
    transfer.mutate(
      { id: ticket.id, request },
      {
        onSuccess: () => {
          void message.success(t('transfer.success'));
          close();
        },
      },
    );
  }

  function close() {
    form.resetFields();
    transfer.reset();
    onClose();
  }

  return (
    <Modal
      open={open}
      title={t('transfer.title')}
      onCancel={close}
      okText={t('transfer.submit')}
      okButtonProps={{ 'data-testid': 'transfer-submit', loading: transfer.isPending }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<TransferForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ target: 'squad' }}
        onFinish={submit}
        disabled={transfer.isPending}
      >
        <Form.Item name="target" label={t('transfer.target')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'squad', label: t('transfer.toSquad') },
              { value: 'department', label: t('transfer.toDepartment') },
            ]}
          />
        </Form.Item>
        {target === 'squad' ? (
          <Form.Item
            name="toSquad"
            label={t('transfer.squad')}
            rules={[{ required: true, message: t('transfer.squadRequired') }]}
          >
            <Select
              data-testid="transfer-squad-select"
              placeholder={t('transfer.squadPlaceholder')}
              loading={streets.isPending}
              options={(streets.data?.items ?? []).map((street) => ({
                value: street.squadId,
                label:
                  street.squadId === ticket.squadId
                    ? `${street.squadName}${t('transfer.current')}`
                    : street.squadName,
                disabled: street.squadId === ticket.squadId,
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="toDepartment"
            label={t('transfer.department')}
            rules={[{ required: true, message: t('transfer.departmentRequired') }]}
          >
            <Select
              data-testid="transfer-department-select"
              placeholder={t('transfer.departmentPlaceholder')}
              options={departments.map((department) => ({
                value: department,
                label:
                  department === ticket.department
                    ? `${departmentLabel(department)}${t('transfer.current')}`
                    : departmentLabel(department),
                disabled: department === ticket.department,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('transfer.reason')}
          rules={[{ required: true, whitespace: true, message: t('transfer.reasonRequired') }]}
        >
          <Input.TextArea
            data-testid="transfer-reason"
            rows={3}
            maxLength={200}
            showCount
            placeholder={t('transfer.reasonPlaceholder')}
          />
        </Form.Item>
        {transfer.isError && <Alert type="error" showIcon message={describeError(transfer.error)} />}
      </Form>
    </Modal>
  );
}
