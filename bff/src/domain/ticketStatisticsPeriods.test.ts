import { daysBetween, daysOfMonth, periodOf, rangeLength, rangePlan } from './ticketStatisticsPeriods';

describe('statistics periods', () => {
  it('lists days across a month end and a leap day', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(daysOfMonth('2030-02')).toHaveLength(28);
  });

  it('puts a day in its ISO week (Monday) and month', () => {
    expect(periodOf('2030-03-10', 'week')).toBe('2030-03-04'); // a Sunday
    expect(periodOf('2030-03-04', 'week')).toBe('2030-03-04');
    expect(periodOf('2030-03-10', 'month')).toBe('2030-03');
  });

  it('reads whole clean months from their summaries and the rest day by day', () => {
    expect(rangePlan('2030-01-30', '2030-03-02')).toEqual({
      months: ['2030-02'],
      days: ['2030-01-30', '2030-01-31', '2030-03-01', '2030-03-02'],
    });
    expect(rangePlan('2030-02-01', '2030-02-28', new Set(['2030-02'])).days).toHaveLength(28);
  });
});

describe('rangeLength', () => {
  it('counts both ends and refuses days that do not exist', () => {
    expect(rangeLength('2030-01-01', '2030-12-31')).toBe(365);
    expect(rangeLength('2030-02-30', '2030-03-01')).toBeNull();
    expect(rangeLength('0001-01-01', '9999-12-31')).toBeGreaterThan(3_000_000);
  });
});
