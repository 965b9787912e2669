import { createLogger } from '../../infra/logger';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { notifyingDocuments } from '../../infra/versionedChanges';
import { ticketModel, type NotificationRecord } from '../tickets/ticketModel';
import { ticketNotificationSource } from '../tickets/ticketStore';
import { notificationOutbox, outboxKeys, outboxPolicy, retryDelayMs } from './notificationOutbox';
import type { NotificationSender, OutgoingNotification, SendResult } from './notificationSenders';
import { outboxModel } from './outboxModel';
import { receiptModel } from './receiptModel';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('notification_outbox', { background: false });
});
afterAll(() => t.close());
beforeEach(async () => {
  await outboxModel(t.mongo).deleteMany({});
  await receiptModel(t.mongo).deleteMany({});
  await ticketModel(t.mongo).deleteMany({});
  await t.redis.del(
    outboxKeys.due,
    outboxKeys.pendingDocuments,
    outboxKeys.legacyPendingTickets,
    outboxKeys.payloads,
    outboxKeys.delivered,
  );
});

/** A sender that fails the first `failures` attempts, like a flaky push service; counts every call. */
function flakySender(failures: number, permanent = false) {
  const sent: string[] = [];
  let calls = 0;
  const sender: NotificationSender = {
    async send(notification): Promise<SendResult> {
      calls += 1;
      if (calls <= failures) return { ok: false, permanent, error: `attempt ${calls} failed` };
      sent.push(notification._id);
      return { ok: true, channel: 'test' };
    },
  };
  return { sender, sent, calls: () => calls };
}

