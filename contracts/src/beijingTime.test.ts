import {
  beijingClock,
  beijingDate,
  beijingDayNumber,
  beijingDayStart,
  beijingInstant,
  beijingMinutes,
  beijingWeekday,
} from './beijingTime';
import { metersBetween } from './geo';

test('an instant late on a UTC day is already the next Beijing day', () => {
  const at = Date.parse('2026-12-01T17:30:00Z');
  expect(beijingDate(at)).toBe('2026-12-02');
  expect(beijingClock(at)).toBe('01:30');
  expect(beijingMinutes(at)).toBe(90);
  expect(beijingWeekday(at)).toBe(3);
  expect(beijingInstant('2026-12-02', 90)).toBe(at);
  expect(new Date(beijingDayStart(beijingDayNumber(at))).toISOString()).toBe('2026-12-01T16:00:00.000Z');
});

test('a degree of latitude is about 111 km', () => {
  expect(metersBetween({ lat: 23, lng: 113 }, { lat: 24, lng: 113 })).toBeCloseTo(111_195, -2);
});
