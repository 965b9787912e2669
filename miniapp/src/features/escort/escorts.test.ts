import {
  appendUnique,
  familyAffordances,
  isMine,
  replaceEscort,
  shapeMyBookings,
  shapeOpenList,
  shapeSchedule,
  summarizeHours,
  volunteerAffordances,
} from './escorts';
import { escortFixture as escort } from './testFixtures';

const volunteer = { id: 'vol-1', name: '李志愿', phone: '139****5678' };
const me = new Set(['vol-1', 'user-1']);
const at = (iso: string) => Date.parse(iso);

describe('shapeMyBookings', () => {
  it('lists going-on bookings first (soonest first), then finished ones (latest first)', () => {
    const shaped = shapeMyBookings([
      escort('done-old', { status: 'completed', windowStart: '2026-11-01T09:00:00+08:00' }),
      escort('open-late', { status: 'open', windowStart: '2026-11-28T09:00:00+08:00' }),
      escort('cancelled', { status: 'cancelled', windowStart: '2026-11-10T09:00:00+08:00' }),
      escort('accepted-soon', { status: 'accepted', windowStart: '2026-11-25T09:00:00+08:00' }),
      escort('going-on', { status: 'in_progress', windowStart: '2026-11-26T09:00:00+08:00' }),
    ]);
    expect(shaped.current.map((e) => e.id)).toEqual(['going-on', 'accepted-soon', 'open-late']);
    expect(shaped.past.map((e) => e.id)).toEqual(['cancelled', 'done-old']);
  });
});

describe('shapeOpenList', () => {
  it('keeps the BFF’s best-first order, drops duplicates and what is no longer open, counts urgent ones', () => {
    const shaped = shapeOpenList([
      escort('b', { urgent: true }),
      escort('a'),
      escort('b', { urgent: true }),
      escort('taken', { status: 'accepted', volunteer }),
      escort('c', { urgent: true }),
    ]);
    expect(shaped.items.map((e) => e.id)).toEqual(['b', 'a', 'c']);
    expect(shaped.urgent).toBe(2);
    expect(shapeOpenList([])).toEqual({ items: [], urgent: 0 });
  });
});

describe('shapeSchedule', () => {
  const now = at('2026-11-24T02:00:00Z'); // 10:00 Beijing on the 24th

  it('splits the volunteer’s own escorts into today, later, overdue and done today', () => {
    const schedule = shapeSchedule(
      [
        escort('today-late', { status: 'accepted', volunteer, windowStart: '2026-11-24T15:00:00+08:00' }),
        escort('today-early', { status: 'accepted', volunteer, windowStart: '2026-11-24T09:00:00+08:00' }),
        escort('going-on', { status: 'in_progress', volunteer, windowStart: '2026-11-24T11:00:00+08:00' }),
        escort('tomorrow', { status: 'accepted', volunteer, windowStart: '2026-11-25T09:00:00+08:00' }),
        escort('next-week', { status: 'accepted', volunteer, windowStart: '2026-12-01T09:00:00+08:00' }),
        escort('missed', { status: 'accepted', volunteer, windowStart: '2026-11-23T09:00:00+08:00' }),
        escort('done', {
          status: 'completed',
          volunteer,
          windowStart: '2026-11-24T07:00:00+08:00',
          completedAt: '2026-11-24T09:10:00+08:00',
        }),
        escort('done-yesterday', {
          status: 'completed',
          volunteer,
          windowStart: '2026-11-23T07:00:00+08:00',
          completedAt: '2026-11-23T09:10:00+08:00',
        }),
        escort('someone-else', {
          status: 'accepted',
          volunteer: { ...volunteer, id: 'vol-2' },
          windowStart: '2026-11-24T09:00:00+08:00',
        }),
        escort('cancelled', { status: 'cancelled', volunteer, windowStart: '2026-11-24T09:00:00+08:00' }),
      ],
      me,
      now,
    );
    expect(schedule.today.map((e) => e.id)).toEqual(['going-on', 'today-early', 'today-late']);
    expect(schedule.later.map((e) => e.id)).toEqual(['tomorrow', 'next-week']);
    expect(schedule.overdue.map((e) => e.id)).toEqual(['missed']);
    expect(schedule.doneToday.map((e) => e.id)).toEqual(['done']);
  });

  it('uses Beijing days: 07:30 Beijing on the 25th is tomorrow even though it is still the 24th in UTC', () => {
    const schedule = shapeSchedule(
      [escort('x', { status: 'accepted', volunteer, windowStart: '2026-11-24T23:30:00Z' })],
      me,
      now,
    );
    expect(schedule.later.map((e) => e.id)).toEqual(['x']);
  });

  it('knows "me" by the volunteer id or the user id', () => {
    expect(isMine({ volunteer: { ...volunteer, id: 'user-1' } }, me)).toBe(true);
    expect(isMine({ volunteer }, new Set(['other']))).toBe(false);
    expect(isMine({ volunteer: null }, me)).toBe(false);
  });
});

