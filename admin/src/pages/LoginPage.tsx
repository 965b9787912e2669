import { UserOutlined } from '@ant-design/icons';
import { type PasswordLoginRequest } from '@jiefang/contracts';
import { Alert, Button, Card, Form, Input, Layout, Space, Typography, theme } from 'antd';
import { Navigate, useLocation } from 'react-router-dom';
import { describeError } from '../api/errors';
import { useLogin } from '../api/queries';
import { session } from '../app/services';
import { useSession } from '../auth/useSession';
import { PasswordField } from '../components/PasswordField';
import { t, type MessageKey } from '../i18n';
import { LargeTextToggle } from '../layout/LargeTextToggle';

const signOutNotice: Record<string, MessageKey | undefined> = {
  expired: 'login.sessionExpired',
  invalid: 'login.sessionInvalid',
};

export function LoginPage() {
  const current = useSession();
  const location = useLocation();
  const login = useLogin();
  const { token } = theme.useToken();

  if (current) {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }

  const reason = session.lastSignOutReason();
  const notice = reason ? signOutNotice[reason] : undefined;

  function submit(values: PasswordLoginRequest) {
    login.mutate({ username: values.username.trim(), password: values.password });
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <div
        style={{
          display: 'flex',
          justifyContent: 'flex-end',
          padding: `${token.padding}px ${token.paddingLG}px`,
        }}
      >
        <LargeTextToggle />
      </div>
      <Layout.Content
        style={{
          display: 'flex',
          alignItems: 'flex-start',
          justifyContent: 'center',
          padding: token.paddingLG,
        }}
      >
        <Card
          style={{ width: '100%', maxWidth: 420, marginTop: '8vh' }}
          styles={{ body: { padding: token.paddingXL } }}
        >
          <Space direction="vertical" size={4} style={{ width: '100%', marginBottom: token.marginLG }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('login.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          </Space>
          {notice && !login.isError && (
            <Alert type="info" showIcon message={t(notice)} style={{ marginBottom: token.marginLG }} />
          )}
          <Form<PasswordLoginRequest>
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            onValuesChange={() => login.isError && login.reset()}
            disabled={login.isPending}
          >
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input
                data-testid="login-username"
                prefix={<UserOutlined />}
                placeholder={t('login.usernamePlaceholder')}
                autoComplete="username"
                maxLength={64}
                autoFocus
              />
            </Form.Item>
            <PasswordField
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('login.passwordRequired') }]}
              testId="login-password"
              placeholder={t('login.passwordPlaceholder')}
              autoComplete="current-password"
              maxLength={200}
            />
            {login.isError && (
              <Alert
                data-testid="login-error"
                type="error"
                showIcon
                message={describeError(login.error)}
                style={{ marginBottom: token.marginLG }}
              />
            )}
            <Button
              data-testid="login-submit"
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={login.isPending}
            >
              {login.isPending ? t('login.submitting') : t('login.submit')}
            </Button>
          </Form>
        </Card>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', background: 'transparent' }}>
        <Typography.Text type="secondary">{t('login.footer')}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
