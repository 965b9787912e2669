import { departments, type Department, type Ticket, type TransferRequest } from '@jiefang/contracts';
import { App, Form, Radio, Select } from 'antd';
import { t } from '../../i18n';
import { departmentLabel } from '../../tickets/labels';
import { useStreets, useTransfer } from '../../tickets/queries';
import { ReasonedActionDialog } from './ReasonedActionDialog';

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
    <ReasonedActionDialog<TransferForm>
      form={form}
      open={open}
      title={t('transfer.title')}
      submitText={t('transfer.submit')}
      testId="transfer"
      initialValues={{ target: 'squad' }}
      action={transfer}
      reason={{
        label: t('transfer.reason'),
        required: t('transfer.reasonRequired'),
        placeholder: t('transfer.reasonPlaceholder'),
      }}
      onSubmit={submit}
      onCancel={close}
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
    </ReasonedActionDialog>
  );
}
