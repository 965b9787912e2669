import { useSyncExternalStore } from 'react';

export const LARGE_TEXT_STORAGE_KEY = 'jiefang.admin.largeText';

export interface PreferenceStore<T> {
  get(): T;
  set(value: T): void;
  subscribe(listener: () => void): () => void;
}

/** A boolean preference persisted as "1"/"0"; blocked or missing storage falls back to `false`. */
export function createFlagStore(storage: Storage | undefined, key: string): PreferenceStore<boolean> {
  const listeners = new Set<() => void>();
  let value = false;
  try {
    value = storage?.getItem(key) === '1';
  } catch {
    value = false;
  }
  return {
    get: () => value,
    set(next) {
      if (next === value) return;
      value = next;
      try {
        storage?.setItem(key, next ? '1' : '0');
      } catch {
        // Keep the choice for this page only.
      }
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function browserStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

export const largeTextStore = createFlagStore(browserStorage(), LARGE_TEXT_STORAGE_KEY);

/** 大字模式: larger type and controls for elders and for staff who prefer it. */
export function useLargeText(): [boolean, (next: boolean) => void] {
  const value = useSyncExternalStore(largeTextStore.subscribe, largeTextStore.get);
  return [value, largeTextStore.set];
}
