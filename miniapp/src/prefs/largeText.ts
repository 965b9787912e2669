import type { KeyValueStore } from '../storage';

export const LARGE_TEXT_KEY = 'jf.largeText';

export function readLargeText(store: KeyValueStore): boolean {
  return store.get(LARGE_TEXT_KEY) === '1';
}

/** Class names of every page's root: `jf-large` scales all font sizes through CSS variables (app.scss). */
export function pageClassName(largeText: boolean): string {
  return largeText ? 'jf-page jf-large' : 'jf-page';
}

export interface LargeTextPreference {
  get(): boolean;
  set(on: boolean): void;
  toggle(): boolean;
  subscribe(listener: () => void): () => void;
}

/** The large-text switch, persisted in `store`, observable so every mounted page re-renders when it flips. */
export function createLargeTextPreference(store: KeyValueStore): LargeTextPreference {
  let value = readLargeText(store);
  const listeners = new Set<() => void>();
  const set = (on: boolean) => {
    if (on === value) return;
    value = on;
    store.set(LARGE_TEXT_KEY, on ? '1' : '0');
    listeners.forEach((listener) => listener());
  };
  return {
    get: () => value,
    set,
    toggle: () => {
      set(!value);
      return value;
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
