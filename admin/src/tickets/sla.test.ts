import { describe, expect, it } from 'vitest';
import { makeTicket, REPORTED_AT } from '../test/tickets';
import { acceptState, formatDuration, queueOrder, slaState } from './sla';

const minute = 60_000;

describe('slaState', () => {
  const ticket = makeTicket({ status: 'accepted' });

  it('is green with more than five minutes left', () => {
    expect(slaState(ticket, REPORTED_AT)).toMatchObject({ tone: 'ok', remainingMs: 15 * minute });
    expect(slaState(ticket, REPORTED_AT + 10 * minute - 1).tone).toBe('ok');
  });

  it('turns orange at five minutes left and red at the deadline', () => {
    expect(slaState(ticket, REPORTED_AT + 10 * minute).tone).toBe('warning');
    expect(slaState(ticket, REPORTED_AT + 15 * minute - 1).tone).toBe('warning');
    expect(slaState(ticket, REPORTED_AT + 15 * minute)).toMatchObject({ tone: 'overdue', remainingMs: 0 });
    expect(slaState(ticket, REPORTED_AT + 17 * minute).remainingMs).toBe(-2 * minute);
  });

  it('is red when the BFF has marked the breach, even if the local clock disagrees', () => {
    expect(slaState(makeTicket({ status: 'dispatch_queue', slaBreached: true }), REPORTED_AT).tone).toBe(
      'overdue',
    );
  });

  it('stops once an officer is on site and reports the arrival time', () => {
    const onSite = makeTicket({
      status: 'on_site',
      timeline: [
        {
          at: '2030-01-01T08:09:00.000Z',
          action: 'check_in',
          from: 'accepted',
          to: 'on_site',
          actorId: 'officer-1',
          actorRole: 'officer',
          details: { distanceMeters: 40, minutesSinceReport: 9.5 },
        },
      ],
    });
    expect(slaState(onSite, REPORTED_AT + 60 * minute)).toEqual({
      tone: 'met',
      remainingMs: null,
      arrivedAfterMinutes: 9.5,
    });
    expect(slaState({ ...onSite, status: 'resolved', slaBreached: true }, REPORTED_AT).tone).toBe('missed');
  });

  it('counts again after a reopen', () => {
    expect(slaState(makeTicket({ status: 'reopened' }), REPORTED_AT).tone).toBe('ok');
  });
});

describe('acceptState', () => {
  it('only runs while the ticket is assigned and has an accept deadline', () => {
    expect(acceptState(makeTicket({ status: 'accepted' }), REPORTED_AT)).toBeNull();
    const noDeadline = makeTicket({
      deadlines: { acceptBy: null, warnAt: '2030-01-01T08:10:00.000Z', breachAt: '2030-01-01T08:15:00.000Z' },
    });
    expect(acceptState(noDeadline, REPORTED_AT)).toBeNull();
  });

  it('warns in the last minute and is overdue after', () => {
    const ticket = makeTicket();
    expect(acceptState(ticket, REPORTED_AT)).toEqual({ tone: 'ok', remainingMs: 3 * minute });
    expect(acceptState(ticket, REPORTED_AT + 2 * minute)?.tone).toBe('warning');
    expect(acceptState(ticket, REPORTED_AT + 3 * minute)?.tone).toBe('overdue');
  });
});

describe('formatDuration', () => {
  it('shows minutes and seconds, rounding time left up', () => {
    expect(formatDuration(15 * minute)).toBe('15:00');
    expect(formatDuration(4 * minute + 59_001)).toBe('05:00');
    expect(formatDuration(1)).toBe('00:01');
    expect(formatDuration(0)).toBe('00:00');
  });

  it('shows the overdue magnitude, rounding down', () => {
    expect(formatDuration(-1)).toBe('00:00');
    expect(formatDuration(-(3 * minute + 12_999))).toBe('03:12');
  });

  it('adds hours from an hour on', () => {
    expect(formatDuration(60 * minute)).toBe('1:00:00');
    expect(formatDuration(-(25 * 60 * minute + 61_000))).toBe('25:01:01');
  });
});

describe('queueOrder', () => {
  it('puts running clocks first, least time left on top, then the rest newest first', () => {
    const soon = makeTicket({
      id: 'soon',
      deadlines: { acceptBy: null, warnAt: '2030-01-01T08:01:00.000Z', breachAt: '2030-01-01T08:02:00.000Z' },
    });
    const later = makeTicket({ id: 'later', status: 'dispatch_queue' });
    const oldDone = makeTicket({ id: 'oldDone', status: 'resolved', reportedAt: '2029-12-31T08:00:00.000Z' });
    const newDone = makeTicket({ id: 'newDone', status: 'on_site', reportedAt: '2030-01-01T09:00:00.000Z' });
    const order = [oldDone, later, newDone, soon].sort(queueOrder).map((ticket) => ticket.id);
    expect(order).toEqual(['soon', 'later', 'newDone', 'oldDone']);
  });

  it('stops without a verdict for a ticket closed before anyone came', () => {
    const closed = makeTicket({ status: 'closed' });
    expect(slaState(closed, REPORTED_AT + 60_000)).toMatchObject({ tone: 'closed', remainingMs: null });
    expect(slaState(makeTicket({ status: 'closed', slaBreached: true }), REPORTED_AT).tone).toBe('missed');
  });
});
