import type { Redis } from 'ioredis';
import type { Connection, Model } from 'mongoose';
import { batchedInsertsInto } from '../../infra/batchedInserts';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import type { NotificationRecord, TicketDocument } from '../reports/ticketModel';
import { outboxModel, type OutboxDocument } from './outboxModel';
import type { NotificationSender, SendResult } from './notificationSenders';

export const outboxPolicy = {
  leaseMs: 30_000,
  firstRetryMs: 2_000,
  maxRetryMs: 10 * 60_000,
  batchSize: 50,
  /** Notifications sent at the same time by one instance. */
  concurrency: 4,
  /** Marked tickets the periodic sweep relays per call. */
  sweepBatch: 200,
  /**
   * The sweep leaves a mark this young alone: the write it announces (marked before the write, outside
   * the ticket's lock) may still be on its way, and that write's own relay will clear it.
   */
  sweepGraceMs: 10_000,
  /** At start-up, tickets changed this recently are relayed again (their marks may be lost with Redis). */
  startupRelayWindowMs: 6 * 3600_000,
} as const;

/** Redis keys (under the client's prefix). */
export const outboxKeys = {
  /** Sorted set of notification ids to send; score = when (ms): nextAttemptAt, or a lease's end. */
  due: 'outbox:due',
  /** Sorted set of ticket ids that may hold notifications not yet relayed; score = when marked (ms). */
  pendingTickets: 'outbox:pending-tickets',
} as const;

/** Retry after 2 s, 4 s, 8 s … up to 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(outboxPolicy.maxRetryMs, outboxPolicy.firstRetryMs * 2 ** Math.max(0, attempts - 1));
}

/** Takes up to ARGV[3] ids due by ARGV[1] and moves each one's score to the lease's end, ARGV[2]. */
const claimScript = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], 'XX', ARGV[2], id) end
return ids`;

/**
 * Settles a claim only while the id still carries this claim's lease (ARGV[2]): ARGV[3] empty removes
 * it, else it becomes the next attempt's time. An instance whose lease ran out (and whose id another
 * instance took) changes nothing.
 */
const settleScript = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) ~= tonumber(ARGV[2]) then return 0 end
if ARGV[3] == '' then return redis.call('ZREM', KEYS[1], ARGV[1]) end
return redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])`;

/** FerretDB's single SQLite writer can answer a concurrent update with SQLITE_BUSY: try again briefly. */
async function withWriteRetries<T>(write: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt));
    }
  }
}

/**
 * The notification outbox. MongoDB's `outbox` documents are the durable record; Redis says what is due.
 *
 * - State changes write their notifications into the ticket in the same update (so a crash cannot
 *   separate them), having first marked the ticket (`markPending`). `relayFromTicket` inserts them here
 *   under their deterministic ids (a duplicate means already relayed), queues them as due and removes
 *   the ticket's mark; the ticket keeps its list. The periodic sweep (`relayAll`) follows the marks; at
 *   start-up `relayAllFromDatabase` scans recently changed tickets and the outbox, since Redis keeps
 *   nothing on disk.
 * - `deliverDue` claims due ids with one Lua call that moves them a lease into the future, so several
 *   BFF instances never send the same notification at once, and an instance that dies mid-send lets
 *   it come back when the lease runs out (at least once).
 *
 * Every MongoDB access on these paths is an insert or a lookup/update by `_id`: FerretDB scans the
 * whole collection for anything else.
 */
