import { describe, expect, it, vi } from 'vitest';
import { buildTheme } from '../app/theme';
import { MemoryStorage } from '../test/memoryStorage';
import { createFlagStore, LARGE_TEXT_STORAGE_KEY } from './largeText';

describe('large-text preference', () => {
  it('defaults to off and persists the choice', () => {
    const storage = new MemoryStorage();
    const store = createFlagStore(storage, LARGE_TEXT_STORAGE_KEY);
    expect(store.get()).toBe(false);
    const listener = vi.fn();
    store.subscribe(listener);
    store.set(true);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(storage.getItem(LARGE_TEXT_STORAGE_KEY)).toBe('1');
    expect(createFlagStore(storage, LARGE_TEXT_STORAGE_KEY).get()).toBe(true);
  });

  it('scales the theme font and controls', () => {
    const normal = buildTheme(false).token;
    const large = buildTheme(true).token;
    expect(normal?.fontSize).toBe(14);
    expect(large?.fontSize).toBeGreaterThan(normal?.fontSize ?? 0);
    expect(large?.controlHeight).toBeGreaterThan(normal?.controlHeight ?? 0);
  });
});
