import { describe, expect, it } from 'vitest';
import { cellKey, dayLabel, rosterCells, weekDates, weekStart } from './week';

const weekdayNames = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

describe('roster weeks', () => {
  it('starts weeks on Monday in Beijing time, even late on Sunday evening UTC', () => {
    // 2026-12-02 is a Wednesday.
    expect(weekStart(Date.parse('2026-12-02T10:00:00+08:00'))).toBe('2026-11-30');
    // Monday 00:30 in Beijing is still Sunday in UTC.
    expect(weekStart(Date.parse('2026-12-07T00:30:00+08:00'))).toBe('2026-12-07');
    expect(weekStart(Date.parse('2026-12-06T23:30:00+08:00'))).toBe('2026-11-30');
    expect(weekStart(Date.parse('2026-12-02T10:00:00+08:00'), 1)).toBe('2026-12-07');
    expect(weekStart(Date.parse('2026-12-02T10:00:00+08:00'), -1)).toBe('2026-11-23');
  });

  it('lists the seven dates across a month end', () => {
    expect(weekDates('2026-11-30')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
  });

  it('finds who works a cell, and labels the days', () => {
    const cells = rosterCells([
      {
        squadId: 's',
        date: '2026-12-02',
        shiftId: 'night',
        officerIds: ['o-1'],
        updatedAt: null,
        updatedBy: null,
      },
    ]);
    expect(cells.get(cellKey('2026-12-02', 'night'))).toEqual(['o-1']);
    expect(cells.get(cellKey('2026-12-02', 'day'))).toBeUndefined();
    expect(dayLabel('2026-12-02', weekdayNames)).toBe('12-02 周三');
  });
});