export function notificationOutbox(deps: {
  connection: Connection;
  tickets: Model<TicketDocument>;
  redis: Redis;
  sender: NotificationSender;
  clock: Clock;
  logger: Logger;
}) {
  const Outbox = outboxModel(deps.connection);
  const { redis } = deps;

  const outboxInserts = batchedInsertsInto<OutboxDocument>(deps.connection, Outbox.collection.collectionName);

  const queueDue = async (entries: ReadonlyArray<{ id: string; at: number }>) => {
    if (!entries.length) return;
    await redis.zadd(outboxKeys.due, 'NX', ...entries.flatMap((entry) => [entry.at, entry.id]));
  };

  /** Stores the records (a duplicate id is one stored before) and queues them as due now. */
  const store = async (records: readonly NotificationRecord[]): Promise<void> => {
    if (!records.length) return;
    const now = deps.clock.now();
    const outcomes = await Promise.allSettled(
      records.map((record) =>
        outboxInserts.insert({
          _id: record.id,
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
        }),
      ),
    );
    // Duplicates too: a crash between an insert and this line must not strand the stored one. NX keeps
    // the time of an id already queued (or leased); a delivered one is dropped when it is claimed.
    await queueDue(
      records.flatMap((record, index) =>
        outcomes[index]?.status === 'fulfilled' ? [{ id: record.id, at: now.getTime() }] : [],
      ),
    );
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  };

  /**
   * Relays a ticket's notifications to the outbox: the latest change's when the caller passes them,
   * else all the ticket ever caused (a sweep after a crash; those relayed before are not stored twice).
   * The ticket keeps its list: rewriting it would be one more write per change for nothing.
   */
  const relayFromTicket = async (ticketId: string, known?: readonly NotificationRecord[]) => {
    const records =
      known ??
      (await deps.tickets.findById(ticketId, { pendingNotifications: 1 }).lean())?.pendingNotifications ??
      [];
    await store(records);
    await redis.zrem(outboxKeys.pendingTickets, ticketId);
    return records.length;
  };

  const claim = async (count: number): Promise<{ ids: string[]; lease: number }> => {
    const now = deps.clock.now().getTime();
    const lease = now + outboxPolicy.leaseMs;
    const ids = (await redis.eval(claimScript, 1, outboxKeys.due, now, lease, count)) as string[];
    return { ids, lease };
  };

  const settle = (id: string, lease: number, nextAt: number | null) =>
    redis.eval(settleScript, 1, outboxKeys.due, id, lease, nextAt === null ? '' : nextAt);

  /** Sends one claimed notification and records the outcome. */
  const deliverClaimed = async (id: string, lease: number): Promise<void> => {
    let notification: OutboxDocument | null;
    try {
      notification = await Outbox.findById(id).lean<OutboxDocument>().exec();
    } catch (error) {
      // Nothing was sent: try again shortly rather than after the whole lease.
      await settle(id, lease, deps.clock.now().getTime() + outboxPolicy.firstRetryMs).catch(() => undefined);
      throw error;
    }
    if (!notification || notification.status === 'sent' || notification.status === 'refused') {
      // Settled before (a replayed relay queued it again), or gone.
      await settle(id, lease, null);
      return;
    }

    let result: SendResult;
    try {
      result = await deps.sender.send(notification);
    } catch (error) {
      result = { ok: false, permanent: false, error: error instanceof Error ? error.message : String(error) };
    }
    const after = deps.clock.now();
    const attempts = notification.attempts + 1;
    // Should this write fail for good, the id stays leased and is sent again after the lease: at least once.
    if (result.ok) {
      await withWriteRetries(() =>
        Outbox.updateOne(
          { _id: id },
          {
            $set: {
              status: 'sent',
              attempts,
              sentAt: after,
              channel: result.channel,
              leaseUntil: null,
              lastError: null,
            },
          },
        ),
      );
      await settle(id, lease, null);
      return;
    }
    // A lease that ran out while the sender hung: the id is someone else's now (maybe delivered by
    // them already), and a failure here must not overwrite their outcome.
    if (Number(await redis.zscore(outboxKeys.due, id)) !== lease) {
      deps.logger.warn(
        { notificationId: id, error: result.error },
        'notification failed after its lease ran out',
      );
      return;
    }
    const nextAttemptAt = new Date(after.getTime() + retryDelayMs(attempts));
    await withWriteRetries(() =>
      Outbox.updateOne(
        { _id: id },
        {
          $set: {
            status: result.permanent ? 'refused' : 'pending',
            attempts,
            nextAttemptAt,
            leaseUntil: null,
            lastError: result.error,
          },
        },
      ),
    );
    await settle(id, lease, result.permanent ? null : nextAttemptAt.getTime());
    deps.logger.warn(
      { notificationId: id, error: result.error, permanent: result.permanent },
      'notification not delivered',
    );
  };

  return {
    relayFromTicket,

    /** Notifications not tied to a ticket (device alarms, escorts); deterministic ids make a replay harmless. */
    enqueue: store,

    /**
     * Called before a ticket write that carries notifications: should the relay after the write never
     * happen (a crash), the sweep finds the ticket here.
     */
    async markPending(ticketId: string): Promise<void> {
      await redis.zadd(outboxKeys.pendingTickets, deps.clock.now().getTime(), ticketId);
    },

    /** The periodic sweep: relays the tickets marked pending (a bounded batch), not older than the grace. */
    async relayAll(limit: number = outboxPolicy.sweepBatch): Promise<number> {
      const cutoff = deps.clock.now().getTime() - outboxPolicy.sweepGraceMs;
      const ticketIds = await redis.zrangebyscore(
        outboxKeys.pendingTickets,
        '-inf',
        cutoff,
        'LIMIT',
        0,
        limit,
      );
      let relayed = 0;
      for (const ticketId of ticketIds) {
        try {
          relayed += await relayFromTicket(ticketId);
        } catch (error) {
          deps.logger.warn(
            { err: error, ticketId },
            'relay of a marked ticket failed; the next sweep retries',
          );
        }
      }
      return relayed;
    },

    /**
     * Start-up only (Redis keeps nothing on disk): relays again the tickets changed in the last hours and
     * queues again every outbox document not yet settled. Both are scans.
     */
    async relayAllFromDatabase(): Promise<{ relayed: number; requeued: number }> {
      // A change's relay follows it within moments; what a crash can have left is recent.
      const since = new Date(deps.clock.now().getTime() - outboxPolicy.startupRelayWindowMs);
      const ticketIds = (
        await deps.tickets
          .find({ updatedAt: { $gte: since }, pendingNotifications: { $ne: [] } }, { _id: 1 })
          .lean()
      ).map((ticket) => ticket._id);
      let relayed = 0;
      for (const ticketId of ticketIds) {
        try {
          relayed += await relayFromTicket(ticketId);
        } catch (error) {
          // Leave it to the sweep.
          await redis.zadd(outboxKeys.pendingTickets, 0, ticketId);
          deps.logger.warn({ err: error, ticketId }, 'start-up relay of a ticket failed; the sweep retries');
        }
      }
      let requeued = 0;
      let batch: Array<{ id: string; at: number }> = [];
      const unsettled = Outbox.find(
        { status: { $in: ['pending', 'sending'] } },
        { _id: 1, nextAttemptAt: 1, leaseUntil: 1 },
      )
        .lean<Array<Pick<OutboxDocument, '_id' | 'nextAttemptAt' | 'leaseUntil'>>>()
        .cursor();
      for await (const document of unsettled) {
        const at = Math.max(document.nextAttemptAt.getTime(), document.leaseUntil?.getTime() ?? 0);
        batch.push({ id: document._id, at });
        if (batch.length >= 500) {
          await queueDue(batch);
          requeued += batch.length;
          batch = [];
        }
      }
      await queueDue(batch);
      requeued += batch.length;
      return { relayed, requeued };
    },

    /**
     * Sends what is due, up to `limit`, a few at a time; resolves with how many ids it claimed (sent,
     * failed, or found settled already).
     */
    async deliverDue(limit: number = outboxPolicy.batchSize): Promise<number> {
      let claimed = 0;
      let failure: unknown = null;
      const worker = async () => {
        while (claimed < limit && failure === null) {
          claimed += 1;
          const { ids, lease } = await claim(1);
          const id = ids[0];
          if (id === undefined) {
            claimed -= 1;
            return;
          }
          await deliverClaimed(id, lease);
        }
      };
      const workers = Array.from({ length: Math.min(outboxPolicy.concurrency, limit) }, () =>
        worker().catch((error: unknown) => {
          failure ??= error;
        }),
      );
      await Promise.all(workers);
      if (failure !== null) throw failure;
      return claimed;
    },

    async forRecipient(recipientId: string, limit = 50): Promise<OutboxDocument[]> {
      return Outbox.find({ recipientId }).sort({ createdAt: -1 }).limit(limit).lean<OutboxDocument[]>();
    },
  };
}

export type NotificationOutbox = ReturnType<typeof notificationOutbox>;
