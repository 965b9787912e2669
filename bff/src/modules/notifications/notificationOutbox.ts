import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { batchedInsertsInto } from '../../infra/batchedInserts';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import { redisScript } from '../../infra/redisScript';
import type {
  NotificationRelay,
  NotifyingDocuments,
  PendingNotification,
} from '../../infra/versionedChanges';
import { ticketNotificationSource } from '../tickets/ticketStore';
import { outboxModel, type OutboxDocument } from './outboxModel';
import type { NotificationSender, OutgoingNotification, SendResult } from './notificationSenders';
import { receiptModel, type ReceiptDocument, type ReceiptStatus } from './receiptModel';

export const outboxPolicy = {
  leaseMs: 30_000,
  firstRetryMs: 2_000,
  maxRetryMs: 10 * 60_000,
  batchSize: 50,
  /**
   * Ids one claim takes. Sent `concurrency` at a time, even senders that all run into WeChat's 5 s
   * timeout finish a batch (20 s) within its lease.
   */
  claimBatch: 16,
  /** Notifications sent at the same time by one instance. */
  concurrency: 4,
  /** Marked documents the periodic sweep relays per call. */
  sweepBatch: 200,
  /**
   * The sweep leaves a mark this young alone: the write it announces (marked before the write, outside
   * the document's lock, or before a new document's insert) may still be on its way, and that write's
   * own relay will clear it.
   */
  sweepGraceMs: 10_000,
  /** At start-up, documents changed this recently are relayed again (their marks may be lost with Redis). */
  startupRelayWindowMs: 6 * 3600_000,
  /** At start-up, outbox documents created this recently and without a receipt are queued again. */
  startupRequeueWindowMs: 7 * 24 * 3600_000,
  /** Receipts are looked for from this long before a notification's creation: instances' clocks differ. */
  receiptClockSlackMs: 3600_000,
} as const;

/** Redis keys (under the client's prefix). */
export const outboxKeys = {
  /** Sorted set of notification ids to send; score = when (ms): nextAttemptAt, or a lease's end. */
  due: 'outbox:due',
  /**
   * Sorted set of `${source}:${id}` for the documents changed through the versioned-changes kernel
   * (tickets, alarms, escorts) that may hold notifications not yet relayed; score = when marked (ms).
   */
  pendingDocuments: 'outbox:pending-documents',
  /**
   * Sorted set of ticket ids marked by code from before tickets moved onto the kernel; score = when
   * marked (ms). The recovery moves what it holds into `pendingDocuments` and deletes it.
   */
  legacyPendingTickets: 'outbox:pending-tickets',
  /** Hash of id → what its sender needs (recipientId, template, data, attempts) as JSON. */
  payloads: 'outbox:payloads',
  /**
   * Hash of id → its delivery (channel, at, attempts) as JSON, written the moment the sender accepted it
   * and dropped when the id is settled: an instance that dies before the receipt is in MongoDB (or while
   * MongoDB is away) leaves the mark, and the next claim records the receipt instead of sending again.
   */
  delivered: 'outbox:delivered',
  /**
   * Hash of id → each channel's final outcome (see channelMarks), so that a retry after one channel
   * failed does not send again over those done; dropped with the payload when the id is settled.
   */
  channels: 'outbox:channels',
} as const;

/** Retry after 2 s, 4 s, 8 s … up to 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(outboxPolicy.maxRetryMs, outboxPolicy.firstRetryMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Queues ids (ARGV: triples of id, when, payload) that are not queued yet. The payload, when given, is
 * stored beside a newly queued id only: one already queued keeps what it has.
 */
const queueScript = `
local queued = 0
for i = 1, #ARGV, 3 do
  if redis.call('ZADD', KEYS[1], 'NX', ARGV[i + 1], ARGV[i]) == 1 then
    queued = queued + 1
    if ARGV[i + 2] ~= '' then redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 2]) end
  end
end
return queued`;

/**
 * Takes up to ARGV[3] ids due by ARGV[1], moves each one's score to the lease's end, ARGV[2], and
 * returns id, payload (nil when missing), delivery mark (nil when not delivered), id, payload, mark …
 */
