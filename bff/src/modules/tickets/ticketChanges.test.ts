import type { NotificationTemplate } from '@jiefang/contracts';
import { documentLocks } from '../../infra/documentLocks';
import { createLogger } from '../../infra/logger';
import type { PendingNotification } from '../../infra/versionedChanges';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { ticketModel, type TicketDocument } from './ticketModel';
import { ticketNotificationSource, ticketStore } from './ticketStore';
import { officerWorkloads } from '../officers/officerWorkloads';
import { notifyingDocuments } from '../../infra/versionedChanges';
import { notificationOutbox, outboxPolicy } from '../notifications/notificationOutbox';
import { outboxModel } from '../notifications/outboxModel';
import { applyTicketChange, withChange } from './ticketChanges';
import { ticketTracking } from './ticketTracking';

/** Not in the catalogue: the kernel stores whatever it is given. */
const madeUpTemplate = 'ticket_accepted' as NotificationTemplate;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('ticket_changes', { background: false });
});
afterAll(() => t.close());

const minimalTicket = (id: string): TicketDocument => {
  const now = t.clock.now();
  return {
    _id: id,
    category: 'garbage',
    priority: 'normal',
    department: 'sanitation',
    location: { lat: 23.1, lng: 113.3 },
    address: '',
    description: '',
    reporters: [],
    reporterIds: [],
    reporterCount: 1,
    photos: [],
    routing: 'single',
    streetId: 'chigang',
    squadId: 'squad-chigang',
    status: 'assigned',
    version: 1,
    assigneeId: 'officer-1',
    assignmentSeq: 1,
    refusedBy: [],
    reportedAt: now,
    updatedAt: now,
    slaStartedAt: now,
    slaRound: 1,
    deadlines: { acceptBy: now, warnAt: now, breachAt: now },
    slaWarned: false,
    slaBreached: false,
    onSiteAt: null,
    resolvedAt: null,
    resolution: null,
    rating: null,
    timeline: [],
    pendingNotifications: [],
  };
};

/** The change kernel over tickets with a relay that records what it is told (marks by ticket id). */
const changeDepsOf = (marked: string[] = [], relayed: PendingNotification[] = []) => {
  const tracking = ticketTracking({ workloads: officerWorkloads(t.redis) });
  return {
    clock: t.clock,
    changes: ticketStore(t.mongo).changes({
      locks: documentLocks(t.redis),
      clock: t.clock,
      relay: {
        markPending: async (source: string, id: string) => {
          expect(source).toBe('tickets');
          marked.push(id);
        },
        relay: async (_source: string, _id: string, notifications: readonly PendingNotification[]) => {
          relayed.push(...notifications);
        },
      },
      logger: createLogger('silent'),
      written: (ticket) => tracking.written(ticket),
    }),
  };
};

