import { memoryStore } from '../storage';
import { SESSION_KEY, clearSession, loadSession, saveSession } from './session';

const auth = {
  token: 'tok',
  expiresAt: '2030-01-01T00:00:00.000Z',
  user: { id: 'u1', name: '王队', roles: ['officer' as const], streetId: 'chigang', squadId: 'sq1' },
};

describe('session storage', () => {
  it('round-trips a session', () => {
    const store = memoryStore();
    saveSession(store, auth);
    expect(loadSession(store, Date.parse('2029-01-01'))).toEqual(auth);
    clearSession(store);
    expect(loadSession(store)).toBeUndefined();
  });

  it('drops an expired session', () => {
    const store = memoryStore();
    saveSession(store, auth);
    expect(loadSession(store, Date.parse('2030-01-01T00:00:01Z'))).toBeUndefined();
    expect(store.get(SESSION_KEY)).toBeUndefined();
  });

  it('drops unreadable or foreign data', () => {
    for (const raw of ['{', '"x"', JSON.stringify({ token: 'x' })]) {
      const store = memoryStore({ [SESSION_KEY]: raw });
      expect(loadSession(store)).toBeUndefined();
      expect(store.get(SESSION_KEY)).toBeUndefined();
    }
  });
});
