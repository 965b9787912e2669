import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SLA_MINUTES,
  formatDuration,
  formatRate,
  formatSatisfaction,
  formatScore,
  promisedMinutes,
} from './figures';

describe('formatRate', () => {
  it('shows a share in percent with at most one decimal', () => {
    expect(formatRate(33 / 36)).toBe('91.7%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
  });

  it('shows a dash when nothing was measured, not 0 %', () => {
    expect(formatRate(null)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('picks seconds, minutes or hours', () => {
    expect(formatDuration(0.5)).toBe('30 秒');
    expect(formatDuration(9.54)).toBe('9.5 分钟');
    expect(formatDuration(12)).toBe('12 分钟');
    expect(formatDuration(150)).toBe('2.5 小时');
    expect(formatDuration(null)).toBe('—');
  });
});

describe('formatSatisfaction and formatScore', () => {
  it('show one decimal, or a dash', () => {
    expect(formatSatisfaction(4.63)).toBe('4.6');
    expect(formatSatisfaction(null)).toBe('—');
    expect(formatScore(92.45)).toBe('92.5');
    expect(formatScore(88)).toBe('88');
    expect(formatScore(null)).toBe('—');
  });
});

describe('promisedMinutes', () => {
  it('is the SLA most categories share', () => {
    expect(
      promisedMinutes([{ onSiteSlaMinutes: 15 }, { onSiteSlaMinutes: 15 }, { onSiteSlaMinutes: 30 }]),
    ).toBe(15);
  });

  it('falls back to the district’s 15 minutes until the catalogue loads', () => {
    expect(promisedMinutes(undefined)).toBe(DEFAULT_SLA_MINUTES);
    expect(promisedMinutes([])).toBe(15);
  });
});
