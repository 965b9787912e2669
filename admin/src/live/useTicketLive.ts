import { useEffect, useSyncExternalStore } from 'react';
import { apiBaseUrl, queryClient, session } from '../app/services';
import { applyTicketUpdate } from '../tickets/applyTicket';
import { ticketKeys } from '../tickets/queryKeys';
import { connectTicketEvents, type LiveStatus, type TicketEventStream } from './ticketEvents';

/**
 * One live connection for the whole tab, shared by every page that wants it (queue, detail, officer
 * view): opened by the first, closed after the last leaves, restarted when the person changes.
 */
let users = 0;
let stream: TicketEventStream | null = null;
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
  const officerId = current.user.id;
  generation += 1;
  const mine = generation;
  stream = connectTicketEvents({
    url: `${apiBaseUrl}/api/tickets/events`,
    getToken: () => session.get()?.token ?? null,
    onTicket: (ticket) => applyTicketUpdate(queryClient, ticket, officerId),
    onStatus: (next) => {
      if (mine === generation) setStatus(next);
    },
    // Events sent while the connection was down are gone: catch up from the lists.
    onOpen: (reconnected) => {
      if (reconnected) void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
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

/** Keeps the live ticket stream open while the calling component is mounted; returns its status. */
export function useTicketLive(): LiveStatus {
  useEffect(() => {
    users += 1;
    start();
    return () => {
      users -= 1;
      if (users === 0) stop();
    };
  }, []);
  return useSyncExternalStore(subscribe, () => status);
}

/** While the stream is down, lists fall back to polling at this interval. */
export const POLL_WHILE_OFFLINE_MS = 10_000;

export function pollInterval(live: LiveStatus): number | false {
  return live === 'open' ? false : POLL_WHILE_OFFLINE_MS;
}
