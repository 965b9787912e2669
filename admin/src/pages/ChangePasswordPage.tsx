import { passwordKinds, passwordRules, type ChangePasswordRequest } from '@jiefang/contracts';
import { Alert, App, Button, Card, Form, Layout, Space, Typography, theme } from 'antd';
import { useNavigate } from 'react-router-dom';
import { describeError } from '../api/errors';
import { session } from '../app/services';
import { useSession } from '../auth/useSession';
import { PasswordField } from '../components/PasswordField';
import { t } from '../i18n';
import { useChangePassword } from '../staff/queries';

interface PasswordForm extends ChangePasswordRequest {
  confirm: string;
}

/** The form's own reading of the contracts' password rules, so a weak password is refused before sending. */
function newPasswordProblem(password: string, current: string): string | null {
  if (password.length < passwordRules.minLength)
    return t('password.tooShort', { min: passwordRules.minLength });
  if (passwordKinds(password) < passwordRules.minKinds) return t('password.tooSimple');
  if (password === current) return t('password.sameAsCurrent');
  return null;
}

/**
 * 修改密码. Shown instead of the panel when the sign-in used a one-time password (the token then opens
 * nothing else), and as a page of its own for anyone who wants a new password.
 */
export function ChangePasswordPage() {
  const current = useSession();
  const change = useChangePassword();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const [form] = Form.useForm<PasswordForm>();
  const forced = current?.user.mustChangePassword === true;

  function submit(values: PasswordForm) {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          void message.success(t('password.done'));
          if (!forced) navigate('/');
        },
      },
    );
  }

  const card = (
    <Card
      data-testid="change-password"
      style={{ width: '100%', maxWidth: 440, marginTop: forced ? '8vh' : 0 }}
      styles={{ body: { padding: token.paddingXL } }}
    >
      <Space direction="vertical" size={4} style={{ width: '100%', marginBottom: token.marginLG }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {forced ? t('password.firstLoginTitle') : t('password.title')}
        </Typography.Title>
        {current && <Typography.Text type="secondary">{current.user.name}</Typography.Text>}
      </Space>
      {forced && (
        <Alert
          type="warning"
          showIcon
          message={t('password.firstLoginNotice')}
          style={{ marginBottom: token.marginLG }}
        />
      )}
      <Form<PasswordForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        onValuesChange={() => change.isError && change.reset()}
        disabled={change.isPending}
      >
        <PasswordField
          label={t('password.current')}
          name="currentPassword"
          rules={[{ required: true, message: t('password.required', { field: t('password.current') }) }]}
          testId="password-current"
          autoComplete="current-password"
          maxLength={passwordRules.maxLength}
          autoFocus
        />
        <PasswordField
          label={t('password.new')}
          name="newPassword"
          extra={t('password.rules', { min: passwordRules.minLength })}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('password.required', { field: t('password.new') }) },
            {
              validator: (_, value: string | undefined) => {
                const problem = value
                  ? newPasswordProblem(value, form.getFieldValue('currentPassword') ?? '')
                  : null;
                return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
              },
            },
          ]}
          testId="password-new"
          autoComplete="new-password"
          maxLength={passwordRules.maxLength}
        />
        <PasswordField
          label={t('password.confirm')}
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.required', { field: t('password.confirm') }) },
            {
              validator: (_, value: string | undefined) =>
                !value || value === form.getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            },
          ]}
          testId="password-confirm"
          autoComplete="new-password"
          maxLength={passwordRules.maxLength}
        />
        {change.isError && (
          <Alert
            data-testid="password-error"
            type="error"
            showIcon
            message={describeError(change.error)}
            style={{ marginBottom: token.marginLG }}
          />
        )}
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button
            data-testid="password-submit"
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={change.isPending}
          >
            {change.isPending ? t('password.submitting') : t('password.submit')}
          </Button>
          <Button block type="link" onClick={() => (forced ? session.clear('logout') : navigate(-1))}>
            {forced ? t('password.signOut') : t('password.back')}
          </Button>
        </Space>
      </Form>
    </Card>
  );

  if (!forced) return card;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Content
        style={{
          display: 'flex',
          alignItems: 'flex-start',
          justifyContent: 'center',
          padding: token.paddingLG,
        }}
      >
        {card}
      </Layout.Content>
    </Layout>
  );
}
