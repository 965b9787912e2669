import type { NotificationSender } from '../modules/notifications/notificationSenders';

/** A sender that counts what it sends, by notification id: "exactly once" is then a count of 1. */
export function countingSender() {
  const sent = new Map<string, number>();
  const sender: NotificationSender = {
    async send(notification) {
      sent.set(notification._id, (sent.get(notification._id) ?? 0) + 1);
      return { ok: true, channel: 'test' };
    },
  };
  return { sender, sent };
}
