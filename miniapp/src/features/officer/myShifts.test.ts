import type { RosterEntry, SquadRoster } from '@jiefang/contracts';
import { currentShiftLabel, hasNoShifts, myShifts, myShiftsQuery, shiftLabel } from './myShifts';

const entry = (date: string, shiftId: string, officerIds: string[]): RosterEntry => ({
  squadId: 'squad-chigang',
  date,
  shiftId,
  officerIds,
  updatedAt: null,
  updatedBy: null,
});

/** 2026-12-02 (a Wednesday) at 22:10 Beijing time: the night shift that began at 20:00 is on. */
const lateEvening = Date.parse('2026-12-02T22:10:00+08:00');

function roster(entries: RosterEntry[], overrides: Partial<SquadRoster> = {}): SquadRoster {
  return {
    schedule: {
      squadId: 'squad-chigang',
      rosterDispatch: false,
      shifts: [
        { id: 'night', name: '夜班', start: '20:00' },
        { id: 'day', name: '白班', start: '08:00' },
      ],
    },
    entries,
    current: {
      date: '2026-12-02',
      shiftId: 'night',
      startsAt: '2026-12-02T12:00:00.000Z',
      endsAt: '2026-12-03T00:00:00.000Z',
    },
    ...overrides,
  };
}

describe('myShiftsQuery', () => {
  it('asks from yesterday (Beijing) so that last night’s shift is in, through the 7th day', () => {
    expect(myShiftsQuery(lateEvening)).toEqual({ from: '2026-12-01', days: 8 });
    // 17:30 UTC on 1 Dec is already 2 Dec in Beijing.
    expect(myShiftsQuery(Date.parse('2026-12-01T17:30:00Z'))).toEqual({ from: '2026-12-01', days: 8 });
  });
});

describe('myShifts', () => {
  it('finds the officer on the shift on now, and their later shifts soonest first', () => {
    const shifts = myShifts(
      roster([
        entry('2026-12-01', 'night', ['o1']),
        entry('2026-12-02', 'day', ['o1']),
        entry('2026-12-02', 'night', ['o2', 'o1']),
        entry('2026-12-04', 'day', ['o1']),
        entry('2026-12-03', 'night', ['o1']),
        entry('2026-12-03', 'day', ['o2']),
      ]),
      'o1',
      lateEvening,
    );
    expect(shifts.current).toMatchObject({ date: '2026-12-02', shiftId: 'night', name: '夜班' });
    expect(shifts.upcoming.map((shift) => `${shift.date} ${shift.shiftId}`)).toEqual([
      '2026-12-03 night',
      '2026-12-04 day',
    ]);
    expect(currentShiftLabel(shifts)).toBe('当班：夜班 20:00 起');
    expect(shifts.upcoming.map(shiftLabel)).toEqual([
      '12月3日 周四 夜班 20:00 起',
      '12月4日 周五 白班 08:00 起',
    ]);
    expect(hasNoShifts(shifts)).toBe(false);
  });

  it('counts last night’s roster as the shift on in the small hours', () => {
    const smallHours = Date.parse('2026-12-03T03:00:00+08:00');
    const shifts = myShifts(
      roster([entry('2026-12-02', 'night', ['o1']), entry('2026-12-03', 'day', ['o1'])]),
      'o1',
      smallHours,
    );
    expect(currentShiftLabel(shifts)).toBe('当班：夜班 20:00 起');
    expect(shifts.upcoming.map(shiftLabel)).toEqual(['12月3日 周四 白班 08:00 起']);
  });

  it('is off now when the shift on is someone else’s, and stops after the 7th day', () => {
    const shifts = myShifts(
      roster([
        entry('2026-12-02', 'night', ['o2']),
        entry('2026-12-08', 'night', ['o1']),
        entry('2026-12-09', 'day', ['o1']),
      ]),
      'o1',
      lateEvening,
    );
    expect(currentShiftLabel(shifts)).toBe('当前不在班');
    expect(shifts.upcoming.map((shift) => shift.date)).toEqual(['2026-12-08']);
  });

  it('leaves out shifts the schedule no longer has, and says when nothing is planned', () => {
    const shifts = myShifts(
      roster([entry('2026-12-03', 'evening', ['o1'])], {
        schedule: { squadId: 'squad-chigang', rosterDispatch: true, shifts: [] },
      }),
      'o1',
      lateEvening,
    );
    expect(shifts).toEqual({ current: undefined, upcoming: [], rosterDispatch: true });
    expect(hasNoShifts(shifts)).toBe(true);
  });
});
