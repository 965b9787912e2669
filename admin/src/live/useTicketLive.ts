import { bffRoute } from '../api/routes';
import { apiBaseUrl, queryClient, session } from '../app/services';
import { staffAlerts } from '../alerts/staffAlerts';
import { applyTicketUpdate } from '../tickets/applyTicket';
import { ticketKeys } from '../tickets/queryKeys';
import { createSharedLive } from './sharedLive';
import { connectTicketEvents, type LiveStatus } from './ticketEvents';

const ticketEvents = bffRoute('GET', '/api/tickets/events');

/**
 * Keeps the live ticket stream open while the calling component is mounted; returns its status. One
 * connection for the whole tab, shared by every page that wants it (queue, detail, officer view).
 */
export const useTicketLive: () => LiveStatus = createSharedLive({
  session,
  connect: ({ current, getToken, onStatus, onUnauthenticated }) =>
    connectTicketEvents({
      url: `${apiBaseUrl}${ticketEvents.at().url}`,
      getToken,
      onTicket: (ticket) => {
        applyTicketUpdate(queryClient, ticket, current.user.id);
        staffAlerts.ticket(ticket, current.user);
      },
      onStatus,
      // Events sent while the connection was down are gone: catch up from the lists.
      onOpen: (reconnected) => {
        if (reconnected) void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
      },
      onUnauthenticated,
    }),
});

/** While the stream is down, lists fall back to polling at this interval. */
export const POLL_WHILE_OFFLINE_MS = 10_000;

export function pollInterval(live: LiveStatus): number | false {
  return live === 'open' ? false : POLL_WHILE_OFFLINE_MS;
}
