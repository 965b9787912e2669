import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo } from '../../infra/mongo';
import { ManualClock } from '../../infra/clock';
import { documentLocks } from '../../infra/documentLocks';
import { createLogger } from '../../infra/logger';
import { testRedis } from '../../testing/testRedis';
import { loadDistrict } from '../district/district';
import { alarmBook } from './alarmBook';
import { alarmModel } from './alarmModel';

let mongo: Connection;
let redis: ReturnType<typeof testRedis>;
let book: ReturnType<typeof alarmBook>;
const clock = new ManualClock();

beforeAll(async () => {
  const runId = randomBytes(4).toString('hex');
  mongo = await connectMongo(process.env.TEST_MONGODB_URI as string, `test_alarm_book_${runId}`);
  redis = testRedis('alarm_book');
  book = alarmBook({
    alarms: alarmModel(mongo),
    locks: documentLocks(redis.redis),
    clock,
    district: loadDistrict(),
    // Repeats notify nobody: a relay that is never asked to deliver anything is enough.
    relay: { markPending: async () => undefined, relay: async () => undefined },
    logger: createLogger('silent'),
    onChange: () => undefined,
  });
});
afterAll(async () => {
  await mongo.dropDatabase();
  await mongo.close();
  await redis.dispose();
});

const detector = {
  id: 'charge-fold-1',
  type: 'charging_detector' as const,
  streetId: 'huazhou',
  site: null,
  householdId: null,
  location: { lat: 23.093, lng: 113.352 },
};
const at = (ms: number) => new Date(Date.UTC(2026, 11, 2, 1, 0, 0) + ms);

test('a burst of repeats is folded in one write, a replayed part of it counts nothing', async () => {
  const { alarm } = await book.openOrRepeat(detector, 'indoor_charging', {
    seq: 1,
    at: at(0),
    confidence: 0.9,
  });
  const burst = [2, 3, 4, 5].map((seq) => ({ seq, at: at(seq * 250), confidence: seq === 4 ? 0.97 : 0.9 }));
  expect(await book.repeatMany(alarm._id, burst)).toEqual({ unfolded: [] });
  // The same batch again after a crash, with two new detections at its end.
  const replay = [...burst, { seq: 6, at: at(1500) }, { seq: 7, at: at(1750) }];
  await book.repeatMany(alarm._id, replay);

  const stored = await book.get(alarm._id);
  expect(stored).toMatchObject({ count: 7, lastSeq: 7, confidence: 0.97 });
  expect(stored.lastDetectedAt).toEqual(at(1750));
  expect(stored.timeline.map((entry) => entry.action)).toEqual(['opened', 'repeated', 'repeated']);
});

test('detections after the alarm was cleared come back to open a new one', async () => {
  const device = { ...detector, id: 'charge-fold-2' };
  const { alarm } = await book.openOrRepeat(device, 'indoor_charging', { seq: 1, at: at(0) });
  await book.clear(alarm._id, { id: 'officer-1', name: '处置员' });
  const later = [{ seq: 2, at: at(250) }];
  expect(await book.repeatMany(alarm._id, later)).toEqual({ unfolded: later });
  expect((await book.get(alarm._id)).count).toBe(1);
});
