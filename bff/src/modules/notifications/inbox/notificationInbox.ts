import type { Redis } from 'ioredis';
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
/** Redis keys (under the client's prefix) of the read index that unread escalation consults. */
export const readIndexKeys = {
  /** When the recipient last read a notification about the ticket (ms). */
  aboutTicket: (recipientId: string, ticketId: string) => `notification-read:${recipientId}:${ticketId}`,
  /** When the recipient last marked everything read (ms). */
  all: (recipientId: string) => `notification-all-read:${recipientId}`,
};
/** Escalation looks back minutes, not days: the index forgets after two. */
const readIndexSeconds = 2 * 86_400;

export function notificationInbox(deps: {
  connection: Connection;
  redis: Redis;
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
     * Whether any of the recipients has read a notification about the ticket (one by one, or by 全部已读)
     * since `since`: for unread escalation, from the read index in Redis (one round trip; MongoDB could
     * only answer by scanning the outbox). Lost with Redis, a read counts as unread: one alert too many.
     */
    async anyReadAbout(recipientIds: readonly string[], ticketId: string, since: Date): Promise<boolean> {
      if (!recipientIds.length) return false;
      const marks = await deps.redis.mget(
        ...recipientIds.flatMap((recipientId) => [
          readIndexKeys.aboutTicket(recipientId, ticketId),
          readIndexKeys.all(recipientId),
        ]),
      );
      return marks.some((mark) => mark !== null && Number(mark) >= since.getTime());
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
        await deps.redis.set(readIndexKeys.all(userId), now.getTime(), 'EX', readIndexSeconds);
        return { marked, unread: await unreadCount(userId) };
      }
      let marked = 0;
      for (const id of new Set(request.ids)) {
        const result = await Outbox.updateOne(
          { _id: id, recipientId: userId, readAt: null },
          { $set: { readAt: now } },
        ).exec();
        if (!result.modifiedCount) continue;
        marked += 1;
        const notification = await Outbox.findById(id, { data: 1 }).lean<{
          data?: Record<string, unknown>;
        }>();
        const ticketId = notification?.data?.ticketId;
        if (typeof ticketId === 'string')
          await deps.redis.set(
            readIndexKeys.aboutTicket(userId, ticketId),
            now.getTime(),
            'EX',
            readIndexSeconds,
          );
      }
      return { marked, unread: await unreadCount(userId) };
    },
  };
}

export type NotificationInbox = ReturnType<typeof notificationInbox>;
