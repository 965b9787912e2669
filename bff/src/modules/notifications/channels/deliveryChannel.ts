import type { NotificationData, NotificationTemplate, NotificationTemplateSpec } from '@jiefang/contracts';

/** Who a notification goes to, as the channels need them: only what is known is set. */
export interface NotificationRecipient {
  id: string;
  name: string | null;
  /** Holds a staff role: staff are reached over WeCom, the public over WeChat. */
  staff: boolean;
  /** The WeChat openid of a user who signed in with WeChat. */
  openId: string | null;
  /** Staff: their 企业微信 member UserID. */
  wecomUserId: string | null;
  /** Mainland mobile, 11 digits. */
  phone: string | null;
}

/** One message for one channel: a known template with its spec and data. */
export interface ChannelMessage {
  notificationId: string;
  template: NotificationTemplate;
  spec: NotificationTemplateSpec;
  data: NotificationData;
}

/**
 * What a channel made of a message: accepted, refused for good (the user refused, the template is
 * invalid, the recipient unknown: retrying cannot help) or failed for now (quota, expired token, 5xx,
 * timeout: the outbox retries with backoff).
 */
export type ChannelOutcome =
  { outcome: 'sent' } | { outcome: 'refused'; error: string } | { outcome: 'failed'; error: string };

export type ChannelName = 'wechat' | 'wecom' | 'sms';

/** A push channel: says whether it applies to a recipient and message, and delivers it. */
export interface DeliveryChannel {
  name: ChannelName;
  /**
   * Whether the message could go this way for someone (its template is mapped): when no channel could,
   * the recipient is not even looked up.
   */
  considers(message: ChannelMessage): boolean;
  /** Whether this channel is for this recipient and message (contacts known, template mapped). */
  appliesTo(recipient: NotificationRecipient, message: ChannelMessage): boolean;
  deliver(recipient: NotificationRecipient, message: ChannelMessage): Promise<ChannelOutcome>;
}
