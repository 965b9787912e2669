import { type OfficerSummary } from '@jiefang/contracts';
import { Alert, App, Form, Modal, Select } from 'antd';
import { describeError } from '../../api/errors';
import { t } from '../../i18n';
import { useSetRosterEntry } from '../../rosters/queries';

export interface RosterCell {
  date: string;
  shiftId: string;
  shiftName: string;
  officerIds: string[];
}

/** Who works one shift of one day: the squad's officers to pick from. */
export function RosterCellDialog({
  squadId,
  cell,
  officers,
  onClose,
}: {
  squadId: string;
  cell: RosterCell | null;
  officers: readonly OfficerSummary[];
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ officerIds: string[] }>();
  const { message } = App.useApp();
  const save = useSetRosterEntry(squadId);

  function submit(values: { officerIds: string[] }) {
    if (!cell) return;
    save.mutate(
      { date: cell.date, shiftId: cell.shiftId, officerIds: values.officerIds },
      {
        onSuccess: () => {
          void message.success(t('rosters.saved'));
          close();
        },
      },
    );
  }

  function close() {
    save.reset();
    onClose();
  }

  return (
    <Modal
      open={cell !== null}
      title={cell ? t('rosters.cellTitle', { date: cell.date, shift: cell.shiftName }) : ''}
      onCancel={close}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'roster-cell-save' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ officerIds: cell?.officerIds ?? [] }}
        onFinish={submit}
        disabled={save.isPending}
      >
        <Form.Item name="officerIds" label={t('rosters.officers')}>
          <Select
            mode="multiple"
            data-testid="roster-cell-officers"
            placeholder={t('rosters.officersPlaceholder')}
            optionFilterProp="label"
            options={officers.map((officer) => ({ value: officer.id, label: officer.name }))}
            optionRender={(option) => (
              <span data-testid={`roster-officer-option-${String(option.value)}`}>{option.label}</span>
            )}
          />
        </Form.Item>
        {save.isError && <Alert type="error" showIcon message={describeError(save.error)} />}
      </Form>
    </Modal>
  );
}
