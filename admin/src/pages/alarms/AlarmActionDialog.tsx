import { type Alarm } from '@jiefang/contracts';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useRef } from 'react';
import { alarmTypeLabel } from '../../alarms/labels';
import { useAcknowledgeAlarm, useClearAlarm, useSendWarning } from '../../alarms/queries';
import { ActionFailed } from '../../components/ActionFailed';
import { t, type MessageKey } from '../../i18n';

export type AlarmAction = 'acknowledge' | 'clear' | 'warning';

const view: Record<
  AlarmAction,
  {
    title: MessageKey;
    hint: MessageKey;
    field: MessageKey;
    placeholder: MessageKey;
    submit: MessageKey;
    done: MessageKey;
    max: number;
  }
> = {
  acknowledge: {
    title: 'alarm.acknowledgeTitle',
    hint: 'alarm.acknowledgeHint',
    field: 'alarm.note',
    placeholder: 'alarm.notePlaceholder',
    submit: 'alarm.submitAcknowledge',
    done: 'alarm.acknowledged',
    max: 200,
  },
  clear: {
    title: 'alarm.clearTitle',
    hint: 'alarm.clearHint',
    field: 'alarm.note',
    placeholder: 'alarm.clearNotePlaceholder',
    submit: 'alarm.submitClear',
    done: 'alarm.cleared',
    max: 200,
  },
  warning: {
    title: 'alarm.warningTitle',
    hint: 'alarm.warningHint',
    field: 'alarm.warningText',
    placeholder: 'alarm.warningTextPlaceholder',
    submit: 'alarm.submitWarning',
    done: 'alarm.warningSent',
    max: 100,
  },
};

/** 确认 / 解除 with an optional note, or 远程喊话 with optional text to speak. */
export function AlarmActionDialog({
  alarm,
  action,
  onClose,
}: {
  alarm: Alarm;
  action: AlarmAction | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ text?: string }>();
  const { message } = App.useApp();
  const acknowledge = useAcknowledgeAlarm();
  const clear = useClearAlarm();
  const warn = useSendWarning();
  // Keep the last action's words while the dialog fades out.
  const shown = useRef<AlarmAction>('acknowledge');
  if (action) shown.current = action;
  const mutation = shown.current === 'clear' ? clear : shown.current === 'warning' ? warn : acknowledge;
  const current = view[shown.current];

  function close() {
    form.resetFields();
    acknowledge.reset();
    clear.reset();
    warn.reset();
    onClose();
  }

  function submit({ text }: { text?: string }) {
    const value = text?.trim() || undefined;
    const onSuccess = () => {
      void message.success(t(current.done));
      close();
    };
    if (shown.current === 'warning') warn.mutate({ id: alarm.id, text: value }, { onSuccess });
    else if (shown.current === 'clear') clear.mutate({ id: alarm.id, note: value }, { onSuccess });
    else acknowledge.mutate({ id: alarm.id, note: value }, { onSuccess });
  }

  return (
    <Modal
      open={action !== null}
      title={t(current.title)}
      onCancel={close}
      okText={t(current.submit)}
      okButtonProps={{ 'data-testid': 'alarm-action-submit', loading: mutation.isPending }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph>
        <Typography.Text strong>{alarmTypeLabel(alarm.type)}</Typography.Text>
        {` · ${alarm.site ?? alarm.deviceId}`}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t(current.hint)}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} disabled={mutation.isPending}>
        <Form.Item name="text" label={t(current.field)}>
          <Input.TextArea
            data-testid="alarm-action-text"
            rows={3}
            maxLength={current.max}
            showCount
            placeholder={t(current.placeholder)}
          />
        </Form.Item>
      </Form>
      <ActionFailed mutation={mutation} messageKey="alarm.actionFailed" testId="alarm-action-error" />
    </Modal>
  );
}
