import { describe, expect, it } from 'vitest';
import { beijingMonth, matchingQuickRange, quickRange, rolledOver } from './dateRange';

// 01:00 on Thursday 3 January 2030 in Beijing, still 2 January in UTC.
const now = Date.parse('2030-01-02T17:00:00Z');

describe('quickRange', () => {
  it('counts Beijing days, not the browser’s', () => {
    expect(quickRange('today', now)).toEqual({ from: '2030-01-03', to: '2030-01-03' });
  });

  it('starts a week on Monday, across a year end', () => {
    expect(quickRange('thisWeek', now)).toEqual({ from: '2029-12-31', to: '2030-01-03' });
    // A Monday is its own week's first day; a Sunday belongs to the week before.
    expect(quickRange('thisWeek', Date.parse('2029-12-31T02:00:00+08:00')).from).toBe('2029-12-31');
    expect(quickRange('thisWeek', Date.parse('2030-01-06T23:00:00+08:00')).from).toBe('2029-12-31');
  });

  it('starts a month on its first day', () => {
    expect(quickRange('thisMonth', now)).toEqual({ from: '2030-01-01', to: '2030-01-03' });
  });

  it('takes thirty days including today', () => {
    expect(quickRange('last30Days', now)).toEqual({ from: '2029-12-05', to: '2030-01-03' });
  });
});

describe('beijingMonth', () => {
  it('is the Beijing month', () => {
    expect(beijingMonth(Date.parse('2030-01-31T16:30:00Z'))).toBe('2030-02');
  });
});

describe('matchingQuickRange', () => {
  it('recognises a quick range and nothing else', () => {
    expect(matchingQuickRange({ from: '2029-12-05', to: '2030-01-03' }, now)).toBe('last30Days');
    expect(matchingQuickRange({ from: '2030-01-01', to: '2030-01-03' }, now)).toBe('thisMonth');
    expect(matchingQuickRange({ from: '2030-01-02', to: '2030-01-03' }, now)).toBeUndefined();
  });
});

describe('rolledOver', () => {
  const nextDay = now + 24 * 3600_000;
  it('moves a quick range to the new Beijing day and leaves a picked range alone', () => {
    expect(rolledOver(quickRange('today', now), now, nextDay)).toEqual({
      from: '2030-01-04',
      to: '2030-01-04',
    });
    expect(rolledOver(quickRange('last30Days', now), now, nextDay)).toEqual({
      from: '2029-12-06',
      to: '2030-01-04',
    });
    const picked = { from: '2029-12-01', to: '2029-12-31' };
    expect(rolledOver(picked, now, nextDay)).toBe(picked);
  });
});
