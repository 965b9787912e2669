// A zone that skips 02:00–03:00 on 2030-03-10: the pickers' digits must survive it.
process.env.TZ = 'America/New_York';
import { describe, expect, it } from 'vitest';
import { clockLimits, clockOf, clockToDayjs, dayOf, dayToDayjs } from './wallClockValue';

describe('wall-clock picker values', () => {
  it('round-trips days and clock times digit for digit, whatever the browser’s zone', () => {
    expect(dayOf(dayToDayjs('2030-03-10')!)).toBe('2030-03-10');
    expect(dayOf(dayToDayjs('2030-12-31')!)).toBe('2030-12-31');
    expect(clockOf(clockToDayjs('02:30')!)).toBe('02:30');
    expect(clockOf(clockToDayjs('08:30')!)).toBe('08:30');
    expect(dayToDayjs('2030-02-30')).toBeNull();
    expect(clockToDayjs('8:30 PM')).toBeNull();
    expect(dayToDayjs(undefined)).toBeNull();
  });

  it('leaves only the hours and minutes within service hours', () => {
    const limits = clockLimits('07:00', '21:00');
    const hours = limits.disabledHours();
    expect(Array.from({ length: 24 }, (_, h) => h).filter((h) => !hours.includes(h))).toEqual(
      Array.from({ length: 15 }, (_, i) => 7 + i),
    );
    expect(limits.disabledMinutes(7)).toEqual([]);
    expect(limits.disabledMinutes(21)).toEqual(Array.from({ length: 59 }, (_, i) => i + 1));
    expect(clockLimits('07:30', '20:45').disabledMinutes(7)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});
