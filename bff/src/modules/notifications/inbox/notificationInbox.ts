import type { Connection } from 'mongoose';
import {
  notificationPageLimit,
  unreadCountCap,
  type MarkNotificationsReadRequest,
  type MarkNotificationsReadResponse,
  type NotificationList,
  type NotificationListQuery,
} from '@jiefang/contracts';
import type { Clock } from '../../../infra/clock';
import type { NotificationOutbox } from '../notificationOutbox';
import { outboxModel } from '../outboxModel';
import { decodeInboxCursor, encodeInboxCursor } from './inboxCursor';
import { inboxItem } from './inboxItem';
import { readMarkModel } from './readMarkModel';

/**
 * The in-app inbox (消息) over the outbox: a user's own notifications in pages, read marks and the
 * unread count. Every query starts with the recipient (indexed with the creation time); a read mark
 * is an update by `_id` and recipient, so nobody marks another user's notification.
 */
export function notificationInbox(deps: {
  connection: Connection;
  outbox: Pick<NotificationOutbox, 'forRecipient'>;
  clock: Clock;
}) {
  const Outbox = outboxModel(deps.connection);
  const Marks = readMarkModel(deps.connection);

  const allReadAtOf = async (userId: string): Promise<Date | null> =>
    (await Marks.findById(userId).lean().exec())?.allReadAt ?? null;

  const unreadCount = async (userId: string): Promise<number> => {
    const allReadAt = await allReadAtOf(userId);
    return Outbox.countDocuments(
      { recipientId: userId, readAt: null, ...(allReadAt ? { createdAt: { $gt: allReadAt } } : {}) },
      { limit: unreadCountCap },
    ).exec();
  };

  return {
    async list(userId: string, query: NotificationListQuery): Promise<NotificationList> {
      const limit = query.limit ?? notificationPageLimit.default;
      const before = query.before === undefined ? undefined : decodeInboxCursor(query.before);
      const [states, allReadAt] = await Promise.all([
        deps.outbox.forRecipient(userId, { limit, before }),
        allReadAtOf(userId),
      ]);
      const last = states.at(-1);
      return {
        items: states.map((state) => inboxItem(state, allReadAt)),
        nextBefore:
          last && states.length === limit
            ? encodeInboxCursor({ createdAt: last.createdAt, id: last._id })
            : null,
      };
    },

    unreadCount,

    /**
     * Whether any of the recipients has read (one by one, or by 全部已读) a notification of this template
     * about the ticket: for unread escalation. Filtered by recipient first; a recipient's are few.
     */
    async anyReadAbout(
      recipientIds: readonly string[],
      template: string,
      ticketId: string,
    ): Promise<boolean> {
      if (!recipientIds.length) return false;
      const about = await Outbox.find(
        { recipientId: { $in: [...recipientIds] }, template, 'data.ticketId': ticketId },
        { recipientId: 1, createdAt: 1, readAt: 1 },
      ).lean<Array<{ recipientId: string; createdAt: Date; readAt?: Date | null }>>();
      if (about.some((notification) => notification.readAt)) return true;
      const marks = await Marks.find({
        _id: { $in: [...new Set(about.map((item) => item.recipientId))] },
      }).lean();
      const allReadAt = new Map(marks.map((mark) => [mark._id, mark.allReadAt]));
      return about.some((notification) => {
        const mark = allReadAt.get(notification.recipientId);
        return mark !== undefined && notification.createdAt <= mark;
      });
    },

    /** Marks the caller's own notifications read: the ids given (others' are ignored), or all of them. */
    async markRead(
      userId: string,
      request: MarkNotificationsReadRequest,
    ): Promise<MarkNotificationsReadResponse> {
      const now = deps.clock.now();
      if ('all' in request) {
        const marked = await unreadCount(userId);
        await Marks.updateOne({ _id: userId }, { $set: { allReadAt: now } }, { upsert: true }).exec();
        return { marked, unread: await unreadCount(userId) };
      }
      let marked = 0;
      for (const id of new Set(request.ids)) {
        const result = await Outbox.updateOne(
          { _id: id, recipientId: userId, readAt: null },
          { $set: { readAt: now } },
        ).exec();
        marked += result.modifiedCount;
      }
      return { marked, unread: await unreadCount(userId) };
    },
  };
}

export type NotificationInbox = ReturnType<typeof notificationInbox>;
