import type { Model } from 'mongoose';
import type { ReportListQuery, Ticket, TicketList } from '@jiefang/contracts';
import type { TicketDocument } from './ticketModel';

/** One page of tickets matching a filter, newest first, with the total for paging. */
export async function ticketPage(
  tickets: Model<TicketDocument>,
  filter: Record<string, unknown>,
  query: Pick<ReportListQuery, 'limit' | 'offset'>,
  view: (ticket: TicketDocument) => Ticket,
): Promise<TicketList> {
  const [items, total] = await Promise.all([
    tickets
      .find(filter)
      .sort({ reportedAt: -1 })
      .skip(query.offset)
      .limit(query.limit)
      .lean<TicketDocument[]>(),
    tickets.countDocuments(filter),
  ]);
  return { items: items.map(view), total };
}