describe('familyAffordances', () => {
  const now = at('2026-11-24T02:00:00Z'); // 10:00

  it('cancels open or accepted bookings, rates a completed unrated one', () => {
    expect(familyAffordances(escort('a'), now)).toMatchObject({ cancel: true, rate: false, sos: false });
    expect(familyAffordances(escort('a', { status: 'accepted', volunteer }), now).cancel).toBe(true);
    expect(familyAffordances(escort('a', { status: 'in_progress', volunteer }), now).cancel).toBe(false);
    expect(familyAffordances(escort('a', { status: 'completed' }), now).rate).toBe(true);
    const rated = { score: 5, comment: '', at: '2026-11-24T12:00:00+08:00' };
    expect(familyAffordances(escort('a', { status: 'completed', rating: rated }), now).rate).toBe(false);
  });

  it('offers SOS during an escort: in progress, or accepted and around its window', () => {
    expect(familyAffordances(escort('a', { status: 'in_progress', volunteer }), now).sos).toBe(true);
    const soon = { windowStart: '2026-11-24T10:20:00+08:00', windowEnd: '2026-11-24T12:00:00+08:00' };
    expect(familyAffordances(escort('a', { status: 'accepted', volunteer, ...soon }), now).sos).toBe(true);
    const tomorrow = { windowStart: '2026-11-25T10:00:00+08:00', windowEnd: '2026-11-25T12:00:00+08:00' };
    expect(familyAffordances(escort('a', { status: 'accepted', volunteer, ...tomorrow }), now).sos).toBe(
      false,
    );
    expect(familyAffordances(escort('a', { status: 'completed', volunteer }), now).sos).toBe(false);
  });

  it('calls the volunteer only with an unmasked number while the escort is on', () => {
    const open = { status: 'accepted' as const };
    expect(familyAffordances(escort('a', { ...open, volunteer }), now).callVolunteer).toBe(false);
    const full = { ...volunteer, phone: '13912345678' };
    expect(familyAffordances(escort('a', { ...open, volunteer: full }), now).callVolunteer).toBe(true);
    expect(familyAffordances(escort('a', { status: 'completed', volunteer: full }), now).callVolunteer).toBe(
      false,
    );
  });
});

describe('volunteerAffordances', () => {
  const now = at('2026-11-24T02:00:00Z');

  it('accepts an open request nobody has', () => {
    expect(volunteerAffordances(escort('a'), me, now).accept).toBe(true);
    expect(volunteerAffordances(escort('a', { status: 'accepted', volunteer }), me, now).accept).toBe(false);
  });

  it('checks in, withdraws and completes only the volunteer’s own escort', () => {
    const mine = escort('a', { status: 'accepted', volunteer });
    expect(volunteerAffordances(mine, me, now)).toMatchObject({
      checkIn: true,
      early: false,
      withdraw: true,
      complete: false,
      sos: false,
    });
    expect(volunteerAffordances(mine, new Set(['vol-2']), now)).toMatchObject({
      checkIn: false,
      withdraw: false,
    });
    const going = escort('a', { status: 'in_progress', volunteer });
    expect(volunteerAffordances(going, me, now)).toMatchObject({ checkIn: false, complete: true, sos: true });
  });

  it('marks a check-in before the service day as early', () => {
    const tomorrow = escort('a', { status: 'accepted', volunteer, windowStart: '2026-11-25T09:00:00+08:00' });
    expect(volunteerAffordances(tomorrow, me, now)).toMatchObject({ checkIn: true, early: true });
  });
});

describe('list helpers', () => {
  it('appends a page without repeating items and replaces an updated one', () => {
    const shown = [escort('a'), escort('b')];
    expect(appendUnique(shown, [escort('b'), escort('c')]).map((e) => e.id)).toEqual(['a', 'b', 'c']);
    const updated = replaceEscort(shown, escort('b', { status: 'accepted', volunteer }));
    expect(updated.map((e) => e.status)).toEqual(['open', 'accepted']);
  });
});

describe('summarizeHours', () => {
  it('keeps the BFF’s totals, works out the unreviewed part and lists entries newest first', () => {
    const summary = summarizeHours({
      volunteerId: 'vol-1',
      totalMinutes: 330,
      reviewedMinutes: 120,
      turns: 3,
      entries: [
        {
          escortId: 'e1',
          serviceType: 'hospital_escort',
          checkedInAt: '2026-11-20T09:00:00+08:00',
          completedAt: '2026-11-20T11:00:00+08:00',
          minutes: 120,
          reviewed: true,
        },
        {
          escortId: 'e3',
          serviceType: 'companion_call',
          checkedInAt: '2026-11-23T15:00:00+08:00',
          completedAt: '2026-11-23T15:30:00+08:00',
          minutes: 30,
          reviewed: false,
        },
        {
          escortId: 'e2',
          serviceType: 'medicine_pickup',
          checkedInAt: '2026-11-22T09:00:00+08:00',
          completedAt: '2026-11-22T12:00:00+08:00',
          minutes: 180,
          reviewed: false,
        },
      ],
    });
    expect(summary).toMatchObject({ totalMinutes: 330, reviewedMinutes: 120, pendingMinutes: 210, turns: 3 });
    expect(summary.entries.map((e) => e.escortId)).toEqual(['e3', 'e2', 'e1']);
  });
});
