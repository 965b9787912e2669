import type { Ticket, TimelineEntry } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { makeAlarm } from '../test/alarms';
import { makeTicket } from '../test/tickets';
import { alarmAlerts, createAlertTracker, ticketAlerts, watchesAlerts, type Watcher } from './alertRules';

const officer: Watcher = { userId: 'officer-1', roles: ['officer'], squadId: 'squad-chigang' };
const otherOfficer: Watcher = { userId: 'officer-2', roles: ['officer'], squadId: 'squad-chigang' };
const dispatcher: Watcher = { userId: 'dispatcher-1', roles: ['dispatcher'] };
const ownLeader: Watcher = { userId: 'leader-1', roles: ['squad_leader'], squadId: 'squad-chigang' };
const otherLeader: Watcher = { userId: 'leader-2', roles: ['squad_leader'], squadId: 'squad-huazhou' };
const admin: Watcher = { userId: 'admin-1', roles: ['admin'] };
const worker: Watcher = { userId: 'worker-1', roles: ['community_worker'] };

let minute = 0;
const step = (action: string, to: Ticket['status'], from: Ticket['status'] | null = null): TimelineEntry => ({
  at: new Date(Date.UTC(2030, 0, 1, 8, (minute += 1))).toISOString(),
  action,
  from,
  to,
  actorId: null,
  actorRole: 'system',
});

const reported = step('report', 'dispatch_queue');
const assigned = makeTicket({
  status: 'assigned',
  assigneeId: 'officer-1',
  timeline: [reported, step('assign', 'assigned', 'dispatch_queue')],
});
const queued = makeTicket({
  id: 'T-2',
  status: 'dispatch_queue',
  assigneeId: null,
  timeline: [reported, step('queue', 'dispatch_queue', 'dispatch_queue')],
});
const warned = makeTicket({
  id: 'T-3',
  timeline: [...assigned.timeline, step('sla_warning', 'assigned', 'assigned')],
});
const breached = makeTicket({
  id: 'T-4',
  slaBreached: true,
  timeline: [...warned.timeline, step('sla_breached', 'assigned', 'assigned')],
});
const kinds = (ticket: Ticket, watcher: Watcher, seen?: number) =>
  ticketAlerts(ticket, seen, watcher).map((alert) => alert.kind);

describe('which ticket changes ring for whom', () => {
  it('rings for the officer a ticket was just assigned to, and for nobody else', () => {
    expect(kinds(assigned, officer)).toEqual(['new_assignment']);
    expect(kinds(assigned, otherOfficer)).toEqual([]);
    expect(kinds(assigned, dispatcher)).toEqual([]);
    expect(kinds(assigned, ownLeader)).toEqual([]);
    expect(ticketAlerts(assigned, undefined, officer)[0]).toMatchObject({ path: '/officer', urgent: false });
  });

  it('rings for a squad leader assigned a ticket as an officer would', () => {
    const toLeader = makeTicket({ ...assigned, assigneeId: 'leader-1' });
    expect(kinds(toLeader, ownLeader)).toEqual(['new_assignment']);
  });

  it('does not ring for an assignment the officer already accepted, or one that moved on', () => {
    expect(kinds(makeTicket({ ...assigned, status: 'accepted' }), officer)).toEqual([]);
  });

  it('rings for dispatchers and the squad’s own leader when a ticket waits for manual dispatch', () => {
    expect(kinds(queued, dispatcher)).toEqual(['manual_dispatch']);
    expect(kinds(queued, ownLeader)).toEqual(['manual_dispatch']);
    expect(kinds(queued, otherLeader)).toEqual([]);
    expect(kinds(queued, officer)).toEqual([]);
    expect(kinds(queued, admin)).toEqual([]);
  });

  it('rings for SLA warnings and breaches at the dispatch desk, a breach staying on screen', () => {
    expect(kinds(warned, dispatcher)).toEqual(['sla_warning']);
    expect(kinds(breached, dispatcher)).toEqual(['sla_breached']);
    expect(ticketAlerts(breached, undefined, dispatcher)[0]).toMatchObject({
      urgent: true,
      path: '/tickets?ticket=T-4',
    });
    expect(kinds(breached, officer)).toEqual([]);
    expect(kinds(breached, otherLeader)).toEqual([]);
  });

  it('looks at every step after those already seen, but none before', () => {
    expect(kinds(breached, dispatcher, assigned.timeline.length)).toEqual(['sla_warning', 'sla_breached']);
    expect(kinds(breached, dispatcher, breached.timeline.length)).toEqual([]);
  });

  it('ignores other steps (accept, check-in, resolve)', () => {
    const onSite = makeTicket({
      status: 'on_site',
      timeline: [...assigned.timeline, step('accept', 'accepted'), step('check_in', 'on_site')],
    });
    expect(kinds(onSite, officer)).toEqual([]);
    expect(kinds(onSite, dispatcher)).toEqual([]);
  });
});

describe('smoke alarms', () => {
  const smoke = makeAlarm({
    type: 'smoke',
    deviceType: 'smoke_detector',
    severity: 'critical',
    site: '赤岗北路 8 号',
    noise: null,
    timeline: [{ at: '2030-01-01T12:00:00.000Z', action: 'opened', actor: null, note: null }],
  });

  it('ring for dispatchers, officers and squad leaders when one opens', () => {
    for (const watcher of [dispatcher, officer, ownLeader])
      expect(alarmAlerts(smoke, undefined, watcher).map((alert) => alert.kind)).toEqual(['smoke_alarm']);
    expect(alarmAlerts(smoke, undefined, dispatcher)[0]).toMatchObject({
      urgent: true,
      path: '/alarms?alarm=A-1',
    });
    expect(alarmAlerts(smoke, undefined, admin)).toEqual([]);
    expect(alarmAlerts(smoke, undefined, worker)).toEqual([]);
  });

  it('do not ring again for a repeat, an acknowledgement, or an alarm of another kind', () => {
    const repeated = makeAlarm({
      ...smoke,
      count: 2,
      timeline: [...smoke.timeline, { ...smoke.timeline[0]!, action: 'repeated' }],
    });
    expect(alarmAlerts(repeated, undefined, dispatcher)).toEqual([]);
    expect(alarmAlerts(repeated, 1, dispatcher)).toEqual([]);
    expect(alarmAlerts(makeAlarm({ ...smoke, status: 'acknowledged' }), undefined, dispatcher)).toEqual([]);
    expect(alarmAlerts(makeAlarm(), undefined, dispatcher)).toEqual([]);
  });
});

describe('the tracker', () => {
  it('rings each step once however often the ticket is pushed, and the next step when it comes', () => {
    const tracker = createAlertTracker();
    expect(tracker.ticket(assigned, dispatcher)).toEqual([]);
    expect(tracker.ticket(assigned, dispatcher)).toEqual([]);
    expect(tracker.ticket(makeTicket({ ...warned, id: assigned.id }), dispatcher).map((a) => a.kind)).toEqual(
      ['sla_warning'],
    );
    expect(tracker.ticket(makeTicket({ ...warned, id: assigned.id }), dispatcher)).toEqual([]);
    const officerTracker = createAlertTracker();
    expect(officerTracker.ticket(assigned, officer)).toHaveLength(1);
    expect(officerTracker.ticket(assigned, officer)).toHaveLength(0);
  });

  it('is for officers, squad leaders and dispatchers only', () => {
    expect([officer, ownLeader, dispatcher].every(watchesAlerts)).toBe(true);
    expect([admin, worker].some(watchesAlerts)).toBe(false);
  });
});
