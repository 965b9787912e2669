import type { Redis } from 'ioredis';
import type { Model } from 'mongoose';
import type { Ticket, TicketEvent } from '@jiefang/contracts';
import { liveEventStream } from '../../http/liveEventStream';
import type { Logger } from '../../infra/logger';
import { canViewTicket } from '../reports/ticketAccess';
import type { TicketDocument } from '../reports/ticketModel';

/** Live ticket changes for the consoles (`GET /api/tickets/events`). */
export function ticketEvents(deps: {
  redis: Redis;
  channel: string;
  tickets: Model<TicketDocument>;
  view: (ticket: TicketDocument) => Ticket;
  logger: Logger;
}) {
  return liveEventStream<TicketDocument>({
    redis: deps.redis,
    channel: deps.channel,
    eventName: 'ticket',
    load: (id) => deps.tickets.findById(id).lean<TicketDocument>().exec(),
    visibleTo: canViewTicket,
    payload: (ticket): TicketEvent => ({ type: 'ticket', ticket: deps.view(ticket) }),
    logger: deps.logger,
  });
}

export type TicketEvents = ReturnType<typeof ticketEvents>;
