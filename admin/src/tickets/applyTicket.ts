import { type QueryClient } from '@tanstack/react-query';
import { type Ticket, type TicketList } from '@jiefang/contracts';
import { ticketKeys } from './queryKeys';
import { isNewer, mergeIntoAssignments, mergeTicketIntoList, type TicketFilters } from './ticketCache';

/**
 * Puts a changed ticket (from the live stream or an action's answer) into every cached view of it:
 * its detail, each queue page according to that page's filters, and the officer's own list.
 */
export function applyTicketUpdate(client: QueryClient, ticket: Ticket, officerId?: string): void {
  const detailKey = ticketKeys.detail(ticket.id);
  const current = client.getQueryData<Ticket>(detailKey);
  if (current && isNewer(current, ticket)) client.setQueryData(detailKey, ticket);

  for (const [key, list] of client.getQueriesData<TicketList>({ queryKey: ticketKeys.lists })) {
    if (!list) continue;
    const filters = (key[2] ?? {}) as TicketFilters;
    const next = mergeTicketIntoList(list, ticket, filters);
    if (next !== list) client.setQueryData(key, next);
  }

  if (officerId) {
    const mine = client.getQueryData<Ticket[]>(ticketKeys.mine);
    if (mine) {
      const next = mergeIntoAssignments(mine, ticket, officerId);
      if (next !== mine) client.setQueryData(ticketKeys.mine, next);
    }
  }
}
