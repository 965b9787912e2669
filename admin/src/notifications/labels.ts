import { type NotificationRecordStatus } from '@jiefang/contracts';
import { t, type MessageKey } from '../i18n';

export const notificationStatusOrder: readonly NotificationRecordStatus[] = ['failed', 'pending', 'sent'];

export const isNotificationStatus = (value: string | null): value is NotificationRecordStatus =>
  value !== null && (notificationStatusOrder as readonly string[]).includes(value);

export const notificationStatusLabel = (status: NotificationRecordStatus) =>
  t(`notification.status.${status}` as MessageKey);

/** antd tag colours: failures stand out, pending ones wait, sent ones are quiet. */
export const notificationStatusColor: Record<NotificationRecordStatus, string> = {
  failed: 'error',
  pending: 'warning',
  sent: 'success',
};

const channelKeys: Record<string, MessageKey> = {
  wechat: 'notification.channel.wechat',
  wecom: 'notification.channel.wecom',
  sms: 'notification.channel.sms',
  inbox: 'notification.channel.inbox',
};

/** A channel's Chinese name; an unknown one (a newer instance's, a test's) as it is. */
export const notificationChannelLabel = (channel: string) => {
  const key = channelKeys[channel];
  return key ? t(key) : channel;
};
