import { escortSchema } from '@jiefang/contracts';
import { documentLocks } from '../../infra/documentLocks';
import { createLogger } from '../../infra/logger';
import { notifyingDocuments } from '../../infra/versionedChanges';
import { auth, chigangSite, north } from '../../testing/reportFixtures';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { notificationOutbox, outboxKeys, outboxPolicy } from '../notifications/notificationOutbox';
import type { NotificationSender } from '../notifications/notificationSenders';
import { outboxModel } from '../notifications/outboxModel';
import { escortChanges, escortNotificationSource } from './escortChanges';
import { escortModels, type EscortDocument } from './escortModels';
import { countingSender } from '../../testing/countingSender';

// The test clock starts on Monday 2026-11-23 08:00 Beijing time.
const tomorrow = (hhmm: string) => `2026-11-24T${hhmm}:00+08:00`;
const everyDay = Array.from({ length: 7 }, (_, weekday) => ({ weekday, start: '07:00', end: '21:00' }));

let t: TestApp;
let worker: { token: string; userId: string };
let elderId: string;
beforeAll(async () => {
  // Delivery is this test's own (below); tokens outlive the clock jumps.
  t = await startTestApp('escort_changes', {
    background: false,
    env: { JWT_TTL_SECONDS: String(7 * 24 * 3600) },
  });
  worker = await t.loginAs('community_worker', '赤岗社工', '赤岗街道');
  const elder = await t.http
    .post('/api/elders')
    .set(auth(worker.token))
    .send({
      name: '黄婆婆',
      phone: '13812345679',
      address: '赤岗北路 5 号 101',
      ...chigangSite,
      needs: [],
      emergencyContacts: [],
      familyUserIds: [],
    })
    .expect(201);
  elderId = elder.body.id;
});
afterAll(() => t.close());

const outboxWith = (sender: NotificationSender) =>
  notificationOutbox({
    connection: t.mongo,
    documents: { [escortNotificationSource]: notifyingDocuments(escortModels(t.mongo).Escort) },
    redis: t.redis,
    sender,
    clock: t.clock,
    logger: createLogger('silent'),
  });

async function deliverAll(outbox: ReturnType<typeof outboxWith>) {
  for (let claimed = -1; claimed !== 0;) claimed = await outbox.deliverDue(5);
}

describe('escort changes', () => {
  it('loses none of six SOS raised at once, and sends each of their alerts exactly once', async () => {
    const helper = await t.loginAs('volunteer', '志愿者小何');
    await t.http
      .post('/api/volunteers/me')
      .set(auth(helper.token))
      .send({
        realName: '何小华',
        phone: '13911112222',
        skills: ['first_aid'],
        serviceArea: { street: '赤岗街道', ...chigangSite, radiusKm: 3 },
        availability: everyDay,
      })
      .expect(200);
    await t.http.post(`/api/volunteers/${helper.userId}/verify`).set(auth(worker.token)).expect(200);
    const booked = await t.http
      .post('/api/escorts')
      .set(auth(worker.token))
      .send({
        elderId,
        serviceType: 'home_visit',
        windowStart: tomorrow('10:00'),
        windowEnd: tomorrow('12:00'),
      })
      .expect(201);
    const escortId = booked.body.id as string;
    await t.http.post(`/api/escorts/${escortId}/accept`).set(auth(helper.token)).expect(200);
    t.clock.advance(26 * 3600_000);
    await t.http
      .post(`/api/escorts/${escortId}/check-in`)
      .set(auth(helper.token))
      .send(north(chigangSite, 40))
      .expect(200);

    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        t.http
          .post(`/api/escorts/${escortId}/sos`)
          .set(auth(helper.token))
          .send({ ...chigangSite, note: `求助 ${index}` })
          .expect(200),
      ),
    );
    const escort = await t.http.get(`/api/escorts/${escortId}`).set(auth(worker.token)).expect(200);
    expect(escortSchema.parse(escort.body).sos).toHaveLength(6);
    // Each SOS is numbered by the count it made: a lost update would have reused a number.
    const alerts = Array.from(
      { length: 6 },
      (_, index) => `escort:${escortId}:escort_sos:${index + 1}:${worker.userId}`,
    );
    const stored = await escortModels(t.mongo).Escort.findById(escortId).lean<EscortDocument>();
    expect(stored?.pendingNotifications?.map((record) => record.id)).toEqual(expect.arrayContaining(alerts));
    expect(await outboxModel(t.mongo).countDocuments({ _id: { $in: alerts } })).toBe(6);

    const counting = countingSender();
    const outbox = outboxWith(counting.sender);
    await deliverAll(outbox);
    await outbox.relayAllFromDatabase();
    await deliverAll(outbox);
    for (const id of alerts) expect(counting.sent.get(id)).toBe(1);
    expect([...counting.sent.values()].every((times) => times === 1)).toBe(true);
  });

  it('delivers what a change wrote when the process died before relaying, by the sweep or after Redis lost the mark', async () => {
    const counting = countingSender();
    const outbox = outboxWith(counting.sender);
    const { Escort } = escortModels(t.mongo);
    const changes = escortChanges({
      models: { Escort },
      locks: documentLocks(t.redis),
      clock: t.clock,
      relay: {
        markPending: (source, id) => outbox.markDocumentPending(source, id),
        relay: async () => {
          throw new Error('died before relaying');
        },
      },
      logger: createLogger('silent'),
    });
    const [any] = await Escort.find({}).limit(1).lean<EscortDocument[]>();
    if (!any) throw new Error('the first test books an escort');
    const cancelNotice = (escort: EscortDocument, recipient: string) =>
      changes.notificationsTo(escort, [recipient], 'escort_cancelled', `:${recipient}`);

    await changes.change(any._id, (escort) => ({ notify: cancelNotice(escort, 'marked') }));
    await deliverAll(outbox);
    expect(counting.sent.size).toBe(0);
    t.clock.advance(outboxPolicy.sweepGraceMs);
    expect(await outbox.relayAll()).toBeGreaterThanOrEqual(1);
    await deliverAll(outbox);
    expect([...counting.sent.keys()]).toEqual([`escort:${any._id}:escort_cancelled:marked:marked`]);

    await changes.change(any._id, (escort) => ({ notify: cancelNotice(escort, 'unmarked') }));
    await t.redis.del(outboxKeys.pendingDocuments);
    expect(await outbox.relayAll()).toBe(0);
    await outbox.relayAllFromDatabase();
    await deliverAll(outbox);
    expect(counting.sent.get(`escort:${any._id}:escort_cancelled:unmarked:unmarked`)).toBe(1);
    expect([...counting.sent.values()].every((times) => times === 1)).toBe(true);
  });
});
