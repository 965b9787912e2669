import { escortReasonSchema, type Escort } from '@jiefang/contracts';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useRef } from 'react';
import { ApiError, describeError } from '../../api/errors';
import { ActionFailed } from '../../components/ActionFailed';
import { serverPathIssues } from '../../escorts/fieldErrors';
import { serviceTypeLabel, skillLabel, windowLabel } from '../../escorts/labels';
import { reassignNeedsVolunteer } from '../../escorts/queue';
import { useCancelEscort, useReassignEscort, useVolunteers } from '../../escorts/queries';
import { t } from '../../i18n';

export type EscortAction = 'cancel' | 'reassign';

interface ActionValues {
  reason?: string;
  volunteerId?: string;
}

/** 取消 with a reason, or 改派: back to open, or straight to a verified volunteer. */
export function EscortActionDialog({
  escort,
  action,
  onClose,
}: {
  escort: Escort;
  action: EscortAction | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ActionValues>();
  const { message } = App.useApp();
  const cancel = useCancelEscort();
  const reassign = useReassignEscort();
  // Keep the last action's words while the dialog fades out.
  const shown = useRef<EscortAction>('cancel');
  if (action) shown.current = action;
  const reassigning = shown.current === 'reassign';
  const mutation = reassigning ? reassign : cancel;
  const needsVolunteer = reassigning && reassignNeedsVolunteer(escort);
  const volunteers = useVolunteers(true, action === 'reassign');

  function close() {
    form.resetFields();
    cancel.reset();
    reassign.reset();
    onClose();
  }

  const onError = (error: unknown) => {
    if (!(error instanceof ApiError)) return;
    const fields = serverPathIssues(error.details, error.message).filter(
      (issue) => issue.path === 'reason' || issue.path === 'volunteerId',
    );
    form.setFields(
      fields.map((issue) => ({ name: issue.path as keyof ActionValues, errors: [issue.message] })),
    );
  };

  function submit(values: ActionValues) {
    const parsed = escortReasonSchema.safeParse({ reason: values.reason ?? '' });
    if (!parsed.success) {
      form.setFields([{ name: 'reason', errors: [t('escortAction.errorReason')] }]);
      return;
    }
    const { reason } = parsed.data;
    if (needsVolunteer && !values.volunteerId) {
      form.setFields([{ name: 'volunteerId', errors: [t('escortAction.errorVolunteer')] }]);
      return;
    }
    if (reassigning) {
      reassign.mutate(
        { id: escort.id, reason, volunteerId: values.volunteerId },
        {
          onSuccess: (updated) => {
            void message.success(
              t(updated.volunteer ? 'escortAction.reassignedTo' : 'escortAction.reopened', {
                name: updated.volunteer?.name ?? '',
              }),
            );
            close();
          },
          onError,
        },
      );
    } else {
      cancel.mutate(
        { id: escort.id, reason },
        {
          onSuccess: () => {
            void message.success(t('escortAction.cancelled'));
            close();
          },
          onError,
        },
      );
    }
  }

  const options = (volunteers.data ?? [])
    .filter((volunteer) => volunteer.id !== escort.volunteer?.id)
    .map((volunteer) => ({
      value: volunteer.id,
      label: volunteer.skills.length
        ? `${volunteer.realName}（${volunteer.skills.map(skillLabel).join('、')}）`
        : volunteer.realName,
    }));

  return (
    <Modal
      open={action !== null}
      title={t(reassigning ? 'escortAction.reassignTitle' : 'escortAction.cancelTitle')}
      onCancel={close}
      okText={t(reassigning ? 'escortAction.reassignSubmit' : 'escortAction.cancelSubmit')}
      okButtonProps={{
        'data-testid': 'escort-action-submit',
        danger: !reassigning,
        loading: mutation.isPending,
      }}
      cancelText={t('escort.cancelButton')}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph>
        <Typography.Text strong>{escort.elderName}</Typography.Text>
        {` · ${serviceTypeLabel(escort.serviceType)} · ${windowLabel(escort.windowStart, escort.windowEnd, Date.now())}`}
        {escort.volunteer ? ` · ${t('escort.volunteerLine', escort.volunteer)}` : ''}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t(
          reassigning
            ? needsVolunteer
              ? 'escortAction.reassignOpenHint'
              : 'escortAction.reassignHint'
            : 'escortAction.cancelHint',
        )}
      </Typography.Paragraph>
      <Form<ActionValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        disabled={mutation.isPending}
      >
        {reassigning && (
          <Form.Item name="volunteerId" label={t('escortAction.volunteer')}>
            <Select<string>
              data-testid="escort-action-volunteer"
              allowClear={!needsVolunteer}
              showSearch
              optionFilterProp="label"
              loading={volunteers.isPending}
              placeholder={t(
                needsVolunteer ? 'escortAction.volunteerRequired' : 'escortAction.volunteerOptional',
              )}
              notFoundContent={
                volunteers.isError
                  ? t('volunteer.loadFailed', { message: describeError(volunteers.error) })
                  : t('escortAction.noVolunteers')
              }
              options={options}
              optionRender={(option) => (
                <span data-testid={`escort-action-volunteer-option-${String(option.value)}`}>
                  {option.label}
                </span>
              )}
            />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('escortAction.reason')}>
          <Input.TextArea
            data-testid="escort-action-reason"
            rows={3}
            maxLength={200}
            showCount
            placeholder={t(
              reassigning ? 'escortAction.reassignPlaceholder' : 'escortAction.cancelPlaceholder',
            )}
          />
        </Form.Item>
      </Form>
      <ActionFailed mutation={mutation} messageKey="escortAction.failed" testId="escort-action-error" />
    </Modal>
  );
}