describe('applyTicketChange', () => {
  it('lets exactly one of many concurrent changes from the same version win', async () => {
    const tickets = ticketModel(t.mongo);
    const store = changeDepsOf();
    for (let round = 0; round < 5; round += 1) {
      const ticket = minimalTicket(`race-${round}`);
      await tickets.create(ticket);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          applyTicketChange(store, ticket, {
            action: 'accept',
            to: 'accepted',
            actor: { id: `officer-${index}`, role: 'officer' },
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const stored = await tickets.findById(ticket._id).lean<TicketDocument>();
      expect(stored).toMatchObject({ version: 2, status: 'accepted' });
      expect(stored?.timeline).toHaveLength(1);
    }
  });

  it('writes the notifications of a change in the same update, with ids that repeat on a replay', async () => {
    const tickets = ticketModel(t.mongo);
    const ticket = minimalTicket('with-notifications');
    await tickets.create(ticket);
    const marked: string[] = [];
    const relayed: PendingNotification[] = [];
    const updated = await applyTicketChange(changeDepsOf(marked, relayed), ticket, {
      action: 'accept',
      to: 'accepted',
      actor: { id: 'officer-1', role: 'officer' },
      notify: [{ recipientId: 'resident-1', template: madeUpTemplate, data: {} }],
    });
    expect(updated?.pendingNotifications).toEqual([
      {
        id: 'with-notifications:2:ticket_accepted:resident-1',
        recipientId: 'resident-1',
        template: 'ticket_accepted',
        data: {},
      },
    ]);
    // The relay sweep was told before the write, and the relay after it got exactly this change's.
    expect(marked).toEqual(['with-notifications']);
    expect(relayed).toEqual(updated?.pendingNotifications);
  });

  it("keeps officers' workloads in step with who holds each ticket", async () => {
    const tickets = ticketModel(t.mongo);
    const workloads = officerWorkloads(t.redis);
    const store = changeDepsOf();
    const first = { ...minimalTicket('load-1'), assigneeId: 'holder-a' };
    const second = { ...minimalTicket('load-2'), assigneeId: 'holder-a' };
    await tickets.create([first, second]);
    const accepted = await applyTicketChange(store, first, {
      action: 'accept',
      to: 'accepted',
      actor: { id: 'holder-a', role: 'officer' },
    });
    await applyTicketChange(store, second, {
      action: 'accept',
      to: 'accepted',
      actor: { id: 'holder-a', role: 'officer' },
    });
    expect((await workloads.counts(['holder-a', 'holder-b'])).get('holder-a')).toBe(2);
    await applyTicketChange(store, accepted as TicketDocument, {
      action: 'reassign',
      to: 'assigned',
      actor: { id: null, role: 'dispatcher' },
      set: { assigneeId: 'holder-b' },
    });
    const afterReassign = await workloads.counts(['holder-a', 'holder-b']);
    expect([afterReassign.get('holder-a'), afterReassign.get('holder-b')]).toEqual([1, 1]);
    const current = await tickets.findById('load-1').lean<TicketDocument>();
    await applyTicketChange(store, current as TicketDocument, {
      action: 'resolve',
      to: 'resolved',
      actor: { id: 'holder-b', role: 'officer' },
    });
    expect((await workloads.counts(['holder-b'])).get('holder-b')).toBe(0);
  });
});

describe('notifications of ticket changes', () => {
  const outboxOf = () =>
    notificationOutbox({
      connection: t.mongo,
      documents: { [ticketNotificationSource]: notifyingDocuments(ticketModel(t.mongo)) },
      redis: t.redis,
      sender: { send: async () => ({ ok: true, channel: 'test' }) },
      clock: t.clock,
      logger: createLogger('silent'),
    });
  /** The kernel over tickets with the outbox's marks and a relay that dies before relaying (a crash). */
  const dyingDepsOf = (outbox: ReturnType<typeof outboxOf>) => ({
    clock: t.clock,
    changes: ticketStore(t.mongo).changes({
      locks: documentLocks(t.redis),
      clock: t.clock,
      relay: {
        markPending: (source: string, id: string) => outbox.markDocumentPending(source, id),
        relay: async () => {
          throw new Error('died before relaying');
        },
      },
      logger: createLogger('silent'),
      written: async () => undefined,
    }),
  });

  it('of six concurrent changes, only the winner writes notifications, and exactly its own are relayed', async () => {
    const tickets = ticketModel(t.mongo);
    const ticket = minimalTicket('race-notify');
    await tickets.create(ticket);
    const relayed: PendingNotification[] = [];
    const deps = changeDepsOf([], relayed);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        applyTicketChange(deps, ticket, {
          action: 'accept',
          to: 'accepted',
          actor: { id: `officer-${index}`, role: 'officer' },
          notify: [{ recipientId: `resident-${index}`, template: madeUpTemplate, data: {} }],
        }),
      ),
    );
    const winners = results.filter(Boolean);
    expect(winners).toHaveLength(1);
    const stored = await tickets.findById(ticket._id).lean<TicketDocument>();
    expect(stored?.pendingNotifications).toHaveLength(1);
    expect(relayed).toEqual(stored?.pendingNotifications);
    expect(stored?.pendingNotifications[0]?.id).toMatch(/^race-notify:2:ticket_accepted:resident-\d$/);
  });

  it('a change whose process dies before the relay keeps its notifications, and the sweep relays them', async () => {
    const tickets = ticketModel(t.mongo);
    const ticket = minimalTicket('dies-after-write');
    await tickets.create(ticket);
    const outbox = outboxOf();
    const updated = await applyTicketChange(dyingDepsOf(outbox), ticket, {
      action: 'accept',
      to: 'accepted',
      actor: { id: 'officer-1', role: 'officer' },
      notify: [{ recipientId: 'resident-1', template: madeUpTemplate, data: {} }],
    });
    const id = 'dies-after-write:2:ticket_accepted:resident-1';
    expect(updated?.pendingNotifications.map((record) => record.id)).toEqual([id]);
    expect(await outboxModel(t.mongo).countDocuments({ _id: id })).toBe(0);
    t.clock.advance(outboxPolicy.sweepGraceMs);
    expect(await outbox.relayAll()).toBeGreaterThanOrEqual(1);
    expect(await outboxModel(t.mongo).countDocuments({ _id: id })).toBe(1);
  });

  it('a new ticket inserted already changed is one insert, marked before it and relayed after it', async () => {
    const marked: string[] = [];
    const relayed: PendingNotification[] = [];
    const store = ticketStore(t.mongo);
    const base = {
      ...minimalTicket('inserted-dispatched'),
      status: 'dispatch_queue' as const,
      assigneeId: null,
    };
    const ticket = withChange(
      base,
      {
        action: 'assign',
        to: 'assigned',
        actor: { id: null, role: 'system' },
        set: { assigneeId: 'officer-7', assignmentSeq: 1 },
        notify: [{ recipientId: 'officer-7', template: 'new_assignment', data: {} }],
      },
      t.clock.now(),
    );
    let inserts = 0;
    const insert = async (document: TicketDocument) => {
      inserts += 1;
      // Marked before each insert: a crash right after it still leaves the sweep a trace.
      expect(marked).toEqual(Array(inserts).fill('inserted-dispatched'));
      return store.insert(document);
    };
    expect(await changeDepsOf(marked, relayed).changes.insert(ticket, insert)).toBe(true);
    expect(inserts).toBe(1);
    for (let wait = 0; wait < 100 && !relayed.length; wait += 1)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(relayed.map((record) => record.id)).toEqual(['inserted-dispatched:2:new_assignment:officer-7']);
    expect((await store.findById('inserted-dispatched'))?.pendingNotifications).toEqual(relayed);
    // A retry under the same id stores nothing and relays nothing again.
    expect(await changeDepsOf(marked, relayed).changes.insert(ticket, insert)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(relayed).toHaveLength(1);
  });
});

describe('withChange', () => {
  it('builds in memory exactly the document that applying the change to a stored ticket gives', async () => {
    const tickets = ticketModel(t.mongo);
    const change = {
      action: 'assign',
      to: 'assigned' as const,
      actor: { id: null, role: 'system' },
      reason: '自动派单',
      set: { assigneeId: 'officer-9', assignmentSeq: 1 },
      notify: [{ recipientId: 'officer-9', template: 'new_assignment' as const, data: { ticketId: 'same' } }],
    };
    const base = {
      ...minimalTicket('same'),
      status: 'dispatch_queue' as const,
      assigneeId: null,
      assignmentSeq: 0,
      gridId: null,
    };
    await tickets.create(base);
    const stored = await applyTicketChange(changeDepsOf(), base, change);
    const built = withChange(base, change, t.clock.now());
    const { _id: _storedId, ...storedRest } = stored as TicketDocument;
    const { _id: _builtId, ...builtRest } = built;
    expect(JSON.parse(JSON.stringify(builtRest))).toEqual(JSON.parse(JSON.stringify(storedRest)));
  });
});
