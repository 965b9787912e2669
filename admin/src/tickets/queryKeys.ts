import { type TicketFilters } from './ticketCache';

/** Every ticket query lives under `['tickets']`, so one invalidation refreshes them all. */
export const ticketKeys = {
  all: ['tickets'] as const,
  lists: ['tickets', 'list'] as const,
  list: (filters: TicketFilters) => ['tickets', 'list', filters] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  mine: ['tickets', 'mine'] as const,
};
