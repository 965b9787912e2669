import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { roles, type AuthResponse, type Role, type StreetSummary } from '@jiefang/contracts';
import { streetChoiceFor, validateDevLogin } from '../../auth/devLogin';
import { BrandBar } from '../../components/BrandBar';
import { PageShell } from '../../components/PageShell';
import { t } from '../../i18n';
import { HOME_PAGE, api, messageOf, session } from '../../services';
import './index.scss';

type Streets =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; items: StreetSummary[] }
  | { status: 'error'; message: string };

function enterApp(auth: AuthResponse) {
  session.save(auth);
  void Taro.reLaunch({ url: HOME_PAGE });
}

function LoginError({ message }: { message: string }) {
  return (
    <View className="jf-error" data-testid="login-error">
      {message}
    </View>
  );
}

/** H5 (development and the end-to-end tests): pick a name and a role; the BFF creates the user. */
function DevLoginForm() {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('resident');
  const [street, setStreet] = useState<string | undefined>(undefined);
  const [streets, setStreets] = useState<Streets>({ status: 'idle' });
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const streetChoice = streetChoiceFor(role);

  const loadStreets = useCallback(async () => {
    setStreets({ status: 'loading' });
    try {
      setStreets({ status: 'ready', items: await api.streets() });
    } catch (err) {
      setStreets({ status: 'error', message: messageOf(err) });
    }
  }, []);

  useEffect(() => {
    if (streetChoice !== 'hidden' && streets.status === 'idle') void loadStreets();
  }, [streetChoice, streets.status, loadStreets]);

  const submit = async () => {
    if (submitting) return;
    const checked = validateDevLogin({ name, role, street });
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    setError(undefined);
    setSubmitting(true);
    try {
      enterApp(await api.devLogin(checked.request));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className="jf-card jf-form">
      <Text className="jf-form__notice">{t('login.devNotice')}</Text>

      <Text className="jf-label">{t('login.name.label')}</Text>
      <Input
        className="jf-input"
        // On the inner <input> of H5's <taro-input-core>, so that tests can fill it.
        nativeProps={{ 'data-testid': 'dev-login-name' }}
        type="text"
        value={name}
        maxlength={40}
        placeholder={t('login.name.placeholder')}
        onInput={(event) => setName(event.detail.value)}
        onConfirm={() => void submit()}
      />

      <Text className="jf-label">{t('login.role.label')}</Text>
      <View className="jf-chips">
        {roles.map((option) => (
          <View
            key={option}
            className={option === role ? 'jf-chip jf-chip--selected' : 'jf-chip'}
            data-testid={`dev-login-role-${option}`}
            data-selected={option === role ? 'true' : 'false'}
            ariaRole="radio"
            onClick={() => {
              setRole(option);
              setError(undefined);
            }}
          >
            {t(`role.${option}`)}
          </View>
        ))}
      </View>

      {streetChoice !== 'hidden' && (
        <View className="jf-streets">
          <Text className="jf-label">
            {t('login.street.label')}
            {streetChoice === 'optional' && (
              <Text className="jf-label__hint">{t('login.street.optional')}</Text>
            )}
          </Text>
          {streets.status === 'loading' && <Text className="jf-muted">{t('login.street.loading')}</Text>}
          {streets.status === 'error' && (
            <View className="jf-inline-error">
              <Text>{`${t('login.street.loadFailed')}：${streets.message}`}</Text>
              <Text className="jf-link" onClick={() => void loadStreets()}>
                {t('login.street.retry')}
              </Text>
            </View>
          )}
          {streets.status === 'ready' && (
            <View className="jf-chips">
              {streetChoice === 'optional' && (
                <View
                  className={street === undefined ? 'jf-chip jf-chip--selected' : 'jf-chip'}
                  data-testid="dev-login-street-none"
                  onClick={() => setStreet(undefined)}
                >
                  {t('login.street.none')}
                </View>
              )}
              {streets.items.map((item) => (
                <View
                  key={item.id}
                  className={street === item.id ? 'jf-chip jf-chip--selected' : 'jf-chip'}
                  data-testid={`dev-login-street-${item.id}`}
                  ariaRole="radio"
                  onClick={() => {
                    setStreet(item.id);
                    setError(undefined);
                  }}
                >
                  {item.name}
                </View>
              ))}
            </View>
          )}
        </View>
      )}

      {error && <LoginError message={error} />}

      <Button
        className="jf-submit"
        data-testid="dev-login-submit"
        type="primary"
        size="xlarge"
        block
        loading={submitting}
        onClick={() => void submit()}
      >
        {t('login.submit')}
      </Button>
    </View>
  );
}

/** Mini-program: WeChat identifies the user; the BFF trades the one-time code for a session. */
function WechatLogin() {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = async () => {
    if (submitting) return;
    setError(undefined);
    setSubmitting(true);
    try {
      const login = await Taro.login().catch(() => undefined);
      if (!login?.code) {
        setError(t('error.wechatLogin'));
        return;
      }
      enterApp(await api.wechatLogin(login.code));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className="jf-card jf-form">
      <Text className="jf-form__notice">{t('login.wechat.hint')}</Text>
      {error && <LoginError message={error} />}
      <Button
        className="jf-submit"
        data-testid="wechat-login-submit"
        type="primary"
        size="xlarge"
        block
        loading={submitting}
        onClick={() => void submit()}
      >
        {t('login.wechat.submit')}
      </Button>
    </View>
  );
}

export default function LoginPage() {
  useEffect(() => {
    if (session.current()) void Taro.reLaunch({ url: HOME_PAGE });
  }, []);

  return (
    <PageShell>
      <BrandBar />
      <Text className="jf-title">{t('login.title')}</Text>
      {process.env.TARO_ENV === 'h5' ? <DevLoginForm /> : <WechatLogin />}
    </PageShell>
  );
}
