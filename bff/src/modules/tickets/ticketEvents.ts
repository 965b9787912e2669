import type { Redis } from 'ioredis';
import type { Ticket, TicketEvent } from '@jiefang/contracts';
import { liveEventStream } from '../../http/liveEventStream';
import type { Logger } from '../../infra/logger';
import { seesTicketAsStaff } from './ticketAccess';
import type { TicketDocument } from './ticketModel';
import type { TicketStore } from './ticketStore';
import type { TicketViewer } from './ticketView';

/** Live ticket changes for the consoles (`GET /api/tickets/events`). */
export function ticketEvents(deps: {
  redis: Redis;
  channel: string;
  store: Pick<TicketStore, 'findById'>;
  view: (ticket: TicketDocument, viewer: TicketViewer) => Ticket;
  logger: Logger;
}) {
  return liveEventStream<TicketDocument>({
    redis: deps.redis,
    channel: deps.channel,
    eventName: 'ticket',
    load: (id) => deps.store.findById(id),
    // The consoles' stream: staff responsible for the ticket, who all see it whole.
    visibleTo: seesTicketAsStaff,
    payload: (ticket): TicketEvent => ({ type: 'ticket', ticket: deps.view(ticket, 'staff') }),
    logger: deps.logger,
  });
}

export type TicketEvents = ReturnType<typeof ticketEvents>;
