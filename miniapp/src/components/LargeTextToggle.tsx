import { View, Text } from '@tarojs/components';
import { t } from '../i18n';
import { largeText } from '../services';
import { useLargeText } from './useLargeText';

/** 大字模式 switch for elders: one big tappable pill, on the login and home pages. */
export function LargeTextToggle() {
  const on = useLargeText();
  return (
    <View
      className={on ? 'jf-toggle jf-toggle--on' : 'jf-toggle'}
      data-testid="large-text-toggle"
      data-state={on ? 'on' : 'off'}
      ariaRole="switch"
      ariaLabel={`${t('largeText.label')}${on ? t('largeText.on') : t('largeText.off')}`}
      onClick={() => largeText.toggle()}
    >
      <Text className="jf-toggle__label">{t('largeText.label')}</Text>
      <View className="jf-toggle__track">
        <View className="jf-toggle__thumb" />
      </View>
    </View>
  );
}
