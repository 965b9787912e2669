import { describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../test/memoryStorage';
import { createSessionStore, SESSION_STORAGE_KEY, type Session } from './session';

const session: Session = {
  token: 'tok-1',
  expiresAt: '2030-01-01T00:00:00.000Z',
  user: { id: 'u1', name: '李华', roles: ['dispatcher'] },
};
const before = Date.parse('2029-12-31T00:00:00.000Z');
const after = Date.parse('2030-01-02T00:00:00.000Z');

describe('createSessionStore', () => {
  it('persists a session and restores it on the next page load', () => {
    const storage = new MemoryStorage();
    createSessionStore(storage, () => before).set(session);
    expect(createSessionStore(storage, () => before).get()).toEqual(session);
  });

  it('drops an expired or corrupt stored session', () => {
    const storage = new MemoryStorage();
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    expect(createSessionStore(storage, () => after).get()).toBeNull();
    expect(storage.getItem(SESSION_STORAGE_KEY)).toBeNull();

    storage.setItem(SESSION_STORAGE_KEY, '{not json');
    expect(createSessionStore(storage, () => before).get()).toBeNull();
  });

  it('clears storage, remembers why, and notifies subscribers', () => {
    const storage = new MemoryStorage();
    const store = createSessionStore(storage, () => before);
    store.set(session);
    const listener = vi.fn();
    store.subscribe(listener);
    store.clear('expired');
    expect(store.get()).toBeNull();
    expect(store.lastSignOutReason()).toBe('expired');
    expect(storage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(listener).toHaveBeenCalledTimes(1);
    // Several requests failing with 401 at once end the session once.
    store.clear('expired');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('works without storage (private mode)', () => {
    const store = createSessionStore(undefined);
    store.set(session);
    expect(store.get()?.token).toBe('tok-1');
  });
});
