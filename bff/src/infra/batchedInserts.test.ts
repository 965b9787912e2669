import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { startTcpProxy } from '../testing/tcpProxy';
import { batchedInserts } from './batchedInserts';
import { connectMongo } from './mongo';

interface Row {
  _id: string;
  value: number;
}

let mongo: Connection;

beforeAll(async () => {
  mongo = await connectMongo(
    process.env.TEST_MONGODB_URI as string,
    `test_batched_${randomBytes(4).toString('hex')}`,
  );
});

afterAll(async () => {
  await mongo.dropDatabase();
  await mongo.close();
});

test('concurrent inserts are written in shared batches and each caller learns its own outcome', async () => {
  const collection = mongo.collection<Row>('rows');
  await collection.insertOne({ _id: 'taken', value: -1 });
  let commands = 0;
  const counting = new Proxy(collection, {
    get(target, property, receiver) {
      if (property === 'insertMany') commands += 1;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  const inserts = batchedInserts(counting, { maxBatch: 50 });

  const outcomes = await Promise.all([
    ...Array.from({ length: 120 }, (_, index) => inserts.insert({ _id: `row-${index}`, value: index })),
    inserts.insert({ _id: 'taken', value: 1 }),
    inserts.insert({ _id: 'row-7', value: 7 }),
  ]);

  expect(outcomes.slice(0, 120).every((outcome) => outcome === 'inserted')).toBe(true);
  expect(outcomes.slice(120)).toEqual(['duplicate', 'duplicate']);
  expect(await collection.countDocuments()).toBe(121);
  expect((await collection.findOne({ _id: 'taken' }))?.value).toBe(-1);
  // 122 documents in batches of at most 50: three commands, not 122.
  expect(commands).toBe(3);
});

test('an insert that arrives while a batch is being written is not left behind', async () => {
  const inserts = batchedInserts(mongo.collection<Row>('late'));
  const first = inserts.insert({ _id: 'a', value: 1 });
  await new Promise((resolve) => setImmediate(resolve));
  const second = inserts.insert({ _id: 'b', value: 2 });
  await expect(Promise.all([first, second])).resolves.toEqual(['inserted', 'inserted']);
  await inserts.drain();
  expect(await mongo.collection<Row>('late').countDocuments()).toBe(2);
});

test('a failure that is not a duplicate reaches every caller of the batch', async () => {
  const closed = await connectMongo(process.env.TEST_MONGODB_URI as string, mongo.name);
  const inserts = batchedInserts(closed.collection<Row>('gone'));
  await closed.close();
  const results = await Promise.allSettled([
    inserts.insert({ _id: 'x', value: 1 }),
    inserts.insert({ _id: 'y', value: 2 }),
  ]);
  expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
});

test('an insert cut off by the server dying is refused, not taken as written', async () => {
  // The driver reports a connection dying mid-insertMany as a bulk write error without write errors.
  const shared = new URL(process.env.TEST_MONGODB_URI as string);
  const proxy = await startTcpProxy({ host: shared.hostname, port: Number(shared.port || 27017) });
  shared.host = `127.0.0.1:${proxy.port}`;
  const relayed = await connectMongo(shared.toString(), mongo.name);
  try {
    const inserts = batchedInserts(relayed.collection<Row>('cut'));
    await inserts.insert({ _id: 'before', value: 0 });
    proxy.hang();
    const pending = Promise.allSettled([
      inserts.insert({ _id: 'lost-1', value: 1 }),
      inserts.insert({ _id: 'lost-2', value: 2 }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await proxy.cut();
    const results = await pending;
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await mongo.collection<Row>('cut').countDocuments({ _id: { $in: ['lost-1', 'lost-2'] } })).toBe(0);
  } finally {
    await relayed.close(true).catch(() => undefined);
    await proxy.close();
  }
});
