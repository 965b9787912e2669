import { notificationTemplateSpec, type NotificationTemplate } from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import type { ChannelMarks, ChannelMark } from './channelMarks';
import type {
  ChannelMessage,
  ChannelName,
  DeliveryChannel,
  NotificationRecipient,
} from './channels/deliveryChannel';
import type { NotificationSender, OutgoingNotification, SendResult } from './notificationSenders';
import type { SubscriptionCredits } from './subscriptions/subscriptionStore';

/** One channel's part in one attempt. */
type ChannelResult = { channel: ChannelName } & (
  { status: 'sent' | 'refused' | 'skipped'; error?: string } | { status: 'failed'; error: string }
);

const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The one NotificationSender: looks up the recipient and the template, picks the channels that apply
 * (public audience with WeChat → subscribe message when they subscribed; staff with a WeCom UserID →
 * WeCom; must-not-miss with a phone → SMS as well) and sends over each. The in-app inbox (the outbox
 * document) is always there, so no channel applying is a success over 'inbox'.
 *
 * Each channel's final outcome is marked in Redis the moment it is known: when one channel fails for
 * now, the outbox retries the notification and only the channels not yet done are tried again. The
 * receipt's channel lists those that delivered ('wecom+sms'); lastError each channel's error.
 */
export function notificationRouter(deps: {
  channels: readonly DeliveryChannel[];
  recipients: (userId: string) => Promise<NotificationRecipient>;
  /** Absent until the subscription store is wired: WeChat then judges alone (43101 when not subscribed). */
  /** The mini-program's one-time subscriptions (订阅消息): one is used up per WeChat message. */
  subscriptions: SubscriptionCredits;
  marks: ChannelMarks;
  clock: Clock;
  logger: Logger;
}): NotificationSender {
  const mark = async (id: string, channel: ChannelName, result: Omit<ChannelMark, 'at'>) => {
    await deps.marks.mark(id, channel, { ...result, at: deps.clock.now().getTime() });
  };

  /** Sends over one channel unless it is done already; marks what is final. */
  const overChannel = async (
    channel: DeliveryChannel,
    recipient: NotificationRecipient,
    message: ChannelMessage,
    done: ChannelMark | undefined,
    subscriptionConsumed: boolean,
  ): Promise<ChannelResult> => {
    const id = message.notificationId;
    if (done) return { channel: channel.name, status: done.status, error: done.error };
    if (channel.name === 'wechat' && !subscriptionConsumed) {
      // Consumed once per notification: a retry after a failed send must not use up another one.
      const granted = await deps.subscriptions.consume(recipient.id, message.template);
      if (!granted) {
        await mark(id, channel.name, { status: 'skipped', error: 'no subscription' });
        return { channel: channel.name, status: 'skipped', error: 'no subscription' };
      }
      await deps.marks.subscriptionConsumed(id, deps.clock.now().getTime());
    }
    let outcome;
    try {
      outcome = await channel.deliver(recipient, message);
    } catch (error) {
      outcome = { outcome: 'failed' as const, error: describeError(error) };
    }
    if (outcome.outcome === 'failed')
      return { channel: channel.name, status: 'failed', error: outcome.error };
    const final =
      outcome.outcome === 'sent'
        ? { status: 'sent' as const }
        : { status: 'refused' as const, error: outcome.error };
    await mark(id, channel.name, final);
    return { channel: channel.name, ...final };
  };

  const route = async (notification: OutgoingNotification): Promise<SendResult> => {
    const spec = notificationTemplateSpec(notification.template);
    // A template this build does not know (an older or newer instance's): the inbox has it.
    if (!spec) return { ok: true, channel: 'inbox' };
    const message: ChannelMessage = {
      notificationId: notification._id,
      template: notification.template as NotificationTemplate,
      spec,
      data: notification.data,
    };
    // No channel configured for this template: the inbox has it, and nobody needs looking up.
    const considered = deps.channels.filter((channel) => channel.considers(message));
    if (!considered.length) return { ok: true, channel: 'inbox' };
    const recipient = await deps.recipients(notification.recipientId);
    const applicable = considered.filter((channel) => channel.appliesTo(recipient, message));
    if (!applicable.length) return { ok: true, channel: 'inbox' };

    const marks = await deps.marks.of(notification._id);
    const results = await Promise.all(
      applicable.map((channel) =>
        overChannel(
          channel,
          recipient,
          message,
          marks.channels[channel.name],
          marks.subscriptionConsumedAt !== undefined,
          // Redis or the subscription store away: this channel is tried again, the others keep their marks.
        ).catch((error: unknown): ChannelResult => ({
          channel: channel.name,
          status: 'failed',
          error: describeError(error),
        })),
      ),
    );
    const delivered = results.filter((result) => result.status === 'sent').map((result) => result.channel);
    const errors = results
      .filter((result) => result.error)
      .map((result) => `${result.channel}: ${result.error}`);
    const error = errors.length ? errors.join('; ') : undefined;
    const channel = delivered.length ? delivered.join('+') : 'inbox';
    deps.logger.debug({ notificationId: notification._id, channel, error }, 'notification routed');

    if (results.some((result) => result.status === 'failed'))
      return {
        ok: false,
        permanent: false,
        error: error ?? 'failed',
        ...(delivered.length ? { channel } : {}),
      };
    if (delivered.length) return { ok: true, channel, ...(error ? { error } : {}) };
    // Every channel that was tried refused for good: the inbox still has it, but the push failed.
    if (results.some((result) => result.status === 'refused'))
      return { ok: false, permanent: true, error: error ?? 'refused' };
    return { ok: true, channel: 'inbox', ...(error ? { error } : {}) };
  };

  return {
    async send(notification): Promise<SendResult> {
      const result = await route(notification);
      // One line per delivery: operators follow a notification by it (and the chaos run counts them).
      if (result.ok)
        deps.logger.info(
          {
            notificationId: notification._id,
            recipientId: notification.recipientId,
            template: notification.template,
            channel: result.channel,
          },
          'notification delivered',
        );
      return result;
    },
  };
}
