import Taro from '@tarojs/taro';
import { createNotificationsApi } from '../../api/notifications';
import { apiClient, messageOf } from '../../services';
import { createSubscriptionAsker } from './subscriptionAsker';
import { newSubscriptionBatchId } from './subscriptions';

export const notificationsApi = createNotificationsApi(apiClient);

/** The one place the app asks for WeChat subscriptions (see SubscribeTip). */
export const subscriptionAsker = createSubscriptionAsker({
  supported: process.env.TARO_ENV === 'weapp',
  api: notificationsApi,
  requestSubscribeMessage: async (tmplIds) =>
    // Taro's type wants Alipay's entityIds as well; WeChat takes tmplIds alone.
    (await Taro.requestSubscribeMessage({
      tmplIds,
    } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>,
  newBatchId: () => newSubscriptionBatchId(),
  describe: messageOf,
});

export const { askForSubscriptions } = subscriptionAsker;
