import { beijingDate, beijingMinutes } from '@jiefang/contracts';
import {
  addDays,
  checkWindow,
  dayChoices,
  dayLabel,
  durationChoices,
  durationLabel,
  formatWindow,
  isToday,
  startChoices,
  toBeijingIso,
  weekdayOf,
} from './time';

/** 2026-11-24 is a Tuesday; 08:00 Beijing is 00:00 UTC. */
const at = (iso: string) => Date.parse(iso);

describe('toBeijingIso', () => {
  it('writes a Beijing day and clock time as ISO 8601 with +08:00', () => {
    expect(toBeijingIso('2026-11-24', '09:00')).toBe('2026-11-24T09:00:00+08:00');
    expect(toBeijingIso('2026-11-24', 7 * 60 + 30)).toBe('2026-11-24T07:30:00+08:00');
    expect(Date.parse(toBeijingIso('2026-11-24', '09:00'))).toBe(at('2026-11-24T01:00:00Z'));
  });

  it('rolls minutes past midnight into the next day, across months and years', () => {
    expect(toBeijingIso('2026-11-30', 24 * 60 + 30)).toBe('2026-12-01T00:30:00+08:00');
    expect(toBeijingIso('2026-12-31', '24:00')).toBe('2027-01-01T00:00:00+08:00');
  });

  it('refuses malformed days and times', () => {
    expect(() => toBeijingIso('2026-02-30', '09:00')).toThrow(RangeError);
    expect(() => toBeijingIso('24/11/2026', '09:00')).toThrow(RangeError);
    expect(() => toBeijingIso('2026-11-24', '9:00')).toThrow(RangeError);
    expect(() => toBeijingIso('2026-11-24', '25:00')).toThrow(RangeError);
  });
});

