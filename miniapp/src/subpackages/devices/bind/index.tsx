import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { PageShell } from '../../../components/PageShell';
import { useSession } from '../../../components/useSession';
import { validateBinding } from '../../../features/devices/bindHousehold';
import { householdsApi } from '../../../features/devices/householdsServices';
import { OWNER_ALARMS_PAGE } from '../../../features/devices/routes';
import { t } from '../../../i18n';
import { messageOf, session } from '../../../services';
import '../devices.scss';

/**
 * 绑定住户: the owner, signed in with WeChat, types the mobile the community registered and the 6-digit
 * invitation code; they become the household's owner and get a session that says so.
 */
export default function BindHouseholdPage() {
  const user = useSession();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [bound, setBound] = useState<string | undefined>(undefined);

  if (!user) return <PageShell>{null}</PageShell>;

  const submit = async () => {
    const checked = validateBinding(phone, code);
    if (!checked.ok) return setError(checked.message);
    setError(undefined);
    setBusy(true);
    try {
      const result = await householdsApi.confirm(checked.phone, checked.code);
      // The new token carries the property-owner role the alarms go by.
      session.save(result.session);
      setBound(result.household.address);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell>
      <View className="jf-page-head">
        <View className="jf-page-head__text">
          <Text className="jf-title">{t('owner.bind.title')}</Text>
        </View>
        <LargeTextToggle />
      </View>
      {bound ? (
        <View className="jf-card jf-status-box" data-testid="bind-done">
          <Text className="jf-block">{t('owner.bind.done', { address: bound })}</Text>
          <Button
            type="primary"
            block
            data-testid="bind-to-alarms"
            onClick={() => void Taro.redirectTo({ url: OWNER_ALARMS_PAGE })}
          >
            {t('owner.bind.toAlarms')}
          </Button>
        </View>
      ) : (
        <View className="jf-card">
          <Text className="jf-muted jf-block">{t('owner.bind.intro')}</Text>
          <Text className="jf-label">{t('owner.bind.phone')}</Text>
          <Input
            className="jf-field"
            nativeProps={{ 'data-testid': 'bind-phone' }}
            type="number"
            value={phone}
            maxlength={11}
            placeholder={t('owner.bind.phonePlaceholder')}
            onInput={(event) => setPhone(event.detail.value)}
          />
          <Text className="jf-label">{t('owner.bind.code')}</Text>
          <Input
            className="jf-field"
            nativeProps={{ 'data-testid': 'bind-code' }}
            type="number"
            value={code}
            maxlength={6}
            placeholder={t('owner.bind.codePlaceholder')}
            onInput={(event) => setCode(event.detail.value)}
          />
          {error && (
            <Text className="jf-field-error" data-testid="bind-error">
              {error}
            </Text>
          )}
          <View className="jf-bind__submit">
            <Button
              type="primary"
              size="large"
              block
              loading={busy}
              disabled={busy}
              onClick={() => void submit()}
              data-testid="bind-submit"
            >
              {busy ? t('owner.bind.submitting') : t('owner.bind.submit')}
            </Button>
          </View>
        </View>
      )}
    </PageShell>
  );
}
