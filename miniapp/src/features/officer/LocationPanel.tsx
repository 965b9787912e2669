import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { beijingClock } from '@jiefang/contracts';
import { t } from '../../i18n';
import type { LocationSharing } from './useLocationSharing';

/** Where sharing the position stands, and what the officer can do when a permission was refused. */
export function LocationPanel({ sharing }: { sharing: LocationSharing }) {
  const { state } = sharing;
  const phase = state.phase;
  if (phase === 'backgroundRefused' || phase === 'denied' || phase === 'unavailable') {
    const title =
      phase === 'backgroundRefused'
        ? t('officer.location.backgroundRefused.title')
        : phase === 'denied'
          ? t('officer.location.denied.title')
          : t('officer.location.unavailable.title');
    const body =
      phase === 'backgroundRefused'
        ? t('officer.location.backgroundRefused.body')
        : phase === 'denied'
          ? sharing.canOpenSettings
            ? t('officer.location.denied.body')
            : t('officer.location.deniedH5.body')
          : t('officer.location.unavailable.body');
    return (
      <View className="jf-of-notice" data-testid="officer-location" data-phase={phase}>
        <Text className="jf-of-notice__title">{`📍 ${title}`}</Text>
        <Text className="jf-of-notice__body">{body}</Text>
        <View className="jf-of-actions jf-of-actions--wrap">
          {phase === 'backgroundRefused' && (
            <Button
              data-testid="officer-location-foreground"
              size="large"
              type="primary"
              onClick={sharing.useForeground}
            >
              {t('officer.location.useForeground')}
            </Button>
          )}
          {sharing.canOpenSettings && phase !== 'unavailable' ? (
            <Button
              data-testid="officer-location-settings"
              size="large"
              fill="outline"
              onClick={() => void sharing.openSettings()}
            >
              {t('officer.location.openSettings')}
            </Button>
          ) : (
            <Button data-testid="officer-location-retry" size="large" fill="outline" onClick={sharing.retry}>
              {t('officer.location.retry')}
            </Button>
          )}
        </View>
      </View>
    );
  }

  let line: string;
  if (phase === 'off') line = t('officer.location.off');
  else if (phase === 'requesting') line = t('officer.location.requesting');
  else if (!sharing.lastFix) line = t('officer.location.waiting');
  else if (!sharing.supportsBackground) line = t('officer.location.h5');
  else
    line = state.mode === 'background' ? t('officer.location.background') : t('officer.location.foreground');

  const details = [
    sharing.lastFix?.accuracy !== undefined
      ? t('officer.location.accuracy', { m: Math.round(sharing.lastFix.accuracy) })
      : '',
    sharing.lastSentAt !== undefined
      ? t('officer.location.sentAt', { time: beijingClock(sharing.lastSentAt) })
      : '',
  ].filter(Boolean);

  return (
    <View
      className={`jf-of-location${phase === 'sharing' ? ' jf-of-location--on' : ''}`}
      data-testid="officer-location"
      data-phase={phase}
    >
      <Text className="jf-of-location__line">{`📍 ${line}`}</Text>
      {details.length > 0 && <Text className="jf-muted jf-block">{details.join(' · ')}</Text>}
      {sharing.sendError && (
        <Text className="jf-error">{t('officer.location.sendFailed', { message: sharing.sendError })}</Text>
      )}
    </View>
  );
}
