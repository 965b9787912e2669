import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime } from './format';

describe('formatTime', () => {
  const now = Date.parse('2030-01-31T04:00:00.000Z'); // 12:00 in Guangzhou

  it('shows the time alone for today in China Standard Time', () => {
    expect(formatTime('2030-01-31T00:05:12.000Z', now)).toBe('08:05:12');
  });

  it('adds the date for another day (judged in Guangzhou, not UTC)', () => {
    // 23:30 UTC on the 30th is already the 31st in Guangzhou.
    expect(formatTime('2030-01-30T23:30:00.000Z', now)).toBe('07:30:00');
    expect(formatTime('2030-01-30T12:00:00.000Z', now)).toBe('01-30 20:00');
  });

  it('formats a full timestamp', () => {
    expect(formatDateTime('2030-01-31T00:05:12.000Z')).toBe('2030-01-31 08:05:12');
  });
});

describe('midnight', () => {
  it('is 00, not 24', () => {
    expect(formatDateTime('2030-01-30T16:00:05.000Z')).toBe('2030-01-31 00:00:05');
  });
});
