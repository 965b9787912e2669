import { ticketEventSchema, type Ticket } from '@jiefang/contracts';
import { type ApiError } from '../api/errors';
import { connectEventStream, type EventStream, type LiveStatus } from './eventStream';

export { backoffDelay, RECONNECT_MAX_MS, type LiveStatus } from './eventStream';

export interface TicketEventStreamOptions {
  url: string;
  getToken: () => string | null;
  onTicket: (ticket: Ticket) => void;
  onStatus: (status: LiveStatus) => void;
  /** After every successful (re)connection; `reconnected` is true from the second one on. */
  onOpen?: (reconnected: boolean) => void;
  /** The token was refused: the stream stops for good. */
  onUnauthenticated?: (error: ApiError) => void;
  fetch?: typeof fetch;
  /** Wait before attempt `n` (0-based) after a failure. */
  backoff?: (attempt: number) => number;
  /** No bytes for this long (the server pings every 15 s) means the connection is dead. */
  idleTimeoutMs?: number;
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
