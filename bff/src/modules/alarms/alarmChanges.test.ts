import { documentLocks } from '../../infra/documentLocks';
import { createLogger } from '../../infra/logger';
import { notifyingDocuments, type NotificationRelay } from '../../infra/versionedChanges';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { loadDistrict } from '../district/district';
import {
  notificationOutbox,
  outboxKeys,
  outboxPolicy,
  outboxRelay,
} from '../notifications/notificationOutbox';
import type { NotificationSender } from '../notifications/notificationSenders';
import { alarmBook, alarmNotificationSource, type AlarmedDevice } from './alarmBook';
import { alarmModel } from './alarmModel';
import { countingSender } from '../../testing/countingSender';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('alarm_changes', { background: false });
});
afterAll(() => t.close());

const outboxWith = (sender: NotificationSender) =>
  notificationOutbox({
    connection: t.mongo,
    documents: { [alarmNotificationSource]: notifyingDocuments(alarmModel(t.mongo)) },
    redis: t.redis,
    sender,
    clock: t.clock,
    logger: createLogger('silent'),
  });

const bookWith = (relay: NotificationRelay) =>
  alarmBook({
    alarms: alarmModel(t.mongo),
    locks: documentLocks(t.redis),
    clock: t.clock,
    district: loadDistrict(),
    relay,
    logger: createLogger('silent'),
    onChange: () => undefined,
  });

/** The relay of a process that dies right after the alarm's write: it marks, and never relays. */
const dyingRelay = (outbox: ReturnType<typeof outboxWith>): NotificationRelay => ({
  markPending: (source, id) => outbox.markDocumentPending(source, id),
  relay: async () => {
    throw new Error('died before relaying');
  },
});

let devices = 0;
const device = (): AlarmedDevice => ({
  id: `smoke-${(devices += 1)}`,
  type: 'smoke_detector',
  streetId: 'chigang',
  site: null,
  householdId: null,
  location: { lat: 23.1066, lng: 113.3245 },
});

const openAlarm = async (book: ReturnType<typeof bookWith>) =>
  (await book.openOrRepeat(device(), 'smoke', { seq: 1, at: t.clock.now() })).alarm;

const smokeNotice = (alarmId: string, recipientId: string) => ({
  id: `alarm:${alarmId}:smoke_alarm:${recipientId}`,
  recipientId,
  template: 'smoke_alarm' as const,
  data: { alarmId },
});

async function deliverAll(outbox: ReturnType<typeof outboxWith>) {
  for (let claimed = -1; claimed !== 0;) claimed = await outbox.deliverDue(5);
}

describe('alarm changes', () => {
  it('loses no concurrent change and sends each of their notifications exactly once', async () => {
    const counting = countingSender();
    const outbox = outboxWith(counting.sender);
    const book = bookWith(outboxRelay(outbox, () => undefined));
    const alarm = await openAlarm(book);
    await Promise.all(
      Array.from({ length: 6 }, (_, index) => [
        book.recordWarning(
          alarm._id,
          {
            messageId: `w-${index}`,
            sentAt: t.clock.now(),
            automatic: false,
            text: null,
            ackAt: null,
            ok: null,
          },
          null,
        ),
        book.notify(alarm._id, [smokeNotice(alarm._id, `owner-${index}`)], 'owners_notified', '1 人'),
      ]).flat(),
    );
    const stored = await book.get(alarm._id);
    expect(stored.warnings.map((warning) => warning.messageId).sort()).toEqual(
      Array.from({ length: 6 }, (_, index) => `w-${index}`),
    );
    expect(stored.timeline.filter((item) => item.action === 'owners_notified')).toHaveLength(1);
    expect(stored.version).toBe(12);
    expect(stored.pendingNotifications).toHaveLength(6);

    await deliverAll(outbox);
    // A sweep after the fact relays them again: nothing is sent twice.
    await outbox.relayAllFromDatabase();
    await deliverAll(outbox);
    expect([...counting.sent.keys()].sort()).toEqual(
      Array.from({ length: 6 }, (_, index) => `alarm:${alarm._id}:smoke_alarm:owner-${index}`),
    );
    expect([...counting.sent.values()].every((times) => times === 1)).toBe(true);
  });

  it('delivers what a change wrote when the process died before relaying: the sweep follows the mark', async () => {
    const counting = countingSender();
    const outbox = outboxWith(counting.sender);
    const book = bookWith(dyingRelay(outbox));
    const alarm = await openAlarm(book);
    await book.notify(alarm._id, [smokeNotice(alarm._id, 'owner-crash')], 'owners_notified', '1 人');
    expect((await book.get(alarm._id)).timeline.map((item) => item.action)).toContain('owners_notified');
    await deliverAll(outbox);
    expect(counting.sent.size).toBe(0);

    // The survivor's sweep leaves a fresh mark alone, then relays it.
    const survivor = outboxWith(counting.sender);
    expect(await survivor.relayAll()).toBe(0);
    t.clock.advance(outboxPolicy.sweepGraceMs);
    expect(await survivor.relayAll()).toBe(1);
    await deliverAll(survivor);
    expect([...counting.sent.entries()]).toEqual([[`alarm:${alarm._id}:smoke_alarm:owner-crash`, 1]]);
  });

  it('delivers it too when Redis lost the mark as well: the recovery finds it in the alarm', async () => {
    const counting = countingSender();
    const outbox = outboxWith(counting.sender);
    const book = bookWith(dyingRelay(outbox));
    const alarm = await openAlarm(book);
    await book.notify(alarm._id, [smokeNotice(alarm._id, 'owner-lost')], 'owners_notified', '1 人');
    await t.redis.del(outboxKeys.pendingDocuments);
    expect(await outbox.relayAll()).toBe(0);

    const { relayed } = await outbox.relayAllFromDatabase();
    expect(relayed).toBeGreaterThanOrEqual(1);
    await deliverAll(outbox);
    expect(counting.sent.get(`alarm:${alarm._id}:smoke_alarm:owner-lost`)).toBe(1);
  });
});