describe('Beijing calendar', () => {
  it('takes the day and minutes on Beijing time whatever the instant’s zone', () => {
    // 23:30 UTC on the 23rd is 07:30 on the 24th in Beijing.
    expect(beijingDate(at('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
    expect(beijingMinutes(at('2026-11-23T23:30:00Z'))).toBe(7 * 60 + 30);
    expect(beijingDate(at('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
  });

  it('adds days and knows the weekday (0 = Sunday)', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-11-24')).toBe(2);
    expect(weekdayOf('2026-11-29')).toBe(0);
  });

  it('labels days 今天 / 明天 / 后天, then by weekday', () => {
    const now = at('2026-11-24T02:00:00Z');
    expect(dayLabel('2026-11-24', now)).toEqual({ main: '今天', sub: '11月24日 周二' });
    expect(dayLabel('2026-11-25', now)).toEqual({ main: '明天', sub: '11月25日 周三' });
    expect(dayLabel('2026-11-26', now)).toEqual({ main: '后天', sub: '11月26日 周四' });
    expect(dayLabel('2026-11-29', now)).toEqual({ main: '周日', sub: '11月29日' });
    expect(isToday('2026-11-24T20:00:00+08:00', now)).toBe(true);
    expect(isToday('2026-11-25T00:30:00+08:00', now)).toBe(false);
  });
});

describe('startChoices', () => {
  it('offers every half hour from 07:00 so that the service ends by 21:00', () => {
    const now = at('2026-11-20T00:00:00Z');
    const choices = startChoices('2026-11-24', 120, now);
    expect(choices[0]).toEqual({ time: '07:00', minutes: 420, period: 'morning' });
    expect(choices.at(-1)?.time).toBe('19:00');
    expect(choices).toHaveLength(25);
    expect(choices.find((c) => c.time === '12:00')?.period).toBe('afternoon');
    expect(choices.find((c) => c.time === '18:30')?.period).toBe('evening');
  });

  it('on today leaves at least 30 minutes before the start', () => {
    // 10:10 Beijing: 10:30 is too soon, 11:00 is the first.
    const now = at('2026-11-24T02:10:00Z');
    expect(startChoices('2026-11-24', 60, now)[0]?.time).toBe('11:00');
    expect(startChoices('2026-11-23', 60, now)).toEqual([]);
  });

  it('offers nothing for a bad day or duration', () => {
    expect(startChoices('2026-13-01', 60, 0)).toEqual([]);
    expect(startChoices('2026-11-24', 0, 0)).toEqual([]);
    expect(startChoices('2026-11-24', 15 * 60, 0)).toEqual([]);
  });
});

describe('dayChoices', () => {
  it('starts today while a time is still free, else tomorrow', () => {
    const morning = at('2026-11-24T01:00:00Z'); // 09:00
    expect(dayChoices(60, morning, 3)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']);
    const evening = at('2026-11-24T12:00:00Z'); // 20:00: a one-hour service cannot end by 21:00
    expect(dayChoices(60, evening, 3)).toEqual(['2026-11-25', '2026-11-26']);
  });
});

describe('durations', () => {
  it('offers the service’s usual length and whole hours', () => {
    expect(durationChoices(30)).toEqual([30, 60, 120, 180, 240]);
    expect(durationChoices(120)).toEqual([60, 120, 180, 240]);
    expect(durationChoices(150)).toEqual([60, 120, 150, 180, 240]);
    expect(durationChoices(0)).toEqual([60, 120, 180, 240]);
  });

  it('names durations in minutes or hours', () => {
    expect(durationLabel(30)).toBe('30 分钟');
    expect(durationLabel(60)).toBe('1 小时');
    expect(durationLabel(150)).toBe('2.5 小时');
  });
});

describe('checkWindow', () => {
  const now = at('2026-11-24T01:00:00Z'); // 09:00 Beijing

  it('accepts a future window inside 07:00–21:00', () => {
    expect(checkWindow('2026-11-24T10:00:00+08:00', '2026-11-24T12:00:00+08:00', now)).toEqual({ ok: true });
    expect(checkWindow('2026-11-25T07:00:00+08:00', '2026-11-25T21:00:00+08:00', now).ok).toBe(true);
  });

  it('refuses a past window, one outside service hours, or one ending before it starts', () => {
    expect(checkWindow('2026-11-24T08:00:00+08:00', '2026-11-24T10:00:00+08:00', now).message).toBe(
      '这个时间已经过去了，请重新选择',
    );
    expect(checkWindow('2026-11-25T06:30:00+08:00', '2026-11-25T08:00:00+08:00', now).message).toBe(
      '服务时间为每天 07:00–21:00，请重新选择',
    );
    expect(checkWindow('2026-11-25T20:00:00+08:00', '2026-11-25T21:30:00+08:00', now).ok).toBe(false);
    expect(checkWindow('2026-11-25T10:00:00+08:00', '2026-11-25T09:00:00+08:00', now).message).toBe(
      '结束时间必须晚于开始时间',
    );
    expect(checkWindow('soon', '2026-11-25T09:00:00+08:00', now).ok).toBe(false);
  });

  it('reads the offset: a UTC window is checked on Beijing time', () => {
    // 23:00 UTC = 07:00 Beijing next day.
    expect(checkWindow('2026-11-24T23:00:00Z', '2026-11-25T01:00:00Z', now).ok).toBe(true);
  });
});

describe('formatWindow', () => {
  const now = at('2026-11-24T01:00:00Z');

  it('shows the day in words and both clock times on Beijing time', () => {
    expect(formatWindow('2026-11-24T09:30:00+08:00', '2026-11-24T11:00:00+08:00', now)).toBe(
      '今天 09:30–11:00',
    );
    expect(formatWindow('2026-11-25T01:00:00Z', '2026-11-25T03:00:00Z', now)).toBe('明天 09:00–11:00');
    expect(formatWindow('2026-12-01T14:00:00+08:00', '2026-12-01T15:00:00+08:00', now)).toBe(
      '12月1日 周二 14:00–15:00',
    );
    expect(formatWindow('bad', '2026-12-01T15:00:00+08:00', now)).toBe('');
  });
});
