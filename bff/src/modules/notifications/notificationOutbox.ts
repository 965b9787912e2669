import type { Connection, Model } from 'mongoose';
import type { Clock } from '../../infra/clock';
import type { DocumentLocks } from '../../infra/documentLocks';
import type { Logger } from '../../infra/logger';
import type { NotificationRecord, TicketDocument } from '../reports/ticketModel';
import { outboxModel, type OutboxDocument } from './outboxModel';
import type { NotificationSender } from './notificationSenders';

export const outboxPolicy = {
  leaseMs: 30_000,
  firstRetryMs: 2_000,
  maxRetryMs: 10 * 60_000,
  batchSize: 50,
} as const;

/** Retry after 2 s, 4 s, 8 s … up to 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(outboxPolicy.maxRetryMs, outboxPolicy.firstRetryMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * The notification outbox. State changes write their notifications into the ticket in the same update
 * (so a crash cannot separate them); `relayFromTicket` copies them here under their deterministic ids
 * and only then removes them from the ticket; `deliverDue` sends what is due, leasing each one so
 * several BFF instances never send the same notification at once.
 */
export function notificationOutbox(deps: {
  connection: Connection;
  tickets: Model<TicketDocument>;
  sender: NotificationSender;
  clock: Clock;
  locks: DocumentLocks;
  logger: Logger;
}) {
  const Outbox = outboxModel(deps.connection);

  const store = async (records: readonly NotificationRecord[]) => {
    const now = deps.clock.now();
    for (const record of records) {
      await Outbox.updateOne(
        { _id: record.id },
        {
          $setOnInsert: {
            recipientId: record.recipientId,
            template: record.template,
            data: record.data,
            status: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            leaseUntil: null,
            createdAt: now,
            sentAt: null,
            channel: null,
            lastError: null,
          },
        },
        { upsert: true },
      );
    }
  };

  /** Relays a ticket's pending notifications; pass them when the caller already holds the document. */
  const relayFromTicket = async (ticketId: string, known?: readonly NotificationRecord[]) => {
    const pending =
      known ??
      (await deps.tickets.findById(ticketId, { pendingNotifications: 1 }).lean())?.pendingNotifications ??
      [];
    if (!pending.length) return 0;
    await store(pending);
    // Under the ticket's lock, keep only what arrived since the read ($pull by condition is not
    // supported by FerretDB v1).
    const relayed = new Set(pending.map((record) => record.id));
    await deps.locks.withLock(`ticket:${ticketId}`, async () => {
      const current = await deps.tickets.findById(ticketId, { pendingNotifications: 1 }).lean();
      const remaining = (current?.pendingNotifications ?? []).filter((record) => !relayed.has(record.id));
      await deps.tickets.updateOne({ _id: ticketId }, { $set: { pendingNotifications: remaining } });
    });
    return pending.length;
  };

  const deliverOne = async (): Promise<boolean> => {
    const now = deps.clock.now();
    const claimed = await deps.locks.withLock('outbox:claim', () =>
      Outbox.findOneAndUpdate(
        {
          $or: [
            { status: 'pending', nextAttemptAt: { $lte: now } },
            { status: 'sending', leaseUntil: { $lte: now } },
          ],
        },
        {
          $set: { status: 'sending', leaseUntil: new Date(now.getTime() + outboxPolicy.leaseMs) },
          $inc: { attempts: 1 },
        },
        { new: true, sort: { nextAttemptAt: 1 } },
      )
        .lean<OutboxDocument>()
        .exec(),
    );
    if (!claimed) return false;

    let result;
    try {
      result = await deps.sender.send(claimed);
    } catch (error) {
      result = {
        ok: false as const,
        permanent: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    const after = deps.clock.now();
    if (result.ok) {
      await Outbox.updateOne(
        { _id: claimed._id, status: 'sending' },
        {
          $set: { status: 'sent', sentAt: after, channel: result.channel, leaseUntil: null, lastError: null },
        },
      );
    } else {
      await Outbox.updateOne(
        { _id: claimed._id, status: 'sending' },
        {
          $set: {
            status: result.permanent ? 'refused' : 'pending',
            nextAttemptAt: new Date(after.getTime() + retryDelayMs(claimed.attempts)),
            leaseUntil: null,
            lastError: result.error,
          },
        },
      );
      deps.logger.warn({ notificationId: claimed._id, error: result.error }, 'notification not delivered');
    }
    return true;
  };

  return {
    relayFromTicket,

    /** Notifications not tied to a ticket (device alarms); deterministic ids make a replay harmless. */
    enqueue: store,

    /** Crash recovery: relays whatever any ticket still holds. */
    async relayAll(): Promise<number> {
      const tickets = await deps.tickets
        .find({ pendingNotifications: { $ne: [] } }, { _id: 1 })
        .limit(500)
        .lean();
      let relayed = 0;
      for (const ticket of tickets) relayed += await relayFromTicket(ticket._id);
      return relayed;
    },

    async deliverDue(limit: number = outboxPolicy.batchSize): Promise<number> {
      let delivered = 0;
      while (delivered < limit && (await deliverOne())) delivered += 1;
      return delivered;
    },

    async forRecipient(recipientId: string, limit = 50): Promise<OutboxDocument[]> {
      return Outbox.find({ recipientId }).sort({ createdAt: -1 }).limit(limit).lean<OutboxDocument[]>();
    },
  };
}

export type NotificationOutbox = ReturnType<typeof notificationOutbox>;
