import { accountDeletionPhrase } from '@jiefang/contracts';
import { createLogger } from '../../infra/logger';
import { documentLocks } from '../../infra/documentLocks';
import { photoStore } from '../photos/photoStore';
import { ticketActionPolicy } from '../tickets/ticketActions';
import { ticketStore } from '../tickets/ticketStore';
import type { TicketDocument } from '../tickets/ticketModel';
import { auth, submitReport } from '../../testing/reportFixtures';
import { signInAsStaff } from '../../testing/staffLogin';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { erasedPhotoHoldModel } from './erasedPhotoHoldModel';
import { erasedPhotoRetention, holdErasedPhotoLeftovers } from './erasedPhotoRetention';
import { personalRecords } from './personalRecords';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('erased-photos', { background: false });
});
afterAll(() => t.close());

/** The sweep as the BFF's periodic chores run it; `photos` stands in for a store that fails. */
function retention(photos: { remove(ids: readonly string[]): Promise<void> } = photoStore(t.mongo)) {
  const logger = createLogger('silent');
  return erasedPhotoRetention({
    holds: erasedPhotoHoldModel(t.mongo),
    tickets: personalRecords(t.mongo).Ticket,
    ticketChanges: ticketStore(t.mongo).changes({
      locks: documentLocks(t.redis),
      clock: t.clock,
      relay: { markPending: async () => undefined, relay: async () => undefined },
      logger,
      written: async () => undefined,
    }),
    photos,
    reopenWithinMs: ticketActionPolicy.reopenWithinMs,
    clock: t.clock,
    logger,
  });
}

const storedTicket = async (id: string) =>
  (await personalRecords(t.mongo).Ticket.findById(id).lean<TicketDocument>())!;
const photoExists = async (id: string) => (await photoStore(t.mongo).open(id)) !== null;

it('keeps an erased reporter’s photos while the ticket is open and removes them once it is closed, once', async () => {
  const dispatcher = await signInAsStaff(t, 'erased-photos-dispatcher', ['dispatcher']);
  const reporter = await t.loginAs('resident', '注销的上报人');
  const neighbour = await t.loginAs('resident', '留下的邻居');
  const ticketId = (await submitReport(t, reporter.token, { description: '门口占道' }, 201)).body
    .id as string;
  // The neighbour's report at the same place joins the same ticket.
  const joined = await submitReport(t, neighbour.token, { description: '我也看到了' });
  expect(joined.body.id).toBe(ticketId);

  await t.http
    .delete('/api/me')
    .set(auth(reporter.token))
    .send({ confirm: accountDeletionPhrase })
    .expect(200);
  const erased = await storedTicket(ticketId);
  const submission = erased.submissions?.find((item) => item.reporterId.startsWith('erased-'));
  const theirs = submission?.photos.flatMap((photo) => [photo.id, photo.thumbnailId]) ?? [];
  const neighbours = erased.submissions?.find((item) => item.reporterId === neighbour.userId)?.photos ?? [];
  expect(theirs).toHaveLength(2);
  expect(neighbours).toHaveLength(1);

  // Open: the evidence stays, however often the sweep runs.
  expect(await retention().sweep()).toBe(0);
  for (const id of theirs) expect(await photoExists(id)).toBe(true);

  await t.http
    .post(`/api/tickets/${ticketId}/close`)
    .set(auth(dispatcher.token))
    .send({ kind: 'invalid', reason: '现场无此问题' })
    .expect(200);

  // A sweep whose photo store fails changes nothing and keeps the hold for the next round.
  const failing = retention({
    remove: async () => {
      throw new Error('photo store unavailable');
    },
  });
  expect(await failing.sweep()).toBe(0);
  expect(await erasedPhotoHoldModel(t.mongo).countDocuments({ ticketId })).toBe(1);
  for (const id of theirs) expect(await photoExists(id)).toBe(true);

  expect(await retention().sweep()).toBe(1);
  for (const id of theirs) expect(await photoExists(id)).toBe(false);
  expect(await photoExists(neighbours[0]!.id)).toBe(true);
  const staffView = await t.http.get(`/api/tickets/${ticketId}`).set(auth(dispatcher.token)).expect(200);
  const photoCounts = (staffView.body.submissions as Array<{ anonymous: boolean; photos: unknown[] }>).map(
    (item) => item.photos.length,
  );
  expect(photoCounts.sort()).toEqual([0, 1]);
  expect(JSON.stringify(staffView.body.photos)).not.toContain(submission!.photos[0]!.id);

  // Nothing is left to do: the next rounds release nothing.
  expect(await erasedPhotoHoldModel(t.mongo).countDocuments({ ticketId })).toBe(0);
  expect(await retention().sweep()).toBe(0);
});

it('holds the photos of a reporter erased before holds existed, and the sweep then removes them', async () => {
  const dispatcher = await signInAsStaff(t, 'leftover-photos-dispatcher', ['dispatcher']);
  const reporter = await t.loginAs('resident', '早先注销的上报人');
  const ticketId = (
    await submitReport(t, reporter.token, { category: 'garbage', description: '垃圾堆放' }, 201)
  ).body.id as string;
  await t.http
    .delete('/api/me')
    .set(auth(reporter.token))
    .send({ confirm: accountDeletionPhrase })
    .expect(200);
  // As a deletion made before this release left it: photos on the ticket and no hold.
  await erasedPhotoHoldModel(t.mongo).deleteMany({ ticketId });
  const photos = (await storedTicket(ticketId)).photos.flatMap((photo) => [photo.id, photo.thumbnailId]);
  expect(photos).toHaveLength(2);

  const leftovers = () =>
    holdErasedPhotoLeftovers({
      holds: erasedPhotoHoldModel(t.mongo),
      tickets: personalRecords(t.mongo).Ticket,
      clock: t.clock,
    });
  expect(await leftovers()).toBeGreaterThanOrEqual(1);
  expect(await erasedPhotoHoldModel(t.mongo).countDocuments({ ticketId })).toBe(1);
  // Again: the same hold, not a second one.
  await leftovers();
  expect(await erasedPhotoHoldModel(t.mongo).countDocuments({ ticketId })).toBe(1);

  await t.http
    .post(`/api/tickets/${ticketId}/close`)
    .set(auth(dispatcher.token))
    .send({ kind: 'invalid', reason: '现场无此问题' })
    .expect(200);
  expect(await retention().sweep()).toBeGreaterThanOrEqual(1);
  for (const id of photos) expect(await photoExists(id)).toBe(false);
  expect((await storedTicket(ticketId)).photos).toEqual([]);
});
