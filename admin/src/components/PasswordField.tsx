import { LockOutlined } from '@ant-design/icons';
import { Form, Input, type FormItemProps } from 'antd';

/**
 * A password field of the panel's forms (sign-in, 修改密码): a form item with a masked input behind the
 * lock icon. `autoComplete` tells password managers which password it is (current or new).
 */
export function PasswordField({
  testId,
  autoComplete,
  maxLength,
  placeholder,
  autoFocus,
  ...item
}: Omit<FormItemProps, 'children'> & {
  testId: string;
  autoComplete: 'current-password' | 'new-password';
  maxLength: number;
  placeholder?: string;
  autoFocus?: boolean;
}) {
  return (
    <Form.Item {...item}>
      <Input.Password
        data-testid={testId}
        prefix={<LockOutlined />}
        placeholder={placeholder}
        autoComplete={autoComplete}
        maxLength={maxLength}
        autoFocus={autoFocus}
      />
    </Form.Item>
  );
}
