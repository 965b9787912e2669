import { Text, View } from '@tarojs/components';
import { t } from '../i18n';
import { LargeTextToggle } from './LargeTextToggle';

/** The app's name and slogan with the large-text switch, at the top of the entry pages. */
export function BrandBar() {
  return (
    <View className="jf-topbar">
      <View className="jf-brand">
        <Text className="jf-brand__name">{t('app.name')}</Text>
        <Text className="jf-brand__slogan">{t('app.slogan')}</Text>
      </View>
      <LargeTextToggle />
    </View>
  );
}