/** A sender that hangs until `finish` is called, like a push service that stops answering. */
function hangingSender() {
  let finish: (result: SendResult) => void = () => undefined;
  let calls = 0;
  const sender: NotificationSender = {
    send: () => {
      calls += 1;
      return new Promise<SendResult>((resolve) => {
        finish = resolve;
      });
    },
  };
  return {
    sender,
    finish: (result: SendResult) => finish(result),
    /** Resolves once the sender has been called. */
    async called() {
      while (calls === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
}

const outboxWith = (sender: NotificationSender) =>
  notificationOutbox({
    connection: t.mongo,
    documents: { [ticketNotificationSource]: notifyingDocuments(ticketModel(t.mongo)) },
    redis: t.redis,
    sender,
    clock: t.clock,
    logger: createLogger('silent'),
  });

const record = (id: string): NotificationRecord => ({
  id,
  recipientId: `recipient-${id}`,
  template: 'ticket_resolved',
  data: { ticketId: id },
});

const stateOf = (id: string) => outboxWith(flakySender(0).sender).stateOf(id);
const hasPayload = async (id: string) => (await t.redis.hexists(outboxKeys.payloads, id)) === 1;
const dueAt = async (id: string) => {
  const score = await t.redis.zscore(outboxKeys.due, id);
  return score === null ? null : Number(score);
};
const isMarked = async (ticketId: string) =>
  (await t.redis.zscore(outboxKeys.pendingDocuments, `${ticketNotificationSource}:${ticketId}`)) !== null;

/** A ticket as a state change leaves it: notifications written into it, not yet relayed. */
const ticketHolding = (ticketId: string, notifications: NotificationRecord[]) =>
  ticketModel(t.mongo).collection.updateOne(
    { _id: ticketId as never },
    { $set: { pendingNotifications: notifications, updatedAt: t.clock.now() } },
    { upsert: true },
  );
const recordsIn = async (ticketId: string) =>
  (await ticketModel(t.mongo).findById(ticketId, { pendingNotifications: 1 }).lean())?.pendingNotifications ??
  [];

/** Delivers until nothing is due. */
async function deliverAll(outbox: ReturnType<typeof outboxWith>) {
  let total = 0;
  for (let claimed = -1; claimed !== 0;) {
    claimed = await outbox.deliverDue(5);
    total += claimed;
  }
  return total;
}

describe('notification outbox', () => {
  it('relays notifications from a ticket once, however often the relay runs', async () => {
    const notification = record('relayed-ticket:3:ticket_resolved:r1');
    const flaky = flakySender(0);
    const outbox = outboxWith(flaky.sender);
    await outbox.markDocumentPending(ticketNotificationSource, 'relayed-ticket');
    await ticketHolding('relayed-ticket', [notification]);

    // The writer's own relay, with the document it holds.
    expect(await outbox.relayFromDocument(ticketNotificationSource, 'relayed-ticket', [notification])).toBe(
      1,
    );
    // The ticket keeps its record of what it caused; relaying it again stores and sends nothing new.
    expect(await recordsIn('relayed-ticket')).toHaveLength(1);
    expect(await isMarked('relayed-ticket')).toBe(false);
    expect(await stateOf(notification.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await dueAt(notification.id)).toBe(t.clock.now().getTime());
    expect(await hasPayload(notification.id)).toBe(true);
    expect(await outbox.relayFromDocument(ticketNotificationSource, 'relayed-ticket')).toBe(1);
    expect(await outboxModel(t.mongo).countDocuments({ _id: notification.id })).toBe(1);

    // A mark left by a crash: the sweep relays the ticket again and stores nothing twice …
    await outbox.markDocumentPending(ticketNotificationSource, 'relayed-ticket');
    await ticketHolding('relayed-ticket', [notification]);
    t.clock.advance(outboxPolicy.sweepGraceMs);
    expect(await outbox.relayAll()).toBe(1);
    expect(await outbox.relayAll()).toBe(0);
    expect(await outboxModel(t.mongo).countDocuments({ _id: notification.id })).toBe(1);
    expect(await deliverAll(outbox)).toBe(1);
    expect(flaky.sent).toEqual([notification.id]);

    // … and, replayed after delivery, sends nothing again: queued without a payload, the claim finds
    // the receipt.
    await outbox.markDocumentPending(ticketNotificationSource, 'relayed-ticket');
    await ticketHolding('relayed-ticket', [notification]);
    expect(await outbox.relayFromDocument(ticketNotificationSource, 'relayed-ticket')).toBe(1);
    expect(await hasPayload(notification.id)).toBe(false);
    await deliverAll(outbox);
    expect(flaky.calls()).toBe(1);
    expect(await dueAt(notification.id)).toBeNull();
    expect(await stateOf(notification.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('after a crash between the ticket write and its relay, the sweep relays the marked ticket', async () => {
    const notification = record('crashed-ticket:2:ticket_assigned:officer');
    const crashed = outboxWith(flakySender(0).sender);
    // As the change kernel does: mark first, then write; the process dies before relaying.
    await crashed.markDocumentPending(ticketNotificationSource, 'crashed-ticket');
    await ticketHolding('crashed-ticket', [notification]);
    // A mark whose write never happened (the write lost its race) is only cleared.
    await crashed.markDocumentPending(ticketNotificationSource, 'never-written');

    const survivor = flakySender(0);
    const outbox = outboxWith(survivor.sender);
    expect(await outbox.relayAll()).toBe(0); // a fresh mark: its write may still be on the way
    t.clock.advance(outboxPolicy.sweepGraceMs);
    expect(await outbox.relayAll()).toBe(1);
    expect(await isMarked('crashed-ticket')).toBe(false);
    expect(await isMarked('never-written')).toBe(false);
    expect(await recordsIn('crashed-ticket')).toHaveLength(1);
    await deliverAll(outbox);
    expect(survivor.sent).toEqual([notification.id]);
  });

  it('at start-up, rebuilds what Redis forgot from MongoDB', async () => {
    const flaky = flakySender(0);
    const outbox = outboxWith(flaky.sender);
    await outbox.enqueue([record('alarm:a1:smoke:owner'), record('alarm:a1:smoke:done')]);
    await deliverAll(outboxWith(flakySender(0).sender)); // both sent …
    // … one of them only in an earlier life, say, whose receipt was never written.
    await receiptModel(t.mongo).deleteOne({ _id: 'alarm:a1:smoke:owner' });
    await outboxModel(t.mongo).updateOne({ _id: 'alarm:a1:smoke:owner' }, { $set: { attempts: 1 } });
    const unmarked = record('lost-ticket:5:ticket_resolved:r9');
    await ticketHolding('lost-ticket', [unmarked]);
    // Redis restarted without persistence.
    await t.redis.del(outboxKeys.due, outboxKeys.pendingDocuments, outboxKeys.payloads);
    expect(await outbox.deliverDue()).toBe(0);
    expect(await outbox.relayAll()).toBe(0);

    expect(await outbox.relayAllFromDatabase()).toEqual({ relayed: 1, requeued: 2 });
    expect(await recordsIn('lost-ticket')).toHaveLength(1);
    expect(await deliverAll(outbox)).toBe(2);
    expect(flaky.sent.sort()).toEqual(['alarm:a1:smoke:owner', unmarked.id]);
    expect(await stateOf('alarm:a1:smoke:owner')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('takes over the ticket marks left by the code from before the change kernel', async () => {
    const notification = record('legacy-ticket:4:ticket_resolved:r2');
    const flaky = flakySender(0);
    const outbox = outboxWith(flaky.sender);
    // Changed long ago (outside the start-up window), marked by the old code and never relayed.
    await ticketHolding('legacy-ticket', [notification]);
    const longAgo = new Date(t.clock.now().getTime() - 2 * outboxPolicy.startupRelayWindowMs);
    await ticketModel(t.mongo).collection.updateOne(
      { _id: 'legacy-ticket' as never },
      { $set: { updatedAt: longAgo } },
    );
    await t.redis.zadd(outboxKeys.legacyPendingTickets, 0, 'legacy-ticket');

    expect(await outbox.relayAllFromDatabase()).toEqual({ relayed: 0, requeued: 0 });
    expect(await t.redis.exists(outboxKeys.legacyPendingTickets)).toBe(0);
    expect(await isMarked('legacy-ticket')).toBe(true);
    expect(await outbox.relayAll()).toBe(1);
    expect(await isMarked('legacy-ticket')).toBe(false);
    await deliverAll(outbox);
    expect(flaky.sent).toEqual([notification.id]);
  });

  it('retries a failed delivery with growing backoff until it is delivered', async () => {
    const flaky = flakySender(2);
    const outbox = outboxWith(flaky.sender);
    await outbox.enqueue([record('retry-me')]);
    expect(await outbox.deliverDue()).toBe(1);
    const first = await stateOf('retry-me');
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'attempt 1 failed' });
    expect(first?.nextAttemptAt?.getTime()).toBe(t.clock.now().getTime() + retryDelayMs(1));
    expect(await dueAt('retry-me')).toBe(first?.nextAttemptAt?.getTime());
    expect(JSON.parse((await t.redis.hget(outboxKeys.payloads, 'retry-me')) ?? '{}')).toMatchObject({
      attempts: 1,
    });

    t.clock.advance(retryDelayMs(1) - 1);
    expect(await outbox.deliverDue()).toBe(0); // not due yet
    t.clock.advance(1);
    expect(await outbox.deliverDue()).toBe(1);
    expect(await stateOf('retry-me')).toMatchObject({ status: 'pending', attempts: 2 });
    expect(await dueAt('retry-me')).toBe(t.clock.now().getTime() + retryDelayMs(2));

    t.clock.advance(retryDelayMs(2) - 1);
    expect(await outbox.deliverDue()).toBe(0);
    t.clock.advance(1);
    await outbox.deliverDue();
    expect(await stateOf('retry-me')).toMatchObject({
      status: 'sent',
      attempts: 3,
      channel: 'test',
    });
    expect(await dueAt('retry-me')).toBeNull();
    expect(flaky.sent).toEqual(['retry-me']);
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));
  });

  it('takes back a notification whose sender died mid-delivery once its lease runs out', async () => {
    const hanging = hangingSender();
    const dying = outboxWith(hanging.sender);
    await dying.enqueue([record('orphaned')]);
    const stalled = dying.deliverDue(1);
    await hanging.called();

    const healthy = flakySender(0);
    const outbox = outboxWith(healthy.sender);
    expect(await outbox.deliverDue()).toBe(0); // leased
    t.clock.advance(outboxPolicy.leaseMs - 1);
    expect(await outbox.deliverDue()).toBe(0);
    t.clock.advance(1);
    expect(await outbox.deliverDue()).toBe(1);
    expect(healthy.sent).toEqual(['orphaned']);
    expect(await dueAt('orphaned')).toBeNull();

    // Should the first sender come back after all, failing, it neither queues the notification again
    // nor overwrites the delivery.
    hanging.finish({ ok: false, permanent: false, error: 'timed out' });
    await stalled;
    expect(await dueAt('orphaned')).toBeNull();
    expect(await stateOf('orphaned')).toMatchObject({ status: 'sent', channel: 'test' });
  });

  it('does not send again what an instance sent before it died without a receipt: it records the receipt', async () => {
    const hanging = hangingSender();
    const dying = outboxWith(hanging.sender);
    await dying.enqueue([record('sent-then-died')]);
    void dying.deliverDue(1);
    await hanging.called();
    // What the dying instance wrote the moment its sender accepted the message, before MongoDB heard of it.
    const sentAt = t.clock.now().getTime();
    await t.redis.hset(
      outboxKeys.delivered,
      'sent-then-died',
      JSON.stringify({ channel: 'wechat', at: sentAt, attempts: 1, recipientId: 'recipient-sent-then-died' }),
    );

    const healthy = flakySender(0);
    t.clock.advance(outboxPolicy.leaseMs);
    expect(await outboxWith(healthy.sender).deliverDue()).toBe(1);
    expect(healthy.calls()).toBe(0);
    expect(await stateOf('sent-then-died')).toMatchObject({ status: 'sent', channel: 'wechat', attempts: 1 });
    expect(await dueAt('sent-then-died')).toBeNull();
    expect(await t.redis.hlen(outboxKeys.delivered)).toBe(0);
  });

  it('does not send again what was delivered while Redis could not keep the mark: the receipt stops it', async () => {
    const hanging = hangingSender();
    const dying = outboxWith(hanging.sender);
    await dying.enqueue([record('sent-redis-away')]);
    void dying.deliverDue(1);
    await hanging.called();
    // Redis was away when the sender accepted: no mark, but the receipt reached MongoDB before the crash.
    await receiptModel(t.mongo).create({
      _id: 'sent-redis-away',
      at: t.clock.now(),
      attempts: 1,
      recipientId: 'recipient-sent-redis-away',
      status: 'sent',
      channel: 'wechat',
      lastError: null,
    });

    const healthy = flakySender(0);
    t.clock.advance(outboxPolicy.leaseMs);
    expect(await outboxWith(healthy.sender).deliverDue()).toBe(1);
    expect(healthy.calls()).toBe(0);
    expect(await stateOf('sent-redis-away')).toMatchObject({ status: 'sent', channel: 'wechat' });
    expect(await dueAt('sent-redis-away')).toBeNull();
  });

  it('keeps no delivery marks once notifications are settled', async () => {
    const healthy = flakySender(0);
    const outbox = outboxWith(healthy.sender);
    await outbox.enqueue([record('marked-1'), record('marked-2')]);
    expect(await outbox.deliverDue()).toBe(2);
    expect(healthy.sent.sort()).toEqual(['marked-1', 'marked-2']);
    expect(await t.redis.hlen(outboxKeys.delivered)).toBe(0);
  });

  it('a late success by an instance whose lease ran out is not sent again by the one that took over', async () => {
    const hanging = hangingSender();
    const dying = outboxWith(hanging.sender);
    await dying.enqueue([record('late')]);
    const stalled = dying.deliverDue(1);
    await hanging.called();

    t.clock.advance(outboxPolicy.leaseMs);
    const flaky = flakySender(1);
    const outbox = outboxWith(flaky.sender);
    expect(await outbox.deliverDue()).toBe(1); // fails, due again after the backoff
    expect(await dueAt('late')).toBe(t.clock.now().getTime() + retryDelayMs(1));

    // The first instance's send went through after all: its receipt stands, and the payload goes so
    // that the next claim looks for the receipt instead of sending again.
    hanging.finish({ ok: true, channel: 'late-push' });
    await stalled;
    expect(await hasPayload('late')).toBe(false);
    t.clock.advance(retryDelayMs(1));
    expect(await outbox.deliverDue()).toBe(1);
    expect(flaky.calls()).toBe(1);
    expect(await dueAt('late')).toBeNull();
    expect(await stateOf('late')).toMatchObject({ status: 'sent', channel: 'late-push', attempts: 1 });
  });

  it('stops on a permanent refusal (e.g. the user declined the subscription)', async () => {
    const refusing = flakySender(5, true);
    const outbox = outboxWith(refusing.sender);
    await outbox.enqueue([record('refused')]);
    expect(await outbox.deliverDue()).toBe(1);
    t.clock.advance(3600_000);
    expect(await outbox.deliverDue()).toBe(0);
    expect(refusing.calls()).toBe(1);
    expect(await dueAt('refused')).toBeNull();
    expect(await stateOf('refused')).toMatchObject({
      status: 'refused',
      attempts: 1,
      lastError: 'attempt 1 failed',
    });
  });

  it('two instances delivering at the same time never send the same notification twice', async () => {
    const calls = new Map<string, number>();
    const slowSender: NotificationSender = {
      async send(notification) {
        calls.set(notification._id, (calls.get(notification._id) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
        return { ok: true, channel: 'test' };
      },
    };
    const first = outboxWith(slowSender);
    const second = outboxWith(slowSender);
    const records = Array.from({ length: 60 }, (_, index) => record(`concurrent-${index}`));
    await first.enqueue(records.slice(0, 30));
    await second.enqueue(records.slice(30));

    const [byFirst, bySecond] = await Promise.all([deliverAll(first), deliverAll(second)]);
    expect(byFirst + bySecond).toBe(60);
    expect(byFirst).toBeGreaterThan(0);
    expect(bySecond).toBeGreaterThan(0);
    expect(calls.size).toBe(60);
    expect([...calls.values()].every((count) => count === 1)).toBe(true);
    expect(await receiptModel(t.mongo).countDocuments({ status: 'sent' })).toBe(60);
    expect(await t.redis.zcard(outboxKeys.due)).toBe(0);
    expect(await t.redis.hlen(outboxKeys.payloads)).toBe(0);
  });

  it('reads the outbox document when the payload is missing from Redis, and only then', async () => {
    const received: OutgoingNotification[] = [];
    const outbox = outboxWith({
      async send(notification) {
        received.push(notification);
        return { ok: true, channel: 'test' };
      },
    });
    await outbox.enqueue([record('from-redis'), record('from-mongo')]);
    expect(await hasPayload('from-redis')).toBe(true);
    // With its payload in Redis, a delivery neither reads nor updates the document: gone, it is sent all
    // the same and stays gone.
    await outboxModel(t.mongo).deleteOne({ _id: 'from-redis' });
    // Without (Redis flushed, start-up requeued it from MongoDB), the document is read, attempts and all.
    await t.redis.hdel(outboxKeys.payloads, 'from-mongo');
    await outboxModel(t.mongo).updateOne({ _id: 'from-mongo' }, { $set: { attempts: 2 } });

    expect(await deliverAll(outbox)).toBe(2);
    const outgoing = (id: string, attempts: number): OutgoingNotification => {
      const { recipientId, template, data } = record(id);
      return { _id: id, recipientId, template, data, attempts };
    };
    expect(received).toEqual(expect.arrayContaining([outgoing('from-redis', 0), outgoing('from-mongo', 2)]));
    expect(await outboxModel(t.mongo).countDocuments({ _id: 'from-redis' })).toBe(0);
    expect(await receiptModel(t.mongo).findById('from-redis').lean()).toMatchObject({
      status: 'sent',
      attempts: 1,
      recipientId: 'recipient-from-redis',
    });
    expect(await stateOf('from-mongo')).toMatchObject({
      status: 'sent',
      attempts: 3,
      channel: 'test',
      sentAt: t.clock.now(),
    });

    // Queued again without a payload once it has a receipt: dropped when claimed, not sent.
    await t.redis.zadd(outboxKeys.due, t.clock.now().getTime(), 'from-mongo');
    expect(await outbox.deliverDue()).toBe(1);
    expect(received).toHaveLength(2);
    expect(await dueAt('from-mongo')).toBeNull();
  });

  it('backs off exponentially up to ten minutes', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([2000, 4000, 8000, 16000]);
    expect(retryDelayMs(30)).toBe(600_000);
  });
});
