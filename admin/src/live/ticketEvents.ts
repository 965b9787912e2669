import { ticketEventSchema, type Ticket } from '@jiefang/contracts';
import { connectEventStream, type EventStream, type TypedEventStreamOptions } from './eventStream';

export { backoffDelay, RECONNECT_MAX_MS, type LiveStatus } from './eventStream';

export interface TicketEventStreamOptions extends TypedEventStreamOptions {
  onTicket: (ticket: Ticket) => void;
}

export type TicketEventStream = EventStream;

/** Follows `GET /api/tickets/events`, delivering each `ticket` event that matches the contract. */
export function connectTicketEvents({ onTicket, ...options }: TicketEventStreamOptions): TicketEventStream {
  return connectEventStream({
    ...options,
    event: 'ticket',
    parse: (payload) => {
      const parsed = ticketEventSchema.safeParse(payload);
      return parsed.success ? parsed.data.ticket : undefined;
    },
    onEvent: onTicket,
  });
}
