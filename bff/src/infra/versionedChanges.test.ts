import { Schema, type Model } from 'mongoose';
import { startTestApp, type TestApp } from '../testing/testApp';
import { documentLocks } from './documentLocks';
import { createLogger } from './logger';
import {
  notifyingDocuments,
  versionedChanges,
  type NotificationRelay,
  type PendingNotification,
  type VersionedDocument,
} from './versionedChanges';

interface CounterDocument extends VersionedDocument {
  steps: string[];
  label: string | null;
}

let t: TestApp;
let counters: Model<CounterDocument>;
beforeAll(async () => {
  t = await startTestApp('versioned_changes', { background: false });
  counters = t.mongo.model<CounterDocument>(
    'VersionedCounter',
    new Schema<CounterDocument>(
      {
        _id: { type: String, required: true },
        steps: { type: [String], default: [] },
        label: { type: String, default: null },
        version: { type: Number },
        pendingNotifications: { type: Schema.Types.Mixed },
        updatedAt: { type: Date, required: true },
      },
      { versionKey: false, minimize: false },
    ),
    'versioned_counters',
  );
});
afterAll(() => t.close());

/** A relay that records what it was asked to do; `dies` plays a process that dies before relaying. */
function recordingRelay(options: { dies?: boolean } = {}) {
  const marked: string[] = [];
  const relayed: PendingNotification[] = [];
  const relay: NotificationRelay = {
    async markPending(source, id) {
      marked.push(`${source}:${id}`);
    },
    async relay(_source, _id, notifications) {
      if (options.dies) throw new Error('process died before relaying');
      relayed.push(...notifications);
    },
  };
  return { relay, marked, relayed };
}

const kernelWith = (relay: NotificationRelay, written?: (document: CounterDocument) => Promise<void>) =>
  versionedChanges<CounterDocument>({
    source: 'counters',
    lockPrefix: 'counter',
    documents: counters,
    locks: documentLocks(t.redis),
    clock: t.clock,
    relay,
    logger: createLogger('silent'),
    ...(written ? { written } : {}),
  });

const notification = (id: string): PendingNotification => ({
  id,
  recipientId: `recipient-${id}`,
  // A made-up template: the kernel does not read it.
  template: 'counter_step' as PendingNotification['template'],
  data: { step: id },
});

const stored = (id: string) => counters.findById(id).lean<CounterDocument>().exec();

