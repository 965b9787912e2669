import { documentLocks } from '../../infra/documentLocks';
import { createLogger } from '../../infra/logger';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { ticketModel } from '../reports/ticketModel';
import { notificationOutbox, retryDelayMs } from './notificationOutbox';
import type { NotificationSender, SendResult } from './notificationSenders';
import { outboxModel, type OutboxDocument } from './outboxModel';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('notification_outbox', { background: false });
});
afterAll(() => t.close());

/** A sender that fails the first `failures` attempts, like a flaky push service. */
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

/** A notification due now, as the relay would have stored it. */
const dueNotification = (id: string, overrides: Partial<OutboxDocument> = {}) =>
  outboxModel(t.mongo).create({
    _id: id,
    recipientId: `recipient-${id}`,
    template: 'ticket_assigned',
    data: {},
    status: 'pending',
    attempts: 0,
    nextAttemptAt: t.clock.now(),
    createdAt: t.clock.now(),
    ...overrides,
  });

const outboxWith = (sender: NotificationSender) =>
  notificationOutbox({
    connection: t.mongo,
    tickets: ticketModel(t.mongo),
    sender,
    clock: t.clock,
    locks: documentLocks(t.redis),
    logger: createLogger('silent'),
  });

describe('notification outbox', () => {
  it('relays notifications a crash left inside a ticket, once, however often the relay runs', async () => {
    const tickets = ticketModel(t.mongo);
    await tickets.collection.insertOne({
      _id: 'crashed-ticket' as never,
      pendingNotifications: [
        {
          id: 'crashed-ticket:3:ticket_resolved:r1',
          recipientId: 'r1',
          template: 'ticket_resolved',
          data: {},
        },
      ],
    });
    const { sender } = flakySender(0);
    const outbox = outboxWith(sender);
    expect(await outbox.relayAll()).toBe(1);
    expect(await outbox.relayAll()).toBe(0);
    // A relay that stored but crashed before clearing the ticket stores nothing twice.
    await tickets.collection.updateOne(
      { _id: 'crashed-ticket' as never },
      {
        $set: {
          pendingNotifications: [
            {
              id: 'crashed-ticket:3:ticket_resolved:r1',
              recipientId: 'r1',
              template: 'ticket_resolved',
              data: {},
            },
          ],
        },
      },
    );
    await outbox.relayAll();
    expect(await outboxModel(t.mongo).countDocuments({ _id: 'crashed-ticket:3:ticket_resolved:r1' })).toBe(1);
  });

  it('retries a failed delivery with growing backoff until it is delivered', async () => {
    const flaky = flakySender(2);
    const outbox = outboxWith(flaky.sender);
    const Outbox = outboxModel(t.mongo);
    await Outbox.deleteMany({});
    await dueNotification('retry-me');
    await outbox.deliverDue();
    expect(await Outbox.findById('retry-me').lean()).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'attempt 1 failed',
    });
    expect(await outbox.deliverDue()).toBe(0); // not due yet
    t.clock.advance(retryDelayMs(1));
    await outbox.deliverDue();
    expect(await Outbox.findById('retry-me').lean()).toMatchObject({ status: 'pending', attempts: 2 });
    t.clock.advance(retryDelayMs(2));
    await outbox.deliverDue();
    expect(await Outbox.findById('retry-me').lean()).toMatchObject({
      status: 'sent',
      attempts: 3,
      channel: 'test',
    });
    expect(flaky.sent).toEqual(['retry-me']);
  });

  it('takes back a notification whose sender died mid-delivery once its lease runs out', async () => {
    await dueNotification('orphaned', {
      status: 'sending',
      attempts: 1,
      leaseUntil: new Date(t.clock.now().getTime() + 30_000),
    });
    const healthy = flakySender(0);
    const outbox = outboxWith(healthy.sender);
    await outbox.deliverDue();
    expect(healthy.sent).not.toContain('orphaned');
    t.clock.advance(31_000);
    await outbox.deliverDue();
    expect(healthy.sent).toContain('orphaned');
  });

  it('stops on a permanent refusal (e.g. the user declined the subscription)', async () => {
    const refusing = flakySender(5, true);
    const outbox = outboxWith(refusing.sender);
    const Outbox = outboxModel(t.mongo);
    await dueNotification('refused');
    await outbox.deliverDue();
    t.clock.advance(3600_000);
    await outbox.deliverDue();
    expect(await Outbox.findById('refused').lean()).toMatchObject({ status: 'refused', attempts: 1 });
  });

  it('backs off exponentially up to ten minutes', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([2000, 4000, 8000, 16000]);
    expect(retryDelayMs(30)).toBe(600_000);
  });
});