const claimScript = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local claimed = {}
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[1], 'XX', ARGV[2], id)
  claimed[#claimed + 1] = id
  claimed[#claimed + 1] = redis.call('HGET', KEYS[2], id)
  claimed[#claimed + 1] = redis.call('HGET', KEYS[3], id)
end
return claimed`;

/**
 * Settles a batch claimed under the lease ARGV[1]; then triples of id, next attempt's time ('' when
 * done), payload ('' to keep it). Only ids still carrying this lease are rescheduled or removed: an
 * instance whose lease ran out (and whose id another instance took) changes nothing, except that an id
 * it is done with loses its payload (and channel marks), so that its new holder's next claim checks for the receipt.
 */
const settleScript = `
local settled = 0
for i = 2, #ARGV, 3 do
  local id, nextAt, payload = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local score = redis.call('ZSCORE', KEYS[1], id)
  local ours = score and tonumber(score) == tonumber(ARGV[1])
  if nextAt == '' then
    if ours then
      redis.call('ZREM', KEYS[1], id)
      settled = settled + 1
    end
    redis.call('HDEL', KEYS[2], id)
    redis.call('HDEL', KEYS[3], id)
    redis.call('HDEL', KEYS[4], id)
  elseif ours then
    redis.call('ZADD', KEYS[1], 'XX', nextAt, id)
    if payload ~= '' and redis.call('HEXISTS', KEYS[2], id) == 1 then redis.call('HSET', KEYS[2], id, payload) end
    settled = settled + 1
  end
end
return settled`;

/** An id to queue; its payload is left out when a receipt may exist (the claim then checks MongoDB). */
interface DueEntry {
  id: string;
  at: number;
  payload: string | null;
}

/** A claimed id with its payload as stored in Redis (or null), and its delivery mark if it was sent. */
interface ClaimedEntry {
  id: string;
  payload: string | null;
  delivered: string | null;
}

/** What the delivery mark records: enough for the receipt. */
interface DeliveryMark {
  channel: string;
  /** A channel that refused while others delivered. */
  error?: string;
  at: number;
  attempts: number;
  recipientId: string;
}

/** What becomes of a claimed id in Redis: done (removed), or due again at `nextAt` with its payload. */
interface Settlement {
  id: string;
  nextAt: number | null;
  payload: string | null;
}

/** What a notification's inbox entry and the tests see: its document merged with its receipt. */
export interface NotificationState {
  _id: string;
  recipientId: string;
  template: string;
  data: OutboxDocument['data'];
  status: 'pending' | ReceiptStatus;
  attempts: number;
  createdAt: Date;
  /** While pending: the next attempt's time, unless a lease (in Redis) holds it longer. */
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  channel: string | null;
  lastError: string | null;
  /** When the recipient read it in the app, by id (the inbox's mark-all is kept apart). */
  readAt: Date | null;
}

/** Where an inbox page starts: after the entry with this creation time and id (newest first). */
export interface InboxCursor {
  createdAt: Date;
  id: string;
}

export function mergedState(
  document: OutboxDocument,
  receipt: ReceiptDocument | undefined,
): NotificationState {
  const common = {
    _id: document._id,
    recipientId: document.recipientId,
    template: document.template,
    data: document.data,
    createdAt: document.createdAt,
    readAt: document.readAt ?? null,
  };
  if (receipt) {
    return {
      ...common,
      status: receipt.status,
      attempts: receipt.attempts,
      nextAttemptAt: null,
      sentAt: receipt.status === 'sent' ? receipt.at : null,
      channel: receipt.channel,
      lastError: receipt.lastError,
    };
  }
  // Documents from before receipts carry their outcome themselves.
  const status = document.status === 'sending' ? 'pending' : document.status;
  return {
    ...common,
    status,
    attempts: document.attempts,
    nextAttemptAt: status === 'pending' ? document.nextAttemptAt : null,
    sentAt: document.sentAt,
    channel: document.channel,
    lastError: document.lastError,
  };
}

const payloadOf = (notification: Omit<OutgoingNotification, '_id'>): string =>
  JSON.stringify({
    recipientId: notification.recipientId,
    template: notification.template,
    data: notification.data,
    attempts: notification.attempts,
  });

const notificationFromPayload = (id: string, payload: string): OutgoingNotification => ({
  _id: id,
  ...(JSON.parse(payload) as Omit<OutgoingNotification, '_id'>),
});

/** Runs `task` for every item, at most `limit` at a time; `task` must not throw. */
async function forEachAtMost<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await task(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

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
 * The notification outbox. MongoDB's `outbox` documents are the durable record and `outbox_receipts`
 * their outcomes; Redis says what is due and keeps what its sender needs beside it.
 *
 * - Tickets, alarms and escorts change through the versioned-changes kernel (infra): a change writes
 *   its notifications into the document in the same update (so a crash cannot separate them), having
 *   first marked it (`markDocumentPending`, `${source}:${id}` in `pendingDocuments`).
 *   `relayFromDocument` inserts them here under their deterministic ids (a duplicate means already
 *   relayed), queues them as due with their payloads and removes the mark; the document keeps its list.
 *   The periodic sweep (`relayAll`) follows the marks, reading the documents through `deps.documents`;
 *   `relayAllFromDatabase` scans recently changed documents and the outbox after Redis lost its data
 *   and at the Redis recovery's sweeps (each start, reconnects, every 15 minutes).
 * - `deliverDue` claims due ids with their payloads in batches, with one Lua call that moves them a lease
 *   into the future, so several BFF instances never send the same notification at once, and an instance
 *   that dies mid-send lets it come back when the lease runs out (at least once). A sent or refused
 *   notification gets a receipt (an insert in a group commit); only a transient failure updates its
 *   outbox document. A delivery whose payload is in Redis reads nothing from MongoDB.
 * - An id queued without a payload (a replayed relay, the start-up requeue, a lost payload) may have a
 *   receipt already: its claim reads its document and receipt, and drops it when it has one.
 *
 * Every MongoDB access on these paths is an insert or a lookup/update by `_id`: FerretDB scans the
 * whole collection for anything else.
 */
export function notificationOutbox(deps: {
  connection: Connection;
  /** The documents whose changes carry notifications, by source name (as their kernel marks them). */
  documents?: Record<string, NotifyingDocuments>;
  redis: Redis;
  sender: NotificationSender;
  clock: Clock;
  logger: Logger;
}) {
  const Outbox = outboxModel(deps.connection);
  const Receipts = receiptModel(deps.connection);
  const { redis } = deps;

  const outboxInserts = batchedInsertsInto<OutboxDocument>(deps.connection, Outbox.collection.collectionName);
  const receiptInserts = batchedInsertsInto<ReceiptDocument>(
    deps.connection,
    Receipts.collection.collectionName,
  );
  const queueScriptCall = redisScript<number>(redis, 'jiefangOutboxQueue', 2, queueScript);
  const claimScriptCall = redisScript<Array<string | null>>(redis, 'jiefangOutboxClaim', 3, claimScript);
  const settleScriptCall = redisScript<number>(redis, 'jiefangOutboxSettle', 4, settleScript);

  const queueDue = async (entries: readonly DueEntry[]) => {
    if (!entries.length) return;
    await queueScriptCall(
      outboxKeys.due,
      outboxKeys.payloads,
      ...entries.flatMap((entry) => [entry.id, entry.at, entry.payload ?? '']),
    );
  };

  /** Stores the records (a duplicate id is one stored before) and queues them as due now. */
  const store = async (records: readonly PendingNotification[]): Promise<void> => {
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
    // Duplicates too: a crash between an insert and this line must not strand the stored one. The queue
    // keeps the time of an id already queued (or leased); a duplicate gets no payload, as it may have
    // been delivered already: its claim checks for a receipt.
    await queueDue(
      records.flatMap((record, index) => {
        const outcome = outcomes[index];
        if (outcome?.status !== 'fulfilled') return [];
        const payload = outcome.value === 'inserted' ? payloadOf({ ...record, attempts: 0 }) : null;
        return [{ id: record.id, at: now.getTime(), payload }];
      }),
    );
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  };

  const documentMark = (source: string, id: string) => `${source}:${id}`;

  /**
   * Relays a document's notifications to the outbox: the latest change's when the caller passes them,
   * else all the document ever caused (a sweep after a crash; those relayed before are not stored
   * twice). The document keeps its list: rewriting it would be one more write per change for nothing.
   */
  const relayFromDocument = async (source: string, id: string, known?: readonly PendingNotification[]) => {
    const documents = deps.documents?.[source];
    if (!documents && !known) throw new Error(`no notifying documents named ${source}`);
    const records = known ?? (await documents?.notificationsOf(id)) ?? [];
    await store(records);
    await redis.zrem(outboxKeys.pendingDocuments, documentMark(source, id));
    return records.length;
  };

  /** The sweep over marked documents: the marks not younger than the grace. */
  const relayMarkedDocuments = async (cutoff: number, limit: number) => {
    const marks = await redis.zrangebyscore(outboxKeys.pendingDocuments, '-inf', cutoff, 'LIMIT', 0, limit);
    let relayed = 0;
    for (const mark of marks) {
      const separator = mark.indexOf(':');
      const source = mark.slice(0, separator);
      const id = mark.slice(separator + 1);
      try {
        relayed += await relayFromDocument(source, id);
      } catch (error) {
        deps.logger.warn(
          { err: error, source, id },
          'relay of a marked document failed; the next sweep retries',
        );
      }
    }
    return relayed;
  };

  /** For the Redis recovery: relays again the documents changed in the window that carry notifications. */
  const relayDocumentsFromDatabase = async (since: Date) => {
    let relayed = 0;
    for (const [source, documents] of Object.entries(deps.documents ?? {})) {
      for (const id of await documents.changedSince(since)) {
        try {
          relayed += await relayFromDocument(source, id);
        } catch (error) {
          // Leave it to the sweep.
          await redis.zadd(outboxKeys.pendingDocuments, 0, documentMark(source, id));
          deps.logger.warn(
            { err: error, source, id },
            'start-up relay of a document failed; the sweep retries',
          );
        }
      }
    }
    return relayed;
  };

  /**
   * Moves the marks of code from before tickets moved onto the kernel into `pendingDocuments` (keeping
   * their times), so a deploy loses nothing the old code marked.
   */
  const drainLegacyTicketMarks = async () => {
    const marks = await redis.zrange(outboxKeys.legacyPendingTickets, 0, -1, 'WITHSCORES');
    if (!marks.length) return;
    const moved: Array<string | number> = [];
    for (let index = 0; index < marks.length; index += 2)
      moved.push(Number(marks[index + 1]), documentMark(ticketNotificationSource, marks[index] as string));
    await redis.zadd(outboxKeys.pendingDocuments, 'NX', ...moved);
    await redis.zrem(outboxKeys.legacyPendingTickets, ...marks.filter((_, index) => index % 2 === 0));
  };

  const claim = async (count: number): Promise<{ entries: ClaimedEntry[]; lease: number }> => {
    const now = deps.clock.now().getTime();
    const lease = now + outboxPolicy.leaseMs;
    const reply = await claimScriptCall(
      outboxKeys.due,
      outboxKeys.payloads,
      outboxKeys.delivered,
      now,
      lease,
      count,
    );
    const entries: ClaimedEntry[] = [];
    for (let index = 0; index < reply.length; index += 3) {
      entries.push({
        id: reply[index] as string,
        payload: reply[index + 1] ?? null,
        delivered: reply[index + 2] ?? null,
      });
    }
    return { entries, lease };
  };

  const settle = async (lease: number, settlements: readonly Settlement[]) => {
    if (!settlements.length) return;
    await settleScriptCall(
      outboxKeys.due,
      outboxKeys.payloads,
      outboxKeys.delivered,
      outboxKeys.channels,
      lease,
      ...settlements.flatMap((settlement) => [
        settlement.id,
        settlement.nextAt ?? '',
        settlement.payload ?? '',
      ]),
    );
  };

  const stillLeased = async (id: string, lease: number) =>
    Number(await redis.zscore(outboxKeys.due, id)) === lease;

  /** An id queued without its payload: read from MongoDB, or null when it has a receipt (or is gone). */
  const unsettledFromDatabase = async (id: string): Promise<OutgoingNotification | null> => {
    const [document, receipt] = await Promise.all([
      Outbox.findById(id).lean<OutboxDocument>().exec(),
      Receipts.exists({ _id: id }).exec(),
    ]);
    if (!document || receipt || document.status === 'sent' || document.status === 'refused') return null;
    return {
      _id: document._id,
      recipientId: document.recipientId,
      template: document.template,
      data: document.data,
      attempts: document.attempts,
    };
  };

  const sendSafely = async (notification: OutgoingNotification): Promise<SendResult> => {
    try {
      return await deps.sender.send(notification);
    } catch (error) {
      return { ok: false, permanent: false, error: error instanceof Error ? error.message : String(error) };
    }
  };

  /** A duplicate means recorded already (by an instance whose lease ran out): the first outcome stands. */
  const recordReceipt = (receipt: ReceiptDocument) => withWriteRetries(() => receiptInserts.insert(receipt));

  /**
   * Sends one claimed notification and records the outcome; how Redis is to settle it goes to
   * `settleLater`. Should a write here fail for good, the id stays leased and is sent again after the
   * lease: at least once.
   */
  const deliverClaimed = async (
    entry: ClaimedEntry,
    lease: number,
    settleLater: (settlement: Settlement) => void,
  ): Promise<void> => {
    const { id } = entry;
    if (entry.delivered !== null) {
      // Sent by an instance that died (or could not reach MongoDB) before the receipt: record, do not resend.
      const mark = JSON.parse(entry.delivered) as DeliveryMark;
      await recordReceipt({
        _id: id,
        at: new Date(mark.at),
        attempts: mark.attempts,
        recipientId: mark.recipientId,
        status: 'sent',
        channel: mark.channel,
        lastError: mark.error ?? null,
      });
      settleLater({ id, nextAt: null, payload: null });
      return;
    }
    let notification: OutgoingNotification | null;
    try {
      // A claim after a crash, or after Redis lost the delivery mark, finds the receipt in MongoDB.
      notification =
        entry.payload === null
          ? await unsettledFromDatabase(id)
          : (await Receipts.exists({ _id: id }).exec())
            ? null
            : notificationFromPayload(id, entry.payload);
    } catch (error) {
      // Nothing was sent: try again shortly rather than after the whole lease.
      settleLater({ id, nextAt: deps.clock.now().getTime() + outboxPolicy.firstRetryMs, payload: null });
      throw error;
    }
    if (!notification) {
      settleLater({ id, nextAt: null, payload: null });
      return;
    }

    const result = await sendSafely(notification);
    const after = deps.clock.now();
    const attempts = notification.attempts + 1;
    const receipt = { _id: id, at: after, attempts, recipientId: notification.recipientId };
    if (result.ok) {
      const mark: DeliveryMark = {
        channel: result.channel,
        ...(result.error ? { error: result.error } : {}),
        at: after.getTime(),
        attempts,
        recipientId: notification.recipientId,
      };
      // Redis away: the receipt below alone keeps the notification from being sent again.
      await redis.hset(outboxKeys.delivered, id, JSON.stringify(mark)).catch((error: unknown) => {
        deps.logger.warn(
          { err: error, notificationId: id },
          'delivery mark not written; the receipt stands for it',
        );
      });
      await recordReceipt({
        ...receipt,
        status: 'sent',
        channel: result.channel,
        lastError: result.error ?? null,
      });
      settleLater({ id, nextAt: null, payload: null });
      return;
    }
    // A lease that ran out while the sender hung: the id is someone else's now (maybe delivered by
    // them already), and a failure here must not overwrite their outcome.
    if (!(await stillLeased(id, lease))) {
      deps.logger.warn(
        { notificationId: id, error: result.error },
        'notification failed after its lease ran out',
      );
      return;
    }
    if (result.permanent) {
      await recordReceipt({
        ...receipt,
        status: 'refused',
        channel: result.channel ?? null,
        lastError: result.error,
      });
      settleLater({ id, nextAt: null, payload: null });
    } else {
      const nextAttemptAt = new Date(after.getTime() + retryDelayMs(attempts));
      await withWriteRetries(() =>
        Outbox.updateOne(
          { _id: id },
          { $set: { attempts, nextAttemptAt, lastError: result.error, channel: result.channel ?? null } },
        ),
      );
      settleLater({ id, nextAt: nextAttemptAt.getTime(), payload: payloadOf({ ...notification, attempts }) });
    }
    deps.logger.warn(
      { notificationId: id, error: result.error, permanent: result.permanent },
      'notification not delivered',
    );
  };

  /** Delivers one claimed batch, `concurrency` at a time, and settles it in Redis with one call. */
  const deliverBatch = async (entries: readonly ClaimedEntry[], lease: number): Promise<void> => {
    const settlements: Settlement[] = [];
    let failure: unknown = null;
    await forEachAtMost(entries, outboxPolicy.concurrency, async (entry) => {
      try {
        await deliverClaimed(entry, lease, (settlement) => settlements.push(settlement));
      } catch (error) {
        failure ??= error;
      }
    });
    await settle(lease, settlements);
    if (failure !== null) throw failure;
  };

  /** Outbox documents that may still have to be sent, with when; scans the collection. */
  const unsettledDocuments = async () => {
    const since = new Date(deps.clock.now().getTime() - outboxPolicy.startupRequeueWindowMs);
    const due = new Map<string, number>();
    let oldest = Infinity;
    const documents = Outbox.find(
      // A notification is tried within seconds of being stored, so an untried one older than the window
      // is stale news; one that failed (attempts > 0) is kept until it has a receipt. Documents from
      // before receipts carry their outcome in `status`.
      {
        status: { $in: ['pending', 'sending'] },
        $or: [{ createdAt: { $gte: since } }, { attempts: { $gt: 0 } }],
      },
      { _id: 1, nextAttemptAt: 1, leaseUntil: 1, createdAt: 1 },
    )
      .lean<Array<Pick<OutboxDocument, '_id' | 'nextAttemptAt' | 'leaseUntil' | 'createdAt'>>>()
      .cursor();
    for await (const document of documents) {
      due.set(document._id, Math.max(document.nextAttemptAt.getTime(), document.leaseUntil?.getTime() ?? 0));
      oldest = Math.min(oldest, document.createdAt.getTime());
    }
    return { due, oldest };
  };

  /** Removes from `due` the ids that have a receipt (written after `oldest`); scans the receipts. */
  const dropRecorded = async (due: Map<string, number>, oldest: number) => {
    if (!due.size) return;
    const receipts = Receipts.find(
      { at: { $gte: new Date(oldest - outboxPolicy.receiptClockSlackMs) } },
      { _id: 1 },
    )
      .lean<Array<Pick<ReceiptDocument, '_id'>>>()
      .cursor();
    for await (const receipt of receipts) due.delete(receipt._id);
  };

  return {
    relayFromDocument,

    /**
     * Stores notifications that no document carries; deterministic ids make a replay harmless. Tickets,
     * alarms and escorts do not come this way: their changes carry their notifications.
     */
    enqueue: store,

    /**
     * Called before a write through the versioned-changes kernel that carries notifications: should the
     * relay after the write never happen (a crash), the sweep finds the document here.
     */
    async markDocumentPending(source: string, id: string): Promise<void> {
      await redis.zadd(outboxKeys.pendingDocuments, deps.clock.now().getTime(), documentMark(source, id));
    },

    /** The periodic sweep: relays the documents marked pending (a bounded batch), not younger than the grace. */
    async relayAll(limit: number = outboxPolicy.sweepBatch): Promise<number> {
      const cutoff = deps.clock.now().getTime() - outboxPolicy.sweepGraceMs;
      return relayMarkedDocuments(cutoff, limit);
    },

    /**
     * For the Redis recovery (after Redis lost its data, and at its sweeps): takes over the marks the
     * code before the kernel left, relays again the notifying documents changed in the last hours and
     * queues again every outbox document without a receipt. All are scans.
     */
    async relayAllFromDatabase(): Promise<{ relayed: number; requeued: number }> {
      await drainLegacyTicketMarks();
      // A change's relay follows it within moments; what a crash can have left is recent.
      const since = new Date(deps.clock.now().getTime() - outboxPolicy.startupRelayWindowMs);
      const relayed = await relayDocumentsFromDatabase(since);
      const { due, oldest } = await unsettledDocuments();
      await dropRecorded(due, oldest);
      // Without payloads: a receipt may be written between the scan and the claim, which checks for it.
      const entries: DueEntry[] = [...due].map(([id, at]) => ({ id, at, payload: null }));
      for (let start = 0; start < entries.length; start += 500)
        await queueDue(entries.slice(start, start + 500));
      return { relayed, requeued: entries.length };
    },

    /**
     * Sends what is due, up to `limit`, a batch at a time; resolves with how many ids it claimed (sent,
     * failed, or found settled already).
     */
    async deliverDue(limit: number = outboxPolicy.batchSize): Promise<number> {
      let claimed = 0;
      while (claimed < limit) {
        const { entries, lease } = await claim(Math.min(outboxPolicy.claimBatch, limit - claimed));
        if (!entries.length) break;
        claimed += entries.length;
        await deliverBatch(entries, lease);
      }
      return claimed;
    },

    /** A notification's state (its document merged with its receipt), or null when there is none. */
    async stateOf(id: string): Promise<NotificationState | null> {
      const [document, receipt] = await Promise.all([
        Outbox.findById(id).lean<OutboxDocument>().exec(),
        Receipts.findById(id).lean<ReceiptDocument>().exec(),
      ]);
      return document ? mergedState(document, receipt ?? undefined) : null;
    },

    /**
     * The recipient's notifications, newest first (ties by id), each with its outcome: the latest, or
     * those after `before`. Filtered by recipient first, which the (recipientId, createdAt) index serves.
     */
    async forRecipient(
      recipientId: string,
      page: { limit?: number; before?: InboxCursor } = {},
    ): Promise<NotificationState[]> {
      const { before } = page;
      const documents = await Outbox.find({
        recipientId,
        ...(before
          ? {
              $or: [
                { createdAt: { $lt: before.createdAt } },
                { createdAt: before.createdAt, _id: { $lt: before.id } },
              ],
            }
          : {}),
      })
        .sort({ createdAt: -1, _id: -1 })
        .limit(page.limit ?? 50)
        .lean<OutboxDocument[]>();
      const oldest = documents.at(-1)?.createdAt;
      if (!oldest) return [];
      const receipts = await Receipts.find({
        recipientId,
        at: { $gte: new Date(oldest.getTime() - outboxPolicy.receiptClockSlackMs) },
      }).lean<ReceiptDocument[]>();
      const receiptOf = new Map(receipts.map((receipt) => [receipt._id, receipt]));
      return documents.map((document) => mergedState(document, receiptOf.get(document._id)));
    },
  };
}

export type NotificationOutbox = ReturnType<typeof notificationOutbox>;

/** The kernel's relay through the outbox, kicking delivery once notifications are queued. */
export function outboxRelay(
  outbox: Pick<NotificationOutbox, 'markDocumentPending' | 'relayFromDocument'>,
  kickDelivery: () => void,
): NotificationRelay {
  return {
    markPending: (source, id) => outbox.markDocumentPending(source, id),
    async relay(source, id, notifications) {
      await outbox.relayFromDocument(source, id, notifications);
      kickDelivery();
    },
  };
}
