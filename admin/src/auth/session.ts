import { authResponseSchema, type AuthResponse, type User } from '@jiefang/contracts';

export type Session = AuthResponse;

/** Why the last session ended, so the login page can say so. */
export type SignOutReason = 'logout' | 'expired' | 'invalid';

export interface SessionStore {
  get(): Session | null;
  set(session: Session): void;
  /** Replaces the stored user (e.g. after `GET /api/me`), keeping the token. */
  updateUser(user: User): void;
  clear(reason: SignOutReason): void;
  lastSignOutReason(): SignOutReason | null;
  /** Re-reads storage, e.g. after another tab signed in or out. */
  reload(): void;
  subscribe(listener: () => void): () => void;
}

export const SESSION_STORAGE_KEY = 'jiefang.admin.session';

/**
 * The signed-in session, kept in `storage` (localStorage in the browser) so a reload keeps the person
 * signed in. The in-memory copy is the snapshot React reads; it only changes through this store.
 */
export function createSessionStore(storage: Storage | undefined, now: () => number = Date.now): SessionStore {
  const listeners = new Set<() => void>();
  let current = read();
  let reason: SignOutReason | null = null;

  function read(): Session | null {
    let raw: string | null = null;
    try {
      raw = storage?.getItem(SESSION_STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
    if (!raw) return null;
    try {
      const parsed = authResponseSchema.safeParse(JSON.parse(raw));
      if (parsed.success && !isExpired(parsed.data, now())) return parsed.data;
    } catch {
      // Corrupt value: treat as signed out.
    }
    remove();
    return null;
  }

  function write(session: Session): void {
    try {
      storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    } catch {
      // Storage full or blocked: the session still lives for this page.
    }
  }

  function remove(): void {
    try {
      storage?.removeItem(SESSION_STORAGE_KEY);
    } catch {
      // Nothing to do.
    }
  }

  function emit(): void {
    for (const listener of listeners) listener();
  }

  return {
    get: () => current,
    set(session) {
      current = session;
      reason = null;
      write(session);
      emit();
    },
    updateUser(user) {
      if (!current) return;
      current = { ...current, user };
      write(current);
      emit();
    },
    clear(why) {
      if (!current && reason === why) return;
      current = null;
      reason = why;
      remove();
      emit();
    },
    lastSignOutReason: () => reason,
    reload() {
      const next = read();
      if (next?.token === current?.token) return;
      current = next;
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function isExpired(session: Session, nowMs: number): boolean {
  const expiresAt = Date.parse(session.expiresAt);
  return Number.isFinite(expiresAt) && expiresAt <= nowMs;
}
