import { accountDeletionPhrase } from '@jiefang/contracts';
import { createLogger } from '../../infra/logger';
import { documentLocks } from '../../infra/documentLocks';
import { versionedChanges } from '../../infra/versionedChanges';
import { tokenRevocations } from '../auth/tokenRevocations';
import { photoStore } from '../photos/photoStore';
import { ticketStore } from '../tickets/ticketStore';
import { userModels } from '../users/userModel';
import { auth, submitReport } from '../../testing/reportFixtures';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { accountDeletion, interruptedAfterMs, type DeletionStep } from './accountDeletion';
import { ticketActionPolicy } from '../tickets/ticketActions';
import { erasedPhotoHoldModel } from './erasedPhotoHoldModel';
import { erasedPhotoRetention } from './erasedPhotoRetention';
import { personalRecords } from './personalRecords';
import { personalRedisKeys } from './personalRedisKeys';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('privacy-recovery', { background: false });
});
afterAll(() => t.close());

/** A second BFF process over the same database and Redis, whose deletion may stop after a step. */
function deletionProcess(stopAfter?: DeletionStep) {
  const logger = createLogger('silent');
  const locks = documentLocks(t.redis);
  const relay = { markPending: async () => undefined, relay: async () => undefined };
  const records = personalRecords(t.mongo);
  return accountDeletion({
    records,
    redisKeys: personalRedisKeys(t.redis),
    revocations: tokenRevocations(t.redis, userModels(t.mongo), t.clock, logger),
    ticketChanges: ticketStore(t.mongo).changes({
      locks,
      clock: t.clock,
      relay,
      logger,
      written: async () => undefined,
    }),
    escortChanges: versionedChanges({
      source: 'escorts',
      lockPrefix: 'escort',
      documents: records.Escort,
      locks,
      clock: t.clock,
      relay,
      logger,
    }),
    photos: photoStore(t.mongo),
    retention: erasedPhotoRetention({
      holds: erasedPhotoHoldModel(t.mongo),
      tickets: records.Ticket,
      ticketChanges: ticketStore(t.mongo).changes({
        locks,
        clock: t.clock,
        relay,
        logger,
        written: async () => undefined,
      }),
      photos: photoStore(t.mongo),
      reopenWithinMs: ticketActionPolicy.reopenWithinMs,
      clock: t.clock,
      logger,
    }),
    locks,
    clock: t.clock,
    logger,
    afterStep: (step) => {
      // As a kill -9 would: nothing after this step runs in this process.
      if (step === stopAfter) throw new Error(`stopped after ${step}`);
    },
  });
}

it('finishes a deletion cut short half way, and a finished one stays finished', async () => {
  const resident = await t.loginAs('resident', '半途注销的街坊');
  const report = await submitReport(t, resident.token, { description: '电话 13812345678' }, 201);
  const { User, Identity } = userModels(t.mongo);

  const cut = await deletionProcess('tickets').deleteAccount(resident.userId);
  expect(cut).toEqual({ status: 'deleting', completedAt: null });
  // Signed out and half done: the report is anonymised, the tombstone not yet written.
  await t.http.get('/api/me').set(auth(resident.token)).expect(401);
  expect(await Identity.countDocuments({ userId: resident.userId })).toBe(0);
  const half = await User.findById(resident.userId).lean();
  expect(half).toMatchObject({ name: '半途注销的街坊', deletion: { state: 'deleting' } });
  const ticket = await personalRecords(t.mongo).Ticket.findById(report.body.id).lean();
  expect(ticket?.reporterIds).toEqual([]);

  // The sweep leaves a deletion under way alone, then finishes it once it has been stuck a minute.
  const restarted = deletionProcess();
  expect(await restarted.finishInterrupted()).toBe(0);
  t.clock.advance(interruptedAfterMs + 1_000);
  expect(await restarted.finishInterrupted()).toBe(1);
  const done = await User.findById(resident.userId).lean();
  expect(done).toMatchObject({ name: '已注销用户', deletion: { state: 'deleted' } });
  expect(JSON.stringify(await personalRecords(t.mongo).Ticket.findById(report.body.id).lean())).not.toContain(
    resident.userId,
  );

  // Nothing left to finish, and deleting again answers as done.
  expect(await restarted.finishInterrupted()).toBe(0);
  expect((await restarted.deleteAccount(resident.userId)).status).toBe('deleted');
});

it('is finished by the next request, or else the sweep, when only the mark was written', async () => {
  const resident = await t.loginAs('resident', '只标记的街坊');
  const { User } = userModels(t.mongo);
  // A crash right after the mark: nothing else ran, so Redis may still hold the token as current.
  await User.updateOne(
    { _id: resident.userId },
    {
      $set: {
        disabled: true,
        deletion: { state: 'deleting', startedAt: t.clock.now(), ticketIds: [], escortIds: [] },
      },
    },
  );
  const again = await t.http
    .delete('/api/me')
    .set(auth(resident.token))
    .send({ confirm: accountDeletionPhrase });
  // 200: the token was still current and the request finished it; 401: MongoDB refused the disabled
  // account's token, and the sweep finishes it.
  expect([200, 401]).toContain(again.status);
  if (again.status === 401) {
    t.clock.advance(interruptedAfterMs + 1_000);
    await deletionProcess().finishInterrupted();
  }
  expect((await User.findById(resident.userId).lean())?.deletion?.state).toBe('deleted');
});
