import { documentLocks } from '../../infra/documentLocks';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { ticketModel, type TicketDocument } from '../reports/ticketModel';
import { applyTicketChange } from './ticketChanges';

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
    geohash: 'ws0e9d',
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

describe('applyTicketChange', () => {
  it('lets exactly one of many concurrent changes from the same version win', async () => {
    const tickets = ticketModel(t.mongo);
    const store = { tickets, clock: t.clock, locks: documentLocks(t.redis) };
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
    const updated = await applyTicketChange(
      { tickets, clock: t.clock, locks: documentLocks(t.redis) },
      ticket,
      {
        action: 'accept',
        to: 'accepted',
        actor: { id: 'officer-1', role: 'officer' },
        notify: [{ recipientId: 'resident-1', template: 'ticket_accepted', data: {} }],
      },
    );
    expect(updated?.pendingNotifications).toEqual([
      {
        id: 'with-notifications:2:ticket_accepted:resident-1',
        recipientId: 'resident-1',
        template: 'ticket_accepted',
        data: {},
      },
    ]);
  });
});
