import { authResponseSchema, type AuthResponse } from '@jiefang/contracts';
import type { KeyValueStore } from '../storage';

export const SESSION_KEY = 'jf.session';

export type Session = AuthResponse;

export function saveSession(store: KeyValueStore, session: Session): void {
  store.set(SESSION_KEY, JSON.stringify(session));
}

export function clearSession(store: KeyValueStore): void {
  store.remove(SESSION_KEY);
}

/** The stored session, or undefined when there is none, it is unreadable or it has expired (then it is removed). */
export function loadSession(store: KeyValueStore, now: number = Date.now()): Session | undefined {
  const raw = store.get(SESSION_KEY);
  if (!raw) return undefined;
  let session: Session | undefined;
  try {
    const parsed = authResponseSchema.safeParse(JSON.parse(raw));
    session = parsed.success ? parsed.data : undefined;
  } catch {
    session = undefined;
  }
  const expiresAt = session ? Date.parse(session.expiresAt) : NaN;
  if (!session || (Number.isFinite(expiresAt) && expiresAt <= now)) {
    clearSession(store);
    return undefined;
  }
  return session;
}