describe('versioned changes', () => {
  it('loses no update and sends each notification once when six changes race on one document', async () => {
    const recording = recordingRelay();
    const kernel = kernelWith(recording.relay);
    await kernel.create({ _id: 'race', steps: [], label: null, updatedAt: t.clock.now() });
    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        kernel.apply('race', (current) => ({
          set: { steps: [...current.steps, `step-${index}`] },
          notify: [notification(`race:${current.steps.length + 1}`)],
        })),
      ),
    );
    const document = await stored('race');
    expect(document?.steps.sort()).toEqual(Array.from({ length: 6 }, (_, index) => `step-${index}`));
    expect(document?.version).toBe(6);
    const expected = Array.from({ length: 6 }, (_, index) => `race:${index + 1}`);
    expect(document?.pendingNotifications?.map((record) => record.id).sort()).toEqual(expected);
    expect(recording.relayed.map((record) => record.id).sort()).toEqual(expected);
  });

  it('decides again on the fresh document when a writer without the lock changed it meanwhile', async () => {
    const recording = recordingRelay();
    const kernel = kernelWith(recording.relay);
    await kernel.create({ _id: 'stale', steps: [], label: null, updatedAt: t.clock.now() });
    let decisions = 0;
    const outcome = await kernel.apply('stale', async (current) => {
      decisions += 1;
      // Between this read and the write, someone else's change lands.
      if (decisions === 1)
        await counters.updateOne({ _id: 'stale' }, { $push: { steps: 'other' }, $inc: { version: 1 } });
      return { set: { steps: [...current.steps, 'mine'] }, notify: [notification('stale:mine')] };
    });
    expect(decisions).toBe(2);
    expect(outcome?.document.steps).toEqual(['other', 'mine']);
    expect(outcome?.document.version).toBe(2);
    expect(outcome?.document.pendingNotifications?.map((record) => record.id)).toEqual(['stale:mine']);
  });

  it('writes nothing for a change that changes nothing, and stores a replayed notification once', async () => {
    const recording = recordingRelay();
    const kernel = kernelWith(recording.relay);
    await kernel.create({ _id: 'replay', steps: ['a'], label: null, updatedAt: t.clock.now() });
    expect(await kernel.apply('replay', () => ({ set: { steps: ['a'] } }))).toMatchObject({ changed: false });
    expect(await kernel.apply('replay', () => null)).toMatchObject({ changed: false });
    expect((await stored('replay'))?.version).toBe(0);

    const change = () => ({ set: { label: 'done' }, notify: [notification('replay:1')] });
    expect(await kernel.apply('replay', change)).toMatchObject({ changed: true });
    expect(await kernel.apply('replay', change)).toMatchObject({ changed: false });
    const document = await stored('replay');
    expect(document?.version).toBe(1);
    expect(document?.pendingNotifications).toHaveLength(1);
    // Relayed again on the replay: the outbox stores an id once, so that costs nothing.
    expect(recording.relayed.map((record) => record.id)).toEqual(['replay:1', 'replay:1']);
    expect(await kernel.apply('missing', change)).toBeNull();
  });

  it('gives a document stored before versions its first version', async () => {
    await counters.collection.insertOne({
      _id: 'legacy' as never,
      steps: [],
      label: null,
      updatedAt: t.clock.now(),
    });
    const outcome = await kernelWith(recordingRelay().relay).apply('legacy', () => ({ set: { label: 'x' } }));
    expect(outcome?.document).toMatchObject({ label: 'x', version: 1 });
  });

  it('keeps the change and its notifications when the process dies before relaying, marked for the sweep', async () => {
    const dying = recordingRelay({ dies: true });
    const kernel = kernelWith(dying.relay);
    await kernel.create({ _id: 'crash', steps: [], label: null, updatedAt: t.clock.now() });
    await kernel.apply('crash', () => ({ set: { label: 'changed' }, notify: [notification('crash:1')] }));
    expect(dying.marked).toEqual(['counters:crash']);
    expect(await stored('crash')).toMatchObject({ label: 'changed', version: 1 });
    const documents = notifyingDocuments(counters);
    expect((await documents.notificationsOf('crash')).map((record) => record.id)).toEqual(['crash:1']);
    expect(await documents.changedSince(new Date(t.clock.now().getTime() - 1000))).toContain('crash');
    expect(await documents.changedSince(new Date(t.clock.now().getTime() - 1000))).not.toContain('legacy');
  });

  it("inserts through the caller's own insert, marked before it and relayed after it, and follows every write", async () => {
    const recording = recordingRelay();
    const written: string[] = [];
    const kernel = kernelWith(recording.relay, async (document) => {
      written.push(`${document._id}@${document.version ?? 0}`);
    });
    const document: CounterDocument = {
      _id: 'inserted',
      steps: ['made'],
      label: null,
      version: 1,
      pendingNotifications: [notification('inserted:1')],
      updatedAt: t.clock.now(),
    };
    const insert = async (built: CounterDocument) => {
      expect(recording.marked).toEqual(['counters:inserted']);
      await counters.collection.insertOne(built as never);
      return true;
    };
    expect(await kernel.insert(document, insert)).toBe(true);
    for (let wait = 0; wait < 100 && !recording.relayed.length; wait += 1)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(recording.relayed.map((record) => record.id)).toEqual(['inserted:1']);
    expect(await kernel.insert(document, async () => false)).toBe(false);
    await kernel.apply('inserted', (current) => ({ set: { steps: [...current.steps, 'next'] } }));
    expect(written).toEqual(['inserted@1', 'inserted@2']);
  });
});
