import { useEffect, useSyncExternalStore } from 'react';
import { type Session } from '../auth/session';
import { type EventStream, type LiveStatus } from './eventStream';

export interface SharedLiveOptions {
  session: {
    get(): Session | null;
    subscribe(listener: () => void): () => void;
    clear(reason: 'expired' | 'invalid'): void;
  };
  /** Opens the stream for the signed-in person; `onStatus` must be passed on to the stream. */
  connect(context: {
    current: Session;
    getToken: () => string | null;
    onStatus: (status: LiveStatus) => void;
    onUnauthenticated: (error: { code: string }) => void;
  }): EventStream;
}

/**
 * One live connection for the whole tab, shared by every component that wants it: opened by the first,
 * closed after the last leaves, restarted when the person changes. Returns the hook that holds it open.
 */
export function createSharedLive(options: SharedLiveOptions): () => LiveStatus {
  const { session } = options;
  let users = 0;
  let stream: EventStream | null = null;
  let streamToken: string | null = null;
  let status: LiveStatus = 'stopped';
  // Bumped on every start, so a closed stream's last words cannot overwrite the new one's status.
  let generation = 0;
  const listeners = new Set<() => void>();

  function setStatus(next: LiveStatus) {
    status = next;
    for (const listener of listeners) listener();
  }

  function start() {
    const current = session.get();
    if (!current || stream) return;
    streamToken = current.token;
    generation += 1;
    const mine = generation;
    stream = options.connect({
      current,
      getToken: () => session.get()?.token ?? null,
      onStatus: (next) => {
        if (mine === generation) setStatus(next);
      },
      onUnauthenticated: (error) => session.clear(error.code === 'token_expired' ? 'expired' : 'invalid'),
    });
  }

  function stop() {
    stream?.close();
    stream = null;
    streamToken = null;
    generation += 1;
    setStatus('stopped');
  }

  session.subscribe(() => {
    const token = session.get()?.token ?? null;
    if (token === streamToken) return;
    stop();
    if (users > 0 && token) start();
  });

  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => stream?.reconnectNow());
  }

  function subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  return function useSharedLive(): LiveStatus {
    useEffect(() => {
      users += 1;
      start();
      return () => {
        users -= 1;
        if (users === 0) stop();
      };
    }, []);
    return useSyncExternalStore(subscribe, () => status);
  };
}
