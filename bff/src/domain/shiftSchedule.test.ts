import { defaultShifts } from '@jiefang/contracts';
import { shiftAt, shiftsStartingBetween } from './shiftSchedule';

const at = (iso: string) => Date.parse(iso);

describe('shiftAt', () => {
  it('gives the day shift by day and the night shift by night, the night belonging to the date it began', () => {
    expect(shiftAt(defaultShifts, at('2026-12-02T09:30:00+08:00'))).toMatchObject({
      date: '2026-12-02',
      shiftId: 'day',
      startsAt: at('2026-12-02T08:00:00+08:00'),
      endsAt: at('2026-12-02T20:00:00+08:00'),
    });
    // 唐闸: a report at 23:00 goes to the night shift.
    expect(shiftAt(defaultShifts, at('2026-12-02T23:00:00+08:00'))).toMatchObject({
      date: '2026-12-02',
      shiftId: 'night',
    });
    expect(shiftAt(defaultShifts, at('2026-12-03T02:00:00+08:00'))).toMatchObject({
      date: '2026-12-02',
      shiftId: 'night',
      endsAt: at('2026-12-03T08:00:00+08:00'),
    });
  });

  it('switches exactly at a shift’s start', () => {
    expect(shiftAt(defaultShifts, at('2026-12-02T20:00:00+08:00')).shiftId).toBe('night');
    expect(shiftAt(defaultShifts, at('2026-12-02T19:59:59.999+08:00')).shiftId).toBe('day');
  });

  it('takes shifts in any order and any number', () => {
    const three = [
      { id: 'late', name: '中班', start: '16:00' },
      { id: 'early', name: '早班', start: '00:00' },
      { id: 'mid', name: '日班', start: '08:00' },
    ];
    expect(shiftAt(three, at('2026-12-02T07:59:00+08:00'))).toMatchObject({
      shiftId: 'early',
      date: '2026-12-02',
    });
    expect(shiftAt(three, at('2026-12-02T23:59:00+08:00'))).toMatchObject({
      shiftId: 'late',
      endsAt: at('2026-12-03T00:00:00+08:00'),
    });
  });
});

describe('shiftsStartingBetween', () => {
  it('lists the starts in a window, across midnight', () => {
    const starts = shiftsStartingBetween(
      defaultShifts,
      at('2026-12-02T19:00:00+08:00'),
      at('2026-12-03T08:30:00+08:00'),
    );
    expect(starts.map((shift) => `${shift.date}/${shift.shiftId}`)).toEqual([
      '2026-12-02/night',
      '2026-12-03/day',
    ]);
  });

  it('leaves out a shift that started just before the window', () => {
    expect(
      shiftsStartingBetween(
        defaultShifts,
        at('2026-12-02T20:00:00.001+08:00'),
        at('2026-12-02T21:00:00+08:00'),
      ),
    ).toEqual([]);
  });
});
