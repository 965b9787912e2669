import type { ReactNode } from 'react';
import { Alert, Form, Input, Modal, type FormInstance } from 'antd';
import { describeError } from '../../api/errors';

/** What the dialog reads of the action's mutation (TanStack Query's `useMutation` result). */
interface ActionState {
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

/**
 * The shell of a ticket action that must say why (transfer, close): a modal form whose own fields come
 * first, then the required reason, then the server's refusal. `testId` prefixes the submit button's and
 * the reason's test ids (`${testId}-submit`, `${testId}-reason`).
 */
export function ReasonedActionDialog<Values extends { reason: string }>(props: {
  form: FormInstance<Values>;
  open: boolean;
  title: string;
  submitText: string;
  testId: string;
  danger?: boolean;
  width?: number;
  intro?: ReactNode;
  initialValues: Partial<Values>;
  action: ActionState;
  reason: { label: string; required: string; placeholder: string };
  onSubmit: (values: Values) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { form, action, reason } = props;
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onCancel}
      okText={props.submitText}
      okButtonProps={{
        danger: props.danger ?? false,
        'data-testid': `${props.testId}-submit`,
        loading: action.isPending,
      }}
      onOk={() => form.submit()}
      destroyOnHidden
      width={props.width}
    >
      {props.intro}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={props.initialValues}
        onFinish={props.onSubmit}
        disabled={action.isPending}
      >
        {props.children}
        <Form.Item
          name="reason"
          label={reason.label}
          rules={[{ required: true, whitespace: true, message: reason.required }]}
        >
          <Input.TextArea
            data-testid={`${props.testId}-reason`}
            rows={3}
            maxLength={200}
            showCount
            placeholder={reason.placeholder}
          />
        </Form.Item>
        {action.isError && <Alert type="error" showIcon message={describeError(action.error)} />}
      </Form>
    </Modal>
  );
}
