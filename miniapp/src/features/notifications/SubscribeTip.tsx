import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { t } from '../../i18n';
import { MESSAGES_PAGE } from './routes';
import { subscriptionAsks } from './subscriptions';
import { useSubscriptionAsk } from './useSubscriptionAsk';
import './subscribeTip.scss';

export type SubscriptionAskName = keyof typeof subscriptionAsks;

/** Where notifications always arrive, whether or not WeChat may send them. */
function InboxNote({ testId, text }: { testId: string; text: string }) {
  return (
    <View className="jf-subscribe jf-subscribe--quiet" data-testid={testId}>
      <Text className="jf-subscribe__note">{text}</Text>
      <Text
        className="jf-link jf-subscribe__link"
        onClick={() => void Taro.navigateTo({ url: MESSAGES_PAGE })}
      >
        {t('messages.subscribe.open')}
      </Text>
    </View>
  );
}

/**
 * 订阅通知 where users expect it (after a report, after a booking, on the alarms page): WeChat asks only
 * from a tap, so this is a button. Outside WeChat (H5), or without WeChat templates, a quiet line says
 * where the notifications are instead.
 */
export function SubscribeTip({ ask: name }: { ask: SubscriptionAskName }) {
  const { planned, asking, outcome, ask } = useSubscriptionAsk(subscriptionAsks[name]);
  const testId = `subscribe-${name}`;
  if (!planned) return null;
  if (planned.kind !== 'ready') return <InboxNote testId={testId} text={t('messages.subscribe.inbox')} />;

  if (outcome?.kind === 'answered') {
    const text =
      outcome.accepted.length === 0
        ? t('messages.subscribe.none')
        : outcome.recorded
          ? t('messages.subscribe.done')
          : t('messages.subscribe.unrecorded');
    return <InboxNote testId={testId} text={text} />;
  }
  return (
    <View className="jf-subscribe" data-testid={testId}>
      <Text className="jf-subscribe__title">{t(`messages.subscribe.ask.${name}`)}</Text>
      <Text className="jf-subscribe__note">{t('messages.subscribe.hint')}</Text>
      {outcome?.kind === 'failed' && (
        <Text className="jf-subscribe__error" data-testid={`${testId}-error`}>
          {outcome.reason === 'switched_off'
            ? t('messages.subscribe.switchedOff')
            : t('messages.subscribe.failed')}
        </Text>
      )}
      <Button
        className="jf-subscribe__button"
        data-testid={`${testId}-button`}
        type="primary"
        fill="outline"
        size="large"
        block
        loading={asking}
        onClick={ask}
      >
        {t('messages.subscribe.button')}
      </Button>
    </View>
  );
}
