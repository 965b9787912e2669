import {
  availableFor,
  escortDeadlines,
  overdueEscortDeadlines,
  pendingEscortDeadlines,
  reminderOutdated,
  reminderPlan,
  isLateWithdrawal,
  maskPhone,
  matchScore,
  servedMinutes,
  windowProblems,
} from './escortRules';

const at = (text: string) => new Date(text);
const now = at('2026-11-23T08:00:00+08:00');

describe('windowProblems', () => {
  it('accepts a window in the future inside 07:00–21:00 Beijing time', () => {
    expect(windowProblems(at('2026-11-24T07:00:00+08:00'), at('2026-11-24T19:00:00+08:00'), now)).toEqual([]);
    expect(windowProblems(at('2026-11-24T20:00:00+08:00'), at('2026-11-24T21:00:00+08:00'), now)).toEqual([]);
  });
  it.each([
    ['in the past', '2026-11-23T07:30:00+08:00', '2026-11-23T07:45:00+08:00'],
    ['before 07:00', '2026-11-24T06:30:00+08:00', '2026-11-24T08:00:00+08:00'],
    ['after 21:00', '2026-11-24T20:30:00+08:00', '2026-11-24T21:30:00+08:00'],
    ['across midnight', '2026-11-24T20:00:00+08:00', '2026-11-25T08:00:00+08:00'],
  ])('refuses a window %s', (_label, start, end) => {
    expect(windowProblems(at(start), at(end), now).length).toBeGreaterThan(0);
  });
});

describe('escortDeadlines', () => {
  it('escalates an unaccepted request 24 hours ahead, a same-day one 2 hours ahead', () => {
    const later = escortDeadlines(at('2026-11-25T10:00:00+08:00'), now);
    expect(later).toMatchObject({
      urgent: false,
      escalateIfOpen: at('2026-11-24T10:00:00+08:00'),
      remindDayBefore: at('2026-11-24T10:00:00+08:00'),
      remindHourBefore: at('2026-11-25T09:00:00+08:00'),
    });
    const sameDay = escortDeadlines(at('2026-11-23T15:00:00+08:00'), now);
    expect(sameDay).toMatchObject({ urgent: true, escalateIfOpen: at('2026-11-23T13:00:00+08:00') });
  });
  it('counts the day in Beijing time, not UTC', () => {
    // 2026-11-23 23:30 UTC is already the 24th in Beijing.
    expect(escortDeadlines(at('2026-11-24T07:30:00+08:00'), at('2026-11-23T23:30:00+08:00')).urgent).toBe(
      false,
    );
    expect(escortDeadlines(at('2026-11-24T09:00:00+08:00'), at('2026-11-24T00:30:00+08:00')).urgent).toBe(
      true,
    );
  });
});

describe('matching', () => {
  const everyMorning = Array.from({ length: 7 }, (_, weekday) => ({ weekday, start: '08:00', end: '12:00' }));
  const base = { lat: 23.1066, lng: 113.3245 };
  const request = {
    start: at('2026-11-24T09:00:00+08:00'),
    end: at('2026-11-24T11:00:00+08:00'),
    needs: [] as const,
    location: base,
    inPerson: true,
  };

  it('needs the window inside the volunteer’s weekly availability', () => {
    expect(availableFor(everyMorning, request.start, request.end)).toBe(true);
    expect(availableFor(everyMorning, at('2026-11-24T11:00:00+08:00'), at('2026-11-24T12:30:00+08:00'))).toBe(
      false,
    );
    expect(availableFor([{ weekday: 1, start: '08:00', end: '12:00' }], request.start, request.end)).toBe(
      false,
    );
  });

  it('prefers nearer volunteers with the skills the elder needs, and refuses the unfit', () => {
    const near = { skills: ['wheelchair'] as const, availability: everyMorning, home: base, radiusKm: 3 };
    const far = { ...near, home: { lat: base.lat + 0.02, lng: base.lng } };
    const wheelchair = { ...request, needs: ['wheelchair'] as const };
    const nearScore = matchScore(
      { ...near, skills: [...near.skills] },
      { ...wheelchair, needs: [...wheelchair.needs] },
    );
    const farScore = matchScore(
      { ...far, skills: [...far.skills] },
      { ...wheelchair, needs: [...wheelchair.needs] },
    );
    expect(nearScore && farScore && nearScore.score > farScore.score).toBe(true);
    expect(matchScore({ ...near, skills: [] }, { ...wheelchair, needs: [...wheelchair.needs] })).toBeNull();
    expect(
      matchScore({ ...near, skills: [], radiusKm: 1 }, { ...request, needs: [], location: far.home }),
    ).toBeNull();
    // A phone call is not limited by distance.
    expect(
      matchScore(
        { ...near, skills: [], radiusKm: 1 },
        { ...request, needs: [], location: far.home, inPerson: false },
      ),
    ).not.toBeNull();
  });
});

