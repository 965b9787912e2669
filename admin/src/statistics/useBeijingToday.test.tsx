// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { beijingDate } from '@jiefang/contracts';
import { useBeijingToday } from './useBeijingToday';

afterEach(() => vi.useRealTimers());

describe('useBeijingToday', () => {
  it('moves on at Beijing midnight, not before', () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    vi.useFakeTimers({ now: Date.parse('2030-01-02T23:59:00+08:00') });
    let seen = 0;
    function Probe() {
      seen = useBeijingToday();
      return null;
    }
    const root = createRoot(document.createElement('div'));
    act(() => root.render(<Probe />));
    expect(beijingDate(seen)).toBe('2030-01-02');
    act(() => void vi.advanceTimersByTime(30_000));
    expect(beijingDate(seen)).toBe('2030-01-02');
    act(() => void vi.advanceTimersByTime(32_000));
    expect(beijingDate(seen)).toBe('2030-01-03');
    act(() => void vi.advanceTimersByTime(24 * 3600_000));
    expect(beijingDate(seen)).toBe('2030-01-04');
    act(() => root.unmount());
  });
});
