import { describe, expect, it } from 'vitest';
import { makeEscort } from '../test/escorts';
import {
  canCancel,
  canReassign,
  hasOpenSos,
  isLate,
  isUrgent,
  reassignNeedsVolunteer,
  replaceEscort,
  sortByUrgency,
  sosAlerts,
} from './queue';

const now = Date.parse('2030-11-24T10:00:00+08:00');
const sos = { at: '2030-11-24T09:40:00+08:00', by: '李志愿', lat: 23.1, lng: 113.27, note: '老人头晕' };

describe('urgency', () => {
  it('counts a request urgent when the BFF flagged it or its window is today in Beijing', () => {
    expect(isUrgent(makeEscort({ urgent: true }), now)).toBe(true);
    // 2030-11-24T17:00Z is 01:00 on the 25th in Beijing: tomorrow, not today.
    expect(isUrgent(makeEscort({ windowStart: '2030-11-24T17:00:00Z' }), now)).toBe(false);
    expect(isUrgent(makeEscort({ windowStart: '2030-11-24T15:00:00+08:00' }), now)).toBe(true);
  });

  it('sorts SOS first, then urgent, then the soonest window, then the oldest request', () => {
    const items = [
      makeEscort({ id: 'later', windowStart: '2030-11-27T09:00:00+08:00' }),
      makeEscort({ id: 'soon', windowStart: '2030-11-25T08:00:00+08:00' }),
      makeEscort({ id: 'today', windowStart: '2030-11-24T16:00:00+08:00' }),
      makeEscort({ id: 'flagged', urgent: true, windowStart: '2030-11-25T10:00:00+08:00' }),
      makeEscort({ id: 'sos', status: 'in_progress', sos: [sos], windowStart: '2030-11-26T09:00:00+08:00' }),
      makeEscort({
        id: 'soon-older',
        windowStart: '2030-11-25T08:00:00+08:00',
        createdAt: '2030-11-20T08:00:00+08:00',
      }),
    ];
    expect(sortByUrgency(items, now).map((escort) => escort.id)).toEqual([
      'sos',
      'today',
      'flagged',
      'soon-older',
      'soon',
      'later',
    ]);
    // The input is left alone.
    expect(items[0]!.id).toBe('later');
  });

  it('flags an open request whose window has begun', () => {
    expect(isLate(makeEscort({ windowStart: '2030-11-24T09:30:00+08:00' }), now)).toBe(true);
    expect(isLate(makeEscort({ status: 'accepted', windowStart: '2030-11-24T09:30:00+08:00' }), now)).toBe(
      false,
    );
    expect(isLate(makeEscort(), now)).toBe(false);
  });
});

describe('SOS', () => {
  it('keeps SOS of escorts under way, latest first, and drops finished ones', () => {
    const later = { ...sos, at: '2030-11-24T09:50:00+08:00', note: null };
    const items = [
      makeEscort({ id: 'a', status: 'in_progress', sos: [sos] }),
      makeEscort({ id: 'b', status: 'accepted', sos: [later] }),
      makeEscort({ id: 'done', status: 'completed', sos: [sos] }),
      makeEscort({ id: 'quiet' }),
    ];
    expect(items.map(hasOpenSos)).toEqual([true, true, false, false]);
    expect(sosAlerts(items).map((alert) => [alert.escort.id, alert.sos.at])).toEqual([
      ['b', later.at],
      ['a', sos.at],
    ]);
  });
});

describe('actions', () => {
  it('offers cancel and reassign before the escort starts; an open one needs a volunteer to hand to', () => {
    const open = makeEscort();
    const accepted = makeEscort({ status: 'accepted' });
    const running = makeEscort({ status: 'in_progress' });
    expect([open, accepted, running].map(canCancel)).toEqual([true, true, false]);
    expect([open, accepted, running].map(canReassign)).toEqual([true, true, false]);
    expect(reassignNeedsVolunteer(open)).toBe(true);
    expect(reassignNeedsVolunteer(accepted)).toBe(false);
  });

  it('replaces an escort in a list and drops it when it left the list’s statuses', () => {
    const items = [makeEscort({ id: 'a' }), makeEscort({ id: 'b' })];
    const cancelled = makeEscort({ id: 'a', status: 'cancelled' });
    expect(replaceEscort(items, cancelled).map((item) => item.status)).toEqual(['cancelled', 'open']);
    expect(replaceEscort(items, cancelled, ['open', 'accepted']).map((item) => item.id)).toEqual(['b']);
  });
});