describe('small rules', () => {
  it('masks phones in lists', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('020-81234567')).toBe('020*****4567');
  });
  it('calls a withdrawal within 24 hours late', () => {
    expect(isLateWithdrawal(at('2026-11-24T07:59:00+08:00'), now)).toBe(true);
    expect(isLateWithdrawal(at('2026-11-24T08:00:00+08:00'), now)).toBe(false);
  });
  it('counts served minutes from check-in to completion, from 30 minutes before the window at the earliest', () => {
    const window = at('2026-11-24T09:00:00+08:00');
    expect(servedMinutes(at('2026-11-24T09:00:00+08:00'), at('2026-11-24T10:29:40+08:00'), window)).toBe(90);
    expect(servedMinutes(at('2026-11-24T08:40:00+08:00'), at('2026-11-24T10:00:00+08:00'), window)).toBe(80);
    expect(servedMinutes(at('2026-11-24T06:00:00+08:00'), at('2026-11-24T10:00:00+08:00'), window)).toBe(90);
    expect(servedMinutes(at('2026-11-23T15:00:00+08:00'), at('2026-11-23T15:05:00+08:00'), window)).toBe(0);
  });
});

describe('escort reminders and escalation from the stored escort', () => {
  const windowStart = at('2026-11-25T10:00:00+08:00');
  const escort = { windowStart, createdAt: now };

  it('plans both reminders for an early acceptance, only the hour-before one for a late one', () => {
    expect(reminderPlan(escort, 'v1', now)).toEqual([
      { kind: 'remind_day_before', volunteerId: 'v1', at: at('2026-11-24T10:00:00+08:00'), sentAt: null },
      { kind: 'remind_hour_before', volunteerId: 'v1', at: at('2026-11-25T09:00:00+08:00'), sentAt: null },
    ]);
    const lateAccept = at('2026-11-25T09:20:00+08:00');
    expect(reminderPlan(escort, 'v1', lateAccept)).toEqual([
      { kind: 'remind_hour_before', volunteerId: 'v1', at: lateAccept, sentAt: null },
    ]);
  });

  it('escalates an open request once, from the stored time or derived for older escorts', () => {
    const open = { ...escort, status: 'open', volunteerId: null };
    expect(pendingEscortDeadlines(open)).toEqual([
      { kind: 'escalate_unaccepted', at: at('2026-11-24T10:00:00+08:00') },
    ]);
    const stored = at('2026-11-24T11:00:00+08:00');
    expect(pendingEscortDeadlines({ ...open, escalateAt: stored })[0]?.at).toEqual(stored);
    expect(pendingEscortDeadlines({ ...open, escalatedAt: stored })).toEqual([]);
    expect(overdueEscortDeadlines(open, now)).toEqual([]);
    expect(overdueEscortDeadlines(open, stored)).toHaveLength(1);
  });

  it('owes reminders only to the volunteer holding an accepted escort, until sent', () => {
    const reminders = [
      ...reminderPlan(escort, 'v1', now),
      { kind: 'remind_hour_before' as const, volunteerId: 'v0', at: now, sentAt: null },
    ];
    const accepted = { ...escort, status: 'accepted', volunteerId: 'v1', reminders };
    expect(pendingEscortDeadlines(accepted).map((d) => [d.kind, d.volunteerId])).toEqual([
      ['remind_day_before', 'v1'],
      ['remind_hour_before', 'v1'],
    ]);
    const sent = reminders.map((r) => (r.kind === 'remind_day_before' ? { ...r, sentAt: now } : r));
    expect(overdueEscortDeadlines({ ...accepted, reminders: sent }, at('2026-11-25T09:00:00+08:00'))).toEqual(
      [{ kind: 'remind_hour_before', volunteerId: 'v1', at: at('2026-11-25T09:00:00+08:00') }],
    );
    expect(pendingEscortDeadlines({ ...accepted, status: 'in_progress' })).toEqual([]);
  });

  it('drops the day-before reminder once the hour-before one is due', () => {
    expect(reminderOutdated('remind_day_before', windowStart, at('2026-11-24T10:00:00+08:00'))).toBe(false);
    expect(reminderOutdated('remind_day_before', windowStart, at('2026-11-25T09:00:00+08:00'))).toBe(true);
    expect(reminderOutdated('remind_hour_before', windowStart, at('2026-11-25T09:30:00+08:00'))).toBe(false);
  });
});
