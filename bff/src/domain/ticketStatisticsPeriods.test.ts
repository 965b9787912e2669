import {
  daysBetween,
  daysOfMonth,
  daysOfWeek,
  periodOf,
  rangeLength,
  rangePlan,
} from './ticketStatisticsPeriods';

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
      weeks: [],
      days: ['2030-01-30', '2030-01-31', '2030-03-01', '2030-03-02'],
    });
  });

  it('reads whole ISO weeks of what months leave, across a month end, and dirty ones day by day', () => {
    // 2030-03-04 and 2030-03-25 are Mondays; 2030-03-31 a Sunday.
    expect(rangePlan('2030-03-02', '2030-04-02')).toEqual({
      months: [],
      weeks: ['2030-03-04', '2030-03-11', '2030-03-18', '2030-03-25'],
      days: ['2030-03-02', '2030-03-03', '2030-04-01', '2030-04-02'],
    });
    const partial = rangePlan('2030-02-26', '2030-03-26');
    expect(partial.months).toEqual([]);
    expect(partial.weeks).toEqual(['2030-03-04', '2030-03-11', '2030-03-18']);
    expect(partial.days).toEqual([
      '2030-02-26',
      '2030-02-27',
      '2030-02-28',
      '2030-03-01',
      '2030-03-02',
      '2030-03-03',
      '2030-03-25',
      '2030-03-26',
    ]);
    const dirty = rangePlan('2030-02-26', '2030-03-26', { weeks: new Set(['2030-03-11']) });
    expect(dirty.weeks).toEqual(['2030-03-04', '2030-03-18']);
    expect(dirty.days).toHaveLength(15);
    const dirtyMonth = rangePlan('2030-02-01', '2030-02-28', { months: new Set(['2030-02']) });
    expect(dirtyMonth.weeks).toEqual(['2030-02-04', '2030-02-11', '2030-02-18']);
    expect(dirtyMonth.days).toHaveLength(7);
  });

  it('covers every day of a range exactly once', () => {
    const plan = rangePlan('2029-11-17', '2030-12-02', {
      months: new Set(['2030-06']),
      weeks: new Set(['2030-06-10']),
    });
    const covered = [
      ...plan.months.flatMap(daysOfMonth),
      ...plan.weeks.flatMap(daysOfWeek),
      ...plan.days,
    ].sort();
    expect(covered).toEqual(daysBetween('2029-11-17', '2030-12-02'));
  });
});

describe('rangeLength', () => {
  it('counts both ends and refuses days that do not exist', () => {
    expect(rangeLength('2030-01-01', '2030-12-31')).toBe(365);
    expect(rangeLength('2030-02-30', '2030-03-01')).toBeNull();
    expect(rangeLength('0001-01-01', '9999-12-31')).toBeGreaterThan(3_000_000);
  });
});
